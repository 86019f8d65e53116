import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { RunningTestServer } from '../milvus-server';
import type { AdminApi } from '../../src/core/adminApi';
import { BUILT_IN_GROUPS } from '../../src/core/access/privileges';
import { connectAs, connectRoot, rejectsWith, startServer, NEWEST_ONLY } from './helpers';

const UNIMPLEMENTED = 12;

describe('privileges and privilege groups', NEWEST_ONLY, () => {
  let server: RunningTestServer;
  let root: AdminApi;
  before(async () => {
    server = await startServer({
      auth: true,
      seed: {
        roles: ['reader', 'ops'],
        users: [{ name: 'jane', password: 'jane-pass-1', roles: ['reader'] }],
        databases: ['db1', 'db2'],
        collections: [
          { name: 'c1', db: 'db1' },
          { name: 'c2', db: 'db1' },
          { name: 'c3', db: 'default' },
        ],
      },
    });
    root = await connectRoot(server);
  });
  after(async () => {
    await root.close();
    await server.stop();
  });

  test('features: everything on a 2.6.19+ server; probed once, without side effects', async () => {
    const before = { roles: await root.listRolesWithUsers(), grants: await root.listGrants('reader') };
    server.resetRpcCounts();
    assert.deepEqual(await root.features(), {
      privilegeGroups: true,
      grantV2: true,
      descriptions: true,
      alterRole: true,
      backupRbac: true,
    });
    assert.deepEqual(server.rpcCounts(), {
      ListPrivilegeGroups: 1,
      OperatePrivilegeV2: 1,
      AlterRole: 1,
      BackupRBAC: 1,
    });
    await root.features();
    assert.equal(
      Object.values(server.rpcCounts()).reduce((a, b) => a + b, 0),
      4,
      'cached',
    );
    assert.deepEqual({ roles: await root.listRolesWithUsers(), grants: await root.listGrants('reader') }, before);
  });

  test('features of a non-admin connection: refusals still count as implemented', async () => {
    const jane = await connectAs(server, 'jane', 'jane-pass-1');
    assert.deepEqual(await jane.features(), {
      privilegeGroups: true,
      grantV2: true,
      descriptions: true,
      alterRole: true,
      backupRbac: true,
    });
    await jane.close();
  });

  test('databases and collections', async () => {
    assert.deepEqual((await root.listDatabases()).sort(), ['db1', 'db2', 'default']);
    assert.deepEqual((await root.listCollections('db1')).sort(), ['c1', 'c2']);
    assert.deepEqual(await root.listCollections('db2'), []);
    await rejectsWith(root.listCollections('bad-db'), 'invalidInput');
  });

  test('a fresh public role has the default grants across databases', async () => {
    const grants = await root.listGrants('public');
    assert.deepEqual(grants.map((g) => `${g.objectType}/${g.objectName}/${g.dbName}/${g.privilege}`).sort(), [
      'Collection/*/*/IndexDetail',
      'Global/*/*/DescribeCollection',
      'Global/*/*/ListAliases',
    ]);
  });

  test('V2 grant of a built-in group at collection level is listed as Global/<collection>/<db>', async () => {
    server.resetRpcCounts();
    await root.grantPrivilege({ role: 'reader', privilege: 'CollectionReadOnly', dbName: 'db1', collectionName: 'c1' });
    assert.equal(server.rpcCounts().OperatePrivilegeV2, 1);
    const grants = await root.listGrants('reader');
    assert.deepEqual(grants, [
      {
        role: 'reader',
        objectType: 'Global',
        objectName: 'c1',
        dbName: 'db1',
        privilege: 'CollectionReadOnly',
        grantor: 'root',
      },
    ]);
  });

  test('V2 grant of a single privilege on all collections, then revoke', async () => {
    await root.grantPrivilege({ role: 'reader', privilege: 'Search', dbName: 'db2', collectionName: '*' });
    assert.ok(
      (await root.listGrants('reader')).some(
        (g) => g.privilege === 'Search' && g.objectType === 'Collection' && g.dbName === 'db2',
      ),
    );
    await root.revokePrivilege({ role: 'reader', privilege: 'Search', dbName: 'db2', collectionName: '*' });
    assert.ok(!(await root.listGrants('reader')).some((g) => g.privilege === 'Search'));
    // Revoking what is not granted succeeds.
    await root.revokePrivilege({ role: 'reader', privilege: 'Search', dbName: 'db2', collectionName: '*' });
  });

  test("level mistakes and unknown privileges come back as the server's words", async () => {
    await rejectsWith(
      root.grantPrivilege({ role: 'reader', privilege: 'ClusterReadOnly', dbName: 'db1', collectionName: '*' }),
      'server',
      /"ClusterReadOnly" is a cluster-level group/,
      /should be \* for the cluster level privilege/,
    );
    await rejectsWith(
      root.grantPrivilege({ role: 'reader', privilege: 'NoSuchPrivilege', dbName: '*', collectionName: '*' }),
      'server',
      /no privilege or privilege group named "NoSuchPrivilege"/,
      /not found the privilege name/,
    );
    await rejectsWith(
      root.grantPrivilege({ role: 'no_such_role', privilege: 'Search', dbName: '*', collectionName: '*' }),
      'server',
      /The role "no_such_role" does not exist/,
      /does not exist/,
    );
    await rejectsWith(
      root.grantPrivilege({ role: 'reader', privilege: ' ', dbName: '*', collectionName: '*' }),
      'invalidInput',
    );
    await rejectsWith(
      root.grantPrivilege({ role: 'reader', privilege: 'Search', dbName: 'bad-db', collectionName: '*' }),
      'invalidInput',
    );
  });

  test('a non-admin cannot grant', async () => {
    const jane = await connectAs(server, 'jane', 'jane-pass-1');
    await rejectsWith(
      jane.grantPrivilege({ role: 'reader', privilege: 'Query', dbName: '*', collectionName: '*' }),
      'permission',
      /ManageOwnership/,
    );
    // Own role's grants are readable without privileges.
    assert.ok((await jane.listGrants('reader')).length >= 1);
    await jane.close();
  });

  test('privilege groups: create, add, remove, list (custom first, built-ins marked), drop', async () => {
    await root.createPrivilegeGroup('query_only');
    await root.addPrivilegesToGroup('query_only', ['Query', 'Search', 'GetLoadState']);
    await root.removePrivilegesFromGroup('query_only', ['GetLoadState']);
    await root.createPrivilegeGroup('a_first');
    const groups = await root.listPrivilegeGroups();
    assert.deepEqual(groups.slice(0, 2), [
      { name: 'a_first', privileges: [], builtIn: false },
      { name: 'query_only', privileges: ['Query', 'Search'], builtIn: false },
    ]);
    assert.deepEqual(
      groups.slice(2).map((g) => g.name),
      BUILT_IN_GROUPS.map((g) => g.name),
    );
    assert.ok(groups.slice(2).every((g) => g.builtIn && g.privileges.length > 0));
    await root.dropPrivilegeGroup('a_first');
    assert.ok(!(await root.listPrivilegeGroups()).some((g) => g.name === 'a_first'));
  });

  test('a group in use cannot be dropped, and the refusal names the role', async () => {
    await root.grantPrivilege({ role: 'ops', privilege: 'query_only', dbName: 'db1', collectionName: 'c2' });
    const e = await rejectsWith(
      root.dropPrivilegeGroup('query_only'),
      'server',
      /still granted to the role "ops"/,
      /is used by role \[ops\]/,
    );
    assert.equal(e.details.errorCode, 'DropPrivilegeGroupFailure');
    await root.revokePrivilege({ role: 'ops', privilege: 'query_only', dbName: 'db1', collectionName: 'c2' });
    await root.dropPrivilegeGroup('query_only');
  });

  test('group refusals: invalid name (local), built-in name, mixed levels, empty list', async () => {
    server.resetRpcCounts();
    await rejectsWith(root.createPrivilegeGroup('bad$name'), 'invalidInput');
    await rejectsWith(root.createPrivilegeGroup(''), 'invalidInput');
    await rejectsWith(root.addPrivilegesToGroup('whatever', []), 'invalidInput');
    assert.deepEqual(server.rpcCounts(), {});
    await rejectsWith(
      root.createPrivilegeGroup('ClusterAdmin'),
      'server',
      /built-in privilege/,
      /defined by built in privileges/,
    );
    await root.createPrivilegeGroup('mixed');
    await rejectsWith(
      root.addPrivilegesToGroup('mixed', ['Query', 'CreateDatabase']),
      'server',
      /one level only/,
      /not the same privilege level/,
    );
    await rejectsWith(root.addPrivilegesToGroup('ClusterAdmin', ['Query']), 'server');
    await root.dropPrivilegeGroup('mixed');
  });

  test('backupRbac: custom users, roles and grants, no password hashes', async () => {
    const backup = await root.backupRbac();
    assert.ok(backup.users.some((u) => u.name === 'jane' && u.roles.includes('reader')));
    assert.ok(!backup.users.some((u) => u.name === 'root'));
    assert.ok(backup.roles.includes('reader') && !backup.roles.includes('admin'));
    assert.ok(backup.grants.some((g) => g.role === 'reader' && g.privilege === 'CollectionReadOnly'));
    assert.ok(!JSON.stringify(backup).includes('$2'), 'no bcrypt hash');
  });
});

