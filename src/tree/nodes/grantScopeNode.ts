// A role's grants on one scope (cluster, a database, a collection), when the role has more than a few grants: the
// Grants section then groups them by where they apply instead of listing them flat with the scope beside each.
import * as vscode from 'vscode';
import type { GrantScope, ScopeLevel } from '../../core/access/grantScope';
import type { Grant } from '../../core/types';
import { CTX } from '../contextValues';
import { GrantNode, grantKey } from './grantNode';
import { PagedNode } from './pagedNode';
import type { TreeContext, TreeNode } from './treeNode';
import { escape } from './userNode';

const ICONS: Record<ScopeLevel, string> = {
  cluster: 'globe',
  database: 'database',
  collection: 'table',
  user: 'person',
};

/** A language-free key of a scope, for node ids and grouping (its label is in the display language). */
export function scopeKey(scope: GrantScope): string {
  return `${scope.level}/${scope.dbName}/${scope.objectName}`;
}

export class GrantScopeNode extends PagedNode<Grant> {
  readonly kind = 'section.grantScope';
  readonly id: string;
  private grants: readonly Grant[] = [];

  constructor(
    parent: TreeNode,
    ctx: TreeContext,
    readonly scope: GrantScope,
  ) {
    super(parent, ctx);
    this.id = `${parent.id}#scope/${scopeKey(scope)}`;
  }

  /** Sets this scope's grants (from the role's one listing); re-lists only when they changed. */
  setGrants(grants: readonly Grant[]): void {
    const same =
      grants.length === this.grants.length && grants.every((g, i) => grantKey(g) === grantKey(this.grants[i]));
    this.grants = grants;
    if (!same) this.invalidate();
  }

  treeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(this.scope.label, vscode.TreeItemCollapsibleState.Expanded);
    const count = this.grants.length;
    item.description = count === 1 ? vscode.l10n.t('1 grant') : vscode.l10n.t('{0} grants', count);
    item.iconPath = new vscode.ThemeIcon(ICONS[this.scope.level]);
    item.contextValue = CTX.grantScope;
    item.tooltip = new vscode.MarkdownString(
      vscode.l10n.t('Grants on {scope}: {privileges}', {
        scope: escape(this.scope.label),
        privileges: this.grants.map((g) => escape(g.privilege)).join(', '),
      }),
    );
    return item;
  }

  protected fetch(): Promise<Grant[]> {
    return Promise.resolve([...this.grants]);
  }

  protected keyOf(grant: Grant): string {
    return grantKey(grant);
  }

  protected createChild(grant: Grant): TreeNode {
    return new GrantNode(this, grant, false);
  }

  protected updateChild(node: TreeNode, grant: Grant): void {
    (node as GrantNode).grant = grant;
  }

  protected emptyText(): string {
    return vscode.l10n.t('No grants');
  }
}
