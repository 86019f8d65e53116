import * as vscode from 'vscode';
import type { Grant, RoleWithUsers } from '../../core/types';
import { BUILTIN_ROLES, roleContext } from '../contextValues';
import { GrantNode, grantKey } from './grantNode';
import { PagedNode } from './pagedNode';
import type { TreeContext, TreeNode } from './treeNode';
import { escape } from './userNode';

/** A role; description = member count, children = its grants in every database (one SelectGrant with db '*'). */
export class RoleNode extends PagedNode<Grant> {
  readonly kind = 'role';
  readonly id: string;

  constructor(
    parent: TreeNode,
    ctx: TreeContext,
    public role: RoleWithUsers,
    /** False when the server has no AlterRole (the menu then hides Edit Description). */
    private readonly descriptionEditable: boolean,
  ) {
    super(parent, ctx);
    this.id = `${parent.id}/${role.name}`;
  }

  get builtIn(): boolean {
    return BUILTIN_ROLES.has(this.role.name);
  }

  treeItem(): vscode.TreeItem {
    const { name, users, description } = this.role;
    const item = new vscode.TreeItem(name, vscode.TreeItemCollapsibleState.Collapsed);
    item.description = `${users.length} member${users.length === 1 ? '' : 's'}${this.builtIn ? ' · built-in' : ''}`;
    item.iconPath = new vscode.ThemeIcon(this.builtIn ? 'shield' : 'organization');
    item.contextValue = roleContext(this.builtIn, this.descriptionEditable);
    const tooltip = new vscode.MarkdownString();
    tooltip.appendMarkdown(`**${escape(name)}**${this.builtIn ? ' — built-in role' : ''}\n\n`);
    if (description) tooltip.appendMarkdown(`${escape(description)}\n\n`);
    tooltip.appendMarkdown(`Members: ${users.length > 0 ? users.map(escape).join(', ') : 'none'}`);
    item.tooltip = tooltip;
    return item;
  }

  protected async fetch(): Promise<Grant[]> {
    const grants = await this.ctx.connections.run(this.connectionId ?? '', (api) => api.listGrants(this.role.name));
    return grants.map((grant) => ({ grant, key: grantKey(grant) })).sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0)).map((x) => x.grant);
  }

  protected keyOf(grant: Grant): string {
    return grantKey(grant);
  }

  protected createChild(grant: Grant): TreeNode {
    return new GrantNode(this, grant);
  }

  protected updateChild(node: TreeNode, grant: Grant): void {
    (node as GrantNode).grant = grant;
  }

  protected emptyText(): string {
    return this.role.name === 'admin' ? 'All privileges (built-in)' : 'No grants';
  }
}
