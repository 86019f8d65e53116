import * as vscode from 'vscode';
import { accessNote, memberSummary } from '../../core/access/labels';
import { ADMIN_ROLE } from '../../core/access/builtIns';
import { isLockedRole } from '../../core/access/flavor';
import type { RoleWithUsers } from '../../core/types';
import { BUILTIN_ROLES, roleContext } from '../contextValues';
import { GrantsNode, MembersNode } from './roleSections';
import { TreeNode, type TreeContext } from './treeNode';
import { escape } from './userNode';

/** A role; description = who holds it, children = a Members and a Grants section. */
export class RoleNode extends TreeNode {
  readonly kind = 'role';
  readonly id: string;
  readonly members: MembersNode;
  readonly grants: GrantsNode;
  private current: RoleWithUsers;

  constructor(
    parent: TreeNode,
    ctx: TreeContext,
    role: RoleWithUsers,
    /** False when the server has no AlterRole (the menu then hides Edit Description). */
    private readonly descriptionEditable: boolean,
  ) {
    super(parent);
    this.id = `${parent.id}/${role.name}`;
    this.current = role;
    this.members = new MembersNode(this, ctx);
    this.grants = new GrantsNode(this, ctx);
  }

  get role(): RoleWithUsers {
    return this.current;
  }

  /** Set on every render of the Roles folder; the Members section rebuilds only when the members changed. */
  set role(role: RoleWithUsers) {
    const changed =
      role.users.length !== this.current.users.length || role.users.some((u, i) => u !== this.current.users[i]);
    this.current = role;
    if (changed) this.members.invalidate();
  }

  get builtIn(): boolean {
    return BUILTIN_ROLES.has(this.role.name);
  }

  /** A Zilliz Cloud built-in role: its grants cannot change either (§10 Z4). */
  get locked(): boolean {
    return isLockedRole(this.flavor, this.role.name);
  }

  treeItem(): vscode.TreeItem {
    const { name, users, description } = this.role;
    const item = new vscode.TreeItem(name, vscode.TreeItemCollapsibleState.Collapsed);
    // admin's shield icon and tooltip say built-in; its description has room for what matters more.
    const members = memberSummary(this.role);
    item.description =
      name === ADMIN_ROLE
        ? vscode.l10n.t('{0} · all privileges', members)
        : this.builtIn
          ? vscode.l10n.t('{0} · built-in', members)
          : members;
    item.iconPath = new vscode.ThemeIcon(this.builtIn ? 'shield' : 'organization');
    item.contextValue = roleContext(this.builtIn, this.descriptionEditable, this.locked);
    const tooltip = new vscode.MarkdownString();
    tooltip.appendMarkdown(`**${escape(name)}**${this.builtIn ? vscode.l10n.t(' — built-in role') : ''}\n\n`);
    if (description) tooltip.appendMarkdown(`${escape(description)}\n\n`);
    const note = accessNote({ role: name });
    if (note) tooltip.appendMarkdown(`${escape(note)}\n\n`);
    tooltip.appendMarkdown(
      vscode.l10n.t('Members: {0}', `${members}${users.length > 0 ? ` — ${users.map(escape).join(', ')}` : ''}`),
    );
    item.tooltip = tooltip;
    return item;
  }

  async children(): Promise<TreeNode[]> {
    return [this.members, this.grants];
  }

  /** Refreshing a role refetches its grants; its members come with the Roles folder's listing. */
  invalidate(): void {
    this.members.invalidate();
    this.grants.invalidate();
  }
}
