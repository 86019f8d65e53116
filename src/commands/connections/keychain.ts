import * as vscode from 'vscode';
import type { Log } from '../../log';
import type { KeychainUnavailableError } from '../../storage/backends/keytarBackend';

export const SECRET_BACKEND_SETTING = 'milvusAccessManager.secretBackend';

/**
 * Explains why the OS keychain cannot be used and offers the switch to SecretStorage. Resolves true when the user
 * switched. There is never a silent or plaintext fallback.
 */
export async function offerSecretStorage(error: KeychainUnavailableError, log: Log, modal = false): Promise<boolean> {
  const useSecretStorage = vscode.l10n.t('Use VS Code SecretStorage');
  const choice = await vscode.window.showErrorMessage(error.message, { modal }, useSecretStorage);
  if (choice !== useSecretStorage) return false;
  await vscode.workspace
    .getConfiguration()
    .update(SECRET_BACKEND_SETTING, 'secretStorage', vscode.ConfigurationTarget.Global);
  log.info('Secret backend switched to VS Code SecretStorage.');
  return true;
}

/**
 * The universal build has no keytar. Said as soon as the setting asks for it (at activation or on the change), instead
 * of a keychain failure at the first save; secrets meanwhile stay in SecretStorage, as the message says.
 */
export async function explainNoKeytarInBuild(log: Log): Promise<void> {
  log.warn(
    'secretBackend is keytar, but this build has no keytar (universal VSIX): secrets stay in VS Code SecretStorage.',
  );
  const message = vscode.l10n.t(
    'This build of Milvus Access Manager has no keytar: it is the universal VSIX, which carries no native code. Secrets stay in VS Code SecretStorage, which uses the OS keychain where there is one. To use keytar, install the linux-x64 VSIX; otherwise set milvusAccessManager.secretBackend back to SecretStorage.',
  );
  const useSecretStorage = vscode.l10n.t('Use VS Code SecretStorage');
  if ((await vscode.window.showWarningMessage(message, useSecretStorage)) !== useSecretStorage) return;
  await vscode.workspace
    .getConfiguration()
    .update(SECRET_BACKEND_SETTING, 'secretStorage', vscode.ConfigurationTarget.Global);
  log.info('Secret backend switched to VS Code SecretStorage.');
}
