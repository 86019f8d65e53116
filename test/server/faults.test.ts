// Test-server tooling from issue 2: latency, failNext, stop/start, rpcCounts, stateFile persistence and seed data.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import type { MilvusClient } from '@zilliz/milvus2-sdk-node';
import type { SeedData } from '../milvus-server';
import { AUTH_FAILED, GRPC, Harness, assertGrpcError, assertOk, grantsOf, makeUser } from './helpers';

/** Milliseconds a call takes, measured around the whole SDK call. */
async function timed(fn: () => Promise<unknown>): Promise<number> {
  const t0 = performance.now();
  await fn();
  return performance.now() - t0;
}

// Timers may fire up to ~1 ms "early" against performance.now() because libuv rounds to whole milliseconds.
const TIMER_SLACK_MS = 1;

describe('fault injection and lifecycle', () => {
  let tmp: string;
  before(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'milvus-faults-'));
  });
  after(() => fs.rmSync(tmp, { recursive: true, force: true }));

  describe('on one server', () => {
    let h: Harness;
    let root: MilvusClient;
    before(async () => ({ h, root } = await Harness.withRoot()));
    after(() => h.close());

    test('setLatency(ms) delays every RPC by at least ms; setLatency(0) removes it', async () => {
      h.server.setLatency(150);
      try {
        const elapsed = await timed(() => root.listUsers());
        assert.ok(elapsed >= 150 - TIMER_SLACK_MS, `listUsers took ${elapsed} ms, expected ≥ 150`);
        const elapsed2 = await timed(() => root.listRoles());
        assert.ok(elapsed2 >= 150 - TIMER_SLACK_MS, `listRoles took ${elapsed2} ms, expected ≥ 150`);
      } finally {
        h.server.setLatency(0);
      }
      assertOk(await root.listUsers());
    });

    test('failNext(n) fails the next n calls with UNAVAILABLE, then the server recovers', async () => {
      const c = await h.as('root', 'Milvus', { maxRetries: 0 });
      h.server.failNext(2);
      await assertGrpcError(c.listUsers(), { grpcCode: GRPC.UNAVAILABLE });
      await assertGrpcError(c.listRoles(), { grpcCode: GRPC.UNAVAILABLE });
      assertOk(await c.listUsers());
      assertOk(await c.listRoles());
    });

    test('failNext(n, code) fails with the given gRPC code', async () => {
      const c = await h.as('root', 'Milvus', { maxRetries: 0 });
      h.server.failNext(1, GRPC.RESOURCE_EXHAUSTED);
      await assertGrpcError(c.listUsers(), { grpcCode: GRPC.RESOURCE_EXHAUSTED });
      assertOk(await c.listUsers());
    });

    test('rpcCounts() counts calls per method name; resetRpcCounts() clears', async () => {
      h.server.resetRpcCounts();
      assert.deepEqual(h.server.rpcCounts(), {});
      await root.listUsers();
      await root.listUsers();
      await root.createRole({ roleName: 'counted' });
      await root.describeUser({ username: 'root' });
      assert.deepEqual(h.server.rpcCounts(), { ListCredUsers: 2, CreateRole: 1, SelectUser: 1 });
      h.server.resetRpcCounts();
      assert.deepEqual(h.server.rpcCounts(), {});
    });

    test('stop() refuses connections, start() serves the same state on the same port', async () => {
      await makeUser(root, 'survivor', 'survivor-pw', ['keptrole']);
      const port = h.server.port;
      const c = await h.as('root', 'Milvus', { maxRetries: 0, timeout: 3000 });
      await h.server.stop();
      await assertGrpcError(c.listUsers(), { grpcCode: GRPC.UNAVAILABLE });
      await h.server.start();
      assert.equal(h.server.port, port);
      // A new client (its own subchannel pool, newClient): the old one's subchannel saw ECONNREFUSED and is backing off.
      const again = await h.as('survivor', 'survivor-pw');
      const me = await again.describeUser({ username: 'survivor' });
      assert.deepEqual(
        me.results[0].roles.map((r) => r.name),
        ['keptrole'],
      );
      root = await h.as('root', 'Milvus');
    });
  });

  test('latencyMs option applies from the start', async () => {
    const h = await Harness.start({ latencyMs: 120 });
    try {
      const c = await h.connect();
      const elapsed = await timed(() => c.listRoles());
      assert.ok(elapsed >= 120 - TIMER_SLACK_MS, `listRoles took ${elapsed} ms, expected ≥ 120`);
    } finally {
      await h.close();
    }
  });

  test('stateFile: a new server instance loads users, roles, bindings, grants, groups and databases; no plaintext password is stored', async () => {
    const stateFile = path.join(tmp, 'state.json');
    const a = await Harness.start({ auth: true, stateFile });
    try {
      const r = await a.root();
      await makeUser(r, 'persisted', 'persisted-pw-1', ['prole']);
      assertOk(await r.grantPrivilegeV2({ role: 'prole', privilege: 'Search', db_name: 'pdb', collection_name: 'pc' }));
      assertOk(await r.createPrivilegeGroup({ group_name: 'pgroup' }));
      assertOk(await r.addPrivilegesToGroup({ group_name: 'pgroup', privileges: ['Query'] }));
      assertOk(await r.createDatabase({ db_name: 'pdb' }));
      assertOk(await r.updateUser({ username: 'root', oldPassword: 'Milvus', newPassword: 'changed-root' }));
    } finally {
      await a.close();
    }
    assert.ok(fs.existsSync(stateFile));
    const text = fs.readFileSync(stateFile, 'utf8');
    assert.ok(
      !text.includes('persisted-pw-1') && !text.includes('changed-root'),
      'the state file must hold only hashes',
    );

    const b = await Harness.start({ auth: true, stateFile, rootPassword: 'ignored-when-state-exists' });
    try {
      await assertGrpcError(b.as('root', 'Milvus'), AUTH_FAILED);
      const r = await b.as('root', 'changed-root');
      await b.as('persisted', 'persisted-pw-1');
      assert.deepEqual(
        (await r.describeUser({ username: 'persisted' })).results[0].roles.map((x) => x.name),
        ['prole'],
      );
      assert.deepEqual(await grantsOf(r, 'prole'), [
        { object: 'Collection', object_name: 'pc', db_name: 'pdb', privilege: 'Search', grantor: 'root' },
      ]);
      const groups = await r.listPrivilegeGroups();
      assert.deepEqual(groups.privilege_groups[0], { group_name: 'pgroup', privileges: [{ name: 'Query' }] });
      assert.ok((await r.listDatabases()).db_names.includes('pdb'));
    } finally {
      await b.close();
    }
  });

  test('seed and seedFile: users (with password, roles, description), roles, grants, groups, databases and collections', async () => {
    const seed: SeedData = {
      users: [{ name: 'seeded', password: 'seeded-pw-1', roles: ['seedrole'], description: 'from seed' }],
      roles: ['emptyrole'],
      grants: [{ role: 'seedrole', privilege: 'Query', objectType: 'Collection', objectName: 'sc', dbName: 'seeddb' }],
      privilegeGroups: [{ name: 'seedgroup', privileges: ['Search', 'Query'] }],
      databases: ['seeddb'],
      collections: [{ name: 'sc', db: 'seeddb' }],
    };
    const seedFile = path.join(tmp, 'seed.json');
    fs.writeFileSync(seedFile, JSON.stringify({ users: [{ name: 'fromfile', password: 'fromfile-pw', roles: [] }] }));
    const h = await Harness.start({ auth: true, seed, seedFile });
    try {
      const r = await h.root();
      await h.as('seeded', 'seeded-pw-1');
      await h.as('fromfile', 'fromfile-pw');
      const u = await r.describeUser({ username: 'seeded' });
      assert.deepEqual(
        u.results[0].roles.map((x) => x.name),
        ['seedrole'],
      );
      assert.equal((u.results[0] as { description?: string }).description, 'from seed');
      assert.equal((await r.describeRole({ roleName: 'emptyrole' })).results.length, 1);
      assert.deepEqual(await grantsOf(r, 'seedrole'), [
        { object: 'Collection', object_name: 'sc', db_name: 'seeddb', privilege: 'Query', grantor: 'root' },
      ]);
      const groups = await r.listPrivilegeGroups();
      assert.equal(groups.privilege_groups[0].group_name, 'seedgroup');
      assert.deepEqual(groups.privilege_groups[0].privileges.map((p) => p.name).sort(), ['Query', 'Search']);
      assert.ok((await r.listDatabases()).db_names.includes('seeddb'));
      assert.equal((await r.hasCollection({ collection_name: 'sc', db_name: 'seeddb' })).value, true);
    } finally {
      await h.close();
    }
  });
});
