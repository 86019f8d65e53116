// Shared helpers for the test-server scenario tests: start a server, make SDK clients for a user,
// and assert Milvus statuses / gRPC errors the way docs/milvus-behaviour.md describes them.
import assert from 'node:assert/strict';
import * as protoLoader from '@grpc/proto-loader';
import { MilvusClient, promisify, type ClientConfig } from '@zilliz/milvus2-sdk-node';
import { startMilvusTestServer, type RunningTestServer, type TestServerOptions } from '../milvus-server';

// Every `new MilvusClient()` runs @grpc/proto-loader's fromJSON on the same proto JSON twice (about 0.3-1 s of CPU,
// sdk-and-keytar.md A.1), and these tests make a few hundred clients. Identical parses are shared here; the SDK's
// code path is otherwise untouched. Patching works because the SDK looks `fromJSON` up on the module at each call.
const parseCache = new WeakMap<object, Map<string, protoLoader.PackageDefinition>>();
const loader = protoLoader as { fromJSON: typeof protoLoader.fromJSON };
const parseFromJSON = loader.fromJSON;
loader.fromJSON = (json, options) => {
  const key = JSON.stringify(options ?? {}, (_k, v: unknown) => (typeof v === 'function' ? `fn:${v.name}` : v));
  let byOptions = parseCache.get(json);
  if (!byOptions) parseCache.set(json, (byOptions = new Map()));
  let def = byOptions.get(key);
  if (!def) byOptions.set(key, (def = parseFromJSON(json, options)));
  return def;
};

export const DEFAULT_ROOT_PASSWORD = 'Milvus';
export const SDK_VERSION = MilvusClient.sdkInfo.version;
const RPC_TIMEOUT_MS = 15_000;

/** gRPC status codes used by the tests (transport-level errors). */
export const GRPC = {
  DEADLINE_EXCEEDED: 4,
  RESOURCE_EXHAUSTED: 8,
  PERMISSION_DENIED: 7,
  UNIMPLEMENTED: 12,
  INTERNAL: 13,
  UNAVAILABLE: 14,
  UNAUTHENTICATED: 16,
} as const;

/** Legacy `common.ErrorCode` names as the SDK decodes them (enums: String); numbers from §1.3. */
export type ErrorCodeName =
  | 'Success' // 0
  | 'UnexpectedError' // 1
  | 'PermissionDenied' // 3
  | 'IllegalArgument' // 5
  | 'CreateCredentialFailure' // 29
  | 'UpdateCredentialFailure' // 30
  | 'DeleteCredentialFailure' // 31
  | 'CreateRoleFailure' // 35
  | 'DropRoleFailure' // 36
  | 'OperateUserRoleFailure' // 37
  | 'SelectRoleFailure' // 38
  | 'SelectUserFailure' // 39
  | 'OperatePrivilegeFailure' // 41
  | 'SelectGrantFailure' // 42
  | 'ForceDeny' // 48
  | 'CreatePrivilegeGroupFailure' // 58
  | 'DropPrivilegeGroupFailure' // 59
  | 'ListPrivilegeGroupsFailure' // 60
  | 'OperatePrivilegeGroupFailure'; // 61

export interface StatusLike {
  error_code?: string;
  reason?: string;
  code?: number;
  extra_info?: Record<string, string>;
}

export interface ExpectedStatus {
  code: number;
  /** Omitted only where docs/milvus-behaviour.md does not say which error_code the server sends. */
  error_code?: ErrorCodeName;
  reason?: string;
  reasonIncludes?: string | string[];
  reasonMatches?: RegExp;
}

/** The Status of a response: the response itself for Status-returning RPCs, else its `status` field. */
export function statusOf(res: unknown): StatusLike {
  assert.ok(res !== null && typeof res === 'object', `expected a response object, got ${String(res)}`);
  const r = res as { status?: unknown };
  const s = (r.status !== null && typeof r.status === 'object' ? r.status : res) as StatusLike;
  assert.ok(
    s.error_code !== undefined || s.code !== undefined,
    `response has no status (the SDK turns a gRPC UNIMPLEMENTED reply into {}): ${JSON.stringify(res)}`,
  );
  return s;
}

