import * as vscode from 'vscode';
import type { ProfileStore } from '../storage/profileStore';
import type { DriftMonitor } from './driftMonitor';

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
