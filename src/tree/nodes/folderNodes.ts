import * as vscode from 'vscode';
import { createsIn } from '../../core/access/flavor';
import type { AdminApi } from '../../core/adminApi';
import type { PrivilegeGroup, RoleWithUsers, UserWithRoles } from '../../core/types';
import { CTX, folderContext } from '../contextValues';
import { PagedNode } from './pagedNode';
import { PrivilegeGroupNode } from './privilegeGroupNode';
import { RoleNode } from './roleNode';
import type { TreeContext, TreeNode } from './treeNode';
import { UserNode } from './userNode';

export type FolderName = 'users' | 'roles' | 'privilegeGroups';

/** What tells one folder from another: its look, its one listing RPC, and the node of each item. */
interface FolderSpec<T> {
  name: FolderName;
  label: string;
  icon: string;
  contextValue: string;
  emptyText: string;
  list(api: AdminApi): Promise<readonly T[]>;
  order(a: T, b: T): number;
  createChild(folder: TreeNode, item: T): TreeNode;
  updateChild(node: TreeNode, item: T): void;
}

// Plain code-unit order: names are ASCII, and localeCompare is slow enough to matter with 10,000 users.
const byName = (a: { name: string }, b: { name: string }): number => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);

/** A folder under a connection: one listing RPC, sorted, paged, filterable by name. */
export abstract class FolderNode<T extends { name: string }> extends PagedNode<T> {
  readonly kind: string;
  readonly id: string;
  readonly name: FolderName;

  protected constructor(
    parent: TreeNode,
    ctx: TreeContext,
    private readonly spec: FolderSpec<T>,
  ) {
    super(parent, ctx);
    this.kind = spec.contextValue;
    this.id = `${parent.id}/${spec.name}`;
    this.name = spec.name;
  }

  /** A filtered folder says so in its description and gets the Clear Filter item. */
  treeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(this.spec.label, vscode.TreeItemCollapsibleState.Collapsed);
    item.iconPath = new vscode.ThemeIcon(this.spec.icon);
    const noCreate = !createsIn(this.flavor, this.spec.name);
    item.contextValue = folderContext(this.spec.contextValue, this.filter !== undefined, this.noAccess, noCreate);
    if (this.filter !== undefined) item.description = vscode.l10n.t('filter: {0}', this.filter);
    return item;
  }

  protected async fetch(): Promise<T[]> {
    const items = await this.ctx.connections.run(this.connectionId ?? '', (api) => this.spec.list(api));
    return [...items].sort(this.spec.order);
  }

  protected keyOf(item: T): string {
    return item.name;
  }

  protected createChild(item: T): TreeNode {
    return this.spec.createChild(this, item);
  }

  protected updateChild(node: TreeNode, item: T): void {
    this.spec.updateChild(node, item);
  }

  protected emptyText(): string {
    return this.spec.emptyText;
  }
}

/** Users with their roles, from one SelectUser call. */
export class UsersFolderNode extends FolderNode<UserWithRoles> {
  constructor(parent: TreeNode, ctx: TreeContext, loginUser: () => string | undefined, descriptionsEditable: boolean) {
    super(parent, ctx, {
      name: 'users',
      label: vscode.l10n.t('Users'),
      icon: 'person',
      contextValue: CTX.usersFolder,
      emptyText: vscode.l10n.t('No users'),
      list: (api) => api.listUsersWithRoles(),
      order: byName,
      createChild: (folder, user) => new UserNode(folder, user, loginUser, descriptionsEditable),
      updateChild: (node, user) => ((node as UserNode).user = user),
    });
  }
}

/** Roles with their members, from one SelectRole call. */
export class RolesFolderNode extends FolderNode<RoleWithUsers> {
  constructor(parent: TreeNode, ctx: TreeContext, descriptionsEditable: boolean) {
    super(parent, ctx, {
      name: 'roles',
      label: vscode.l10n.t('Roles'),
      icon: 'organization',
      contextValue: CTX.rolesFolder,
      emptyText: vscode.l10n.t('No roles'),
      list: (api) => api.listRolesWithUsers(),
      order: byName,
      createChild: (folder, role) => new RoleNode(folder, ctx, role, descriptionsEditable),
      updateChild: (node, role) => ((node as RoleNode).role = role),
    });
  }
}

/** Custom and built-in privilege groups, from one ListPrivilegeGroups call. */
export class PrivilegeGroupsFolderNode extends FolderNode<PrivilegeGroup> {
  constructor(parent: TreeNode, ctx: TreeContext) {
    super(parent, ctx, {
      name: 'privilegeGroups',
      label: vscode.l10n.t('Privilege groups'),
      icon: 'symbol-namespace',
      contextValue: CTX.privilegeGroupsFolder,
      emptyText: vscode.l10n.t('No privilege groups'),
      list: (api) => api.listPrivilegeGroups(),
      // Custom groups first, then built-in ones, each alphabetical.
      order: (a, b) => Number(a.builtIn) - Number(b.builtIn) || byName(a, b),
      createChild: (folder, group) => new PrivilegeGroupNode(folder, group),
      updateChild: (node, group) => ((node as PrivilegeGroupNode).group = group),
    });
  }
}
