import * as vscode from 'vscode';
import { CTX } from '../contextValues';
import { MessageNode } from './messageNode';
import { TreeNode, type TreeContext } from './treeNode';

export const SHOW_MORE_COMMAND = 'milvusAccessManager.showMore';

/**
 * A node whose children come from one fetch, cached until `invalidate()`, and shown `pageSize` at a time with a
 * "Show more" entry. Child node objects are reused across refreshes (keyed by `keyOf`) and updated in place, so their
 * own caches and expansion survive a refresh of the parent.
 */
export abstract class PagedNode<T> extends TreeNode {
  private data: Promise<T[] | MessageNode> | undefined;
  private shown = 0;
  private readonly nodes = new Map<string, TreeNode>();

  constructor(
    parent: TreeNode | undefined,
    protected readonly ctx: TreeContext,
  ) {
    super(parent);
  }

  protected abstract fetch(): Promise<T[]>;
  protected abstract keyOf(item: T): string;
  protected abstract createChild(item: T): TreeNode;
  protected abstract updateChild(node: TreeNode, item: T): void;
  /** Shown when the list is empty. */
  protected abstract emptyText(): string;

  async children(): Promise<TreeNode[]> {
    this.data ??= this.fetch().catch((error: unknown) => MessageNode.forError(this, error));
    const data = await this.data;
    if (data instanceof MessageNode) return [data];
    if (data.length === 0) return [new MessageNode(this, 'info', this.emptyText())];
    if (this.shown === 0) this.shown = this.ctx.pageSize();
    const page = data.slice(0, this.shown).map((item) => this.nodeFor(item));
    if (data.length > this.shown) page.push(new ShowMoreNode(this, this.shown, data.length, Math.min(this.ctx.pageSize(), data.length - this.shown)));
    return page;
  }

  /** Fetched items (after the first `children()`), for tests and commands. */
  async items(): Promise<T[]> {
    this.data ??= this.fetch().catch((error: unknown) => MessageNode.forError(this, error));
    const data = await this.data;
    return data instanceof MessageNode ? [] : data;
  }

  /** Child nodes already built (never fetches); empty until the first fetch. */
  loadedChildren(): readonly TreeNode[] {
    return this.data ? [...this.nodes.values()] : [];
  }

  showMore(): void {
    this.shown += this.ctx.pageSize();
    this.ctx.changed(this);
  }

  /** Drops this node's data and its descendants' caches: VS Code then refetches only what is expanded. */
  invalidate(): void {
    this.data = undefined;
    this.shown = 0;
    for (const node of this.nodes.values()) node.invalidate();
  }

  private nodeFor(item: T): TreeNode {
    const key = this.keyOf(item);
    const existing = this.nodes.get(key);
    if (existing) {
      this.updateChild(existing, item);
      return existing;
    }
    const node = this.createChild(item);
    this.nodes.set(key, node);
    return node;
  }
}

export class ShowMoreNode extends TreeNode {
  readonly kind = 'showMore';
  readonly id: string;

  constructor(
    readonly owner: TreeNode & { showMore(): void },
    readonly shown: number,
    readonly total: number,
    readonly next: number,
  ) {
    super(owner);
    this.id = `${owner.id}#more`;
  }

  treeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(`Show ${this.next} more…`, vscode.TreeItemCollapsibleState.None);
    item.description = `${this.shown} of ${this.total}`;
    item.iconPath = new vscode.ThemeIcon('ellipsis');
    item.contextValue = CTX.showMore;
    item.command = { command: SHOW_MORE_COMMAND, title: 'Show More', arguments: [this] };
    return item;
  }
}
