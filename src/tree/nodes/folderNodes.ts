import * as vscode from 'vscode';
import type { PrivilegeGroup, RoleWithUsers, UserWithRoles } from '../../core/types';
import { CTX, FILTERED } from '../contextValues';
import { PagedNode } from './pagedNode';
import { PrivilegeGroupNode } from './privilegeGroupNode';
import { RoleNode } from './roleNode';
import type { TreeContext, TreeNode } from './treeNode';
import { UserNode } from './userNode';

/** A folder's item; a filtered folder says so in its description and gets the Clear Filter item (FILTERED). */
function folderItem(label: string, icon: string, contextValue: string, filter: string | undefined): vscode.TreeItem {
  const item = new vscode.TreeItem(label, vscode.TreeItemCollapsibleState.Collapsed);
  item.iconPath = new vscode.ThemeIcon(icon);
  item.contextValue = filter === undefined ? contextValue : `${contextValue}${FILTERED}`;
  if (filter !== undefined) item.description = vscode.l10n.t('filter: {0}', filter);
  return item;
}

// Plain code-unit order: names are ASCII, and localeCompare is slow enough to matter with 10,000 users.
const byName = (a: { name: string }, b: { name: string }): number => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);

/** Users with their roles, from one SelectUser call. */
export class UsersFolderNode extends PagedNode<UserWithRoles> {
  readonly kind = 'folder.users';
  readonly id: string;

  constructor(
    parent: TreeNode,
    ctx: TreeContext,
    private readonly loginUser: () => string | undefined,
    private readonly descriptionsEditable: boolean,
  ) {
    super(parent, ctx);
    this.id = `${parent.id}/users`;
  }

  treeItem(): vscode.TreeItem {
    return folderItem(vscode.l10n.t('Users'), 'person', CTX.usersFolder, this.filter);
  }

  protected async fetch(): Promise<UserWithRoles[]> {
    const users = await this.ctx.connections.run(this.connectionId ?? '', (api) => api.listUsersWithRoles());
    return [...users].sort(byName);
  }

  protected keyOf(user: UserWithRoles): string {
    return user.name;
  }

  protected createChild(user: UserWithRoles): TreeNode {
    return new UserNode(this, user, this.loginUser, this.descriptionsEditable);
  }

  protected updateChild(node: TreeNode, user: UserWithRoles): void {
    (node as UserNode).user = user;
  }

  protected emptyText(): string {
    return vscode.l10n.t('No users');
  }
}

/** Roles with their members, from one SelectRole call. */
export class RolesFolderNode extends PagedNode<RoleWithUsers> {
  readonly kind = 'folder.roles';
  readonly id: string;

  constructor(
    parent: TreeNode,
    ctx: TreeContext,
    private readonly descriptionsEditable: boolean,
  ) {
    super(parent, ctx);
    this.id = `${parent.id}/roles`;
  }

  treeItem(): vscode.TreeItem {
    return folderItem(vscode.l10n.t('Roles'), 'organization', CTX.rolesFolder, this.filter);
  }

  protected async fetch(): Promise<RoleWithUsers[]> {
    const roles = await this.ctx.connections.run(this.connectionId ?? '', (api) => api.listRolesWithUsers());
    return [...roles].sort(byName);
  }

  protected keyOf(role: RoleWithUsers): string {
    return role.name;
  }

  protected createChild(role: RoleWithUsers): TreeNode {
    return new RoleNode(this, this.ctx, role, this.descriptionsEditable);
  }

  protected updateChild(node: TreeNode, role: RoleWithUsers): void {
    (node as RoleNode).role = role;
  }

  protected emptyText(): string {
    return vscode.l10n.t('No roles');
  }
}

/** Custom and built-in privilege groups, from one ListPrivilegeGroups call. */
export class PrivilegeGroupsFolderNode extends PagedNode<PrivilegeGroup> {
  readonly kind = 'folder.privilegeGroups';
  readonly id: string;

  constructor(parent: TreeNode, ctx: TreeContext) {
    super(parent, ctx);
    this.id = `${parent.id}/privilegeGroups`;
  }

  treeItem(): vscode.TreeItem {
    return folderItem(vscode.l10n.t('Privilege groups'), 'symbol-namespace', CTX.privilegeGroupsFolder, this.filter);
  }

  protected async fetch(): Promise<PrivilegeGroup[]> {
    const groups = await this.ctx.connections.run(this.connectionId ?? '', (api) => api.listPrivilegeGroups());
    // Custom groups first, then built-in ones, each alphabetical.
    return [...groups].sort((a, b) => Number(a.builtIn) - Number(b.builtIn) || byName(a, b));
  }

  protected keyOf(group: PrivilegeGroup): string {
    return group.name;
  }

  protected createChild(group: PrivilegeGroup): TreeNode {
    return new PrivilegeGroupNode(this, group);
  }

  protected updateChild(node: TreeNode, group: PrivilegeGroup): void {
    (node as PrivilegeGroupNode).group = group;
  }

  protected emptyText(): string {
    return vscode.l10n.t('No privilege groups');
  }
}
