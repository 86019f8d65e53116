// The add/edit connection form: host side.
import * as vscode from 'vscode';
import type { ConnectionProfile } from '../core/types';
import { connectionFormBody } from './connectionFormMarkup';
import { fieldsFromDraft, isValid, validateConnection, type SecretContext } from './connectionModel';
import { errorText } from './errorText';
import type { ConnectionDraft, ConnectionFormMessage, PathField } from './messages';
import { openFormPanel, type FormPanel, type Log } from './panelHost';

export type { ConnectionDraft } from './messages';

export interface ConnectionFormInit {
  title: string;
  /** The profile being edited (its `id` is put in the draft), or a template without id (duplicate); undefined = new. */
  profile?: Omit<ConnectionProfile, 'id'> & { id?: string };
  hasStoredSecret: boolean;
  /** The names of the other saved connections, which this one must not repeat. */
  otherNames: string[];
}

export interface ConnectionFormHandlers {
  /** Resolves with the text to show (e.g. "Connected to Milvus v2.6.19 as root"); rejects with the reason. */
  test(draft: ConnectionDraft): Promise<string>;
  /** The panel closes when this resolves; on rejection it stays open with the input and shows the message. */
  save(draft: ConnectionDraft): Promise<void>;
  /** Where rejected webview messages are reported (never with their content). */
  log?: Log;
}

/** What the page script reads from the init JSON. No secret in it, ever. */
export interface ConnectionFormInitData {
  profile?: Omit<ConnectionProfile, 'id'>;
  hasStoredSecret: boolean;
  otherNames: string[];
}

function fileLabel(field: PathField): string {
  switch (field) {
    case 'caPath':
      return vscode.l10n.t('Select CA certificate');
    case 'certPath':
      return vscode.l10n.t('Select client certificate');
    case 'keyPath':
      return vscode.l10n.t('Select client key');
  }
}

export function openConnectionForm(
  context: vscode.ExtensionContext,
  init: ConnectionFormInit,
  handlers: ConnectionFormHandlers,
): vscode.WebviewPanel {
  const secretContext: SecretContext = { hasStoredSecret: init.hasStoredSecret, storedAuth: init.profile?.auth };
  let busy = false;
  const initData: ConnectionFormInitData = { hasStoredSecret: init.hasStoredSecret, otherNames: init.otherNames };
  if (init.profile) {
    const { id, ...profile } = init.profile;
    void id; // the host keeps the id; the page has no use for it
    initData.profile = profile;
  }

  const onMessage = async (message: ConnectionFormMessage, form: FormPanel): Promise<void> => {
    if (message.type === 'browse') {
      const picked = await vscode.window.showOpenDialog({
        canSelectFiles: true,
        canSelectFolders: false,
        canSelectMany: false,
        openLabel: fileLabel(message.field),
        filters: { [vscode.l10n.t('PEM files')]: ['pem', 'crt', 'cer', 'key'], [vscode.l10n.t('All files')]: ['*'] },
      });
      form.reply({ type: 'result', requestId: message.requestId, ok: true, text: picked?.[0]?.fsPath });
      return;
    }
    const { requestId } = message;
    // The webview cannot choose which profile it edits.
    const draft: ConnectionDraft = { ...message.draft, profile: { ...message.draft.profile, id: init.profile?.id } };
    if (draft.profile.id === undefined) delete draft.profile.id;
    const secrets = [draft.secret?.password, draft.secret?.token];
    if (!isValid(validateConnection(fieldsFromDraft(draft), secretContext, init.otherNames))) {
      form.reply({
        type: 'result',
        requestId,
        ok: false,
        error: vscode.l10n.t('Some fields are not valid; correct them and try again.'),
      });
      return;
    }
    if (busy) {
      form.reply({
        type: 'result',
        requestId,
        ok: false,
        error: vscode.l10n.t('Another test or save is still running.'),
      });
      return;
    }
    busy = true;
    try {
      if (message.type === 'test') {
        const text = await handlers.test(draft);
        form.reply({ type: 'result', requestId, ok: true, text });
      } else {
        await handlers.save(draft);
        form.reply({ type: 'result', requestId, ok: true });
        form.panel.dispose();
      }
    } catch (e) {
      form.reply({ type: 'result', requestId, ok: false, error: errorText(e, secrets, { inConnectionForm: true }) });
    } finally {
      busy = false;
    }
  };

  return openFormPanel(context, {
    kind: 'connectionForm',
    viewType: 'milvusAccessManager.connectionForm',
    title: init.title,
    body: connectionFormBody(init.title),
    init: initData,
    log: handlers.log,
    onMessage,
  }).panel;
}
