// One RPC per listing, whatever the number of users: counted by the test server (a counter per gRPC method), not
// guessed by the client. No timings here: those belong to `npm run bench`.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startMilvusTestServer, type RunningTestServer } from '../milvus-server';
import { connectMilvus } from '../../src/core/milvus/connect';
import type { AdminApi } from '../../src/core/adminApi';
import { benchSeed, benchUserName, BENCH_ROLES, GRANTS_ROLE } from './seedUsers';

const USERS = 1000;
/** RPCs the SDK sends by itself, unrelated to the listing asked for. */
const BACKGROUND = new Set(['ClientHeartbeat']);

function listingRpcs(counts: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.entries(counts).filter(([method, n]) => n > 0 && !BACKGROUND.has(method)));
}

describe(`RPCs per listing with ${USERS.toLocaleString('en-US')} users`, () => {
  let server: RunningTestServer;
  let admin: AdminApi;

  before(async () => {
    const seed = benchSeed(USERS);
    server = await startMilvusTestServer({
      port: 0,
      quiet: true,
      maxUsers: USERS + 10,
      maxRoles: BENCH_ROLES.length + 10,
      seed,
    });
    admin = await connectMilvus(
      {
        id: 'regression',
        name: 'regression',
        uri: `http://${server.address}`,
        database: 'default',
        auth: 'none',
        tls: { mode: 'off' },
      },
      undefined,
    );
  });

  after(async () => {
    await admin?.close();
    await server?.stop();
  });

  test('users with their roles: exactly one SelectUser, no ListCredUsers', async () => {
    server.resetRpcCounts();
    const users = await admin.listUsersWithRoles();
    assert.deepEqual(listingRpcs(server.rpcCounts()), { SelectUser: 1 });
    assert.equal(users.length, USERS + 1, 'every seeded user plus root');
    const seeded = benchSeed(USERS).users ?? [];
    for (const i of [0, 1, 2, 499, USERS - 1]) {
      const got = users.find((u) => u.name === benchUserName(i));
      assert.ok(got, `${benchUserName(i)} listed`);
      assert.deepEqual([...got.roles].sort(), [...(seeded[i].roles ?? [])].sort());
    }
  });

  test('roles with their users: exactly one SelectRole', async () => {
    server.resetRpcCounts();
    const roles = await admin.listRolesWithUsers();
    assert.deepEqual(listingRpcs(server.rpcCounts()), { SelectRole: 1 });
    for (const name of BENCH_ROLES)
      assert.ok(
        roles.some((r) => r.name === name),
        `role ${name} listed`,
      );
    const reader = roles.find((r) => r.name === GRANTS_ROLE);
    assert.ok(reader && reader.users.length > 0, `${GRANTS_ROLE} has members`);
  });

  test('grants of a role: exactly one SelectGrant', async () => {
    server.resetRpcCounts();
    const grants = await admin.listGrants(GRANTS_ROLE);
    assert.deepEqual(listingRpcs(server.rpcCounts()), { SelectGrant: 1 });
    assert.equal(grants.length, 3);
  });
});
