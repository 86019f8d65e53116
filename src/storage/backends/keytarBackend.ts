import * as vscode from 'vscode';
import type { SecretBackend } from './secretBackend';

export const KEYTAR_SERVICE = 'milvus-access-manager';

type Keytar = {
  getPassword(service: string, account: string): Promise<string | null>;
  setPassword(service: string, account: string, password: string): Promise<void>;
  deletePassword(service: string, account: string): Promise<boolean>;
};

export type KeychainProblem = 'notInstalled' | 'noDbus' | 'noProvider' | 'locked' | 'other';

/** The OS keychain cannot be used. `message` says why in plain words, `remedy` what to do; neither holds a secret. */
export class KeychainUnavailableError extends Error {
  constructor(
    readonly problem: KeychainProblem,
    message: string,
    readonly remedy: string,
  ) {
    super(`${message} ${remedy}`);
    this.name = 'KeychainUnavailableError';
  }
}

const useSecretStorage = (): string =>
  vscode.l10n.t('Use VS Code SecretStorage instead (setting milvusAccessManager.secretBackend).');

/** Turns keytar's raw errors (see docs: sdk-and-keytar.md B.2) into one typed error with a remedy. */
export function keychainError(error: unknown): KeychainUnavailableError {
  const text = error instanceof Error ? error.message : String(error);
  const code = (error as { code?: unknown } | undefined)?.code;
  if (code === 'MODULE_NOT_FOUND' || /Cannot find module|keytar\.node|invalid ELF|NODE_MODULE_VERSION/i.test(text)) {
    return new KeychainUnavailableError(
      'notInstalled',
      vscode.l10n.t('The OS keychain module (keytar) is not available in this installation.'),
      useSecretStorage(),
    );
  }
  if (/autolaunch D-Bus|DBUS_SESSION_BUS_ADDRESS|Could not connect: No such file/i.test(text)) {
    return new KeychainUnavailableError(
      'noDbus',
      vscode.l10n.t('No D-Bus session is running, so the OS keychain (Secret Service) cannot be reached.'),
      vscode.l10n.t(
        "Start the desktop session's keyring (for example gnome-keyring), or use VS Code SecretStorage instead (setting milvusAccessManager.secretBackend).",
      ),
    );
  }
  if (/org\.freedesktop\.secrets|ServiceUnknown/i.test(text)) {
    return new KeychainUnavailableError(
      'noProvider',
      vscode.l10n.t('No Secret Service provider (gnome-keyring, KWallet) is running.'),
      vscode.l10n.t(
        'Install and start gnome-keyring or KWallet, or use VS Code SecretStorage instead (setting milvusAccessManager.secretBackend).',
      ),
    );
  }
  if (/locked collection|collection\/login|Object does not exist at path/i.test(text)) {
    return new KeychainUnavailableError(
      'locked',
      vscode.l10n.t('The OS keyring is locked or has no login collection.'),
      vscode.l10n.t(
        'Unlock your keyring (log in to the desktop session, or run gnome-keyring-daemon --unlock), or use VS Code SecretStorage instead (setting milvusAccessManager.secretBackend).',
      ),
    );
  }
  return new KeychainUnavailableError(
    'other',
    vscode.l10n.t('The OS keychain refused the request ({0}).', text.slice(0, 200)),
    useSecretStorage(),
  );
}

/**
 * The OS keychain through keytar, loaded on first use only (it is a native module). Every failure becomes a
 * KeychainUnavailableError; there is no silent fallback to anything weaker.
 */
export class KeytarBackend implements SecretBackend {
  readonly id = 'keytar' as const;
  private keytar: Keytar | undefined;

  constructor(
    private readonly load: () => Keytar = () => {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      return require('keytar') as Keytar;
    },
  ) {}

  async get(key: string): Promise<string | undefined> {
    const value = await this.call((k) => k.getPassword(KEYTAR_SERVICE, key));
    return value ?? undefined;
  }

  async store(key: string, value: string): Promise<void> {
    await this.call((k) => k.setPassword(KEYTAR_SERVICE, key, value));
  }

  async delete(key: string): Promise<void> {
    await this.call((k) => k.deletePassword(KEYTAR_SERVICE, key));
  }

  private async call<T>(operation: (keytar: Keytar) => Promise<T>): Promise<T> {
    try {
      this.keytar ??= this.load();
      return await operation(this.keytar);
    } catch (error) {
      throw error instanceof KeychainUnavailableError ? error : keychainError(error);
    }
  }
}
