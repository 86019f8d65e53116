// Authentication (docs/milvus-behaviour.md §2.1–§2.2) and authorization (§2.6) through the real SDK.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { RbacObjects, type MilvusClient } from '@zilliz/milvus2-sdk-node';
import {
  AUTH_FAILED,
  GRPC,
  Harness,
  assertGrpcError,
  assertOk,
  bindRole,
  makeUser,
  permissionDenied,
  rawCall,
} from './helpers';

const MISSING_AUTH = { grpcCode: GRPC.UNAUTHENTICATED, details: 'missing authorization in header' };
const BAD_API_KEY = { grpcCode: GRPC.UNAUTHENTICATED, details: 'auth check failure, please check api key is correct' };

describe('§2.2 authentication', () => {
  describe('auth off', () => {
    let h: Harness;
    before(async () => {
      h = await Harness.start({ auth: false });
    });
    after(() => h.close());

    test('§2.2 with authorizationEnabled=false the header is not checked: no credentials and wrong credentials both work', async () => {
      assertOk(await (await h.connect()).listUsers());
      assertOk(await (await h.as('root', 'wrong-password')).listUsers());
      assertOk(await (await h.as('nobody', 'whatever')).createRole({ roleName: 'offrole' }));
      assertOk(await (await h.connect({ token: 'an-api-key' })).listRoles());
    });
  });

  describe('auth on', () => {
    let h: Harness;
    let root: MilvusClient;
    before(async () => {
      h = await Harness.start({ auth: true, rootPassword: 'S3cret-root' });
      root = await h.root();
    });
    after(() => h.close());

    test('§2.2 no authorization metadata → UNAUTHENTICATED "missing authorization in header"', async () => {
      await assertGrpcError(h.connect(), MISSING_AUTH);
    });

    test('§2.2 wrong password or unknown user → UNAUTHENTICATED "auth check failure, please check username and password are correct"', async () => {
      await assertGrpcError(h.as('root', 'Milvus'), AUTH_FAILED);
      await assertGrpcError(h.as('root', 'S3cret-root '), AUTH_FAILED);
      await assertGrpcError(h.as('ghost', 'S3cret-root'), AUTH_FAILED);
    });

    test('§2.2 rootPassword option: root logs in with the configured password', async () => {
      assertOk(await root.listUsers());
    });

    test('§2.1 token "user:password" authenticates like username/password', async () => {
      assertOk(await (await h.connect({ token: 'root:S3cret-root' })).listUsers());
      await assertGrpcError(h.connect({ token: 'root:wrong' }), AUTH_FAILED);
    });

    test('§2.2 a token without ":" is an API key, which open-source Milvus refuses → "auth check failure, please check api key is correct"', async () => {
      await assertGrpcError(h.connect({ token: 'abcdef0123456789' }), BAD_API_KEY);
    });

    test('§2.2 the password is everything after the first ":" (colons and non-ASCII allowed)', async () => {
      await makeUser(root, 'colon', 'pä:ss wörd:x');
      assertOk(await (await h.as('colon', 'pä:ss wörd:x')).describeUser({ username: 'colon' }));
      assertOk(await (await h.connect({ token: 'colon:pä:ss wörd:x' })).describeUser({ username: 'colon' }));
      await assertGrpcError(h.as('colon', 'pä:ss wörd'), AUTH_FAILED);
    });

    // §2.2: no per-method exemption
    for (const method of ['Connect', 'GetVersion', 'CheckHealth']) {
      test(`§2.2 ${method} needs credentials too when auth is on`, async () => {
        const params = method === 'Connect' ? { client_info: { sdk_type: 'nodejs', user: 'root' } } : {};
        await assertGrpcError(
          rawCall(h.unconnected({ username: 'root', password: 'wrong-pass' }), method, params),
          AUTH_FAILED,
        );
        await assertGrpcError(rawCall(h.unconnected(), method, params), MISSING_AUTH);
        const ok = await rawCall(h.unconnected({ username: 'root', password: 'S3cret-root' }), method, params);
        assertOk(ok);
      });
    }

    test('§2.2 a changed password applies at once: old password refused for new and existing connections', async () => {
      await makeUser(root, 'changer', 'first-pass');
      const self = await h.as('changer', 'first-pass');
      assertOk(await self.updateUser({ username: 'changer', oldPassword: 'first-pass', newPassword: 'second-pass' }));
      await assertGrpcError(self.describeUser({ username: 'changer' }), AUTH_FAILED);
      await assertGrpcError(h.as('changer', 'first-pass'), AUTH_FAILED);
      assertOk(await (await h.as('changer', 'second-pass')).describeUser({ username: 'changer' }));
    });
  });
});

