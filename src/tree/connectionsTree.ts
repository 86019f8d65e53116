import * as vscode from 'vscode';
import type { ConnectionManager } from '../connections/connectionManager';
import type { ProfileStore } from '../storage/profileStore';
import { ConnectionNode } from './nodes/connectionNode';
import { PagedNode } from './nodes/pagedNode';
import type { ConnectionDecoration, TreeContext, TreeNode } from './nodes/treeNode';

/** The context key of the view's welcome content (package.json viewsWelcome). */
export const NO_CONNECTIONS_CONTEXT = 'milvusAccessManager.noConnections';

function showWelcome(profiles: ProfileStore): void {
  void vscode.commands.executeCommand('setContext', NO_CONNECTIONS_CONTEXT, profiles.list().length === 0);
}

/**
 * The Connections view. Children are fetched lazily by the nodes themselves and cached; `refresh(node)` refetches
 * only that node.
 */
export class ConnectionsTreeProvider implements vscode.TreeDataProvider<TreeNode>, vscode.Disposable {
  private readonly changedEmitter = new vscode.EventEmitter<TreeNode | undefined>();
  readonly onDidChangeTreeData = this.changedEmitter.event;
  private readonly roots = new Map<string, ConnectionNode>();
  private readonly subscriptions: vscode.Disposable[] = [];
  private readonly ctx: TreeContext;
  /** getChildren calls VS Code is still waiting for; change events are held back until they settle (see fire). */
  private inFlight = 0;
  private readonly held = new Set<TreeNode | undefined>();
  private readonly refreshedEmitter = new vscode.EventEmitter<readonly string[]>();
  /** The connections an explicit refresh reloads (not every re-render): the drift check follows them. */
  readonly onDidRefreshConnections = this.refreshedEmitter.event;
  private decorations: (connectionId: string) => ConnectionDecoration | undefined = () => undefined;
  /**
   * Node id → expanded (true) or collapsed (false) by the user. A node that leaves the tree (a connection that went
   * away shows a message instead of its folders) loses its state in VS Code; it comes back in the same state from here.
   */
  private readonly expansion = new Map<string, boolean>();

  constructor(
    private readonly profiles: ProfileStore,
    connections: ConnectionManager,
    pageSize: () => number,
  ) {
    this.ctx = {
      connections,
      pageSize,
      changed: (node) => this.fire(node),
      decoration: (id) => this.decorations(id),
    };
    // The view's welcome ("No Milvus connection yet") shows only when this says so: set now, from the stored profiles,
    // so that it never shows while a window with saved connections is still loading.
    showWelcome(profiles);
    this.subscriptions.push(
      profiles.onDidChange(() => {
        showWelcome(profiles);
        this.fire(undefined);
      }),
      connections.onDidChangeState((id) => {
        const node = this.roots.get(id);
        if (!node) return;
        const { state } = connections.status(id);
        if (state === 'disconnected' || state === 'failed' || state === 'unreachable') node.invalidate();
        // The root, not the node: an element refresh that lands while VS Code is still taking the node's children
        // (expanding it is what connects) leaves the workbench holding handles the extension host has dropped
        // ("No tree item with id …"). A root refresh re-resolves every expanded node from our caches instead.
        this.fire(undefined);
      }),
    );
  }

  getTreeItem(node: TreeNode): vscode.TreeItem {
    const item = node.treeItem();
    item.id = node.id;
    const expanded = this.expansion.get(node.id);
    if (expanded !== undefined && item.collapsibleState !== vscode.TreeItemCollapsibleState.None)
      item.collapsibleState = expanded
        ? vscode.TreeItemCollapsibleState.Expanded
        : vscode.TreeItemCollapsibleState.Collapsed;
    return item;
  }

  /** Remembers what the user expands and collapses in `view`, so a node rebuilt after a reconnect keeps it. */
  trackExpansion(view: vscode.TreeView<TreeNode>): void {
    this.subscriptions.push(
      view.onDidExpandElement(({ element }) => this.expansion.set(element.id, true)),
      view.onDidCollapseElement(({ element }) => this.expansion.set(element.id, false)),
    );
  }

  async getChildren(node?: TreeNode): Promise<TreeNode[]> {
    this.inFlight++;
    try {
      return await (node ? node.children() : this.connectionNodes());
    } finally {
      this.inFlight--;
      // After VS Code has taken this result, not before.
      if (this.inFlight === 0 && this.held.size > 0) setTimeout(() => this.inFlight === 0 && this.flush(), 0);
    }
  }

  getParent(node: TreeNode): TreeNode | undefined {
    return node.parent;
  }

  /** Connection nodes in display order; node objects are reused so their caches survive. */
  connectionNodes(): ConnectionNode[] {
    const profiles = this.profiles.list();
    const live = new Set(profiles.map((p) => p.id));
    for (const id of [...this.roots.keys()]) if (!live.has(id)) this.roots.delete(id);
    return profiles.map((profile) => {
      const existing = this.roots.get(profile.id);
      if (existing) {
        existing.profile = profile;
        return existing;
      }
      const node = new ConnectionNode(profile, this.ctx);
      this.roots.set(profile.id, node);
      return node;
    });
  }

  connectionNode(id: string): ConnectionNode | undefined {
    return this.connectionNodes().find((node) => node.profile.id === id);
  }

  /** Refetches `node` (or everything) on its next render. */
  refresh(node?: TreeNode): void {
    if (!node) {
      for (const root of this.roots.values()) {
        this.ctx.connections.clearFailure(root.profile.id);
        root.invalidate();
      }
      this.fire(undefined);
      this.refreshedEmitter.fire([...this.roots.keys()]);
      return;
    }
    if (node instanceof ConnectionNode) {
      this.ctx.connections.clearFailure(node.profile.id);
      this.refreshedEmitter.fire([node.profile.id]);
    }
    node.invalidate();
    this.fire(node);
  }

  /** Sets what connections show besides their state (the drift monitor's mark). */
  decorateConnections(decorations: (connectionId: string) => ConnectionDecoration | undefined): void {
    this.decorations = decorations;
  }

  /** Re-renders a connection's item (its decoration changed). */
  redrawConnection(id: string): void {
    const node = this.roots.get(id);
    if (node) this.fire(node);
  }

  /**
   * VS Code fails with "Element with id … is already registered" when a node is refreshed while it (or the root) is
   * still being fetched, e.g. a connection's state changing while expanding it connects. So change events wait until
   * no getChildren is pending, and a whole-tree refresh swallows the element ones.
   */
  private fire(node: TreeNode | undefined): void {
    this.held.add(node);
    if (this.inFlight === 0) this.flush();
  }

  private flush(): void {
    if (this.held.size === 0) return;
    const nodes = this.held.has(undefined) ? [undefined] : [...this.held];
    this.held.clear();
    for (const node of nodes) this.changedEmitter.fire(node);
  }

  showMore(node: { owner: TreeNode }): void {
    if (node.owner instanceof PagedNode) node.owner.showMore();
  }

  dispose(): void {
    for (const subscription of this.subscriptions) subscription.dispose();
    this.changedEmitter.dispose();
    this.refreshedEmitter.dispose();
  }
}
