// Shared helpers for the core ↔ test-server integration tests: start a server, build profiles, connect, assert MilvusErrors.
import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import { startMilvusTestServer, type RunningTestServer, type TestServerOptions } from '../milvus-server';
import type { AdminApi } from '../../src/core/adminApi';
import { MilvusError, type MilvusErrorKind } from '../../src/core/errors';
import { connectMilvus } from '../../src/core/milvusConnect';
import type { ConnectionProfile, ConnectionSecret } from '../../src/core/types';

export const ROOT_PASSWORD = 'Milvus';

export function startServer(options: TestServerOptions = {}): Promise<RunningTestServer> {
  return startMilvusTestServer({ host: '127.0.0.1', port: 0, quiet: true, ...options });
}

export function profileFor(server: { address: string }, over: Partial<ConnectionProfile> = {}): ConnectionProfile {
  return {
    id: 'test',
    name: 'test',
    uri: `http://${server.address}`,
    database: 'default',
    auth: 'password',
    username: 'root',
    tls: { mode: 'off' },
    ...over,
  };
}

export function connectAs(
  server: { address: string },
  username: string,
  password: string,
  over: Partial<ConnectionProfile> = {},
  timeoutMs = 5000,
): Promise<AdminApi> {
  const secret: ConnectionSecret = { password };
  return connectMilvus(profileFor(server, { username, ...over }), secret, { timeoutMs });
}

export function connectRoot(server: { address: string }, over: Partial<ConnectionProfile> = {}): Promise<AdminApi> {
  return connectAs(server, 'root', ROOT_PASSWORD, over);
}

/** Awaits a rejection and checks it is a MilvusError of `kind` whose message matches. */
/** `server`: the server's own text, which a recognised refusal keeps in `details.serverMessage` behind the sentence. */
export async function rejectsWith(
  promise: Promise<unknown>,
  kind: MilvusErrorKind,
  message?: RegExp,
  server?: RegExp,
): Promise<MilvusError> {
  try {
    await promise;
  } catch (e) {
    assert.ok(e instanceof MilvusError, `expected a MilvusError, got ${String(e)}`);
    assert.equal(e.kind, kind, `kind of "${e.message}" (server: ${e.details.serverMessage ?? '-'})`);
    if (message) {
      assert.match(e.message, message);
    }
    if (server) {
      assert.match(e.details.serverMessage ?? '', server);
    }
    return e;
  }
  assert.fail(`expected a rejection of kind ${kind}`);
}

/** A port on which nothing listens (bound, then released). */
export async function deadPort(): Promise<number> {
  const srv = createServer();
  await new Promise<void>((resolve) => srv.listen(0, '127.0.0.1', resolve));
  const address = srv.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  await new Promise<void>((resolve) => srv.close(() => resolve()));
  return port;
}

/** Collects unhandled rejections while a test runs. */
export function watchUnhandledRejections(): { stop(): unknown[] } {
  const seen: unknown[] = [];
  const listener = (reason: unknown): void => {
    seen.push(reason);
  };
  process.on('unhandledRejection', listener);
  return {
    stop(): unknown[] {
      process.off('unhandledRejection', listener);
      return seen;
    },
  };
}
