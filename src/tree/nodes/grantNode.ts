import * as vscode from 'vscode';
import { grantScope } from '../../core/access/grantScope';
import type { Grant } from '../../core/types';
import { isLockedRole } from '../../core/access/flavor';
import { CTX, lockedContext } from '../contextValues';
import { TreeNode } from './treeNode';
import { escape } from './userNode';

export function grantKey(grant: Grant): string {
  return `${grant.dbName}/${grant.objectType}/${grant.objectName}/${grant.privilege}`;
}

/** One privilege (or privilege group) granted to a role on one object. */
export class GrantNode extends TreeNode {
  readonly kind = 'grant';
  readonly id: string;

  constructor(
    parent: TreeNode,
    public grant: Grant,
    /** False under a scope group, which names the scope already. */
    private readonly showScope = true,
  ) {
    super(parent);
    this.id = `${parent.id}/${grantKey(grant)}`;
  }

  /** The role's Grants section (the parent, or the parent of the scope group the grant is in): what a change refreshes. */
  get section(): TreeNode | undefined {
    let node = this.parent;
    while (node && node.kind !== CTX.roleGrants) node = node.parent;
    return node ?? this.parent;
  }

  treeItem(): vscode.TreeItem {
    const { privilege, dbName, objectType, objectName, grantor } = this.grant;
    const scope = grantScope(this.grant);
    const item = new vscode.TreeItem(privilege, vscode.TreeItemCollapsibleState.None);
    if (this.showScope) item.description = scope.label;
    item.iconPath = new vscode.ThemeIcon('key');
    item.contextValue = lockedContext(CTX.grant, isLockedRole(this.flavor, this.grant.role));
    const lines = [
      vscode.l10n.t('**{privilege}** on {scope}', { privilege: escape(privilege), scope: escape(scope.label) }),
      vscode.l10n.t('Listed by Milvus as object {type} `{name}` in database `{database}`', {
        type: escape(objectType),
        name: objectName,
        database: dbName,
      }),
      ...(grantor ? [vscode.l10n.t('Granted by {0}', escape(grantor))] : []),
    ];
    item.tooltip = new vscode.MarkdownString(lines.join('\n\n'));
    return item;
  }
}
