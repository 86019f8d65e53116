// Opens a form in a WebviewPanel: locked-down options and CSP, validated messages in, one result per request out.
import * as vscode from 'vscode';
import { buildPage } from './html';
import {
  describeRejected,
  parseWebviewMessage,
  type FormKind,
  type HostMessage,
  type WebviewMessageByKind,
} from './messages';

export type Log = (message: string) => void;

export interface FormPanelOptions<K extends FormKind> {
  kind: K;
  viewType: string;
  title: string;
  /** Markup from connectionFormBody / userFormBody. */
  body: string;
  /** JSON-serialisable; never a secret. */
  init: unknown;
  log?: Log;
  onMessage(message: WebviewMessageByKind[K], form: FormPanel): Promise<void>;
}

export interface FormPanel {
  readonly panel: vscode.WebviewPanel;
  /** Posts to the webview unless the panel is gone. */
  reply(message: HostMessage): void;
}

/** Paths the webview may load from: the bundled scripts and the static CSS, nothing else. */
export function webviewRoots(extensionUri: vscode.Uri): vscode.Uri[] {
  return [vscode.Uri.joinPath(extensionUri, 'dist', 'webview'), vscode.Uri.joinPath(extensionUri, 'media')];
}

export function openFormPanel<K extends FormKind>(
  context: vscode.ExtensionContext,
  options: FormPanelOptions<K>,
): FormPanel {
  const { extensionUri } = context;
  const panel = vscode.window.createWebviewPanel(options.viewType, options.title, vscode.ViewColumn.Active, {
    enableScripts: true,
    localResourceRoots: webviewRoots(extensionUri),
    retainContextWhenHidden: false,
  });
  const { webview } = panel;
  const asUri = (...path: string[]): string =>
    webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, ...path)).toString();
  webview.html = buildPage({
    cspSource: webview.cspSource,
    title: options.title,
    body: options.body,
    init: options.init,
    scriptUri: asUri('dist', 'webview', `${options.kind}.js`),
    styleUris: [asUri('media', 'webview.css')],
    lang: vscode.env.language,
    l10n: vscode.l10n.bundle,
  }).html;

  let disposed = false;
  const form: FormPanel = {
    panel,
    reply(message) {
      if (!disposed) void webview.postMessage(message);
    },
  };
  const subscription = webview.onDidReceiveMessage((raw: unknown) => {
    const message = parseWebviewMessage(options.kind, raw);
    if (!message) {
      options.log?.(`${options.kind}: ignored an invalid message from the webview (${describeRejected(raw)}).`);
      return;
    }
    options.onMessage(message, form).catch((e: unknown) => {
      // Handlers answer their own failures; this is only reached by a bug, and the message may hold a secret.
      options.log?.(
        `${options.kind}: failed to handle a '${message.type}' message (${e instanceof Error ? e.name : typeof e}).`,
      );
      form.reply({
        type: 'result',
        requestId: message.requestId,
        ok: false,
        error: vscode.l10n.t('Something went wrong; see the Milvus log.'),
      });
    });
  });
  panel.onDidDispose(() => {
    disposed = true;
    subscription.dispose();
  });
  return form;
}
