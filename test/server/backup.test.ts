// Scenario rows BR1–BR3 of docs/milvus-behaviour.md §3.3 (BackupRBAC / RestoreRBAC), plus §2.4 (hashes are bcrypt, cost 4).
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import bcrypt from 'bcryptjs';
import type { MilvusClient, RestoreRBACRequest } from '@zilliz/milvus2-sdk-node';
import { Harness, assertOk, assertStatus, grantsOf, makeUser, rawCall, sortedRows, toRows } from './helpers';

/** RBACMeta as on the wire (§1.2); the SDK's own type lists users as {name} only. */
interface UserInfo {
  user: string;
  password: string;
  roles: { name: string }[];
}
interface GrantEntity {
  role: { name: string };
  object: { name: string };
  object_name: string;
  db_name: string;
  grantor: { user: { name: string }; privilege: { name: string } };
}
interface Meta {
  users: UserInfo[];
  roles: { name: string; description?: string }[];
  grants: GrantEntity[];
  privilege_groups: { group_name: string; privileges: { name: string }[] }[];
}

const emptyMeta = (): Meta => ({ users: [], roles: [], grants: [], privilege_groups: [] });

function restore(c: MilvusClient, meta: Partial<Meta>) {
  return c.restoreRBAC({ RBAC_meta: { ...emptyMeta(), ...meta } } as unknown as RestoreRBACRequest);
}

async function backup(c: MilvusClient): Promise<Meta> {
  const res = await c.backupRBAC();
  assertOk(res);
  return res.RBAC_meta as unknown as Meta;
}

const grant = (role: string, object: string, object_name: string, db_name: string, privilege: string): GrantEntity => ({
  role: { name: role },
  object: { name: object },
  object_name,
  db_name,
  grantor: { user: { name: 'root' }, privilege: { name: privilege } },
});