function brief(s: StatusLike): string {
  const reason = s.reason !== undefined && s.reason.length > 300 ? `${s.reason.slice(0, 300)}…` : s.reason;
  return JSON.stringify({ code: s.code, error_code: s.error_code, reason });
}

export function assertStatus(res: unknown, exp: ExpectedStatus): void {
  const s = statusOf(res);
  assert.equal(s.code, exp.code, `Status.code; got ${brief(s)}`);
  if (exp.error_code !== undefined) assert.equal(s.error_code, exp.error_code, `Status.error_code; got ${brief(s)}`);
  if (exp.reason !== undefined) assert.equal(s.reason, exp.reason, `Status.reason; got ${brief(s)}`);
  const parts = exp.reasonIncludes === undefined ? [] : [exp.reasonIncludes].flat();
  for (const p of parts)
    assert.ok((s.reason ?? '').includes(p), `Status.reason should contain ${JSON.stringify(p)}; got ${brief(s)}`);
  if (exp.reasonMatches) assert.match(s.reason ?? '', exp.reasonMatches, `Status.reason; got ${brief(s)}`);
}

export function assertOk(res: unknown): void {
  const s = statusOf(res);
  assert.ok(s.error_code === 'Success' && (s.code ?? 0) === 0, `expected success, got ${brief(s)}`);
}

/** §3.2: an input error (code 1100 etc.) carries extra_info.is_input_error = "true" in 2.6.19+. */
export function assertInputError(res: unknown): void {
  assert.equal(statusOf(res).extra_info?.is_input_error, 'true', 'extra_info.is_input_error');
}

export interface ExpectedGrpcError {
  grpcCode: number;
  details?: string;
  detailsIncludes?: string;
}

/** A transport-level failure: the SDK rejects with a grpc-js ServiceError ({ code, details }). */
export async function assertGrpcError(p: Promise<unknown>, exp: ExpectedGrpcError): Promise<void> {
  let settled: unknown;
  try {
    settled = await p;
  } catch (e) {
    const err = e as { code?: unknown; details?: unknown; message?: unknown };
    const shown = JSON.stringify({ code: err.code, details: err.details, message: err.message });
    assert.equal(err.code, exp.grpcCode, `gRPC status code; got ${shown}`);
    if (exp.details !== undefined) assert.equal(err.details, exp.details, `gRPC details; got ${shown}`);
    if (exp.detailsIncludes !== undefined) {
      assert.ok(
        String(err.details ?? err.message).includes(exp.detailsIncludes),
        `gRPC details should contain ${JSON.stringify(exp.detailsIncludes)}; got ${shown}`,
      );
    }
    return;
  }
  assert.fail(`expected a gRPC error ${exp.grpcCode}, but the call resolved with ${JSON.stringify(settled)}`);
}

export function permissionDenied(privilegeEnum: string, user: string, db = 'default'): ExpectedGrpcError {
  // §2.6: PERMISSION_DENIED "<PrivilegeEnumName>: permission deny to <user> in the `<db>` database"
  return {
    grpcCode: GRPC.PERMISSION_DENIED,
    details: `${privilegeEnum}: permission deny to ${user} in the \`${db}\` database`,
  };
}

export const AUTH_FAILED: ExpectedGrpcError = {
  grpcCode: GRPC.UNAUTHENTICATED,
  details: 'auth check failure, please check username and password are correct',
};

export type ClientOptions = Partial<ClientConfig>;

/**
 * A client that has not sent Connect yet (telemetry off). The caller must close it. Its subchannel pool is its own, as
 * the extension's are: the stage runs every file in one process, and a server started on the port of one stopped a
 * moment before would otherwise get the old server's subchannel, still backing off ("No connection established").
 */
export function newClient(address: string, cfg: ClientOptions = {}): MilvusClient {
  return new MilvusClient({
    address,
    __SKIP_CONNECT__: true,
    telemetry: { enabled: false },
    logLevel: 'error',
    channelOptions: { 'grpc.use_local_subchannel_pool': 1 },
    ...cfg,
  });
}

/** Connect a client the way the extension does; closes it and rethrows if Connect fails. */
export async function connectClient(client: MilvusClient): Promise<MilvusClient> {
  client.connect(SDK_VERSION);
  try {
    await client.connectPromise;
  } catch (e) {
    await client.closeConnection().catch(() => undefined);
    throw e;
  }
  return client;
}

