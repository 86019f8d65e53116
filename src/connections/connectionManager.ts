import * as vscode from 'vscode';
import type { AdminApi } from '../core/adminApi';
import { HEALTH_CHECK_DEADLINE_MS } from '../core/milvus/connectOptions';
import { toMilvusError } from '../core/errors/mapping';
import { MilvusError, withRawText } from '../core/errors/milvusError';
import { REMEDIES } from '../core/errors/remedies';
import type { ConnectionProfile, ConnectionSecret, ServerInfo } from '../core/types';
import type { Log } from '../log';
import type { ProfileStore } from '../storage/profileStore';
import { KeychainUnavailableError } from '../storage/backends/keytarBackend';
import { secretInMemory, type SecretVault } from '../storage/secretVault';
import { SecretPromptCancelled } from './secretPrompts';
import { trackWrites } from './writeTracking';

/** 'unreachable': the server stopped answering (or never did); Refresh probes it and reconnects. */
export type ConnectionState = 'disconnected' | 'connecting' | 'connected' | 'failed' | 'unreachable';

export interface ConnectionStatus {
  state: ConnectionState;
  info?: ServerInfo;
  /** Why the last attempt or request failed (message is safe to show). */
  error?: MilvusError;
  /** True after the user disconnected on purpose: the tree then waits for an explicit Connect. */
  manual?: boolean;
}

export interface ConnectionManagerOptions {
  profiles: ProfileStore;
  vault: SecretVault;
  log: Log;
  timeoutMs: () => number;
  /**
   * Asks for the password or token of an ask-on-connect connection (the UI lives above this layer); resolves
   * undefined when the user dismissed the prompt. `refused`: the server refused the previous answer.
   */
  askSecret?: (profile: ConnectionProfile, refused: boolean) => Promise<ConnectionSecret | undefined>;
}

type Connect = (
  profile: ConnectionProfile,
  secret: ConnectionSecret | undefined,
  opts: { timeoutMs?: number },
) => Promise<AdminApi>;

/** The SDK and everything around it load on the first connect, never at activation. */
let connectFn: Promise<Connect> | undefined;
function loadConnect(): Promise<Connect> {
  connectFn ??= import('../core/milvus/connect.js').then((m) => m.connectMilvus);
  return connectFn;
}

/** Errors after which the client is dropped so that the next action reconnects from scratch. */
const RECONNECT_KINDS = new Set<MilvusError['kind']>(['unreachable', 'timeout', 'auth', 'tls']);
/** A refused answer at the password prompt is asked for again, at most this many times in one connect. */
const MAX_REFUSED_ANSWERS = 5;

/** The message, plus the raw server or transport text behind it: for the log only. */
function logText(error: MilvusError): string {
  return withRawText(error.message, error);
}

/**
 * One AdminApi per connection, created on first need and reused; closed on disconnect or removal. Publishes state
 * changes for the tree and the status bar.
 */
