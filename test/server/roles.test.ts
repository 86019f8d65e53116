// Scenario rows R1–R8, UR1–UR6 and S1–S2 of docs/milvus-behaviour.md §3.3, plus §3.1 role names, §3.5 and §5.1/§5.2.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { RbacObjects, type MilvusClient } from '@zilliz/milvus2-sdk-node';
import { Harness, assertInputError, assertOk, assertStatus, grantsOf, makeUser, rawCall } from './helpers';

const ROLE_NOT_FOUND = "not found the role, maybe the role isn't existed or internal system error: invalid parameter";

interface SelectUserRes {
  status: object;
  results: { user: { name: string }; roles: { name: string }[] }[];
}

describe('roles and bindings (§3.3 R*, UR*, S*)', () => {
  let h: Harness;
  let root: MilvusClient;

  before(async () => {
    h = await Harness.start({ auth: true, maxRoles: 100 }); // one role per test; R2 checks the limit on its own server;
    root = await h.root();
  });
  after(() => h.close());

  const userRoles = async (username: string): Promise<string[]> => {
    const res = await root.describeUser({ username });
    assertOk(res);
    return res.results.length === 0 ? [] : res.results[0].roles.map((r) => r.name).sort();
  };

  // §3.5
  test('§3.5 a fresh server has exactly the roles admin and public', async () => {
    const fresh = await Harness.start({});
    try {
      const res = await (await fresh.connect()).listRoles();
      assertOk(res);
      assert.deepEqual(res.results.map((r) => r.role.name).sort(), ['admin', 'public']);
    } finally {
      await fresh.close();
    }
  });

  // §3.3 R1 (the role is printed in protobuf text form; its spacing is unstable, so match loosely)
  test('R1 create a duplicate role → 1100 / CreateRoleFailure / "role [name:"r1"] already exists: invalid parameter"', async () => {
    assertOk(await root.createRole({ roleName: 'r1role' }));
    const res = await root.createRole({ roleName: 'r1role' });
    assertStatus(res, {
      code: 1100,
      error_code: 'CreateRoleFailure',
      reasonMatches: /^role \[name:\s*"r1role"\s*\] already exists: invalid parameter$/,
    });
    assertInputError(res);
  });

  // §3.3 R2
  test('R2 create beyond maxRoleNum (admin and public count) → 9 / CreateRoleFailure / quota exceeded', async () => {
    const small = await Harness.start({ auth: true, maxRoles: 3 });
    try {
      const r = await small.root();
      assertOk(await r.createRole({ roleName: 'r2first' }));
      assertStatus(await r.createRole({ roleName: 'r2second' }), {
        code: 9,
        error_code: 'CreateRoleFailure',
        reason:
          'failed to check if create role: quota exceeded[reason=unable to create role because the number of roles has reached the limit]',
      });
    } finally {
      await small.close();
    }
  });

  // §3.3 R3
  for (const builtin of ['admin', 'public']) {
    test(`R3 drop the default role ${builtin} → 1401 / UnexpectedError / "the role[${builtin}] is a default role, which can't be dropped: privilege not permitted"`, async () => {
      assertStatus(await root.dropRole({ roleName: builtin }), {
        code: 1401,
        error_code: 'UnexpectedError',
        reason: `the role[${builtin}] is a default role, which can't be dropped: privilege not permitted`,
      });
      assert.equal((await root.describeRole({ roleName: builtin })).results.length, 1);
    });
  }

  // §3.3 R4
  test('R4 drop a non-existent role → 1100 / DropRoleFailure / "not found the role, …: invalid parameter"', async () => {
    assertStatus(await root.dropRole({ roleName: 'r4ghost' }), {
      code: 1100,
      error_code: 'DropRoleFailure',
      reason: ROLE_NOT_FOUND,
    });
  });

  // §3.3 R5
  test('R5 drop a role still bound to users → success; the bindings are deleted with it', async () => {
    await makeUser(root, 'r5user', 'r5password', ['r5role']);
    assert.deepEqual(await userRoles('r5user'), ['r5role']);
    assertOk(await root.dropRole({ roleName: 'r5role' }));
    assert.deepEqual(await userRoles('r5user'), []);
    assertOk(await root.createRole({ roleName: 'r5role' }));
    assert.deepEqual(await userRoles('r5user'), [], 'a re-created role must not bring old bindings back');
  });

  // §3.3 R6 (grants are looked up across all DBs)
  test('R6 drop a role with grants (force_drop=false) → 1100 / DropRoleFailure / "… Use REVOKE API to revoke privileges"', async () => {
    assertOk(await root.createRole({ roleName: 'r6role' }));
    assertOk(
      await root.grantPrivilegeV2({ role: 'r6role', privilege: 'Search', db_name: 'r6db', collection_name: '*' }),
    );
    const expected = {
      code: 1100,
      error_code: 'DropRoleFailure',
      reason:
        'failed to check if drop role: fail to drop the role that it has privileges. Use REVOKE API to revoke privileges: invalid parameter',
    } as const;
    assertStatus(await root.dropRole({ roleName: 'r6role' }), expected);
    assertStatus(await rawCall(root, 'DropRole', { role_name: 'r6role', force_drop: false }), expected);
    assert.equal((await root.describeRole({ roleName: 'r6role' })).results.length, 1);
  });

  // §3.3 R7 (the SDK's dropRole cannot send force_drop, so the raw RPC goes through the SDK's channel)
  test("R7 drop with force_drop=true → success, and all the role's grants are deleted", async () => {
    assertOk(await root.createRole({ roleName: 'r7role' }));
    assertOk(
      await root.grantPrivilegeV2({ role: 'r7role', privilege: 'Search', db_name: 'r7db', collection_name: '*' }),
    );
    assertOk(
      await root.grantPrivilege({
        roleName: 'r7role',
        object: RbacObjects.Global,
        objectName: '*',
        privilegeName: 'CreateCollection',
      }),
    );
    assertOk(await rawCall(root, 'DropRole', { role_name: 'r7role', force_drop: true }));
    assert.equal((await root.describeRole({ roleName: 'r7role' })).results.length, 0);
    assertOk(await root.createRole({ roleName: 'r7role' }));
    assert.deepEqual(await grantsOf(root, 'r7role'), []);
  });

  // §3.3 R7 "Needs server ≥2.4.10" and §1.2 DropRoleRequest (force_drop is proto v2.4.10+): an older server skips the
  // unknown field, so the request is a plain drop and R6 refuses it.
  test('R7 before 2.4.10: force_drop is not in the protocol, so a role with grants is refused as in R6', async () => {
    const old = await Harness.start({ auth: true, version: 'v2.4.9' });
    try {
      const client = await old.root();
      assertOk(await client.createRole({ roleName: 'r7old' }));
      assertOk(
        await client.grantPrivilege({
          roleName: 'r7old',
          object: RbacObjects.Global,
          objectName: '*',
          privilegeName: 'CreateCollection',
        }),
      );
      const refused = await rawCall(client, 'DropRole', { role_name: 'r7old', force_drop: true });
      assert.match((refused as { reason: string }).reason, /fail to drop the role that it has privileges/);
      assert.equal((await client.describeRole({ roleName: 'r7old' })).results.length, 1, 'the role is still there');
    } finally {
      await old.close();
    }
  });

  // §3.3 R8 (2.6.19+ AlterRole); 1401 maps to error_code 1 (§1.4)
  test('R8 AlterRole on admin/public → 1401 "default role, which can\'t be altered"; on a missing role → 65535 "role not exists"; on a custom role → success', async () => {
    for (const builtin of ['admin', 'public']) {
      assertStatus(await root.alterRole({ roleName: builtin, description: 'x' }), {
        code: 1401,
        error_code: 'UnexpectedError',
        reasonIncludes: `the role[${builtin}] is a default role, which can't be altered`,
      });
    }
    assertStatus(await root.alterRole({ roleName: 'r8ghost', description: 'x' }), {
      code: 65535,
      error_code: 'UnexpectedError',
      reason: 'failed to check if alter role: role not exists',
    });
    assertOk(await root.createRole({ roleName: 'r8role', description: 'before' }));
    assertOk(await root.alterRole({ roleName: 'r8role', description: 'after' }));
    const res = await root.describeRole({ roleName: 'r8role' });
    assert.equal((res.results[0].role as { description?: string }).description, 'after');
  });

  // §3.1 role-name rules (proxy validation, code 1100)
  describe('§3.1 invalid role names → 1100', () => {
    const cases: { name: string; role: string; reason: string }[] = [
      {
        name: 'empty',
        role: '',
        reason: 'role name should be not empty: invalid parameter[expected=not empty][actual=]',
      },
      {
        name: '256 bytes',
        role: 'r'.repeat(256),
        reason:
          'the length of role name must be not greater than limit: invalid parameter[256 out of range 0 <= value <= 255]',
      },
      {
        name: 'digit first',
        role: '1role',
        reason:
          'the first character of role name must be an underscore or letter: invalid parameter[expected=95][actual=49]',
      },
      {
        name: 'hyphen inside',
        role: 'ro-le',
        reason:
          'role name can only contain numbers, letters, underscores, and allowed characters ($), found - at 2: invalid parameter',
      },
    ];
    for (const c of cases) {
      test(`CreateRole with a ${c.name} name`, async () => {
        assertStatus(await root.createRole({ roleName: c.role }), { code: 1100, reason: c.reason });
      });
    }
    test('the role name is also validated in DropRole, AlterRole, OperateUserRole, SelectRole, SelectGrant and OperatePrivilege(V2)', async () => {
      const reason =
        'the first character of role name must be an underscore or letter: invalid parameter[expected=95][actual=49]';
      await makeUser(root, 'vrole', 'vrole-pw');
      assertStatus(await root.dropRole({ roleName: '1role' }), { code: 1100, reason });
      assertStatus(await root.alterRole({ roleName: '1role', description: 'x' }), { code: 1100, reason });
      assertStatus(await root.addUserToRole({ username: 'vrole', roleName: '1role' }), { code: 1100, reason });
      assertStatus(await root.describeRole({ roleName: '1role' }), { code: 1100, reason });
      assertStatus(await root.listGrants({ roleName: '1role' }), { code: 1100, reason });
      assertStatus(
        await root.grantPrivilege({
          roleName: '1role',
          object: RbacObjects.Collection,
          objectName: '*',
          privilegeName: 'Search',
        }),
        { code: 1100, reason },
      );
      assertStatus(
        await root.grantPrivilegeV2({ role: '1role', privilege: 'Search', db_name: 'default', collection_name: '*' }),
        { code: 1100, reason },
      );
    });
    test('the username is validated in OperateUserRole', async () => {
      assertOk(await root.createRole({ roleName: 'vuserrole' }));
      assertStatus(await root.addUserToRole({ username: '1user', roleName: 'vuserrole' }), {
        code: 1100,
        error_code: 'IllegalArgument',
        reason: 'invalid user name 1user, the first character must be a letter, but got 1: invalid parameter',
      });
    });
    test('a role description over 1024 bytes → 1100 "the length of role description must be not greater than limit"', async () => {
      assertStatus(await root.createRole({ roleName: 'descrole', description: 'd'.repeat(1025) }), {
        code: 1100,
        reasonIncludes: 'the length of role description must be not greater than limit: invalid parameter',
      });
      assertOk(await root.createRole({ roleName: 'descrole', description: 'd'.repeat(1024) }));
      assertStatus(await root.alterRole({ roleName: 'descrole', description: 'e'.repeat(1025) }), {
        code: 1100,
        reasonIncludes: 'the length of role description must be not greater than limit: invalid parameter',
      });
    });
    test('"_", "$" and 255 bytes are accepted', async () => {
      assertOk(await root.createRole({ roleName: '_a$b' }));
      assertOk(await root.createRole({ roleName: 'r'.repeat(255) }));
      assertOk(await rawCall(root, 'DropRole', { role_name: '_a$b' }));
      assertOk(await rawCall(root, 'DropRole', { role_name: 'r'.repeat(255) }));
    });
  });

  // §3.3 UR1
  test('UR1 add a user to a missing role → 1100 / OperateUserRoleFailure / "not found the role, …"', async () => {
    await makeUser(root, 'ur1user', 'ur1password');
    assertStatus(await root.addUserToRole({ username: 'ur1user', roleName: 'ur1ghost' }), {
      code: 1100,
      error_code: 'OperateUserRoleFailure',
      reason: ROLE_NOT_FOUND,
    });
  });

  // §3.3 UR2
  test('UR2 add a missing user to a role → 1100 / OperateUserRoleFailure / "user "<u>" not found"', async () => {
    assertOk(await root.createRole({ roleName: 'ur2role' }));
    assertStatus(await root.addUserToRole({ username: 'ur2ghost', roleName: 'ur2role' }), {
      code: 1100,
      error_code: 'OperateUserRoleFailure',
      reason: 'failed to check if operate user role: user "ur2ghost" not found: invalid parameter',
    });
  });

  // §3.3 UR3
  test('UR3 add a binding that already exists → success, listed once', async () => {
    await makeUser(root, 'ur3user', 'ur3password', ['ur3role']);
    assertOk(await root.addUserToRole({ username: 'ur3user', roleName: 'ur3role' }));
    assert.deepEqual(await userRoles('ur3user'), ['ur3role']);
    const role = await root.describeRole({ roleName: 'ur3role' });
    assert.deepEqual(
      role.results[0].users.map((u) => u.name),
      ['ur3user'],
    );
  });

  // §3.3 UR4
  test('UR4 remove a missing user or an unbound user → success; a missing role still fails like UR1', async () => {
    await makeUser(root, 'ur4user', 'ur4password');
    assertOk(await root.createRole({ roleName: 'ur4role' }));
    assertOk(await root.removeUserFromRole({ username: 'ur4ghost', roleName: 'ur4role' }));
    assertOk(await root.removeUserFromRole({ username: 'ur4user', roleName: 'ur4role' }));
    assertStatus(await root.removeUserFromRole({ username: 'ur4user', roleName: 'ur4ghostrole' }), {
      code: 1100,
      error_code: 'OperateUserRoleFailure',
      reason: ROLE_NOT_FOUND,
    });
    // a real removal works
    assertOk(await root.addUserToRole({ username: 'ur4user', roleName: 'ur4role' }));
    assertOk(await root.removeUserFromRole({ username: 'ur4user', roleName: 'ur4role' }));
    assert.deepEqual(await userRoles('ur4user'), []);
  });

  // §3.3 UR5
  test('UR5 binding a user to admin or public explicitly is allowed and listed', async () => {
    await makeUser(root, 'ur5user', 'ur5password');
    assertOk(await root.addUserToRole({ username: 'ur5user', roleName: 'admin' }));
    assertOk(await root.addUserToRole({ username: 'ur5user', roleName: 'public' }));
    assert.deepEqual(await userRoles('ur5user'), ['admin', 'public']);
  });

  // §3.3 UR6
  test('UR6 an invalid OperateUserRole type → 1100 / OperateUserRoleFailure / "invalid operate user role type: invalid parameter"', async () => {
    await makeUser(root, 'ur6user', 'ur6password', ['ur6role']);
    const res = await rawCall(root, 'OperateUserRole', { username: 'ur6user', role_name: 'ur6role', type: 7 });
    assertStatus(res, {
      code: 1100,
      error_code: 'OperateUserRoleFailure',
      reason: 'invalid operate user role type: invalid parameter',
    });
    assert.deepEqual(await userRoles('ur6user'), ['ur6role']);
  });

  // §3.3 S1 + §5.1
  test('S1 SelectUser of a non-existent user → success with empty results; an invalid or empty name → 1100', async () => {
    const res = await root.describeUser({ username: 's1ghost' });
    assertOk(res);
    assert.deepEqual(res.results, []);
    assertStatus(await root.describeUser({ username: '1bad' }), {
      code: 1100,
      error_code: 'IllegalArgument',
      reason: 'invalid user name 1bad, the first character must be a letter, but got 1: invalid parameter',
    });
    // §5.1: `user: {name: ""}` is not "unset"
    assertStatus(await rawCall(root, 'SelectUser', { user: { name: '' }, include_role_info: true }), {
      code: 1100,
      error_code: 'IllegalArgument',
      reason: 'username must be not empty: invalid parameter',
    });
  });

  // §5.1: unset user lists every user (root included) with the explicitly bound roles, in one call
  test('S1 §5.1 SelectUser with no user → every user with its roles; include_role_info=false → no roles', async () => {
    await makeUser(root, 's1user', 's1password', ['s1role', 's1role2']);
    const all = await rawCall<SelectUserRes>(root, 'SelectUser', { include_role_info: true });
    assertOk(all);
    const byName = new Map(all.results.map((r) => [r.user.name, r.roles.map((x) => x.name).sort()]));
    assert.deepEqual(byName.get('root'), []);
    assert.deepEqual(byName.get('s1user'), ['s1role', 's1role2']);
    const listed = await root.listUsers();
    assert.deepEqual([...byName.keys()].sort(), [...listed.usernames].sort());
    const bare = await rawCall<SelectUserRes>(root, 'SelectUser', { include_role_info: false });
    assertOk(bare);
    assert.ok(bare.results.every((r) => r.roles.length === 0));
  });

  // §3.3 S2 + §5.2
  test('S2 SelectRole of a non-existent role → success with empty results', async () => {
    const res = await root.describeRole({ roleName: 's2ghost' });
    assertOk(res);
    assert.deepEqual(res.results, []);
  });

  test('S2 §5.2 SelectRole with no role → all roles with their users; include_user_info=false → no users', async () => {
    await makeUser(root, 's2user', 's2password', ['s2role']);
    const all = await root.listRoles();
    assertOk(all);
    const s2 = all.results.find((r) => r.role.name === 's2role');
    assert.ok(s2);
    assert.deepEqual(
      s2.users.map((u) => u.name),
      ['s2user'],
    );
    assert.ok(all.results.some((r) => r.role.name === 'admin'));
    assert.ok(all.results.some((r) => r.role.name === 'public'));
    const bare = await rawCall<{ status: object; results: { users: unknown[] }[] }>(root, 'SelectRole', {
      include_user_info: false,
    });
    assertOk(bare);
    assert.ok(bare.results.every((r) => r.users.length === 0));
    // §5.1: `role: {name: ""}` is not "unset"
    assertStatus(await rawCall(root, 'SelectRole', { role: { name: '' }, include_user_info: true }), { code: 1100 });
  });
});
