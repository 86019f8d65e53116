import type { ConnectionSecret } from '../core/types';
import { KeytarBackend } from './backends/keytarBackend';
import type { SecretBackend, SecretBackendId } from './backends/secretBackend';

const KEY_PREFIX = 'milvusAccessManager.secret.';

function parseSecret(raw: string | undefined): ConnectionSecret | undefined {
  if (raw === undefined) return undefined;
  try {
    const value = JSON.parse(raw) as unknown;
    if (typeof value !== 'object' || value === null) return undefined;
    const { password, token } = value as Record<string, unknown>;
    const secret: ConnectionSecret = {};
    if (typeof password === 'string') secret.password = password;
    if (typeof token === 'string') secret.token = token;
    return secret;
  } catch {
    return undefined;
  }
}

function isEmpty(secret: ConnectionSecret | undefined): boolean {
  return !secret || (!secret.password && !secret.token);
}

export interface SecretVaultOptions {
  secretStorage: SecretBackend;
  /** The configured backend, read on every call so a settings change applies at once. */
  backendId: () => SecretBackendId;
  /** Told about every secret read or stored, so the log can mask it. */
  onSecret?: (value: string) => void;
  keytar?: SecretBackend;
}

/**
 * Connection secrets (password or token) keyed by connection id, as JSON of ConnectionSecret, in the configured backend.
 * Session-only connections keep theirs in memory only.
 */
export class SecretVault {
  private readonly keytar: SecretBackend;
  private readonly sessionSecrets = new Map<string, ConnectionSecret>();

  constructor(private readonly options: SecretVaultOptions) {
    this.keytar = options.keytar ?? new KeytarBackend();
  }

  get backendId(): SecretBackendId {
    return this.options.backendId();
  }

  async get(connectionId: string, sessionOnly = false): Promise<ConnectionSecret | undefined> {
    const secret = sessionOnly ? this.sessionSecrets.get(connectionId) : parseSecret(await this.backend().get(this.key(connectionId)));
    this.announce(secret);
    return secret;
  }

  async has(connectionId: string, sessionOnly = false): Promise<boolean> {
    return !isEmpty(await this.get(connectionId, sessionOnly));
  }

  /** Stores the secret, or deletes the entry when the secret is empty. */
  async store(connectionId: string, secret: ConnectionSecret | undefined, sessionOnly = false): Promise<void> {
    if (isEmpty(secret)) {
      await this.delete(connectionId);
      return;
    }
    this.announce(secret);
    const clean: ConnectionSecret = {};
    if (secret?.password) clean.password = secret.password;
    if (secret?.token) clean.token = secret.token;
    if (sessionOnly) {
      this.sessionSecrets.set(connectionId, clean);
      // A connection switched to session-only must not leave its old secret behind; a broken keychain cannot hold it anyway.
      await this.backend().delete(this.key(connectionId)).catch(() => undefined);
    } else {
      await this.backend().store(this.key(connectionId), JSON.stringify(clean));
      this.sessionSecrets.delete(connectionId);
    }
  }

  async delete(connectionId: string): Promise<void> {
    this.sessionSecrets.delete(connectionId);
    await this.backend().delete(this.key(connectionId));
  }

  /** The key under which a connection's secret is stored (exposed for tests). */
  key(connectionId: string): string {
    return `${KEY_PREFIX}${connectionId}`;
  }

  private backend(): SecretBackend {
    return this.options.backendId() === 'keytar' ? this.keytar : this.options.secretStorage;
  }

  private announce(secret: ConnectionSecret | undefined): void {
    if (!secret || !this.options.onSecret) return;
    if (secret.password) this.options.onSecret(secret.password);
    if (secret.token) this.options.onSecret(secret.token);
  }
}
