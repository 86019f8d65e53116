// The Zilliz Cloud flavours of docs/milvus-behaviour.md §10 (Z1–Z9), through the real SDK.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { MilvusClient } from '@zilliz/milvus2-sdk-node';
import { AUTH_FAILED, Harness, assertGrpcError, assertOk, assertStatus, permissionDenied } from './helpers';

const PASSWORD = 'Zilliz-Cl0ud';
const NOT_PERMITTED = (what: string) => ({ code: 1401, reason: `${what}: privilege not permitted` });

describe('Zilliz Cloud Dedicated (§10)', () => {
  let h: Harness;
  let admin: MilvusClient;
  before(async () => {
    h = await Harness.start({ auth: true, flavor: 'zilliz-dedicated', rootPassword: PASSWORD });
    admin = await h.as('db_admin', PASSWORD);
  });
  after(() => h.close());

  test('Z1 the first user is db_admin, bound to db_admin; root does not exist', async () => {
    assert.deepEqual((await admin.listUsers()).usernames, ['db_admin']);
    const d = await admin.describeUser({ username: 'db_admin' });
    assert.deepEqual(
      d.results[0].roles.map((r) => r.name),
      ['db_admin'],
    );
    await assertGrpcError(h.as('root', PASSWORD), AUTH_FAILED);
  });

  test('Z2 list_roles shows db_admin, db_ro, db_rw (not admin or public); db_rw and db_ro hold cluster groups', async () => {
    const roles = await admin.listRoles();
    assert.deepEqual(roles.results.map((r) => r.role.name).sort(), ['db_admin', 'db_ro', 'db_rw']);
    const rw = await admin.listGrants({ roleName: 'db_rw' });
    assert.deepEqual(
      rw.entities.map((e) => e.grantor.privilege.name),
      ['ClusterReadWrite'],
    );
  });

  test('Z3 db_admin cannot be dropped nor lose its role', async () => {
    assertStatus(
      await admin.deleteUser({ username: 'db_admin' }),
      NOT_PERMITTED('the default user db_admin cannot be dropped'),
    );
    assertStatus(
      await admin.removeUserFromRole({ username: 'db_admin', roleName: 'db_admin' }),
      NOT_PERMITTED('the default user db_admin keeps its role'),
    );
    assert.deepEqual((await admin.listUsers()).usernames, ['db_admin']);
  });

  test('Z4 the built-in roles cannot be dropped or granted to', async () => {
    for (const role of ['db_admin', 'db_rw', 'db_ro']) {
      assertStatus(
        await admin.dropRole({ roleName: role }),
        NOT_PERMITTED(`the built-in role ${role} cannot be dropped`),
      );
      assertStatus(
        await admin.grantPrivilegeV2({ role, privilege: 'ClusterReadOnly', db_name: '*', collection_name: '*' }),
        NOT_PERMITTED(`the built-in role ${role} cannot be edited`),
      );
    }
  });

  test('Z4 a user may be bound to a built-in role', async () => {
    assertOk(await admin.createUser({ username: 'reader_1', password: PASSWORD }));
    assertOk(await admin.addUserToRole({ username: 'reader_1', roleName: 'db_ro' }));
    const reader = await h.as('reader_1', PASSWORD);
    assertOk(await reader.listDatabases());
    assertOk(await admin.deleteUser({ username: 'reader_1' }));
  });

  test('Z5 usernames: a letter first, then letters, digits and _', async () => {
    for (const username of ['has-dash', 'has.dot', '_under']) {
      const res = await admin.createUser({ username, password: PASSWORD });
      assert.equal(res.code, 1100, `${username}: ${res.reason}`);
      assert.match(res.reason, /must start with a letter and contain only letters, digits and _/);
    }
    assertOk(await admin.createUser({ username: 'ok_user_1', password: PASSWORD }));
    assertOk(await admin.deleteUser({ username: 'ok_user_1' }));
  });

  test('Z5 passwords: 8–64 characters with three of upper, lower, digit, special', async () => {
    const bad = ['Sh0rt!', 'alllowercase1', 'NoDigitsHere', 'A1!' + 'a'.repeat(62)];
    for (const password of bad) {
      const res = await admin.createUser({ username: 'pw_user', password });
      assert.equal(res.code, 1100, `${password}: ${res.reason}`);
      assert.match(res.reason, /8-64 characters/);
    }
    for (const password of ['lower1UPPER', 'lower-1-digit', 'Ab1!' + 'x'.repeat(60)]) {
      assertOk(await admin.createUser({ username: 'pw_user', password }));
      assertOk(await admin.deleteUser({ username: 'pw_user' }));
    }
    assertOk(await admin.createUser({ username: 'pw_user', password: PASSWORD }));
    const res = await admin.updateUser({ username: 'pw_user', oldPassword: PASSWORD, newPassword: 'weakpassword' });
    assert.equal(res.code, 1100);
    assertOk(await admin.deleteUser({ username: 'pw_user' }));
  });

  test('Z6 a custom role takes built-in privilege groups only', async () => {
    assertOk(await admin.createRole({ roleName: 'custom_r' }));
    assertOk(
      await admin.grantPrivilegeV2({
        role: 'custom_r',
        privilege: 'CollectionReadOnly',
        db_name: 'default',
        collection_name: '*',
      }),
    );
    assertStatus(
      await admin.grantPrivilegeV2({ role: 'custom_r', privilege: 'Search', db_name: 'default', collection_name: '*' }),
      NOT_PERMITTED('privilege Search: a custom role can only be granted built-in privilege groups on Zilliz Cloud'),
    );
    const grants = await admin.listGrants({ roleName: 'custom_r' });
    assert.deepEqual(
      grants.entities.map((e) => e.grantor.privilege.name),
      ['CollectionReadOnly'],
    );
    assertOk(
      await admin.revokePrivilegeV2({
        role: 'custom_r',
        privilege: 'CollectionReadOnly',
        db_name: 'default',
        collection_name: '*',
      }),
    );
    assertOk(await admin.dropRole({ roleName: 'custom_r' }));
  });

  test('Z7 user-defined privilege groups are refused', async () => {
    assertStatus(
      await admin.createPrivilegeGroup({ group_name: 'mygroup' }),
      NOT_PERMITTED('user-defined privilege groups are not available on Zilliz Cloud'),
    );
  });

  test('Z9 at most 100 users, db_admin included: the 100th new user is refused', async () => {
    for (let i = 1; i <= 99; i++) assertOk(await admin.createUser({ username: `cap_${i}`, password: PASSWORD }));
    const res = await admin.createUser({ username: 'cap_100', password: PASSWORD });
    assert.equal(res.code, 9, res.reason);
    assert.equal((await admin.listUsers()).usernames.length, 100);
    for (let i = 1; i <= 99; i++) assertOk(await admin.deleteUser({ username: `cap_${i}` }));
  });
});

