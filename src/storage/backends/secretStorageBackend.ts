import type * as vscode from 'vscode';
import type { SecretBackend } from './secretBackend';

/** VS Code's SecretStorage: encrypted by VS Code, with the OS keychain where the platform has one. */
export class SecretStorageBackend implements SecretBackend {
  readonly id = 'secretStorage' as const;

  constructor(private readonly secrets: vscode.SecretStorage) {}

  async get(key: string): Promise<string | undefined> {
    return this.secrets.get(key);
  }

  async store(key: string, value: string): Promise<void> {
    await this.secrets.store(key, value);
  }

  async delete(key: string): Promise<void> {
    await this.secrets.delete(key);
  }
}
