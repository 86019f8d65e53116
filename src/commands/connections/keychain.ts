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
