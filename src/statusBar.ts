import * as vscode from 'vscode';
import type { ConnectionManager } from './connections/connectionManager';

const STATE_ICON = { connected: '$(database)', connecting: '$(loading~spin)', failed: '$(error)', disconnected: '$(debug-disconnect)' } as const;

/** Shows the active (last connected or used) connection and its state; hidden until something connects. */
export class ConnectionStatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('milvusAccessManager.status', vscode.StatusBarAlignment.Left, 10);
  private readonly subscription: vscode.Disposable;

  constructor(private readonly connections: ConnectionManager) {
    this.item.name = 'Milvus connection';
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
    const details = status.info ? ` as ${status.info.user ?? 'anonymous'}, Milvus ${status.info.version}` : '';
    this.item.tooltip = `Milvus: ${profile.name} (${profile.uri}) — ${status.state}${details}${status.error ? `\n${status.error.message}` : ''}`;
    this.item.backgroundColor = status.state === 'failed' ? new vscode.ThemeColor('statusBarItem.errorBackground') : undefined;
    this.item.show();
  }

  dispose(): void {
    this.subscription.dispose();
    this.item.dispose();
  }
}
