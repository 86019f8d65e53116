import * as vscode from 'vscode';
import { CTX } from '../contextValues';
import { MessageNode } from './messageNode';
import { TreeNode, type TreeContext } from './treeNode';

export const SHOW_MORE_COMMAND = 'milvusAccessManager.showMore';
export const CLEAR_FILTER_COMMAND = 'milvusAccessManager.clearFilter';

/**
 * A node whose children come from one fetch, cached until `invalidate()`, and shown `pageSize` at a time with a
 * "Show more" entry. Child node objects are reused across refreshes (keyed by `keyOf`) and updated in place, so their
 * own caches and expansion survive a refresh of the parent. A name filter narrows the fetched list without fetching
 * again; paging applies to what it leaves.
 */
export abstract class PagedNode<T> extends TreeNode {
  private data: Promise<T[] | MessageNode> | undefined;
  private shown = 0;
  private readonly nodes = new Map<string, TreeNode>();
  private nameFilter: string | undefined;
  private refused = false;
  /** The last filtered list, reused while neither the data nor the filter changes (paging re-renders often). */
  private matches: { data: T[]; filter: string; items: T[] } | undefined;

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
    const data = await this.load();
    if (data instanceof MessageNode) return [data];
    if (data.length === 0) return [new MessageNode(this, 'info', this.emptyText())];
    const items = this.filtered(data);
    if (items.length === 0) {
      return [
        new MessageNode(
          this,
          'info',
          vscode.l10n.t('Nothing matches "{0}". Click to clear the filter.', this.nameFilter ?? ''),
          { command: CLEAR_FILTER_COMMAND, title: vscode.l10n.t('Clear Filter'), arguments: [this] },
        ),
      ];
    }
    if (this.shown === 0) this.shown = this.ctx.pageSize();
    const page = items.slice(0, this.shown).map((item) => this.nodeFor(item));
    if (items.length > this.shown)
      page.push(
        new ShowMoreNode(this, this.shown, items.length, Math.min(this.ctx.pageSize(), items.length - this.shown)),
      );
    return page;
  }

  /** The fetched items, or the message that replaces them; fetched once until `invalidate()`. */
  private load(): Promise<T[] | MessageNode> {
    this.data ??= this.fetch().then(
      (items) => this.settled(items),
      (error: unknown) => this.settled(MessageNode.forError(this, error)),
    );
    return this.data;
  }

  /** Re-renders this node's own item when the server's refusal to list it starts or stops (its menu depends on it). */
  private settled(data: T[] | MessageNode): T[] | MessageNode {
    const refused = data instanceof MessageNode && data.messageKind === 'noAccess';
    if (refused !== this.refused) {
      this.refused = refused;
      this.ctx.changed(this);
    }
    return data;
  }

  /** True once the server refused the listing for lack of a privilege ("No access"). */
  get noAccess(): boolean {
    return this.refused;
  }

  /** The name filter (substring, case-insensitive), or undefined when everything is shown. */
  get filter(): string | undefined {
    return this.nameFilter;
  }

  /** Sets (or, with undefined or blank text, clears) the name filter and re-renders from the first page. */
  setFilter(text: string | undefined): void {
    this.nameFilter = text?.trim() || undefined;
    this.shown = 0;
    this.ctx.changed(this);
  }

  private filtered(data: T[]): T[] {
    const filter = this.nameFilter?.toLowerCase();
    if (filter === undefined) return data;
    if (this.matches?.data !== data || this.matches.filter !== filter) {
      this.matches = { data, filter, items: data.filter((item) => this.keyOf(item).toLowerCase().includes(filter)) };
    }
    return this.matches.items;
  }

  /**
   * Replaces one fetched item after a write re-read it, and re-renders only its node. Does nothing when the list is not
   * loaded or lacks the item (nothing is fetched to find it).
   */
  async replaceItem(key: string, change: (item: T) => T): Promise<void> {
    const data = this.data && (await this.data);
    if (!Array.isArray(data)) return;
    const index = data.findIndex((item) => this.keyOf(item) === key);
    if (index < 0) return;
    data[index] = change(data[index]);
    this.matches = undefined;
    const node = this.nodes.get(key);
    if (!node) return;
    this.updateChild(node, data[index]);
    this.ctx.changed(node);
  }

  /** Fetched items (after the first `children()`), for tests and commands. */
  async items(): Promise<T[]> {
    const data = await this.load();
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
    const item = new vscode.TreeItem(vscode.l10n.t('Show {0} more…', this.next), vscode.TreeItemCollapsibleState.None);
    item.description = vscode.l10n.t('{shown} of {total}', { shown: this.shown, total: this.total });
    item.iconPath = new vscode.ThemeIcon('ellipsis');
    item.contextValue = CTX.showMore;
    item.command = { command: SHOW_MORE_COMMAND, title: vscode.l10n.t('Show More'), arguments: [this] };
    return item;
  }
}
