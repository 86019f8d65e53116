import type * as vscode from 'vscode';
import type { ConnectionManager } from '../../connections/connectionManager';
import type { Log } from '../../log';
import type { RbacEditor } from '../../rbacEditor/rbacEditor';
import type { Confirmations } from './confirm';
import type { ProfileStore } from '../../storage/profileStore';
import type { SecretVault } from '../../storage/secretVault';
import type { ConnectionsTreeProvider } from '../../tree/connectionsTree';

/** What command handlers work with. Built once in activate(). */
export interface Services {
  readonly context: vscode.ExtensionContext;
  readonly profiles: ProfileStore;
  readonly vault: SecretVault;
  readonly connections: ConnectionManager;
  readonly tree: ConnectionsTreeProvider;
  readonly treeView: vscode.TreeView<unknown> | undefined;
  readonly log: Log;
  /** Modal confirmations; tests answer them through the test API. */
  readonly confirmations: Confirmations;
  /** RBAC as code in the editor: diagnostics, server documents, drift, snapshots. */
  readonly rbacEditor: RbacEditor;
}
