// Everything the editor features of "RBAC as code" share, built once in activate(): the diagnostics, the read-only
// server documents, the drift monitor and its status bar item, the snapshot store, and the health Problems.
import * as vscode from 'vscode';
import type { ConnectionManager } from '../connections/connectionManager';
import type { Log } from '../log';
import { DriftStatusBar } from './driftStatusBar';
import type { ProfileStore } from '../storage/profileStore';
import type { ConnectionsTreeProvider } from '../tree/connectionsTree';
import { DriftMonitor } from './driftMonitor';
import { HealthProblems } from './healthProblems';
import { RbacDiagnostics } from './rbacDiagnostics';
import { serverModel } from './serverModel';
import { ServerDocuments } from './serverDocuments';
import { SnapshotStore } from './snapshots';

export interface RbacEditor extends vscode.Disposable {
  readonly diagnostics: RbacDiagnostics;
  readonly documents: ServerDocuments;
  readonly drift: DriftMonitor;
  readonly driftStatus: DriftStatusBar;
  readonly snapshots: SnapshotStore;
  readonly health: HealthProblems;
}

export function createRbacEditor(parts: {
  profiles: ProfileStore;
  connections: ConnectionManager;
  tree: ConnectionsTreeProvider;
  log: Log;
  globalStorageUri: vscode.Uri;
}): RbacEditor {
  const { profiles, connections, tree, log } = parts;
  const diagnostics = new RbacDiagnostics();
  const documents = new ServerDocuments(async (id) => {
    const profile = profiles.get(id);
    if (!profile) throw new Error(vscode.l10n.t('This connection no longer exists.'));
    return connections.run(id, (api) => serverModel(api, profile));
  });
  const drift = new DriftMonitor(profiles, connections, tree, log);
  const driftStatus = new DriftStatusBar(drift, profiles);
  const snapshots = new SnapshotStore(parts.globalStorageUri);
  const health = new HealthProblems(log);
  // A removed connection's snapshots go with it.
  let known = new Set(profiles.list().map((p) => p.id));
  const removal = profiles.onDidChange(() => {
    const now = new Set(profiles.list().map((p) => p.id));
    for (const id of known) if (!now.has(id)) void snapshots.remove(id);
    known = now;
  });
  return {
    diagnostics,
    documents,
    drift,
    driftStatus,
    snapshots,
    health,
    dispose() {
      for (const d of [removal, driftStatus, drift, documents, diagnostics, health]) d.dispose();
    },
  };
}