export class ConnectionManager implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<string>();
  /** Fires the connection id whose state changed. */
  readonly onDidChangeState = this.changed.event;
  private readonly wrote = new vscode.EventEmitter<string>();
  /** Fires the connection id after a `run` that sent a change of users, roles, grants or groups (src/connections/writeTracking.ts). */
  readonly onDidChangeServer = this.wrote.event;
  private readonly clients = new Map<string, AdminApi>();
  private readonly pending = new Map<string, Promise<AdminApi>>();
  /** Stops the channel watch of each connected client. */
  private readonly unwatch = new Map<string, () => void>();
  private readonly healthChecks = new Map<string, Promise<ConnectionStatus>>();
  /** Bumped by cancel(): an attempt started under an older generation is abandoned. */
  private readonly generations = new Map<string, number>();
  private readonly statuses = new Map<string, ConnectionStatus>();
  /** Most recently connected or used connection, for the status bar. */
  private activeId: string | undefined;

  constructor(private readonly options: ConnectionManagerOptions) {}

  status(id: string): ConnectionStatus {
    return this.statuses.get(id) ?? { state: 'disconnected' };
  }

  get active(): { profile: ConnectionProfile; status: ConnectionStatus } | undefined {
    const profile = this.activeId ? this.options.profiles.get(this.activeId) : undefined;
    return profile ? { profile, status: this.status(profile.id) } : undefined;
  }

  isConnected(id: string): boolean {
    return this.clients.has(id);
  }

  /** The connection's client, connecting first when needed. Concurrent callers share one attempt. */
  async connect(id: string): Promise<AdminApi> {
    const existing = this.clients.get(id);
    if (existing) return existing;
    const inFlight = this.pending.get(id);
    if (inFlight) return inFlight;
    const attempt: Promise<AdminApi> = this.open(id, this.generation(id)).finally(() => {
      if (this.pending.get(id) === attempt) this.pending.delete(id);
    });
    this.pending.set(id, attempt);
    return attempt;
  }

  /**
   * Abandons the connect attempt in flight (the user cancelled it): the next connect starts afresh instead of joining
   * it, and a client it still produces is closed.
   */
  cancel(id: string): void {
    if (!this.pending.has(id)) return;
    this.generations.set(id, this.generation(id) + 1);
    this.pending.delete(id);
    this.options.log.info(`Connecting to "${this.name(id)}" was cancelled.`);
    this.setStatus(id, { state: 'disconnected' });
  }

  /**
   * Runs `action` with the connection's client. After a failure that means the client is no longer usable
   * (unreachable, timeout, auth, TLS), the client is closed and the next action reconnects.
   */
  async run<T>(id: string, action: (api: AdminApi) => Promise<T>): Promise<T> {
    const api = await this.connect(id);
    this.activeId = id;
    let changed = false;
    try {
      return await action(trackWrites(api, () => (changed = true)));
    } catch (raw) {
      const error = toMilvusError(raw);
      if (RECONNECT_KINDS.has(error.kind)) await this.lost(id, api, error);
      throw error;
    } finally {
      // Also after a refusal: a plan may have applied steps before it.
      if (changed) this.wrote.fire(id);
    }
  }

  /**
   * Checks that a connection still works: a connected one gets a health check (one GetVersion, HEALTH_CHECK_DEADLINE_MS,
   * no retry) and turns 'unreachable' when it fails; with `reconnect`, an unreachable one connects again. Never rejects:
   * resolves with the state afterwards. Concurrent checks of one connection share one.
   */
  checkHealth(id: string, reconnect = false): Promise<ConnectionStatus> {
    const running = this.healthChecks.get(id);
    if (running) return running;
    const check = this.runHealthCheck(id, reconnect).finally(() => this.healthChecks.delete(id));
    this.healthChecks.set(id, check);
    return check;
  }

  private async runHealthCheck(id: string, reconnect: boolean): Promise<ConnectionStatus> {
    const api = this.clients.get(id);
    if (api) {
      try {
        await api.ping(HEALTH_CHECK_DEADLINE_MS);
      } catch (raw) {
        const error = toMilvusError(raw);
        if (RECONNECT_KINDS.has(error.kind)) await this.lost(id, api, error);
      }
    } else if (reconnect && this.status(id).state === 'unreachable') {
      // Failures are in the status (and the log) already.
      await this.connect(id).catch(() => undefined);
    }
    return this.status(id);
  }

  /** After a failure that leaves `api` unusable: drops it (the next action reconnects) and says why. */
  private async lost(id: string, api: AdminApi, error: MilvusError): Promise<void> {
    if (this.clients.get(id) !== api) return;
    this.options.log.warn(`Connection "${this.name(id)}" lost: ${logText(error)} The next action reconnects.`);
    if (error.kind === 'auth') this.forgetAskedSecret(id);
    // The state first, and no waiting for the close: closing drains the client's pool, which waits for every call
    // still pending on a frozen server (up to the request timeout); the tree and the status bar must not wait for it.
    const closing = this.drop(id);
    this.setStatus(id, { state: error.kind === 'unreachable' ? 'unreachable' : 'disconnected', error });
    void closing;
  }

  /** Forgets the connection's client (stopping its watch) at once, and closes it. */
  private async drop(id: string): Promise<AdminApi | undefined> {
    const api = this.clients.get(id);
    this.clients.delete(id);
    this.unwatch.get(id)?.();
    this.unwatch.delete(id);
    await api?.close().catch((e: unknown) => this.options.log.warn('close failed', e));
    return api;
  }

  async disconnect(id: string, manual = true): Promise<void> {
    const api = await this.drop(id);
    await this.pending.get(id)?.catch(() => undefined);
    const late = await this.drop(id);
    if (api || late) this.options.log.info(`Disconnected from "${this.name(id)}".`);
    this.setStatus(id, { state: 'disconnected', manual });
  }

  /**
   * The connection's settings or secret changed (Edit Connection): a failed or unreachable state was about the old ones,
   * so it is forgotten and the tree connects again with the new ones, without waiting for Refresh.
   */
  settingsChanged(id: string): void {
    const { state } = this.status(id);
    if (state === 'failed' || state === 'unreachable') this.setStatus(id, { state: 'disconnected' });
  }

  /** Forgets a failed attempt so the tree may try again. */
  clearFailure(id: string): void {
    if (this.status(id).state === 'failed') this.setStatus(id, { state: 'disconnected' });
  }

  /** Connects with an unsaved profile and secret, reports the server, closes again. */
  async test(profile: ConnectionProfile, secret: ConnectionSecret | undefined): Promise<ServerInfo> {
    const started = Date.now();
    const connect = await loadConnect();
    let api: AdminApi | undefined;
    try {
      api = await connect(profile, secret, { timeoutMs: this.options.timeoutMs() });
      this.options.log.info(
        `Test of "${profile.name}" (${profile.uri}) succeeded in ${Date.now() - started} ms: Milvus ${api.info.version}.`,
      );
      return api.info;
    } catch (raw) {
      const error = toMilvusError(raw);
      this.options.log.warn(`Test of "${profile.name}" (${profile.uri}) failed: ${logText(error)}`);
      throw error;
    } finally {
      await api?.close().catch(() => undefined);
    }
  }

  /**
   * Asks for an ask-on-connect connection's password or token, keeping nothing. Rejects with SecretPromptCancelled
   * when the user dismissed the prompt.
   */
  async askSecret(profile: ConnectionProfile, refused = false): Promise<ConnectionSecret> {
    const typed = this.options.askSecret ? await this.options.askSecret(profile, refused) : undefined;
    if (!typed) throw new SecretPromptCancelled(profile.name);
    for (const value of [typed.password, typed.token]) this.options.log.addSecret(value);
    return typed;
  }

  dispose(): void {
    for (const stop of this.unwatch.values()) stop();
    this.unwatch.clear();
    for (const api of this.clients.values()) void api.close().catch(() => undefined);
    this.clients.clear();
    this.changed.dispose();
    this.wrote.dispose();
  }

  private generation(id: string): number {
    return this.generations.get(id) ?? 0;
  }

  private async open(id: string, generation: number): Promise<AdminApi> {
    const profile = this.options.profiles.get(id);
    if (!profile) throw new MilvusError('invalidInput', vscode.l10n.t('This connection no longer exists.'));
    this.setStatus(id, { state: 'connecting' });
    const started = Date.now();
    try {
      const api = await this.login(profile, generation);
      if (generation !== this.generation(id)) {
        await api.close().catch(() => undefined);
        throw new MilvusError('invalidInput', vscode.l10n.t('Connecting to "{0}" was cancelled.', profile.name));
      }
      this.clients.set(id, api);
      this.unwatch.set(
        id,
        api.watchChannel(() => void this.checkHealth(id)),
      );
      this.activeId = id;
      this.setStatus(id, { state: 'connected', info: api.info });
      this.options.log.info(
        `Connected to "${profile.name}" (${profile.uri}, database ${api.info.database}) as ${api.info.user ?? 'anonymous'}: Milvus ${api.info.version}, ${Date.now() - started} ms.`,
      );
      return api;
    } catch (raw) {
      if (raw instanceof SecretPromptCancelled) {
        // Not a failure: the node shows "disconnected" and waits for an explicit Connect instead of asking again.
        if (generation === this.generation(id)) this.setStatus(id, { state: 'disconnected', manual: true });
        this.options.log.info(raw.message);
        throw raw;
      }
      if (generation !== this.generation(id)) throw toMilvusError(raw);
      const keychain = raw instanceof KeychainUnavailableError;
      const error = keychain ? new MilvusError('auth', raw.message) : toMilvusError(raw);
      if (error.kind === 'auth') this.forgetAskedSecret(id);
      this.setStatus(id, { state: error.kind === 'unreachable' ? 'unreachable' : 'failed', error });
      this.options.log.warn(
        `Connecting to "${profile.name}" (${profile.uri}) failed after ${Date.now() - started} ms: ${logText(error)}`,
      );
      // The keychain error keeps its type so the command layer can offer the switch to SecretStorage.
      throw keychain ? raw : error;
    }
  }

  /**
   * Connects with the connection's secret. When the server refuses an answer typed at the ask-on-connect prompt, the
   * answer is forgotten and the prompt asks again, saying so, until the server accepts one or the user dismisses the
   * prompt (SecretPromptCancelled); after MAX_REFUSED_ANSWERS refusals the refusal itself is thrown.
   */
  private async login(profile: ConnectionProfile, generation: number): Promise<AdminApi> {
    let secret = await this.secretFor(profile);
    for (let refused = 0; ; refused++) {
      if (profile.auth !== 'none' && !secret) {
        throw new MilvusError(
          'auth',
          profile.auth === 'token'
            ? vscode.l10n.t('No token is stored for "{0}".', profile.name)
            : vscode.l10n.t('No password is stored for "{0}".', profile.name),
          {},
          REMEDIES.enterSecret,
        );
      }
      const connect = await loadConnect();
      try {
        return await connect(profile, secret, { timeoutMs: this.options.timeoutMs() });
      } catch (raw) {
        const askAgain = profile.askSecret && this.options.askSecret && refused < MAX_REFUSED_ANSWERS;
        if (!askAgain || toMilvusError(raw).kind !== 'auth' || generation !== this.generation(profile.id)) throw raw;
        this.options.log.info(
          `The server refused the ${profile.auth === 'token' ? 'token' : 'password'} entered for "${profile.name}"; asking again.`,
        );
        this.options.vault.forget(profile.id);
        secret = await this.askSecret(profile, true);
        this.options.vault.remember(profile.id, secret);
      }
    }
  }

  /**
   * The stored secret; for an ask-on-connect connection, the one typed earlier in this session, else asked now and
   * kept in memory (Disconnect keeps it, a window reload forgets it).
   */
  private async secretFor(profile: ConnectionProfile): Promise<ConnectionSecret | undefined> {
    if (profile.auth === 'none') return undefined;
    const known = await this.options.vault.get(profile.id, secretInMemory(profile));
    if (known || !profile.askSecret || !this.options.askSecret) return known;
    const typed = await this.askSecret(profile);
    this.options.vault.remember(profile.id, typed);
    return typed;
  }

  /** After a refused login, an ask-on-connect connection asks again next time instead of retrying a wrong answer. */
  private forgetAskedSecret(id: string): void {
    if (this.options.profiles.get(id)?.askSecret) this.options.vault.forget(id);
  }

  private name(id: string): string {
    return this.options.profiles.get(id)?.name ?? id;
  }

  private setStatus(id: string, status: ConnectionStatus): void {
    this.statuses.set(id, status);
    this.changed.fire(id);
  }
}
