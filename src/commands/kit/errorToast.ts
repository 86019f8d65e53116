import * as vscode from 'vscode';

/** Longer than this, a toast may cut the sentence (it shows a line or two): "Details" then shows all of it. */
const TOAST_LENGTH = 100;

/**
 * The error as a toast with the given actions; a long one also with a "Details" action that shows the whole sentence
 * in a dialog. Resolves with the action chosen (never "Details"), or undefined.
 */
export async function showError(message: string, ...actions: string[]): Promise<string | undefined> {
  const details = vscode.l10n.t('Details');
  const long = message.length > TOAST_LENGTH;
  const chosen = await vscode.window.showErrorMessage(message, ...actions, ...(long ? [details] : []));
  if (long && chosen === details) {
    await vscode.window.showErrorMessage(message, { modal: true });
    return undefined;
  }
  return chosen;
}
