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
    item.description = `${privileges.length} privilege${privileges.length === 1 ? '' : 's'}${builtIn ? ' · built-in' : ''}`;
    item.iconPath = new vscode.ThemeIcon(builtIn ? 'library' : 'symbol-namespace');
    item.contextValue = builtIn ? CTX.builtinGroup : CTX.customGroup;
    item.tooltip = new vscode.MarkdownString(
      `**${escape(name)}**${builtIn ? ' — built-in, read-only' : ''}\n\n${privileges.map(escape).join(', ') || 'No privileges'}`,
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
