import type { ConnectionProfile, ConnectionSecret } from '../core/types';
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

/** Session-only and ask-on-connect connections keep their secret in memory, never in a backend. */
export function secretInMemory(profile: Pick<ConnectionProfile, 'sessionOnly' | 'askSecret'> | undefined): boolean {
  return Boolean(profile?.sessionOnly || profile?.askSecret);
}

function isEmpty(secret: ConnectionSecret | undefined): boolean {
  return !secret || (!secret.password && !secret.token);
}

function clean(secret: ConnectionSecret | undefined): ConnectionSecret {
  const out: ConnectionSecret = {};
  if (secret?.password) out.password = secret.password;
  if (secret?.token) out.token = secret.token;
  return out;
}

export interface SecretVaultOptions {
  secretStorage: SecretBackend;
  /** The configured backend, read on every call so a settings change applies at once. */
  backendId: () => SecretBackendId;
  /** Told about every secret read or stored, so the log can mask it. */
  onSecret?: (value: string) => void;
  /**
   * Whether the saved connection keeps its secret in memory only (see secretInMemory); asked when a caller does not
   * say, so that no caller can put an ask-on-connect secret into a backend by omission.
   */
  inMemory?: (connectionId: string) => boolean;
  keytar?: SecretBackend;
}

/**
 * Connection secrets (password or token) keyed by connection id, as JSON of ConnectionSecret, in the configured backend.
 * Session-only and ask-on-connect connections keep theirs in memory only (gone when the window closes or reloads).
 * `inMemory` on each call says where; omitted = as the saved connection says (options.inMemory).
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

  async get(connectionId: string, inMemory?: boolean): Promise<ConnectionSecret | undefined> {
    const secret = this.isInMemory(connectionId, inMemory)
      ? this.sessionSecrets.get(connectionId)
      : parseSecret(await this.backend().get(this.key(connectionId)));
    this.announce(secret);
    return secret;
  }

  async has(connectionId: string, inMemory?: boolean): Promise<boolean> {
    return !isEmpty(await this.get(connectionId, inMemory));
  }

  /** Stores the secret, or deletes the entry when the secret is empty. */
  async store(connectionId: string, secret: ConnectionSecret | undefined, inMemory?: boolean): Promise<void> {
    if (isEmpty(secret)) {
      await this.delete(connectionId);
      return;
    }
    if (this.isInMemory(connectionId, inMemory)) {
      this.remember(connectionId, secret);
      // A connection switched to session-only must not leave its old secret behind; a broken keychain cannot hold it anyway.
      await this.backend()
        .delete(this.key(connectionId))
        .catch(() => undefined);
    } else {
      this.announce(secret);
      await this.backend().store(this.key(connectionId), JSON.stringify(clean(secret)));
      this.sessionSecrets.delete(connectionId);
    }
  }

  /** Keeps the secret in memory for this session only; no backend is touched. */
  remember(connectionId: string, secret: ConnectionSecret | undefined): void {
    if (isEmpty(secret)) return;
    this.announce(secret);
    this.sessionSecrets.set(connectionId, clean(secret));
  }

  /** Drops the in-memory copy only. */
  forget(connectionId: string): void {
    this.sessionSecrets.delete(connectionId);
  }

  async delete(connectionId: string): Promise<void> {
    this.sessionSecrets.delete(connectionId);
    await this.backend().delete(this.key(connectionId));
  }

  /** The key under which a connection's secret is stored (exposed for tests). */
  key(connectionId: string): string {
    return `${KEY_PREFIX}${connectionId}`;
  }

  private isInMemory(connectionId: string, inMemory: boolean | undefined): boolean {
    return inMemory ?? this.options.inMemory?.(connectionId) ?? false;
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
