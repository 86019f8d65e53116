// `--version` picks the error texts of the release's era (docs/milvus-behaviour.md §3.2): 2.6.19+ (merr: code 1100,
// `: invalid parameter`), 2.6.6–2.6.18 (code 65535, no suffix) and the 2.5 line (the rootcoord's older texts), plus the
// 2.5 behaviours of §3.3 (U3's order, U10's upsert) and the built-in groups a release lists (§4.4).
import { describe, test, after } from 'node:test';
import assert from 'node:assert/strict';
import { RbacObjects, type MilvusClient } from '@zilliz/milvus2-sdk-node';
import { Harness, assertOk, assertStatus, rawCall } from './helpers';
import type { TestServerOptions } from '../milvus-server';

const harnesses: Harness[] = [];
after(() => Promise.all(harnesses.map((h) => h.close())));

async function rootOf(version: string, opts: TestServerOptions = {}): Promise<{ h: Harness; root: MilvusClient }> {
  const r = await Harness.withRoot({ version, ...opts });
  harnesses.push(r.h);
  return r;
}

const LONG_NAME = 'a'.repeat(33);

describe('§3.1 the 2.5 line prints some name checks differently', () => {
  test('§3.1 username of 33 bytes: 2.5 prints the limit through %d from a string, 2.6 prints 32', async () => {
    const { root: r25 } = await rootOf('v2.5.27');
    assertStatus(await r25.createUser({ username: LONG_NAME, password: 'password1' }), {
      code: 1100,
      error_code: 'IllegalArgument',
      reason: `invalid username ${LONG_NAME} with length 33, the length of username must be less than %!d(string=32): invalid parameter`,
    });
    const { root: r26 } = await rootOf('v2.6.19');
    assertStatus(await r26.createUser({ username: LONG_NAME, password: 'password1' }), {
      code: 1100,
      reason: `invalid username ${LONG_NAME} with length 33, the length of username must be less than 32: invalid parameter`,
    });
  });

  test('§3.1 2.5 texts: usernames of letters, digits and underscores; role names with "dollars"', async () => {
    const { root } = await rootOf('v2.5.27');
    assertStatus(await root.createUser({ username: 'a-b', password: 'password1' }), {
      code: 1100,
      error_code: 'IllegalArgument',
      reason:
        'invalid user name a-b, username must contain only numbers, letters and underscores, but got %!s(uint8=45): invalid parameter',
    });
    assertStatus(await root.createRole({ roleName: 'r-1' }), {
      code: 1100,
      reason: 'role name can only contain numbers, letters, dollars and underscores, found - at 1: invalid parameter',
    });
  });
});

describe('§2.1 a password that is not base64', () => {
  const createRaw = (root: MilvusClient) =>
    rawCall(root, 'CreateCredential', { username: 'b64user', password: 'no!base64' });

  test('§2.1 2.6.19+: 1100 / IllegalArgument, Go\'s error appended, no ": invalid parameter" tail', async () => {
    const { root } = await rootOf('v2.6.19');
    assertStatus(await createRaw(root), {
      code: 1100,
      error_code: 'IllegalArgument',
      reason: 'decode password fail: illegal base64 data at input byte 2',
    });
  });

  test('§2.1 ≤2.6.18 and 2.5: a plain error, 65535 / UnexpectedError (EC 1)', async () => {
    for (const version of ['v2.6.18', 'v2.5.27']) {
      const { root } = await rootOf(version);
      assertStatus(await createRaw(root), {
        code: 65535,
        error_code: 'UnexpectedError',
        reason: 'decode password fail: illegal base64 data at input byte 2',
      });
      const res = await rawCall(root, 'UpdateCredential', {
        username: 'root',
        oldPassword: 'no!base64',
        newPassword: Buffer.from('password2').toString('base64'),
      });
      assertStatus(res, { code: 65535, error_code: 'UnexpectedError', reasonIncludes: 'decode old password failed' });
    }
  });
});