describe('Zilliz Cloud Serverless (§10)', () => {
  let h: Harness;
  let user: MilvusClient;
  before(async () => {
    h = await Harness.start({ auth: true, flavor: 'zilliz-serverless', rootPassword: PASSWORD });
    user = await h.as('db_admin', PASSWORD);
  });
  after(() => h.close());

  test('Z8 every cluster-RBAC RPC is denied, even to db_admin (assumption, §10)', async () => {
    // The privilege named is the one the RPC's proto option declares (§1.1), as Milvus's interceptor would name it.
    const denied = (privilege: string) => permissionDenied(privilege, 'db_admin');
    await assertGrpcError(user.listUsers(), denied('PrivilegeSelectOwnership'));
    await assertGrpcError(user.listRoles(), denied('PrivilegeSelectOwnership'));
    await assertGrpcError(user.createRole({ roleName: 'r1' }), denied('PrivilegeCreateOwnership'));
    await assertGrpcError(user.createUser({ username: 'u1', password: PASSWORD }), denied('PrivilegeCreateOwnership'));
    await assertGrpcError(user.listPrivilegeGroups(), denied('PrivilegeListPrivilegeGroups'));
    await assertGrpcError(user.backupRBAC(), denied('PrivilegeBackupRBAC'));
  });

  test('Z8 data-plane calls still work', async () => {
    assertOk(await user.listDatabases());
  });
});
