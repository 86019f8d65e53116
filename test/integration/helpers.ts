// Shared helpers for the core ↔ test-server integration tests: start a server, build profiles, connect, assert MilvusErrors.
import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import { startMilvusTestServer, type RunningTestServer, type TestServerOptions } from '../milvus-server';
import { errorEra, versionAtLeast } from '../milvus-server/version';
import type { AdminApi } from '../../src/core/adminApi';
import { MilvusError, type MilvusErrorKind } from '../../src/core/errors/milvusError';
import { connectMilvus } from '../../src/core/milvus/connect';
import type { ConnectionProfile, ConnectionSecret } from '../../src/core/types';

export const ROOT_PASSWORD = 'Milvus';

/**
 * The Milvus release the servers of this run report (and behave as): scripts/test.sh runs the integration suite once per
 * release of its matrix, in parallel, with MILVUS_TEST_VERSION set; a test that needs one release names it itself.
 */
export const MATRIX_VERSION = process.env.MILVUS_TEST_VERSION || 'v2.6.19';

/**
 * What the matrix release has and how it words refusals (docs/milvus-behaviour.md §9, §3.2), for tests that run on every
 * release: a feature it lacks must be hidden (an 'unimplemented' MilvusError with a sentence), never a raw failure.
 */
export const ERA = {
  backupRbac: versionAtLeast(MATRIX_VERSION, 2, 4, 10),
  privilegeGroups: versionAtLeast(MATRIX_VERSION, 2, 4, 16),
  grantV2: versionAtLeast(MATRIX_VERSION, 2, 4, 18),
  descriptions: versionAtLeast(MATRIX_VERSION, 2, 6, 19),
  /** §3.3 G15: requests naming an alias are checked against its collection. */
  aliasesResolved: versionAtLeast(MATRIX_VERSION, 2, 6, 12),
  /** 2.6.19+: rootcoord refusals are code 1100 with the `: invalid parameter` suffix; before, 65535 without it. */
  merr: errorEra(MATRIX_VERSION) === 'merr',
  /** The 2.5 rootcoord (2.6.5 and older): a few older texts and quota errors as plain text (65535). */
  legacy: errorEra(MATRIX_VERSION) === 'legacy',
};

/**
 * For suites about 2.6.19+ behaviour itself (descriptions, V2 grant shapes, the exact 2.6.19 texts) or that pin their
 * own release: they run in the matrix's newest process only. On every release, eras.test.ts checks that each facade
 * action works or is hidden.
 */
export const NEWEST_ONLY = { skip: ERA.merr ? false : `about 2.6.19+ behaviour; this run is ${MATRIX_VERSION}` };

/** A rootcoord refusal's text as the matrix release words it: `text` plus the suffix from 2.6.19 on. */
export function refusalText(text: string): string {
  return ERA.merr ? `${text}: invalid parameter` : text;
}

/** The description field of a listed user or role: the one sent, or none where the release has no descriptions. */
export function described(text: string): { description?: string } {
  return ERA.descriptions ? { description: text } : {};
}

export function startServer(options: TestServerOptions = {}): Promise<RunningTestServer> {
  return startMilvusTestServer({ host: '127.0.0.1', port: 0, quiet: true, version: MATRIX_VERSION, ...options });
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
