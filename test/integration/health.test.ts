// The health check and the channel watch against the test server: a stopped server is reported as unreachable by a
// single short call (never retried, never held to the request timeout), and an idle client notices it by itself.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { RunningTestServer } from '../milvus-server';
import { HEALTH_CHECK_DEADLINE_MS } from '../../src/core/milvus/connectOptions';
import { errorText } from '../../src/webview/errorText';
import { connectRoot, rejectsWith, startServer } from './helpers';

/** Texts grpc-js writes that must never reach a user. */
const RAW_GRPC =
  /Resolution note|No connection established|UNAVAILABLE|DEADLINE_EXCEEDED|Deadline exceeded|ECONNREFUSED|LB pick/;
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

describe('health check and channel watch', () => {
  let server: RunningTestServer;
  before(async () => {
    server = await startServer({ auth: true });
  });
  after(async () => {
    server.setLatency(0);
    await server.stop();
  });

  test('the deadline is short enough to show a dead server within 2 s', () => {
    assert.ok(HEALTH_CHECK_DEADLINE_MS > 0 && HEALTH_CHECK_DEADLINE_MS <= 2000, `${HEALTH_CHECK_DEADLINE_MS} ms`);
  });

  test('a live server answers the health check with one GetVersion', async () => {
    const api = await connectRoot(server);
    try {
      server.resetRpcCounts();
      await api.ping(HEALTH_CHECK_DEADLINE_MS);
      assert.deepEqual(server.rpcCounts(), { GetVersion: 1 });
    } finally {
      await api.close();
    }
  });

  test('one UNAVAILABLE answer fails the health check: it is never retried (requests are)', async () => {
    const api = await connectRoot(server);
    try {
      server.resetRpcCounts();
      server.failNext(1);
      const e = await rejectsWith(api.ping(HEALTH_CHECK_DEADLINE_MS), 'unreachable', /^Cannot reach Milvus at /);
      assert.doesNotMatch(e.message, RAW_GRPC);
      assert.deepEqual(server.rpcCounts(), { GetVersion: 1 }, 'the health check was sent again');
      // The same single failure does not fail a request: MilvusAdmin retries UNAVAILABLE there.
      server.failNext(1);
      assert.ok((await api.listUsersWithRoles()).some((u) => u.name === 'root'));
    } finally {
      await api.close();
    }
  });

  test('a server slower than the health-check deadline (but within the request timeout) is unreachable', async () => {
    const api = await connectRoot(server); // request timeout 5000 ms
    try {
      // The answer comes after 2.1 s: only a deadline under that fails, whatever the machine's speed.
      server.setLatency(2100);
      const e = await rejectsWith(
        api.ping(HEALTH_CHECK_DEADLINE_MS),
        'unreachable',
        new RegExp(
          `did not answer a health check within ${HEALTH_CHECK_DEADLINE_MS} ms\\. Check that the server is running`,
        ),
      );
      assert.doesNotMatch(e.message, RAW_GRPC);
      assert.match(e.details.transportMessage ?? '', /Deadline exceeded/, 'the raw text is kept for the log');
    } finally {
      server.setLatency(0);
      await api.close();
    }
  });

  test('closing a client settles the calls still waiting on a server that does not answer (issue 23 item 9)', async () => {
    const api = await connectRoot(server); // request timeout 5000 ms
    try {
      // A server that answers after 60 s (as good as frozen): the listings would wait for the request timeout.
      server.setLatency(60_000);
      const waiting = Promise.allSettled([api.listUsersWithRoles(), api.listRolesWithUsers()]);
      await sleep(100);
      void api.close();
      const settled = await Promise.race([waiting, sleep(4000).then(() => 'still waiting' as const)]);
      assert.notEqual(settled, 'still waiting', 'the listings waited for their deadline after the close');
      for (const outcome of settled as PromiseSettledResult<unknown>[]) {
        assert.equal(outcome.status, 'rejected');
        const reason = (outcome as PromiseRejectedResult).reason as { kind?: string; message?: string };
        assert.equal(reason.kind, 'unreachable');
        assert.match(reason.message ?? '', /is closed\. Connect again\./);
      }
    } finally {
      server.setLatency(0);
      await api.close();
    }
  });

  test('stopped server: the idle client notices by itself, the health check says unreachable in plain words', async () => {
    const api = await connectRoot(server);
    let noticed = 0;
    const stop = api.watchChannel(() => noticed++);
    try {
      await sleep(200);
      assert.equal(noticed, 0, 'the watch reported a healthy connection');
      await server.stop();
      for (const until = Date.now() + 20_000; noticed === 0 && Date.now() < until;) await sleep(50);
      assert.ok(noticed > 0, 'the channel watch did not notice the stopped server');
      const e = await rejectsWith(
        api.ping(HEALTH_CHECK_DEADLINE_MS),
        'unreachable',
        /^Cannot reach Milvus at 127\.0\.0\.1:\d+\. Check that/,
      );
      // Neither the message nor what a form shows beside it carries grpc-js's text; the log gets it.
      assert.doesNotMatch(errorText(e), RAW_GRPC);
      assert.equal(e.details.serverMessage, undefined);
      assert.match(e.details.transportMessage ?? '', /ECONNREFUSED/);
    } finally {
      stop();
      await server.start();
      await api.close();
    }
  });
});
