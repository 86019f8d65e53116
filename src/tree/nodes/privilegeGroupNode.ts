import * as vscode from 'vscode';
import type { PrivilegeGroup } from '../../core/types';
import { CTX } from '../contextValues';
import { TreeNode } from './treeNode';
import { escape } from './userNode';

export class PrivilegeGroupNode extends TreeNode {
  readonly kind = 'privilegeGroup';
  readonly id: string;

  constructor(
    parent: TreeNode,
    public group: PrivilegeGroup,
  ) {
    super(parent);
    this.id = `${parent.id}/${group.name}`;
  }

  treeItem(): vscode.TreeItem {
    const { name, privileges, builtIn } = this.group;
    const item = new vscode.TreeItem(name, vscode.TreeItemCollapsibleState.Collapsed);
    const count =
      privileges.length === 1 ? vscode.l10n.t('1 privilege') : vscode.l10n.t('{0} privileges', privileges.length);
    item.description = builtIn ? vscode.l10n.t('{0} · built-in', count) : count;
    item.iconPath = new vscode.ThemeIcon(builtIn ? 'library' : 'symbol-namespace');
    item.contextValue = builtIn ? CTX.builtinGroup : CTX.customGroup;
    item.tooltip = new vscode.MarkdownString(
      `**${escape(name)}**${builtIn ? vscode.l10n.t(' — built-in, read-only') : ''}\n\n${privileges.map(escape).join(', ') || vscode.l10n.t('No privileges')}`,
    );
    return item;
  }

  async children(): Promise<TreeNode[]> {
    return this.group.privileges.map((privilege) => new PrivilegeNode(this, privilege, this.group.builtIn));
  }
}

/** A privilege inside a privilege group. */
export class PrivilegeNode extends TreeNode {
  readonly kind = 'privilege';
  readonly id: string;

  constructor(
    parent: TreeNode,
    readonly privilege: string,
    readonly inBuiltinGroup: boolean,
  ) {
    super(parent);
    this.id = `${parent.id}/${privilege}`;
  }

  treeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(this.privilege, vscode.TreeItemCollapsibleState.None);
    item.iconPath = new vscode.ThemeIcon('symbol-key');
    item.contextValue = this.inBuiltinGroup ? CTX.privilegeInBuiltinGroup : CTX.privilegeInCustomGroup;
    return item;
  }
}