describe('RBAC backup and restore (§3.3 BR*)', () => {
  let h: Harness;
  let root: MilvusClient;

  before(async () => {
    ({ h, root } = await Harness.withRoot());
    await makeUser(root, 'alice', 'alice-pw-1', ['reader']);
    await makeUser(root, 'bob', 'bob-pw-12');
    assertOk(
      await root.grantPrivilegeV2({ role: 'reader', privilege: 'Search', db_name: 'default', collection_name: 'c1' }),
    );
    assertOk(await root.grantPrivilegeV2({ role: 'reader', privilege: 'Query', db_name: 'db2', collection_name: '*' }));
    assertOk(await root.createPrivilegeGroup({ group_name: 'bkgroup' }));
    assertOk(await root.addPrivilegesToGroup({ group_name: 'bkgroup', privileges: ['Query', 'Search'] }));
    assertOk(
      await root.grantPrivilegeV2({ role: 'reader', privilege: 'bkgroup', db_name: 'db2', collection_name: 'c2' }),
    );
    // grants on the built-in roles must not be exported
    assertOk(
      await root.grantPrivilegeV2({ role: 'admin', privilege: 'Search', db_name: 'default', collection_name: '*' }),
    );
  });
  after(() => h.close());

  // §3.3 BR3 + §2.4
  test('BR3 backup excludes root, admin, public and their grants; users carry bcrypt hashes; grants span all DBs; only custom groups', async () => {
    const meta = await backup(root);
    assert.deepEqual(meta.users.map((u) => u.user).sort(), ['alice', 'bob']);
    const alice = meta.users.find((u) => u.user === 'alice');
    assert.ok(alice);
    assert.deepEqual(
      alice.roles.map((r) => r.name),
      ['reader'],
    );
    assert.match(alice.password, /^\$2[aby]\$04\$/, 'bcrypt with MinCost (4)');
    assert.ok(bcrypt.compareSync('alice-pw-1', alice.password), 'the hash verifies the password');
    assert.ok(!JSON.stringify(meta).includes('alice-pw-1'), 'no plaintext password in the backup');
    assert.deepEqual(
      meta.roles.map((r) => r.name),
      ['reader'],
    );
    assert.deepEqual(
      toRows(meta.grants),
      sortedRows([
        { object: 'Collection', object_name: 'c1', db_name: 'default', privilege: 'Search', grantor: 'root' },
        { object: 'Collection', object_name: '*', db_name: 'db2', privilege: 'Query', grantor: 'root' },
        { object: 'Global', object_name: 'c2', db_name: 'db2', privilege: 'bkgroup', grantor: 'root' },
      ]),
    );
    assert.ok(meta.grants.every((g) => g.role.name === 'reader'));
    assert.deepEqual(
      meta.privilege_groups.map((g) => g.group_name),
      ['bkgroup'],
    );
    assert.deepEqual(meta.privilege_groups[0].privileges.map((p) => p.name).sort(), ['Query', 'Search']);
  });

  test('BR3 a backup restored into a fresh server recreates users (same password), roles, bindings, grants and groups', async () => {
    const meta = await backup(root);
    const other = await Harness.start({ auth: true });
    try {
      const r2 = await other.root();
      assertOk(await restore(r2, meta));
      await other.as('alice', 'alice-pw-1');
      const alice = await r2.describeUser({ username: 'alice' });
      assert.deepEqual(
        alice.results[0].roles.map((r) => r.name),
        ['reader'],
      );
      assert.deepEqual(await grantsOf(r2, 'reader'), await grantsOf(root, 'reader'));
      const groups = await r2.listPrivilegeGroups();
      assert.equal(groups.privilege_groups[0].group_name, 'bkgroup');
      assert.deepEqual(await grantsOf(r2, 'admin'), [], 'admin grants were not in the backup');
    } finally {
      await other.close();
    }
  });

  // §3.3 BR1
  test('BR1 restore a missing or all-empty meta → success, no-op', async () => {
    const before = await backup(root);
    assertOk(await restore(root, {}));
    assertOk(await rawCall(root, 'RestoreRBAC', {}));
    assert.deepEqual(await backup(root), before);
  });

  // §3.3 BR2 (all conflicts: 1100 / OperatePrivilegeFailure; nothing partially applied)
  describe('BR2 restore conflicts → 1100 / OperatePrivilegeFailure, nothing applied', () => {
    const cases: { name: string; meta: Partial<Meta>; reason: string }[] = [
      {
        name: 'role exists',
        meta: { roles: [{ name: 'br2new' }, { name: 'reader' }] },
        reason: 'role [reader] already exists',
      },
      {
        name: 'privilege group exists',
        meta: {
          roles: [{ name: 'br2new' }],
          privilege_groups: [{ group_name: 'bkgroup', privileges: [{ name: 'Query' }] }],
        },
        reason: 'privilege group [bkgroup] already exists',
      },
      {
        name: 'user exists',
        meta: {
          roles: [{ name: 'br2new' }],
          users: [{ user: 'alice', password: bcrypt.hashSync('whatever1', 4), roles: [] }],
        },
        reason: 'user [alice] already exists',
      },
      {
        name: 'grant names an unknown privilege',
        meta: { roles: [{ name: 'br2new' }], grants: [grant('br2new', 'Collection', '*', 'default', 'Bogus')] },
        reason: 'privilege [Bogus] does not exist',
      },
      {
        name: 'user references a missing role',
        meta: {
          roles: [{ name: 'br2new' }],
          users: [{ user: 'br2user', password: bcrypt.hashSync('whatever1', 4), roles: [{ name: 'br2missing' }] }],
        },
        reason: 'role [br2missing] does not exist',
      },
    ];
    for (const c of cases) {
      test(`BR2 ${c.name} → "${c.reason}"`, async () => {
        assertStatus(await restore(root, c.meta), {
          code: 1100,
          error_code: 'OperatePrivilegeFailure',
          reasonIncludes: c.reason,
        });
        assert.equal((await root.describeRole({ roleName: 'br2new' })).results.length, 0, 'br2new must not be created');
        assert.equal(
          (await root.describeUser({ username: 'br2user' })).results.length,
          0,
          'br2user must not be created',
        );
      });
    }
  });
});
