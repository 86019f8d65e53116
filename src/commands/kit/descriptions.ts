// The Edit Description flow shared by users and roles: a prefilled InputBox checked as it is typed, then one write.
import * as vscode from 'vscode';
import type { AdminApi } from '../../core/adminApi';
import { MilvusError } from '../../core/errors/milvusError';
import { checkDescription } from '../../core/rules/checks';
import type { FeatureSet } from '../../core/types';
import { CTX } from '../../tree/contextValues';
import type { Flow } from './multiStep';
import { inputText } from './pickers';
import type { ActiveConnection } from './activeConnection';
import { refreshFolders } from './treeRefresh';

type Kind = 'user' | 'role';

/** What Edit Role/User Description resolves with. */
export interface DescriptionEdit {
  /** The user or role. */
  name: string;
  /** The description the server now keeps. */
  description: string;
  /** False when the text was unchanged, so nothing was sent. */
  changed: boolean;
}

export interface DescribedItem {
  kind: Kind;
  name: string;
  /** The feature the write needs; checked before anything is asked. */
  feature: keyof FeatureSet;
  /** The current description ('' when none), read fresh from the server. */
  read(api: AdminApi): Promise<string>;
  write(api: AdminApi, description: string): Promise<void>;
}

/** An InputBox for a description, checked as it is typed (Milvus keeps at most 1024 bytes). */
export function inputDescription(kind: Kind, options: vscode.InputBoxOptions): Promise<string> {
  return inputText({ ...options, validateInput: describable(kind) });
}

/** The check of a description as it is typed. */
export function describable(kind: Kind): (value: string) => string | undefined {
  return (value) => checkDescription(value, kind)?.message;
}

/** The flow's texts; one sentence per kind, so each translates as a whole. */
function texts(kind: Kind, name: string) {
  return kind === 'role'
    ? {
        feature: vscode.l10n.t('role descriptions'),
        title: vscode.l10n.t('Description of role {0}', name),
        placeHolder: vscode.l10n.t('What the role is for'),
        unchanged: vscode.l10n.t('The description of role {0} is unchanged; nothing was sent.', name),
        progress: vscode.l10n.t('Changing the description of role {0}…', name),
        changed: vscode.l10n.t('Changed the description of role {0}.', name),
        removed: vscode.l10n.t('Removed the description of role {0}.', name),
      }
    : {
        feature: vscode.l10n.t('user descriptions'),
        title: vscode.l10n.t('Description of user {0}', name),
        placeHolder: vscode.l10n.t('Who or what this user is'),
        unchanged: vscode.l10n.t('The description of user {0} is unchanged; nothing was sent.', name),
        progress: vscode.l10n.t('Changing the description of user {0}…', name),
        changed: vscode.l10n.t('Changed the description of user {0}.', name),
        removed: vscode.l10n.t('Removed the description of user {0}.', name),
      };
}

function rejectTooLong(text: string, kind: Kind): void {
  const violation = checkDescription(text, kind);
  if (violation) throw new MilvusError('invalidInput', violation.message);
}

/**
 * Sets the description of a user or role to `given` (tests, other commands) or to what the user types into an InputBox
 * prefilled with the current one. Dismissing the InputBox, or leaving the text as it was, sends nothing.
 */
export async function editDescription(
  target: ActiveConnection,
  edit: DescribedItem,
  given: string | undefined,
  /** The command's flow: the InputBox is its last step. */
  flow?: Flow,
): Promise<DescriptionEdit> {
  const { kind, name } = edit;
  const say = texts(kind, name);
  if (given !== undefined) rejectTooLong(given.trim(), kind);
  await target.requireFeature(edit.feature, say.feature);
  const current = await target.read((api) => edit.read(api));
  const prompt = vscode.l10n.t('Up to 1024 bytes; leave it empty to remove the description.');
  const text = (
    given ??
    (flow
      ? await flow.input({ prompt, placeholder: say.placeHolder, value: current, validate: describable(kind) })
      : await inputDescription(kind, { title: say.title, prompt, placeHolder: say.placeHolder, value: current }))
  ).trim();
  rejectTooLong(text, kind);
  if (text === current) {
    void vscode.window.showInformationMessage(say.unchanged);
    return { name, description: current, changed: false };
  }
  await target.run(say.progress, (api) => edit.write(api, text));
  target.log(`${text ? 'Changed' : 'Removed'} the description of ${kind} "${name}".`);
  refreshFolders(target.services, target.profile.id, kind === 'role' ? CTX.rolesFolder : CTX.usersFolder);
  void vscode.window.showInformationMessage(text ? say.changed : say.removed);
  return { name, description: text, changed: true };
}
