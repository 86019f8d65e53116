// The create-user form: host side.
import * as vscode from 'vscode';
import { RULE_PROFILES } from '../core/rules/profiles';
import type { RuleProfileId } from '../core/types';
import { errorText } from './errorText';
import type { CreateUserInput, UserFormMessage } from './messages';
import { openFormPanel, type FormPanel, type Log } from './panelHost';
import { userFormBody } from './userFormMarkup';
import { hasErrors, validateUser } from './userModel';

export interface UserFormInit {
  connectionName: string;
  profile: RuleProfileId;
  roles: string[];
  /** The users the server has, to flag a taken name as it is typed; undefined when they could not be listed. */
  users?: string[];
  descriptionSupported: boolean;
}

export interface UserFormHandlers {
  /** The panel closes when this resolves; on rejection it stays open with the input and shows the message. */
  create(input: CreateUserInput): Promise<void>;
  /** Where rejected webview messages are reported (never with their content). */
  log?: Log;
}

/** What the page script reads from the init JSON. */
export interface UserFormInitData {
  profile: RuleProfileId;
  descriptionSupported: boolean;
  users?: string[];
}

export function openUserForm(
  context: vscode.ExtensionContext,
  init: UserFormInit,
  handlers: UserFormHandlers,
): vscode.WebviewPanel {
  const knownRoles = new Set(init.roles);
  let busy = false;

  const refuse = ({ username, password, description, roles }: CreateUserInput): string | undefined => {
    const errors = validateUser({ username, password, confirm: password, description }, init.profile, init.users);
    if (hasErrors(errors)) return errors.username ?? errors.password ?? errors.description;
    if (roles.some((role) => !knownRoles.has(role)) || new Set(roles).size !== roles.length)
      return vscode.l10n.t('Unknown role selected; reopen the form to get the current roles.');
    if (busy) return vscode.l10n.t('The user is still being created.');
    return undefined;
  };

  const onMessage = async (message: UserFormMessage, form: FormPanel): Promise<void> => {
    const { requestId } = message;
    if (message.type === 'copy') {
      await vscode.env.clipboard.writeText(message.text);
      form.reply({ type: 'result', requestId, ok: true });
      return;
    }
    const { username, password, description, roles } = message.input;
    const refusal = refuse(message.input);
    if (refusal) {
      form.reply({ type: 'result', requestId, ok: false, error: refusal });
      return;
    }
    const input: CreateUserInput = { username, password, roles };
    if (init.descriptionSupported && description?.trim()) input.description = description.trim();
    busy = true;
    try {
      await handlers.create(input);
      form.reply({ type: 'result', requestId, ok: true });
      form.panel.dispose();
    } catch (e) {
      form.reply({ type: 'result', requestId, ok: false, error: errorText(e, [password]) });
    } finally {
      busy = false;
    }
  };

  const initData: UserFormInitData = {
    profile: init.profile,
    descriptionSupported: init.descriptionSupported,
    users: init.users,
  };
  return openFormPanel(context, {
    kind: 'userForm',
    viewType: 'milvusAccessManager.userForm',
    title: vscode.l10n.t('Create user · {0}', init.connectionName),
    body: userFormBody({
      connectionName: init.connectionName,
      profileLabel: RULE_PROFILES[init.profile].label,
      roles: init.roles,
      descriptionSupported: init.descriptionSupported,
    }),
    init: initData,
    log: handlers.log,
    onMessage,
  }).panel;
}
