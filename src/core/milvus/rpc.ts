// One connection's RPC channel: raw calls through the SDK client's pool, failures turned into MilvusErrors, and the
// probes that tell which optional RPCs the server implements (each sent once per connection).
import * as l10n from '@vscode/l10n';
import type { MilvusClient } from '@zilliz/milvus2-sdk-node';
import { watchChannel } from './channelWatch';
import {
  healthCheckFailure,
  isUnimplementedResponse,
  statusFailure,
  toMilvusError,
  unimplementedError,
  type ErrorContext,
} from '../errors/mapping';
import { MilvusError } from '../errors/milvusError';
import { withRetries } from './retry';
import type { MilvusSdk } from './sdkLoader';

export type Flag = 'privilegeGroups' | 'grantV2' | 'alterRole' | 'backupRbac';

/** Side-effect-free requests that tell "implemented" (any Status, even a refusal) from "unimplemented" (`{}`). */
const PROBES: Record<Flag, { rpc: string; body: object }> = {
  privilegeGroups: { rpc: 'ListPrivilegeGroups', body: {} },
  // An empty role name is refused by the proxy's validation before anything is touched.
  grantV2: {
    rpc: 'OperatePrivilegeV2',
    body: {
      role: { name: '' },
      grantor: { privilege: { name: '' } },
      type: 'Revoke',
      db_name: '*',
      collection_name: '*',
    },
  },
  alterRole: { rpc: 'AlterRole', body: { role_name: '', description: '' } },
  backupRbac: { rpc: 'BackupRBAC', body: {} },
};

const PERMISSION_DENIED = 7;
const UNAVAILABLE = 14;
const RETRIES_ON_UNAVAILABLE = 2;
const RETRY_DELAY_MS = 25;

const DEADLINE_EXCEEDED = 4;

/** `call`, or gRPC's DEADLINE_EXCEEDED after `ms` (the SDK starts its deadline only once it has a channel). */
function withDeadline<T>(call: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () =>
        reject(
          Object.assign(new Error('Deadline exceeded'), { code: DEADLINE_EXCEEDED, details: 'Deadline exceeded' }),
        ),
      ms,
    );
  });
  return Promise.race([call, late]).finally(() => clearTimeout(timer));
}

export class MilvusRpc {
  private readonly flags = new Map<Flag, Promise<boolean>>();
  /** Features known to be missing: calls that need them fail at once without a round trip. */
  private readonly missing = new Set<Flag>();
  private closed = false;
  /** Rejects each call still waiting for its answer: close() settles them at once instead of at their deadlines. */
  private readonly waiting = new Set<(error: unknown) => void>();

  constructor(
    private readonly sdk: MilvusSdk,
    private readonly client: MilvusClient,
    private readonly timeoutMs: number,
    readonly ctx: ErrorContext,
  ) {}

  /**
   * Sends one raw RPC through the SDK client's pool. UNAVAILABLE is retried, twice, with a fresh call each time (the
   * SDK's own retries are off, see connectOptions.ts). Resolves with the raw response; rejects with the raw error.
   */
  private send(rpc: string, body: object): Promise<unknown> {
    return this.abortable(
      withRetries(() => this.sdk.promisify(this.client.channelPool, rpc, body, this.timeoutMs) as Promise<unknown>, {
        retries: RETRIES_ON_UNAVAILABLE,
        delayMs: RETRY_DELAY_MS,
        retryable: (e) => (e as { code?: unknown }).code === UNAVAILABLE && !this.closed,
      }),
    );
  }

  /**
   * `call`, or a rejection as soon as the connection is closed. A frozen server leaves calls waiting until their
   * deadline (15 s); the tree shows a lost connection's state only once its listings settle, so close() must not wait.
   */
  private abortable<T>(call: Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const abort = (error: unknown): void => reject(error);
      this.waiting.add(abort);
      call.then(resolve, reject).finally(() => this.waiting.delete(abort));
    });
  }

  /** One RPC. Rejects with a MilvusError for transport errors, failed Statuses and unimplemented RPCs. */
  async call<T>(rpc: string, body: object, flag?: Flag): Promise<T> {
    this.assertOpen();
    if (flag && this.missing.has(flag)) {
      throw unimplementedError(rpc, this.ctx);
    }
    let res: unknown;
    try {
      res = await this.send(rpc, body);
    } catch (e) {
      throw toMilvusError(e, this.ctx);
    }
    if (isUnimplementedResponse(res)) {
      if (flag) {
        this.markMissing(flag);
      }
      throw unimplementedError(rpc, this.ctx);
    }
    const failure = statusFailure(res, this.ctx);
    if (failure) {
      throw failure;
    }
    return res as T;
  }

  assertOpen(): void {
    if (this.closed) {
      throw this.closedError();
    }
  }

  private closedError(): MilvusError {
    return new MilvusError(
      'unreachable',
      this.ctx.address
        ? l10n.t('The connection to {server} is closed. Connect again.', { server: this.ctx.address })
        : l10n.t('The connection to Milvus is closed. Connect again.'),
    );
  }

  private markMissing(flag: Flag): void {
    this.missing.add(flag);
    this.flags.set(flag, Promise.resolve(false));
  }

  /** Records that a feature answered, so later calls need no probe. */
  markPresent(flag: Flag): void {
    this.flags.set(flag, Promise.resolve(true));
  }

  probe(flag: Flag): Promise<boolean> {
    let known = this.flags.get(flag);
    if (!known) {
      const { rpc, body } = PROBES[flag];
      known = this.send(rpc, body).then(
        (res) => {
          if (isUnimplementedResponse(res)) {
            this.missing.add(flag);
            return false;
          }
          return true;
        },
        (e: unknown) => {
          // A refusal by the privilege check still proves the RPC exists.
          if ((e as { code?: unknown }).code === PERMISSION_DENIED) {
            return true;
          }
          this.flags.delete(flag);
          throw toMilvusError(e, this.ctx);
        },
      );
      this.flags.set(flag, known);
    }
    return known;
  }

  async ping(deadlineMs: number): Promise<void> {
    this.assertOpen();
    let res: unknown;
    try {
      // Sent once, not through send(): no retry here nor in the SDK (maxRetries 0), so a dead server fails in time. The
      // deadline also covers waiting for a free channel of the pool, which calls to a frozen server may all hold.
      res = await withDeadline(
        this.abortable(this.sdk.promisify(this.client.channelPool, 'GetVersion', {}, deadlineMs)),
        deadlineMs,
      );
    } catch (e) {
      throw healthCheckFailure(e, deadlineMs, this.ctx);
    }
    const failure = statusFailure(res, this.ctx);
    if (failure) {
      throw failure;
    }
  }

  watchChannel(onLeftReady: () => void): () => void {
    return watchChannel(this.client, () => this.closed, onLeftReady);
  }

  async close(): Promise<void> {
    if (this.closed) {
      return;
    }
    this.closed = true;
    const closedError = this.closedError();
    for (const abort of [...this.waiting]) abort(closedError);
    this.waiting.clear();
    try {
      await this.client.closeConnection();
    } catch {
      // Closing is best effort: the pool may already be gone.
    }
  }

  get isClosed(): boolean {
    return this.closed;
  }
}
