// Any permission refusal a command meets: the error notification offers Explain…, which opens Explain a Permission
// Error with the server's own text and the connection the command acted on.
import * as vscode from 'vscode';
import { deniedTextOf } from '../../core/access/deniedText';
import type { MilvusError } from '../../core/errors/milvusError';
import { TreeNode } from '../../tree/nodes/treeNode';
import { isConnectionArgs } from '../kit/connectionArgs';
import { showError } from '../kit/errorToast';
import { COMMANDS } from '../kit/ids';

export async function offerExplain(args: readonly unknown[], message: string, error: MilvusError): Promise<void> {
  const explainButton = vscode.l10n.t('Explain…');
  if ((await showError(message, explainButton)) !== explainButton) return;
  const arg = args[0];
  const id = arg instanceof TreeNode ? arg.connectionId : isConnectionArgs(arg) ? arg.id : undefined;
  await vscode.commands.executeCommand(COMMANDS.explainPermissionError, {
    ...(id !== undefined ? { id } : {}),
    errorText: deniedTextOf(error),
  });
}
