// A Milvus proxy that listens before it is ready (docs/milvus-behaviour.md §3.3 A1): at both stages connecting and
// every request fail quickly with one sentence, "… is starting, try again in a moment", never a hang or raw text.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { RunningTestServer } from '../milvus-server';
import type { AdminApi } from '../../src/core/adminApi';
import { ROOT_PASSWORD, connectAs, rejectsWith, startServer } from './helpers';

const STARTING = /^Milvus at 127\.0\.0\.1:\d+ is starting, try again in a moment\.$/;
/** The request timeout of these connections; a hang would last at least this long. */
const TIMEOUT_MS = 20_000;
/** Far below the timeout (generous: the test may share two cores with other test runs). */
const QUICK_MS = TIMEOUT_MS / 2;

const connectRoot = (server: RunningTestServer): Promise<AdminApi> =>
  connectAs(server, 'root', ROOT_PASSWORD, {}, TIMEOUT_MS);

async function quickly<T>(what: Promise<T>): Promise<T> {
  const started = Date.now();
  try {
    return await what;
  } finally {
    assert.ok(Date.now() - started < QUICK_MS, `took ${Date.now() - started} ms`);
  }
}

describe('§3.3 A1 a proxy that is not ready', () => {
  let server: RunningTestServer;
  before(async () => {
    server = await startServer({ auth: true });
    // Loads the SDK (a one-time cost that has nothing to do with the server's answer).
    await (await connectRoot(server)).close();
  });
  after(async () => {
    server.setNotReady(undefined);
    await server.stop();
  });

  for (const stage of ['starting', 'initializing'] as const) {
    test(`A1 ${stage}: connecting fails at once with "Milvus … is starting, try again in a moment"`, async () => {
      server.setNotReady(stage);
      try {
        const e = await quickly(rejectsWith(connectRoot(server), 'notReady', STARTING));
        assert.match(
          e.details.serverMessage ?? '',
          stage === 'starting' ? /Proxy is not ready yet/ : /state code: Initializing: service not ready/,
        );
      } finally {
        server.setNotReady(undefined);
      }
    });

    test(`A1 ${stage}: a request on an open connection fails at once with the same sentence`, async () => {
      const api = await connectRoot(server);
      try {
        server.setNotReady(stage);
        await quickly(rejectsWith(api.listUsersWithRoles(), 'notReady', STARTING));
        await quickly(rejectsWith(api.createRole('starter'), 'notReady', STARTING));
        server.setNotReady(undefined);
        // Trying again once it is ready works on the same connection.
        assert.ok((await api.listUsersWithRoles()).some((u) => u.name === 'root'));
      } finally {
        server.setNotReady(undefined);
        await api.close();
      }
    });
  }
});
