import * as vscode from 'vscode';
import { accessNote, rolesSummary } from '../../core/access/labels';
import { isProtectedUser } from '../../core/access/flavor';
import type { UserWithRoles } from '../../core/types';
import { ROOT_USER, userContext } from '../contextValues';
import { TreeNode } from './treeNode';

export class UserNode extends TreeNode {
  readonly kind = 'user';
  readonly id: string;

  constructor(
    parent: TreeNode,
    public user: UserWithRoles,
    private readonly loginUser: () => string | undefined,
    /** False when the server cannot change descriptions (the menu then hides Edit Description). */
    private readonly descriptionEditable: boolean,
  ) {
    super(parent);
    this.id = `${parent.id}/${user.name}`;
  }

  get isSelf(): boolean {
    return this.loginUser() === this.user.name;
  }

  treeItem(): vscode.TreeItem {
    const { name, roles, description } = this.user;
    const isRoot = name === ROOT_USER;
    const builtIn = !isRoot && isProtectedUser(this.flavor, name);
    const item = new vscode.TreeItem(name, vscode.TreeItemCollapsibleState.None);
    item.description = rolesSummary(this.user);
    item.iconPath = new vscode.ThemeIcon(this.isSelf ? 'account' : 'person');
    item.contextValue = userContext(isRoot, this.isSelf, this.descriptionEditable, builtIn);
    const tooltip = new vscode.MarkdownString();
    const heading = `**${escape(name)}**`;
    tooltip.appendMarkdown(
      `${this.isSelf ? vscode.l10n.t('{0} (you)', heading) : heading}${isRoot || builtIn ? vscode.l10n.t(' — built-in superuser') : ''}\n\n`,
    );
    if (description) tooltip.appendMarkdown(`${escape(description)}\n\n`);
    const note = accessNote({ user: this.user });
    if (note) tooltip.appendMarkdown(`${escape(note)}\n\n`);
    tooltip.appendMarkdown(
      vscode.l10n.t('Roles: {0}', roles.length > 0 ? roles.map(escape).join(', ') : vscode.l10n.t('none')),
    );
    item.tooltip = tooltip;
    return item;
  }
}

export function escape(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!<>|]/g, '\\$&');
}
