// Regression test for the "one RPC per listing" target: counts come from the test server, not from the client.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { RunningTestServer } from '../milvus-server';
import type { AdminApi } from '../../src/core/adminApi';
import { connectRoot, startServer, ERA, rejectsWith } from './helpers';

describe('one RPC per listing', () => {
  let server: RunningTestServer;
  let root: AdminApi;
  before(async () => {
    const roles = ['r0', 'r1', 'r2', 'r3'];
    server = await startServer({
      auth: true,
      maxUsers: 1000,
      seed: {
        roles,
        users: Array.from({ length: 50 }, (_, i) => ({
          name: `user${String(i).padStart(2, '0')}`,
          password: 'same-pass-1',
          roles: [roles[i % 4], roles[(i + 1) % 4]],
        })),
        grants: [
          { role: 'r0', privilege: 'Search', objectType: 'Collection', objectName: '*', dbName: 'default' },
          { role: 'r0', privilege: 'CreateCollection', objectType: 'Global', objectName: '*', dbName: 'db9' },
        ],
      },
    });
    root = await connectRoot(server);
  });
  after(async () => {
    await root.close();
    await server.stop();
  });

  test('50 users with their roles: exactly 1 SelectUser', async () => {
    server.resetRpcCounts();
    const users = await root.listUsersWithRoles();
    assert.deepEqual(server.rpcCounts(), { SelectUser: 1 });
    assert.equal(users.length, 51);
    const u7 = users.find((u) => u.name === 'user07');
    assert.deepEqual(u7?.roles.sort(), ['r0', 'r3']);
    assert.deepEqual(users.find((u) => u.name === 'root')?.roles, []);
  });

  test('roles with their users: exactly 1 SelectRole', async () => {
    server.resetRpcCounts();
    const roles = await root.listRolesWithUsers();
    assert.deepEqual(server.rpcCounts(), { SelectRole: 1 });
    assert.equal(roles.find((r) => r.name === 'r0')?.users.length, 25);
  });

  test('grants of a role across all databases: exactly 1 SelectGrant', async () => {
    server.resetRpcCounts();
    const grants = await root.listGrants('r0');
    assert.deepEqual(server.rpcCounts(), { SelectGrant: 1 });
    assert.deepEqual(grants.map((g) => g.dbName).sort(), ['db9', 'default']);
  });

  test('privilege groups: exactly 1 ListPrivilegeGroups', async () => {
    server.resetRpcCounts();
    if (ERA.privilegeGroups) await root.listPrivilegeGroups();
    else await rejectsWith(root.listPrivilegeGroups(), 'unimplemented', /does not support/);
    assert.deepEqual(server.rpcCounts(), { ListPrivilegeGroups: 1 });
  });
});