describe('§2.6 authorization', () => {
  let h: Harness;
  let root: MilvusClient;
  let nobody: MilvusClient;

  before(async () => {
    h = await Harness.start({ auth: true, maxRoles: 100 }); // many roles; the limit itself is in limits.test.ts;
    root = await h.root();
    assertOk(await root.createDatabase({ db_name: 'authdb' }));
    await makeUser(root, 'nobody', 'nobody-pw', ['selfrole']);
    await makeUser(root, 'other', 'other-pw', ['otherrole']);
    nobody = await h.as('nobody', 'nobody-pw');
  });
  after(() => h.close());

  /** A fresh user bound to a fresh role; returns the role name and a connected client for the user. */
  let seq = 0;
  async function userWithRole(
    cfg: { database?: string } = {},
  ): Promise<{ role: string; user: string; client: MilvusClient }> {
    seq += 1;
    const user = `user${seq}`;
    const role = `role${seq}`;
    await makeUser(root, user, 'password1', [role]);
    return { role, user, client: await h.as(user, 'password1', cfg) };
  }

  test('§2.6 a user without grants is denied every RBAC RPC with PERMISSION_DENIED "<Privilege>: permission deny to <u> in the `<db>` database"', async () => {
    await assertGrpcError(nobody.listUsers(), permissionDenied('PrivilegeSelectOwnership', 'nobody'));
    await assertGrpcError(nobody.listRoles(), permissionDenied('PrivilegeSelectOwnership', 'nobody'));
    await assertGrpcError(
      nobody.createUser({ username: 'x1user', password: 'password1' }),
      permissionDenied('PrivilegeCreateOwnership', 'nobody'),
    );
    await assertGrpcError(
      nobody.createRole({ roleName: 'x1role' }),
      permissionDenied('PrivilegeCreateOwnership', 'nobody'),
    );
    await assertGrpcError(
      nobody.deleteUser({ username: 'other' }),
      permissionDenied('PrivilegeDropOwnership', 'nobody'),
    );
    await assertGrpcError(
      nobody.dropRole({ roleName: 'otherrole' }),
      permissionDenied('PrivilegeDropOwnership', 'nobody'),
    );
    await assertGrpcError(
      nobody.addUserToRole({ username: 'nobody', roleName: 'admin' }),
      permissionDenied('PrivilegeManageOwnership', 'nobody'),
    );
    await assertGrpcError(
      nobody.grantPrivilege({
        roleName: 'selfrole',
        object: RbacObjects.Global,
        objectName: '*',
        privilegeName: 'All',
      }),
      permissionDenied('PrivilegeManageOwnership', 'nobody'),
    );
    await assertGrpcError(
      nobody.grantPrivilegeV2({ role: 'selfrole', privilege: 'ClusterAdmin', db_name: '*', collection_name: '*' }),
      permissionDenied('PrivilegeManageOwnership', 'nobody'),
    );
    await assertGrpcError(nobody.listPrivilegeGroups(), permissionDenied('PrivilegeListPrivilegeGroups', 'nobody'));
    await assertGrpcError(
      nobody.createPrivilegeGroup({ group_name: 'x1group' }),
      permissionDenied('PrivilegeCreatePrivilegeGroup', 'nobody'),
    );
    await assertGrpcError(
      nobody.dropPrivilegeGroup({ group_name: 'x1group' }),
      permissionDenied('PrivilegeDropPrivilegeGroup', 'nobody'),
    );
    await assertGrpcError(
      nobody.addPrivilegesToGroup({ group_name: 'x1group', privileges: ['Query'] }),
      permissionDenied('PrivilegeOperatePrivilegeGroup', 'nobody'),
    );
    await assertGrpcError(nobody.backupRBAC(), permissionDenied('PrivilegeBackupRBAC', 'nobody'));
    await assertGrpcError(
      nobody.restoreRBAC({ RBAC_meta: { users: [], roles: [], grants: [], privilege_groups: [] } }),
      permissionDenied('PrivilegeRestoreRBAC', 'nobody'),
    );
    await assertGrpcError(
      nobody.describeUser({ username: 'other' }),
      permissionDenied('PrivilegeSelectUser', 'nobody'),
    );
    await assertGrpcError(
      nobody.updateUser({ username: 'other', oldPassword: 'other-pw', newPassword: 'hacked-pw' }),
      permissionDenied('PrivilegeUpdateUser', 'nobody'),
    );
    await assertGrpcError(
      nobody.listGrants({ roleName: 'otherrole' }),
      permissionDenied('PrivilegeSelectOwnership', 'nobody'),
    );
    await assertGrpcError(
      nobody.describeDatabase({ db_name: 'default' }),
      permissionDenied('PrivilegeDescribeDatabase', 'nobody'),
    );
    // nothing was changed
    assert.equal((await root.describeRole({ roleName: 'x1role' })).results.length, 0);
    await h.as('other', 'other-pw');
  });

  test('§2.6 the denial names the database from the dbname metadata', async () => {
    const inDb = await h.as('nobody', 'nobody-pw', { database: 'authdb' });
    await assertGrpcError(inDb.listUsers(), permissionDenied('PrivilegeSelectOwnership', 'nobody', 'authdb'));
  });

  test('§2.6 Connect, GetVersion, CheckHealth and ListDatabases have no privilege check', async () => {
    assertOk(await nobody.getVersion());
    assertOk(await nobody.checkHealth());
    assertOk(await nobody.listDatabases());
  });

  test("§2.6 self-service: a user reads its own roles, changes its own password and reads its own role's grants without grants", async () => {
    const me = await nobody.describeUser({ username: 'nobody' });
    assertOk(me);
    assert.deepEqual(
      me.results[0].roles.map((r) => r.name),
      ['selfrole'],
    );
    assertOk(await nobody.listGrants({ roleName: 'selfrole' }));
    await makeUser(root, 'selfsvc', 'selfsvc-1');
    const self = await h.as('selfsvc', 'selfsvc-1');
    assertOk(await self.updateUser({ username: 'selfsvc', oldPassword: 'selfsvc-1', newPassword: 'selfsvc-2' }));
    await h.as('selfsvc', 'selfsvc-2');
  });

  test('§2.6 §5.1 SelectUser with no user needs SelectUser on * (not self-service)', async () => {
    await assertGrpcError(
      rawCall(nobody, 'SelectUser', { include_role_info: true }),
      permissionDenied('PrivilegeSelectUser', 'nobody'),
    );
  });

  test('§2.6 root bypasses everything without any role; admin members too', async () => {
    assert.deepEqual((await root.describeUser({ username: 'root' })).results[0].roles, []);
    assertOk(await root.backupRBAC());
    await makeUser(root, 'anadmin', 'anadmin-pw', ['admin']);
    const adm = await h.as('anadmin', 'anadmin-pw', { database: 'authdb' });
    assertOk(await adm.createRole({ roleName: 'madebyadmin' }));
    assertOk(await adm.listUsers());
    assertOk(await adm.backupRBAC());
    assertOk(await adm.createPrivilegeGroup({ group_name: 'admgroup' }));
    assertOk(await adm.updateUser({ username: 'other', oldPassword: 'other-pw', newPassword: 'other-pw' }));
    assertOk(await adm.describeDatabase({ db_name: 'default' }));
  });

  test('§2.6 a V1 Global grant (object *) allows exactly that privilege; revoking or unbinding removes it at once', async () => {
    const { role, user, client } = await userWithRole();
    assertOk(
      await root.grantPrivilege({
        roleName: role,
        object: RbacObjects.Global,
        objectName: '*',
        privilegeName: 'SelectOwnership',
      }),
    );
    assertOk(await client.listUsers());
    assertOk(await client.listRoles());
    await assertGrpcError(client.createRole({ roleName: 'nope1' }), permissionDenied('PrivilegeCreateOwnership', user));
    assertOk(
      await root.revokePrivilege({
        roleName: role,
        object: RbacObjects.Global,
        objectName: '*',
        privilegeName: 'SelectOwnership',
      }),
    );
    await assertGrpcError(client.listUsers(), permissionDenied('PrivilegeSelectOwnership', user));
    assertOk(
      await root.grantPrivilege({
        roleName: role,
        object: RbacObjects.Global,
        objectName: '*',
        privilegeName: 'SelectOwnership',
      }),
    );
    assertOk(await client.listUsers());
    assertOk(await root.removeUserFromRole({ username: user, roleName: role }));
    await assertGrpcError(client.listUsers(), permissionDenied('PrivilegeSelectOwnership', user));
  });

  test('§2.6 a grant through the built-in group ClusterReadOnly allows its privileges only', async () => {
    const { role, user, client } = await userWithRole();
    assertOk(await root.grantPrivilegeV2({ role, privilege: 'ClusterReadOnly', db_name: '*', collection_name: '*' }));
    assertOk(await client.listUsers());
    assertOk(await client.describeUser({ username: 'other' }));
    assertOk(await rawCall(client, 'SelectUser', { include_role_info: true }));
    assertOk(await client.listPrivilegeGroups());
    await assertGrpcError(client.createRole({ roleName: 'nope2' }), permissionDenied('PrivilegeCreateOwnership', user));
    await assertGrpcError(client.backupRBAC(), permissionDenied('PrivilegeBackupRBAC', user));
  });

  test('§2.6 a grant through a custom privilege group allows its privileges; changing the group changes the rights', async () => {
    const { role, user, client } = await userWithRole();
    assertOk(await root.createPrivilegeGroup({ group_name: 'rolemakers' }));
    assertOk(await root.addPrivilegesToGroup({ group_name: 'rolemakers', privileges: ['CreateOwnership'] }));
    assertOk(await root.grantPrivilegeV2({ role, privilege: 'rolemakers', db_name: '*', collection_name: '*' }));
    assertOk(await client.createRole({ roleName: 'viagroup' }));
    await assertGrpcError(client.listUsers(), permissionDenied('PrivilegeSelectOwnership', user));
    assertOk(await root.addPrivilegesToGroup({ group_name: 'rolemakers', privileges: ['SelectOwnership'] }));
    assertOk(await client.listUsers());
    assertOk(await root.removePrivilegesFromGroup({ group_name: 'rolemakers', privileges: ['CreateOwnership'] }));
    await assertGrpcError(
      client.createRole({ roleName: 'viagroup2' }),
      permissionDenied('PrivilegeCreateOwnership', user),
    );
  });

  test('§2.6 a grant in one database applies there only; db * applies everywhere', async () => {
    const { role, user, client } = await userWithRole();
    const inDb = await h.as(user, 'password1', { database: 'authdb' });
    assertOk(
      await root.grantPrivilegeV2({ role, privilege: 'CreateOwnership', db_name: 'authdb', collection_name: '*' }),
    );
    assertOk(await inDb.createRole({ roleName: 'indbrole' }));
    await assertGrpcError(
      client.createRole({ roleName: 'indefault' }),
      permissionDenied('PrivilegeCreateOwnership', user),
    );
    assertOk(await root.grantPrivilegeV2({ role, privilege: 'SelectOwnership', db_name: '*', collection_name: '*' }));
    assertOk(await client.listUsers());
    assertOk(await inDb.listUsers());
  });

  test('§2.6 User-object grants: a named user only, or * for every user', async () => {
    const { role, user, client } = await userWithRole();
    await makeUser(root, 'target1', 'target1-pw');
    await makeUser(root, 'target2', 'target2-pw');
    assertOk(
      await root.grantPrivilege({
        roleName: role,
        object: RbacObjects.User,
        objectName: 'target1',
        privilegeName: 'UpdateUser',
      }),
    );
    assertOk(await client.updateUser({ username: 'target1', oldPassword: 'target1-pw', newPassword: 'target1-new' }));
    await assertGrpcError(
      client.updateUser({ username: 'target2', oldPassword: 'target2-pw', newPassword: 'target2-new' }),
      permissionDenied('PrivilegeUpdateUser', user),
    );
    await assertGrpcError(client.describeUser({ username: 'target2' }), permissionDenied('PrivilegeSelectUser', user));
    assertOk(
      await root.grantPrivilege({
        roleName: role,
        object: RbacObjects.User,
        objectName: '*',
        privilegeName: 'SelectUser',
      }),
    );
    assertOk(await client.describeUser({ username: 'target2' }));
  });

  test('§4.1 the All privilege matches every privilege', async () => {
    const { role, client } = await userWithRole();
    assertOk(
      await root.grantPrivilege({ roleName: role, object: RbacObjects.Global, objectName: '*', privilegeName: 'All' }),
    );
    assertOk(await client.createRole({ roleName: 'viaall' }));
    assertOk(await client.listUsers());
  });

  test('§2.6 every user implicitly has public: a grant to public applies to users without roles', async () => {
    const other = await Harness.start({ auth: true });
    try {
      const r = await other.root();
      await makeUser(r, 'plain', 'plain-pw');
      const plain = await other.as('plain', 'plain-pw');
      await assertGrpcError(plain.listUsers(), permissionDenied('PrivilegeSelectOwnership', 'plain'));
      assertOk(
        await r.grantPrivilege({
          roleName: 'public',
          object: RbacObjects.Global,
          objectName: '*',
          privilegeName: 'SelectOwnership',
        }),
      );
      assertOk(await plain.listUsers());
    } finally {
      await other.close();
    }
  });

  test("§2.6 SelectGrant on one of the caller's own roles needs no privilege; another role does", async () => {
    const { role, user, client } = await userWithRole();
    assertOk(
      await root.grantPrivilege({
        roleName: role,
        object: RbacObjects.Collection,
        objectName: 'c1',
        privilegeName: 'Search',
      }),
    );
    const mine = await client.listGrants({ roleName: role });
    assertOk(mine);
    assert.equal(mine.entities.length, 1);
    await assertGrpcError(
      client.listGrants({ roleName: 'otherrole' }),
      permissionDenied('PrivilegeSelectOwnership', user),
    );
    await bindRole(root, user, 'otherrole');
    assertOk(await client.listGrants({ roleName: 'otherrole' }));
  });
});
