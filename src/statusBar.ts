import * as vscode from 'vscode';
import type { ConnectionManager } from './connections/connectionManager';
import { stateLabel } from './connections/stateLabels';
import type { DriftMonitor } from './rbacEditor/driftMonitor';
import type { ProfileStore } from './storage/profileStore';

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

/** The connections whose server differs from their linked RBAC file; a click opens the (first one's) diff. */
export class DriftStatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem(
    'milvusAccessManager.drift',
    vscode.StatusBarAlignment.Left,
    9,
  );
  private readonly subscription: vscode.Disposable;

  constructor(
    private readonly drift: DriftMonitor,
    private readonly profiles: ProfileStore,
  ) {
    this.item.name = vscode.l10n.t('Milvus RBAC drift');
    this.item.backgroundColor = new vscode.ThemeColor('statusBarItem.warningBackground');
    this.subscription = drift.onDidChange(() => this.update());
    this.update();
  }

  private visible = false;

  /** What the item shows, or undefined when hidden (tests read it). */
  get shown(): { text: string; tooltip: string } | undefined {
    return this.visible
      ? {
          text: this.item.text,
          tooltip: typeof this.item.tooltip === 'string' ? this.item.tooltip : (this.item.tooltip?.value ?? ''),
        }
      : undefined;
  }

  /** What a click runs. */
  get command(): vscode.Command | undefined {
    return this.visible ? (this.item.command as vscode.Command | undefined) : undefined;
  }

  update(): void {
    const drifting = this.drift
      .drifting()
      .map((state) => ({ state, profile: this.profiles.get(state.connectionId) }))
      .filter((d) => d.profile !== undefined);
    this.visible = drifting.length > 0;
    if (!this.visible) {
      this.item.hide();
      return;
    }
    const [first] = drifting;
    const fileName = (uri: vscode.Uri): string => uri.path.slice(uri.path.lastIndexOf('/') + 1);
    this.item.text =
      drifting.length === 1
        ? `$(diff) ${first.profile?.name} ≠ ${fileName(first.state.file)}`
        : vscode.l10n.t('$(diff) RBAC drift: {count} connections', { count: drifting.length });
    this.item.tooltip = [
      ...drifting.map((d) =>
        vscode.l10n.t('{connection} differs from {file}: {summary}', {
          connection: d.profile?.name ?? '',
          file: fileName(d.state.file),
          summary: d.state.summary,
        }),
      ),
      vscode.l10n.t('Click to compare with the server.'),
    ].join('\n');
    this.item.command = {
      title: vscode.l10n.t('Compare with Server'),
      command: 'milvusAccessManager.compareWithServer',
      arguments: [{ id: first.state.connectionId, file: first.state.file.fsPath }],
    };
    this.item.show();
  }

  dispose(): void {
    this.subscription.dispose();
    this.item.dispose();
  }
}
