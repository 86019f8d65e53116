import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { RunningTestServer } from '../milvus-server';
import type { AdminApi } from '../../src/core/adminApi';
import { ERA, connectRoot, described, refusalText, rejectsWith, startServer } from './helpers';

describe('roles', () => {
  let server: RunningTestServer;
  let root: AdminApi;
  before(async () => {
    server = await startServer({ auth: true, seed: { users: [{ name: 'ivan', password: 'ivan-pass-1' }] } });
    root = await connectRoot(server);
  });
  after(async () => {
    await root.close();
    await server.stop();
  });

  test('a fresh server has admin and public', async () => {
    const roles = await root.listRolesWithUsers();
    assert.deepEqual(
      roles
        .map((r) => r.name)
        .slice(0, 2)
        .sort(),
      ['admin', 'public'],
    );
  });

  test('createRole with a description, listed with its members; alterRole changes the description', async () => {
    await root.createRole('analyst', 'reads dashboards');
    await root.grantRole('ivan', 'analyst');
    let analyst = (await root.listRolesWithUsers()).find((r) => r.name === 'analyst');
    assert.deepEqual(analyst, { name: 'analyst', users: ['ivan'], ...described('reads dashboards') });
    if (!ERA.descriptions) {
      // Before 2.6.19 AlterRole is hidden: a sentence, before anything is sent.
      await rejectsWith(root.alterRole('analyst', 'x'), 'unimplemented', /does not support/);
      return;
    }
    await root.alterRole('analyst', 'reads and exports dashboards');
    analyst = (await root.listRolesWithUsers()).find((r) => r.name === 'analyst');
    assert.equal(analyst?.description, 'reads and exports dashboards');
  });

  test('duplicate role → a sentence with a remedy; the server text is kept', async () => {
    const e = await rejectsWith(
      root.createRole('analyst'),
      'server',
      /^A role named "analyst" already exists\. Choose another name/,
      new RegExp(`^${refusalText('role \\[.*analyst.*\\] already exists')}$`),
    );
    assert.equal(e.details.errorCode, 'CreateRoleFailure');
  });

  test('invalid role names are refused before sending', async () => {
    server.resetRpcCounts();
    await rejectsWith(root.createRole('1role'), 'invalidInput');
    await rejectsWith(root.createRole('role-with-dash'), 'invalidInput');
    await rejectsWith(root.createRole(''), 'invalidInput');
    await rejectsWith(root.dropRole('bad name'), 'invalidInput');
    await rejectsWith(root.listGrants('bad!'), 'invalidInput');
    assert.deepEqual(server.rpcCounts(), {});
  });

  test('drop a role with grants is refused; force drop removes it with its grants', async () => {
    await root.createRole('granted');
    await root.grantPrivilege({ role: 'granted', privilege: 'Search', dbName: 'default', collectionName: '*' });
    const e = await rejectsWith(
      root.dropRole('granted'),
      'server',
      /still has grants/,
      /fail to drop the role that it has privileges/,
    );
    assert.equal(e.details.errorCode, 'DropRoleFailure');
    assert.ok((await root.listRolesWithUsers()).some((r) => r.name === 'granted'));
    if (!ERA.backupRbac) {
      // R7: force_drop arrived with protocol 2.4.10; an older server ignores it and refuses the same way.
      await rejectsWith(root.dropRole('granted', true), 'server', /still has grants/);
      await root.revokePrivilege({ role: 'granted', privilege: 'Search', dbName: 'default', collectionName: '*' });
    }
    await root.dropRole('granted', true);
    assert.ok(!(await root.listRolesWithUsers()).some((r) => r.name === 'granted'));
  });

  test('drop a role bound to users is allowed and unbinds them', async () => {
    await root.createRole('temp_role');
    await root.grantRole('ivan', 'temp_role');
    await root.dropRole('temp_role');
    const ivan = (await root.listUsersWithRoles()).find((u) => u.name === 'ivan');
    assert.deepEqual(ivan?.roles, ['analyst']);
  });

  test('admin and public cannot be dropped; a missing role cannot be dropped', async () => {
    const e = await rejectsWith(root.dropRole('admin'), 'server', /"admin" is a built-in role/, /default role/);
    assert.equal(e.details.code, 1401);
    await rejectsWith(root.dropRole('public'), 'server', /"public" is a built-in role/, /default role/);
    await rejectsWith(root.dropRole('never_was'), 'server', /The role does not exist/, /not found the role/);
  });

  test(
    'alterRole on a missing role or a default role is refused',
    { skip: !ERA.descriptions && 'AlterRole: 2.6.19+' },
    async () => {
      await rejectsWith(root.alterRole('never_was', 'x'), 'server');
      await rejectsWith(root.alterRole('admin', 'x'), 'server', /built-in role/, /default role/);
    },
  );

  test("the role limit (10, admin and public counted) is the server's to enforce", async () => {
    const made: string[] = [];
    let refusal: unknown;
    for (let i = 0; i < 12 && !refusal; i++) {
      try {
        await root.createRole(`bulk_${i}`);
        made.push(`bulk_${i}`);
      } catch (e) {
        refusal = e;
      }
    }
    const e = await rejectsWith(
      Promise.reject(refusal),
      'server',
      /maximum number of roles/,
      /number of roles has reached the limit/,
    );
    // R2: quota exceeded (9); the 2.5 rootcoord sends plain text (65535).
    assert.equal(e.details.code, ERA.legacy ? 65535 : 9);
    assert.equal((await root.listRolesWithUsers()).length, 10);
    for (const r of made) await root.dropRole(r);
  });
});
