// A proxy that listens but is not ready yet (docs/milvus-behaviour.md §3.3 A1): first every call fails with gRPC
// UNKNOWN, then the handlers answer code 1 / NotReadyServe, retriable; then it serves.
import { describe, test, after } from 'node:test';
import assert from 'node:assert/strict';
import { Harness, assertGrpcError, assertOk, assertStatus, b64, connectClient, rawCall, statusOf } from './helpers';
import { RawMilvus } from './rawMilvus';

const NOT_READY_YET = 'service unavailable: internal: Milvus Proxy is not ready yet. please wait';
const UNKNOWN = 2;

describe('§3.3 A1 a proxy that is not ready', () => {
  const harnesses: Harness[] = [];
  after(() => Promise.all(harnesses.map((h) => h.close())));

  const start = async (auth: boolean): Promise<Harness> => {
    const h = await Harness.start({ auth, notReady: 'starting' });
    harnesses.push(h);
    return h;
  };

  for (const auth of [true, false]) {
    test(`A1 stage 1 (auth ${auth ? 'on' : 'off'}): every call, Connect included, fails with gRPC UNKNOWN "${NOT_READY_YET}"`, async () => {
      const h = await start(auth);
      // Not through the SDK: its retry interceptor would retry UNKNOWN until the deadline.
      const raw = new RawMilvus(h.address);
      const md = RawMilvus.metadata(auth ? b64(`root:${h.rootPassword}`) : undefined);
      try {
        for (const method of ['Connect', 'GetVersion', 'CheckHealth', 'SelectUser', 'ListDatabases']) {
          await assertGrpcError(raw.call(method, {}, md), { grpcCode: UNKNOWN, details: NOT_READY_YET });
        }
      } finally {
        raw.close();
      }
    });
  }

  test('A1 stage 2: code 1 / NotReadyServe, retriable, "state code: Initializing: service not ready"; CheckHealth unhealthy; GetVersion answers', async () => {
    const h = await start(true);
    h.server.setNotReady('initializing');
    const c = h.unconnected({ username: 'root', password: h.rootPassword });
    const expected = { code: 1, error_code: 'NotReadyServe', reason: 'state code: Initializing: service not ready' };
    const connect = await rawCall(c, 'Connect', { client_info: {} });
    assertStatus(connect, expected as never);
    const status = statusOf(connect) as { retriable?: boolean; extra_info?: Record<string, string> };
    assert.equal(status.retriable, true);
    assert.equal(status.extra_info?.is_input_error, undefined);
    assertStatus(await rawCall(c, 'SelectUser', { include_role_info: true }), expected as never);
    assertStatus(await rawCall(c, 'CreateRole', { entity: { name: 'r' } }), expected as never);
    const health = await rawCall<{ isHealthy: boolean; reasons: string[] }>(c, 'CheckHealth', {});
    assertOk(health);
    assert.equal(health.isHealthy, false);
    assert.deepEqual(health.reasons, [expected.reason]);
    const version = await rawCall<{ version: string }>(c, 'GetVersion', {});
    assertOk(version);
    assert.equal(version.version, 'v2.6.19');
    // Authentication still runs in stage 2: the meta cache exists.
    const stranger = h.unconnected({ username: 'root', password: 'wrong-password' });
    await assertGrpcError(rawCall(stranger, 'SelectUser', {}), { grpcCode: 16 });
  });

  test('A1 once ready, the same server serves', async () => {
    const h = await start(true);
    h.server.setNotReady(undefined);
    const c = await connectClient(h.unconnected({ username: 'root', password: h.rootPassword }));
    assertOk(await c.listUsers());
  });
});
