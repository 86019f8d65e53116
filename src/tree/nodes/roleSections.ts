// The two sections under a role: its members (from the Roles folder's one SelectRole, no RPC of their own) and its
// grants (one SelectGrant with db '*').
import * as vscode from 'vscode';
import { memberSummary } from '../../core/access/labels';
import { ADMIN_ROLE, PUBLIC_ROLE } from '../../core/access/builtIns';
import type { Grant, RoleWithUsers } from '../../core/types';
import { CTX } from '../contextValues';
import { GrantNode, grantKey } from './grantNode';
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
    item.contextValue = CTX.member;
    item.tooltip = new vscode.MarkdownString(
      vscode.l10n.t('**{user}** holds role **{role}**', { user: escape(this.user), role: escape(this.role) }),
    );
    return item;
  }
}

/** "Grants": the role's grants in every database. */
export class GrantsNode extends PagedNode<Grant> {
  readonly kind = 'section.grants';
  readonly id: string;

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
