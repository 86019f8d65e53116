import * as vscode from 'vscode';
import { ManagedInConsoleError, ZILLIZ_CONSOLE_URL } from '../../core/access/flavor';
import { MilvusError, errorMessage } from '../../core/errors/milvusError';
import { CTX } from '../contextValues';
import { TreeNode } from './treeNode';

type MessageKind = 'noAccess' | 'error' | 'info';
const ICONS: Record<MessageKind, string> = { noAccess: 'lock', error: 'error', info: 'info' };

/** A leaf that explains instead of failing: "no access", an error, or a hint. */
export class MessageNode extends TreeNode {
  readonly kind = 'message';
  readonly id: string;

  constructor(
    parent: TreeNode,
    readonly messageKind: MessageKind,
    readonly text: string,
    readonly command?: vscode.Command,
  ) {
    super(parent);
    // '#' cannot occur in a Milvus name, so this never collides with a sibling's id.
    this.id = `${parent.id}#message`;
  }

  static forError(parent: TreeNode, error: unknown): MessageNode {
    // §10 Z8: a Serverless cluster has no users or roles to list; say where access is managed instead of failing.
    if (error instanceof ManagedInConsoleError) {
      return new MessageNode(
        parent,
        'info',
        vscode.l10n.t('Access control is managed in the Zilliz Cloud console. Click to open it.'),
        {
          command: 'vscode.open',
          title: vscode.l10n.t('Open the Zilliz Cloud Console'),
          arguments: [vscode.Uri.parse(ZILLIZ_CONSOLE_URL)],
        },
      );
    }
    if (error instanceof MilvusError && error.kind === 'permission') {
      return new MessageNode(parent, 'noAccess', vscode.l10n.t('No access: {0}', error.message));
    }
    return new MessageNode(parent, 'error', errorMessage(error));
  }

  treeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(this.text, vscode.TreeItemCollapsibleState.None);
    item.iconPath = new vscode.ThemeIcon(
      ICONS[this.messageKind],
      this.messageKind === 'error' ? new vscode.ThemeColor('errorForeground') : undefined,
    );
    item.tooltip = this.text;
    item.contextValue = CTX[this.messageKind];
    item.command = this.command;
    return item;
  }
}
