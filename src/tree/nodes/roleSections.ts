// The two sections under a role: its members (from the Roles folder's one SelectRole, no RPC of their own) and its
// grants (one SelectGrant with db '*').
import * as vscode from 'vscode';
import { memberSummary } from '../../core/access/labels';
import { ADMIN_ROLE, PUBLIC_ROLE } from '../../core/access/builtIns';
import type { Grant, RoleWithUsers } from '../../core/types';
import { isLockedBinding } from '../../core/access/flavor';
import { CTX, lockedContext } from '../contextValues';
import { grantScope, type GrantScope } from '../../core/access/grantScope';
import { GrantNode, grantKey } from './grantNode';
import { GrantScopeNode, scopeKey } from './grantScopeNode';
import { PagedNode } from './pagedNode';
import { TreeNode, type TreeContext } from './treeNode';
import { escape } from './userNode';

/** Sections start expanded, Members only while short enough not to push the grants out of sight. */
const MEMBERS_SHOWN_EXPANDED = 20;

/** What a section needs from its role node. */
export interface RoleHolder extends TreeNode {
  readonly role: RoleWithUsers;
}

const byKey = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** "Members (n)": the users bound to the role, from the listing the role came with. */
export class MembersNode extends PagedNode<string> {
  readonly kind = 'section.members';
  readonly id: string;

  constructor(
    readonly roleNode: RoleHolder,
    ctx: TreeContext,
  ) {
    super(roleNode, ctx);
    this.id = `${roleNode.id}#members`;
  }

  get isPublic(): boolean {
    return this.roleNode.role.name === PUBLIC_ROLE;
  }

  treeItem(): vscode.TreeItem {
    const { role } = this.roleNode;
    const label = this.isPublic
      ? vscode.l10n.t('Members (every user)')
      : vscode.l10n.t('Members ({0})', role.users.length);
    const expanded = role.users.length <= MEMBERS_SHOWN_EXPANDED;
    const item = new vscode.TreeItem(
      label,
      expanded ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.Collapsed,
    );
    item.iconPath = new vscode.ThemeIcon('account');
    item.contextValue = this.isPublic ? `${CTX.roleMembers}.public` : CTX.roleMembers;
    // A Markdown tooltip: a plain-string one would become the row's accessible name.
    item.tooltip = new vscode.MarkdownString(`**${escape(role.name)}**: ${escape(memberSummary(role))}`);
    return item;
  }

  protected async fetch(): Promise<string[]> {
    return [...this.roleNode.role.users].sort(byKey);
  }

  protected keyOf(user: string): string {
    return user;
  }

  protected createChild(user: string): TreeNode {
    return new MemberNode(this, user);
  }

  protected updateChild(): void {
    // A member is only its name.
  }

  protected emptyText(): string {
    return this.isPublic
      ? vscode.l10n.t('Every user holds public; none is bound explicitly')
      : vscode.l10n.t('No members');
  }
}

/** A user bound to a role (menu: Remove Member). */
export class MemberNode extends TreeNode {
  readonly kind = 'member';
  readonly id: string;

  constructor(
    readonly section: MembersNode,
    readonly user: string,
  ) {
    super(section);
    this.id = `${section.id}/${user}`;
  }

  get role(): string {
    return this.section.roleNode.role.name;
  }

  treeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(this.user, vscode.TreeItemCollapsibleState.None);
    item.iconPath = new vscode.ThemeIcon('person');
    item.contextValue = lockedContext(CTX.member, isLockedBinding(this.flavor, this.user, this.role));
    item.tooltip = new vscode.MarkdownString(
      vscode.l10n.t('**{user}** holds role **{role}**', { user: escape(this.user), role: escape(this.role) }),
    );
    return item;
  }
}

/** More grants than this are grouped by scope. */
const GROUPED_ABOVE = 5;

const LEVEL_ORDER: Record<GrantScope['level'], number> = { cluster: 0, database: 1, collection: 2, user: 3 };

/** The grants by scope: cluster first, then databases, collections and users, each by name. */
function byScope(grants: readonly Grant[]): { scope: GrantScope; grants: Grant[] }[] {
  const groups = new Map<string, { scope: GrantScope; grants: Grant[] }>();
  for (const grant of grants) {
    const scope = grantScope(grant);
    const key = scopeKey(scope);
    const group = groups.get(key) ?? { scope, grants: [] };
    group.grants.push(grant);
    groups.set(key, group);
  }
  return [...groups.values()].sort(
    (a, b) =>
      LEVEL_ORDER[a.scope.level] - LEVEL_ORDER[b.scope.level] ||
      byKey(a.scope.dbName, b.scope.dbName) ||
      byKey(a.scope.objectName, b.scope.objectName),
  );
}

/** "Grants": the role's grants in every database. */
export class GrantsNode extends PagedNode<Grant> {
  readonly kind = 'section.grants';
  readonly id: string;
  private readonly scopes = new Map<string, GrantScopeNode>();

  constructor(
    readonly roleNode: RoleHolder,
    ctx: TreeContext,
  ) {
    super(roleNode, ctx);
    this.id = `${roleNode.id}#grants`;
  }

  treeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(vscode.l10n.t('Grants'), vscode.TreeItemCollapsibleState.Expanded);
    item.iconPath = new vscode.ThemeIcon('key');
    item.contextValue = CTX.roleGrants;
    return item;
  }

  /** Flat up to GROUPED_ABOVE grants (or when all share one scope); grouped by scope beyond. */
  async children(): Promise<TreeNode[]> {
    const grants = await this.items();
    const groups = byScope(grants);
    if (grants.length <= GROUPED_ABOVE || groups.length < 2) return super.children();
    return groups.map(({ scope, grants: inScope }) => {
      const key = scopeKey(scope);
      const node = this.scopes.get(key) ?? new GrantScopeNode(this, this.ctx, scope);
      this.scopes.set(key, node);
      node.setGrants(inScope);
      return node;
    });
  }

  invalidate(): void {
    super.invalidate();
    for (const node of this.scopes.values()) node.invalidate();
  }

  protected async fetch(): Promise<Grant[]> {
    const role = this.roleNode.role.name;
    const grants = await this.ctx.connections.run(this.connectionId ?? '', (api) => api.listGrants(role));
    return grants
      .map((grant) => ({ grant, key: grantKey(grant) }))
      .sort((a, b) => byKey(a.key, b.key))
      .map((x) => x.grant);
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
    return this.roleNode.role.name === ADMIN_ROLE
      ? vscode.l10n.t('All privileges (built-in)')
      : vscode.l10n.t('No grants');
  }
}