describe('servers without the newer RPCs', NEWEST_ONLY, () => {
  let server: RunningTestServer;
  before(async () => {
    server = await startServer({ auth: true, seed: { roles: ['legacy'] } });
  });
  after(async () => {
    await server.stop();
  });

  test('no OperatePrivilegeV2 → grants fall back to V1 with the object type from the catalogue', async () => {
    const api = await connectRoot(server);
    server.resetRpcCounts();
    server.failNext(1, UNIMPLEMENTED); // the first RPC is the grantV2 probe
    await api.grantPrivilege({ role: 'legacy', privilege: 'Query', dbName: 'default', collectionName: 'c9' });
    await api.grantPrivilege({ role: 'legacy', privilege: 'CreateCollection', dbName: 'default', collectionName: '*' });
    const counts = server.rpcCounts();
    assert.equal(counts.OperatePrivilege, 2);
    assert.equal(counts.OperatePrivilegeV2, 1, 'only the probe');
    assert.equal((await api.features()).grantV2, false);
    const grants = (await api.listGrants('legacy'))
      .map((g) => `${g.objectType}/${g.objectName}/${g.dbName}/${g.privilege}`)
      .sort();
    assert.deepEqual(grants, ['Collection/c9/default/Query', 'Global/*/default/CreateCollection']);
    await rejectsWith(
      api.grantPrivilege({ role: 'legacy', privilege: 'CollectionReadOnly', dbName: 'default', collectionName: 'c9' }),
      'invalidInput',
      /old grant API/,
    );
    await api.revokePrivilege({ role: 'legacy', privilege: 'Query', dbName: 'default', collectionName: 'c9' });
    assert.equal(server.rpcCounts().OperatePrivilege, 3);
    assert.deepEqual(
      (await api.listGrants('legacy')).map((g) => g.privilege),
      ['CreateCollection'],
    );
    await api.close();
  });

  test('an UNIMPLEMENTED answer turns a feature off for that connection only', async () => {
    const api = await connectRoot(server);
    server.failNext(1, UNIMPLEMENTED);
    await rejectsWith(api.listPrivilegeGroups(), 'unimplemented', /does not support/);
    assert.equal((await api.features()).privilegeGroups, false);
    await rejectsWith(api.createPrivilegeGroup('g1'), 'unimplemented');
    const other = await connectRoot(server);
    assert.equal((await other.features()).privilegeGroups, true);
    await other.close();
    await api.close();
  });
});
