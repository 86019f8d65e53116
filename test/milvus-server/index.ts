// The protocol-level Milvus test server: a real gRPC server that answers like Milvus 2.6.19+ for authentication,
// users, roles, privileges, privilege groups and database/collection names. A test and demo tool; it stores no vectors.
import * as grpc from '@grpc/grpc-js';
import { Authenticator } from './auth';
import type { Flavor, HandlerTable, ServerContext } from './context';
import { buildImplementation } from './dispatch';
import { withFastSelectUser } from './fastEncode';
import { Faults, type NotReadyStage } from './faults';
import { withStrictRequests } from './wire';
import { aliasHandlers } from './handlers/aliases';
import { backupHandlers } from './handlers/backup';
import { connectHandlers, telemetryHandlers } from './handlers/connect';
import { credentialHandlers } from './handlers/credentials';
import { databaseHandlers } from './handlers/databases';
import { grantHandlers } from './handlers/grants';
import { privilegeGroupHandlers } from './handlers/privilegeGroups';
import { roleHandlers } from './handlers/roles';
import { loadProto } from './proto';
import { applySeed, bootstrap, readSeedFile, type SeedData } from './seed';
import { ServerState } from './state';
import { serverCredentials, type TlsOptions } from './tls';
import { ruleEraOf } from './validation';
import { bootstrapZilliz, isZilliz } from './flavor';

export type { Flavor, NotReadyStage, SeedData, TlsOptions };

export interface TestServerOptions {
  host?: string;
  /** 0 = any free port. */
  port?: number;
  /** common.security.authorizationEnabled; default false. */
  auth?: boolean;
  /** Root's password when the state is created; default 'Milvus'. */
  rootPassword?: string;
  /** common.security.superUsers; default []. */
  superUsers?: string[];
  /** proxy.maxUserNum, counting root; default 100. */
  maxUsers?: number;
  /** proxy.maxRoleNum, counting admin and public; default 10. */
  maxRoles?: number;
  tls?: TlsOptions;
  /** What GetVersion and Connect report; default 'v2.6.19'. */
  version?: string;
  /** Applied when the state is created (not when a state file is loaded); `seedFile` first, then `seed`. */
  seed?: SeedData;
  seedFile?: string;
  /** Loaded at start if present, written after each change. */
  stateFile?: string;
  latencyMs?: number;
  /** Start as a proxy that is not ready yet (§3.3 A1); `setNotReady(undefined)` makes it ready. */
  notReady?: NotReadyStage;
  /** 'milvus' (default), or a Zilliz Cloud cluster: 'zilliz-dedicated', 'zilliz-serverless' (flavor.ts, §10). */
  flavor?: Flavor;
  /** No startup line from the library. */
  quiet?: boolean;
  /** Log every RPC that fails at the gRPC level or with an internal error (to stderr). */
  verbose?: boolean;
}

export interface RunningTestServer {
  address: string;
  port: number;
  options: TestServerOptions;
  stop(): Promise<void>;
  start(): Promise<void>;
  setLatency(ms: number): void;
  failNext(n: number, grpcCode?: number): void;
  /** A1: `starting` (gRPC UNKNOWN for every call), `initializing` (code 1 "service not ready"), undefined = ready. */
  setNotReady(stage: NotReadyStage | undefined): void;
  rpcCounts(): Record<string, number>;
  resetRpcCounts(): void;
}

const HANDLERS: HandlerTable = {
  ...connectHandlers,
  ...credentialHandlers,
  ...roleHandlers,
  ...grantHandlers,
  ...privilegeGroupHandlers,
  ...databaseHandlers,
  ...aliasHandlers,
  ...backupHandlers,
};

const CHANNEL_OPTIONS: grpc.ServerOptions = {
  'grpc.max_receive_message_length': 256 * 1024 * 1024,
  'grpc.max_send_message_length': 256 * 1024 * 1024,
};

function bind(server: grpc.Server, address: string, creds: grpc.ServerCredentials): Promise<number> {
  return new Promise((resolve, reject) =>
    server.bindAsync(address, creds, (err, port) => (err ? reject(err) : resolve(port))),
  );
}

function shutdown(server: grpc.Server): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      server.forceShutdown();
      resolve();
    }, 500);
    server.tryShutdown(() => {
      clearTimeout(timer);
      resolve();
    });
  });
}

export async function startMilvusTestServer(options: TestServerOptions = {}): Promise<RunningTestServer> {
  const used: TestServerOptions = {
    host: '127.0.0.1',
    port: 0,
    auth: false,
    rootPassword: 'Milvus',
    superUsers: [],
    maxUsers: 100,
    maxRoles: 10,
    version: 'v2.6.19',
    latencyMs: 0,
    flavor: 'milvus',
    quiet: false,
    ...Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined)),
  };
  const state = new ServerState(used.stateFile);
  if (!(used.stateFile && state.load(used.stateFile))) {
    bootstrap(state, used.rootPassword ?? 'Milvus');
    // Z1: a Zilliz cluster's first user is db_admin, with the password root would have had.
    if (isZilliz(used.flavor ?? 'milvus')) bootstrapZilliz(state, used.rootPassword ?? 'Milvus');
    if (used.seedFile) applySeed(state, readSeedFile(used.seedFile), used.version);
    if (used.seed) applySeed(state, used.seed, used.version);
    state.changed();
  }
  const ctx: ServerContext = {
    state,
    auth: new Authenticator(state),
    options: {
      auth: used.auth === true,
      superUsers: used.superUsers ?? [],
      maxUsers: used.maxUsers ?? 100,
      maxRoles: used.maxRoles ?? 10,
      version: used.version ?? 'v2.6.19',
      flavor: used.flavor ?? 'milvus',
    },
    profile: ruleEraOf(used.version ?? 'v2.6.19'),
    proto: loadProto(),
  };
  const faults = new Faults();
  faults.latencyMs = used.latencyMs ?? 0;
  faults.notReady = used.notReady;
  const log = used.verbose ? (line: string) => console.error(`[milvus-test-server] ${line}`) : undefined;
  const milvusImpl = buildImplementation(ctx.proto.milvusService, { ctx, faults, handlers: HANDLERS, log });
  const telemetryImpl = buildImplementation(ctx.proto.telemetryService, {
    ctx,
    faults,
    handlers: telemetryHandlers,
    log,
  });
  const creds = serverCredentials(used.tls);
  const milvusService = withStrictRequests(withFastSelectUser(ctx.proto.milvusService));

  let server: grpc.Server | undefined;
  let port = used.port ?? 0;
  const host = used.host ?? '127.0.0.1';
  const listen = async (): Promise<void> => {
    const s = new grpc.Server(CHANNEL_OPTIONS);
    s.addService(milvusService, milvusImpl);
    s.addService(ctx.proto.telemetryService, telemetryImpl);
    port = await bind(s, `${host}:${port}`, creds);
    server = s;
  };
  await listen();
  used.port = port;
  const address = `${host}:${port}`;
  if (!used.quiet) console.log(`Milvus test server listening on ${address}`);

  return {
    address,
    port,
    options: used,
    async stop() {
      const s = server;
      server = undefined;
      if (s) await shutdown(s);
    },
    async start() {
      if (!server) await listen();
    },
    setLatency(ms: number) {
      faults.latencyMs = Math.max(0, ms);
    },
    failNext(n: number, grpcCode?: number) {
      faults.failNext(n, grpcCode);
    },
    setNotReady(stage: NotReadyStage | undefined) {
      faults.notReady = stage;
    },
    rpcCounts: () => faults.counters(),
    resetRpcCounts: () => faults.resetCounts(),
  };
}
