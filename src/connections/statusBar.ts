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
    this.item.tooltip = `${summary}${status.error ? `\n${status.error.message}` : ''}`;
    const background = STATE_BACKGROUND[status.state];
    this.item.backgroundColor = background ? new vscode.ThemeColor(background) : undefined;
    this.item.show();
  }

  dispose(): void {
    this.subscription.dispose();
    this.item.dispose();
  }
}
