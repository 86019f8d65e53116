import * as vscode from 'vscode';
import type { ConnectionManager } from './connectionManager';
import { stateLabel } from './stateLabels';

const STATE_ICON = {
  connected: '$(database)',
  connecting: '$(loading~spin)',
  failed: '$(error)',
  unreachable: '$(debug-disconnect)',
  disconnected: '$(debug-disconnect)',
} as const;
const STATE_BACKGROUND: Partial<Record<keyof typeof STATE_ICON, string>> = {
  failed: 'statusBarItem.errorBackground',
  unreachable: 'statusBarItem.warningBackground',
};

/** The command a user with a login may run on its own password (src/commands/users/changePassword.ts). */
const CHANGE_MY_PASSWORD = 'milvusAccessManager.changeMyPassword';

/** The state, the last error, and for a connected login user a link to change its own password. */
function tooltip(
  summary: string,
  error: string | undefined,
  login: { id: string; user: string } | undefined,
): vscode.MarkdownString {
  const text = new vscode.MarkdownString(undefined, true);
  text.appendText(summary);
  if (error) text.appendText(`\n${error}`);
  if (login) {
    text.isTrusted = { enabledCommands: [CHANGE_MY_PASSWORD] };
    const args = encodeURIComponent(JSON.stringify([{ id: login.id }]));
    const title = vscode.l10n.t('Change My Password ({0})…', login.user);
    text.appendMarkdown(`\n\n[$(key) ${title}](command:${CHANGE_MY_PASSWORD}?${args})`);
  }
  return text;
}

/** Shows the active (last connected or used) connection and its state; hidden until something connects. */
export class ConnectionStatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem(
    'milvusAccessManager.status',
    vscode.StatusBarAlignment.Left,
    10,
  );
  private readonly subscription: vscode.Disposable;

  constructor(private readonly connections: ConnectionManager) {
    this.item.name = vscode.l10n.t('Milvus connection');
    this.item.command = 'milvusAccessManager.connections.focus';
    this.subscription = connections.onDidChangeState(() => this.update());
    this.update();
  }

  update(): void {
    const active = this.connections.active;
    if (!active) {
      this.item.hide();
      return;
    }
    const { profile, status } = active;
    this.item.text = `${STATE_ICON[status.state]} ${profile.name}`;
    const state = stateLabel(status.state);
    const args = { name: profile.name, uri: profile.uri, state };
    const summary = status.info
      ? vscode.l10n.t('Milvus: {name} ({uri}) — {state} as {user}, Milvus {version}', {
          ...args,
          user: status.info.user ?? vscode.l10n.t('anonymous'),
          version: status.info.version,
        })
      : vscode.l10n.t('Milvus: {name} ({uri}) — {state}', args);
    const user = status.state === 'connected' ? status.info?.user : undefined;
    this.item.tooltip = tooltip(summary, status.error?.message, user ? { id: profile.id, user } : undefined);
    const background = STATE_BACKGROUND[status.state];
    this.item.backgroundColor = background ? new vscode.ThemeColor(background) : undefined;
    this.item.show();
  }

  dispose(): void {
    this.subscription.dispose();
    this.item.dispose();
  }
}