describe('§3.2/§3.3 rootcoord refusals before 2.6.19: code 65535, the same *Failure error_code, no suffix', () => {
  test('U2 duplicate user on 2.6.18 → 65535 / CreateCredentialFailure "user already exists: <u>"', async () => {
    const { root } = await rootOf('v2.6.18');
    assertOk(await root.createUser({ username: 'dup', password: 'password1' }));
    assertStatus(await root.createUser({ username: 'dup', password: 'password1' }), {
      code: 65535,
      error_code: 'CreateCredentialFailure',
      reason: 'user already exists: dup',
    });
  });

  test('R4 drop a missing role on 2.6.18 → 65535 / DropRoleFailure without the suffix', async () => {
    const { root } = await rootOf('v2.6.18');
    assertStatus(await root.dropRole({ roleName: 'ghost' }), {
      code: 65535,
      error_code: 'DropRoleFailure',
      reason: "not found the role, maybe the role isn't existed or internal system error",
    });
  });

  test('R6 drop a role with grants on 2.5 → 65535, the text from "fail to drop…" on', async () => {
    const { root } = await rootOf('v2.5.27');
    assertOk(await root.createRole({ roleName: 'held' }));
    assertOk(
      await root.grantPrivilege({
        roleName: 'held',
        object: RbacObjects.Global,
        objectName: '*',
        privilegeName: 'CreateOwnership',
      }),
    );
    assertStatus(await root.dropRole({ roleName: 'held' }), {
      code: 65535,
      error_code: 'DropRoleFailure',
      reason: 'fail to drop the role that it has privileges. Use REVOKE API to revoke privileges',
    });
  });

  test('UR2 bind a missing user: 2.6.18 and 2.5 texts', async () => {
    const expected: [string, string][] = [
      [
        'v2.6.18',
        "failed to check if operate user role: not found the user, maybe the user isn't existed or internal system error",
      ],
      ['v2.5.27', "not found the user, maybe the user isn't existed or internal system error"],
    ];
    for (const [version, reason] of expected) {
      const { root } = await rootOf(version);
      assertOk(await root.createRole({ roleName: 'r1' }));
      assertStatus(await root.addUserToRole({ username: 'nobody', roleName: 'r1' }), {
        code: 65535,
        error_code: 'OperateUserRoleFailure',
        reason,
      });
    }
  });

  test('G2 grant to a missing role on 2.5 → 65535 / OperatePrivilegeFailure "not found the role…"', async () => {
    const { root } = await rootOf('v2.5.27');
    const res = await root.grantPrivilege({
      roleName: 'ghost',
      object: RbacObjects.Global,
      objectName: '*',
      privilegeName: 'CreateOwnership',
    });
    assertStatus(res, {
      code: 65535,
      error_code: 'OperatePrivilegeFailure',
      reason: "not found the role, maybe the role isn't existed or internal system error",
    });
  });

  // D6: MetaTable.OperatePrivilegeGroup (internal/rootcoord/meta_table.go@v2.5.27) answers merr.WrapErrParameterInvalidMsg.
  test('PG5 change a built-in group on 2.5 → its own text, already 1100 with the suffix (D6)', async () => {
    const { root: r25 } = await rootOf('v2.5.27');
    assertStatus(await r25.addPrivilegesToGroup({ group_name: 'ClusterAdmin', privileges: ['Query'] }), {
      code: 1100,
      error_code: 'OperatePrivilegeGroupFailure',
      reason:
        'the privilege group name [ClusterAdmin] is defined by built in privilege groups in system: invalid parameter',
    });
  });
});

describe('§3.3 2.5 behaviours', () => {
  test('U3 2.5 checks the user limit before the duplicate, and says so in plain text (65535)', async () => {
    const { root } = await rootOf('v2.5.27', { maxUsers: 2 });
    assertOk(await root.createUser({ username: 'second', password: 'password1' }));
    assertStatus(await root.createUser({ username: 'second', password: 'password1' }), {
      code: 65535,
      error_code: 'CreateCredentialFailure',
      reason: 'unable to add user because the number of users has reached the limit',
    });
    const { root: r26 } = await rootOf('v2.6.19', { maxUsers: 2 });
    assertOk(await r26.createUser({ username: 'second', password: 'password1' }));
    assertStatus(await r26.createUser({ username: 'second', password: 'password1' }), {
      code: 1100,
      reason: 'user already exists: second: invalid parameter',
    });
  });

  test('U10 a superuser updating a missing user: 2.5 silently creates it; 2.6.6+ refuses (65535 "user not found")', async () => {
    const { h, root } = await rootOf('v2.5.27', { superUsers: ['root'] });
    assertOk(await root.updateUser({ username: 'ghost', oldPassword: '', newPassword: 'ghostpass1' }));
    const listed = await root.listUsers();
    assert.ok(listed.usernames.includes('ghost'), `ghost in ${listed.usernames.join(', ')}`);
    const ghost = await h.as('ghost', 'ghostpass1');
    assertOk(await ghost.describeUser({ username: 'ghost' }));

    const { root: r26 } = await rootOf('v2.6.18', { superUsers: ['root'] });
    assertStatus(await r26.updateUser({ username: 'ghost', oldPassword: '', newPassword: 'ghostpass1' }), {
      code: 65535,
      error_code: 'UpdateCredentialFailure',
      reason: 'failed to check if update credential: user not found',
    });
  });
});

describe('§4.4 the built-in groups a release lists', () => {
  const builtIns = async (version: string): Promise<Record<string, number>> => {
    const { root } = await rootOf(version);
    const res = await rawCall<{ privilege_groups: { group_name: string; privileges: { name: string }[] }[] }>(
      root,
      'ListPrivilegeGroups',
      {},
    );
    assertOk(res);
    return Object.fromEntries(res.privilege_groups.map((g) => [g.group_name, g.privileges.length]));
  };

  test('§4.4 2.6: 7/11/26 cluster, 2/3/5 database, 14/28/30 collection privileges', async () => {
    assert.deepEqual(await builtIns('v2.6.19'), {
      ClusterReadOnly: 7,
      ClusterReadWrite: 11,
      ClusterAdmin: 26,
      DatabaseReadOnly: 2,
      DatabaseReadWrite: 3,
      DatabaseAdmin: 5,
      CollectionReadOnly: 14,
      CollectionReadWrite: 28,
      CollectionAdmin: 30,
    });
  });

  test('§4.4 2.5: no replicate configuration, import listing or AddCollectionField (6/10/24, 12/25/27)', async () => {
    assert.deepEqual(await builtIns('v2.5.27'), {
      ClusterReadOnly: 6,
      ClusterReadWrite: 10,
      ClusterAdmin: 24,
      DatabaseReadOnly: 2,
      DatabaseReadWrite: 3,
      DatabaseAdmin: 5,
      CollectionReadOnly: 12,
      CollectionReadWrite: 25,
      CollectionAdmin: 27,
    });
  });

  test('§9 2.4.16–2.4.17: the group RPCs exist, the built-in groups (2.4.18) do not', async () => {
    assert.deepEqual(await builtIns('v2.4.17'), {});
  });
});
