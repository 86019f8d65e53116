import type * as vscode from 'vscode';
import type { ConnectionManager } from '../../connections/connectionManager';
import type { Flavor } from '../../core/types';

/** What nodes need from the outside world. */
export interface TreeContext {
  readonly connections: ConnectionManager;
  pageSize(): number;
  /** Re-renders a node (its item and, if expanded, its children). */
  changed(node: TreeNode): void;
  /** What a connection shows besides its state, e.g. that its server differs from its linked RBAC file. */
  decoration(connectionId: string): ConnectionDecoration | undefined;
}

export interface ConnectionDecoration {
  /** Appended to the description. */
  description: string;
  /** A paragraph of the tooltip (Markdown). */
  tooltip: string;
}

/** One node kind = one subclass. `id` is stable across refreshes so VS Code keeps expansion and selection. */
export abstract class TreeNode {
  abstract readonly kind: string;
  abstract readonly id: string;

  constructor(readonly parent: TreeNode | undefined) {}

  abstract treeItem(): vscode.TreeItem;

  children(): Promise<TreeNode[]> {
    return Promise.resolve([]);
  }

  /** Drops cached children so the next `children()` fetches again. */
  invalidate(): void {}

  /** The connection this node belongs to. */
  get connectionId(): string | undefined {
    return this.parent?.connectionId;
  }

  /** Milvus or a Zilliz Cloud cluster type, once the connection is made (what the menus of its nodes may offer). */
  get flavor(): Flavor | undefined {
    return this.parent?.flavor;
  }
}