/** Call any MilvusService RPC through the SDK's own channel pool (its auth/dbname metadata included). */
export function rawCall<T = Record<string, unknown>>(client: MilvusClient, method: string, params: object): Promise<T> {
  return promisify(client.channelPool, method, params, RPC_TIMEOUT_MS) as Promise<T>;
}

/** One test server plus the clients made against it; close() ends both. */
export class Harness {
  private readonly clients: MilvusClient[] = [];
  private rootClient?: MilvusClient;

  private constructor(readonly server: RunningTestServer) {}

  static async start(opts: TestServerOptions = {}): Promise<Harness> {
    return new Harness(await startMilvusTestServer({ quiet: true, ...opts }));
  }

  /** A server with authentication on (unless `opts` says otherwise) and its connected root client. */
  static async withRoot(opts: TestServerOptions = {}): Promise<{ h: Harness; root: MilvusClient }> {
    const h = await Harness.start({ auth: true, ...opts });
    return { h, root: await h.root() };
  }

  get address(): string {
    return this.server.address;
  }

  get rootPassword(): string {
    return this.server.options.rootPassword ?? DEFAULT_ROOT_PASSWORD;
  }

  /** A client that is tracked for close() but not connected. */
  unconnected(cfg: ClientOptions = {}): MilvusClient {
    const c = newClient(this.address, cfg);
    this.clients.push(c);
    return c;
  }

  /** A connected client; rejects like the SDK when Connect fails. */
  async connect(cfg: ClientOptions = {}): Promise<MilvusClient> {
    return connectClient(this.unconnected(cfg));
  }

  async as(username: string, password: string, cfg: ClientOptions = {}): Promise<MilvusClient> {
    return this.connect({ username, password, ...cfg });
  }

  /** A shared connected client for root. */
  async root(): Promise<MilvusClient> {
    this.rootClient ??= await this.as('root', this.rootPassword);
    return this.rootClient;
  }

  async close(): Promise<void> {
    await Promise.all(this.clients.map((c) => c.closeConnection().catch(() => undefined)));
    await this.server.stop();
  }
}

/** Create a user and bind it to roles (creating roles that do not exist yet); asserts every step. */
export async function makeUser(
  admin: MilvusClient,
  username: string,
  password: string,
  roles: string[] = [],
): Promise<void> {
  assertOk(await admin.createUser({ username, password }));
  for (const roleName of roles) await bindRole(admin, username, roleName);
}

export async function makeRole(admin: MilvusClient, roleName: string): Promise<void> {
  const found = await admin.describeRole({ roleName });
  assertOk(found);
  if (found.results.length === 0) assertOk(await admin.createRole({ roleName }));
}

export async function bindRole(admin: MilvusClient, username: string, roleName: string): Promise<void> {
  if (roleName !== 'admin' && roleName !== 'public') await makeRole(admin, roleName);
  assertOk(await admin.addUserToRole({ username, roleName }));
}

export interface GrantRow {
  object: string;
  object_name: string;
  db_name: string;
  privilege: string;
  grantor: string;
}

/** SelectGrant for a role over all DBs, as sorted plain rows. */
export async function grantsOf(client: MilvusClient, roleName: string, db_name = '*'): Promise<GrantRow[]> {
  const res = await client.listGrants({ roleName, db_name });
  assertOk(res);
  return toRows(res.entities);
}

interface GrantEntityLike {
  object?: { name?: string };
  object_name?: string;
  db_name?: string;
  grantor?: { user?: { name?: string }; privilege?: { name?: string } };
}

export function toRows(entities: readonly GrantEntityLike[]): GrantRow[] {
  return entities
    .map((e) => ({
      object: e.object?.name ?? '',
      object_name: e.object_name ?? '',
      db_name: e.db_name ?? '',
      privilege: e.grantor?.privilege?.name ?? '',
      grantor: e.grantor?.user?.name ?? '',
    }))
    .sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
}

export function sortedRows(rows: GrantRow[]): GrantRow[] {
  return [...rows].sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
}

export const b64 = (s: string): string => Buffer.from(s, 'utf8').toString('base64');
