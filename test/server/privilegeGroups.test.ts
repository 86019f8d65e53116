// Scenario rows PG1–PG9 of docs/milvus-behaviour.md §3.3, plus §3.1 group names and §4.4 (listing order and built-in contents, 2.6 branch).
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { MilvusClient } from '@zilliz/milvus2-sdk-node';
import { Harness, assertOk, assertStatus, makeRole } from './helpers';

const CLUSTER_RO = [
  'ListDatabases',
  'SelectOwnership',
  'SelectUser',
  'DescribeResourceGroup',
  'ListResourceGroups',
  'ListPrivilegeGroups',
  'GetReplicateConfiguration',
];
const CLUSTER_RW = [...CLUSTER_RO, 'FlushAll', 'TransferNode', 'TransferReplica', 'UpdateResourceGroups'];
const CLUSTER_ADMIN = [
  ...CLUSTER_RW,
  'BackupRBAC',
  'RestoreRBAC',
  'CreateDatabase',
  'DropDatabase',
  'CreateOwnership',
  'DropOwnership',
  'ManageOwnership',
  'CreateResourceGroup',
  'DropResourceGroup',
  'UpdateUser',
  'RenameCollection',
  'CreatePrivilegeGroup',
  'DropPrivilegeGroup',
  'OperatePrivilegeGroup',
  'UpdateReplicateConfiguration',
];
const DB_RO = ['ShowCollections', 'DescribeDatabase'];
const DB_RW = [...DB_RO, 'AlterDatabase'];
const DB_ADMIN = [...DB_RW, 'CreateCollection', 'DropCollection'];
const COLL_RO = [
  'Query',
  'Search',
  'IndexDetail',
  'GetFlushState',
  'GetLoadState',
  'GetLoadingProgress',
  'HasPartition',
  'ShowPartitions',
  'DescribeCollection',
  'DescribeAlias',
  'GetStatistics',
  'ListAliases',
  'GetImportProgress',
  'ListImport',
];
const COLL_RW = [
  ...COLL_RO,
  'Load',
  'Release',
  'Insert',
  'Delete',
  'Upsert',
  'Import',
  'Flush',
  'Compaction',
  'LoadBalance',
  'CreateIndex',
  'DropIndex',
  'CreatePartition',
  'DropPartition',
  'AddCollectionField',
];
const COLL_ADMIN = [...COLL_RW, 'CreateAlias', 'DropAlias'];

/** §4.4, in the order ListPrivilegeGroups returns them after the custom groups. */
const BUILT_IN: [string, string[]][] = [
  ['ClusterReadOnly', CLUSTER_RO],
  ['ClusterReadWrite', CLUSTER_RW],
  ['ClusterAdmin', CLUSTER_ADMIN],
  ['DatabaseReadOnly', DB_RO],
  ['DatabaseReadWrite', DB_RW],
  ['DatabaseAdmin', DB_ADMIN],
  ['CollectionReadOnly', COLL_RO],
  ['CollectionReadWrite', COLL_RW],
  ['CollectionAdmin', COLL_ADMIN],
];

describe('privilege groups (§3.3 PG*, §4.4)', () => {
  let h: Harness;
  let root: MilvusClient;

  before(async () => ({ h, root } = await Harness.withRoot()));
  after(() => h.close());

  const groups = async (): Promise<Map<string, string[]>> => {
    const res = await root.listPrivilegeGroups();
    assertOk(res);
    return new Map(res.privilege_groups.map((g) => [g.group_name, g.privileges.map((p) => p.name)]));
  };
  const privilegesOf = async (name: string): Promise<string[] | undefined> => (await groups()).get(name)?.sort();

  // §4.4
  test('§4.4 a fresh server lists exactly the 9 built-in groups, in order, with the 2.6 contents; legacy groups are not listed', async () => {
    const fresh = await Harness.start({});
    try {
      const res = await (await fresh.connect()).listPrivilegeGroups();
      assertOk(res);
      assert.deepEqual(
        res.privilege_groups.map((g) => g.group_name),
        BUILT_IN.map(([n]) => n),
      );
      for (const [name, privileges] of BUILT_IN) {
        const got = res.privilege_groups.find((g) => g.group_name === name);
        assert.deepEqual(got?.privileges.map((p) => p.name).sort(), [...privileges].sort(), `contents of ${name}`);
      }
    } finally {
      await fresh.close();
    }
  });

  test('§4.4 custom groups come first in lexicographic order, then the 9 built-ins', async () => {
    const fresh = await Harness.start({});
    try {
      const c = await fresh.connect();
      for (const g of ['zeta', 'Alpha', 'mid_1']) assertOk(await c.createPrivilegeGroup({ group_name: g }));
      assertOk(await c.addPrivilegesToGroup({ group_name: 'mid_1', privileges: ['Search', 'Query'] }));
      const res = await c.listPrivilegeGroups();
      assertOk(res);
      assert.deepEqual(
        res.privilege_groups.map((g) => g.group_name),
        ['Alpha', 'mid_1', 'zeta', ...BUILT_IN.map(([n]) => n)],
      );
      assert.deepEqual(res.privilege_groups[1].privileges.map((p) => p.name).sort(), ['Query', 'Search']);
      assert.deepEqual(res.privilege_groups[0].privileges, []);
    } finally {
      await fresh.close();
    }
  });

  // §3.3 PG1
  test('PG1 create a group whose name is already a custom group → 1100 / CreatePrivilegeGroupFailure / "… is defined by users"', async () => {
    assertOk(await root.createPrivilegeGroup({ group_name: 'pg1group' }));
    assertStatus(await root.createPrivilegeGroup({ group_name: 'pg1group' }), {
      code: 1100,
      error_code: 'CreatePrivilegeGroupFailure',
      reason:
        'failed to check if privilege group creatable: privilege group name [pg1group] is defined by users: invalid parameter',
    });
  });

  // §3.3 PG2
  for (const name of ['Query', 'ClusterAdmin', 'ReadOnly', 'CollectionReadOnly', 'Admin']) {
    test(`PG2 create a group named like the built-in privilege or group ${name} → 1100 / CreatePrivilegeGroupFailure`, async () => {
      assertStatus(await root.createPrivilegeGroup({ group_name: name }), {
        code: 1100,
        error_code: 'CreatePrivilegeGroupFailure',
        reasonIncludes: `privilege group name [${name}] is defined by built in privileges or privilege groups in system`,
      });
    });
  }

  // §3.1 privilege-group names (quirky messages, proxy validation)
  test('§3.1 invalid group names: empty and bad first character → 1402; bad later character → 1100', async () => {
    assertStatus(await root.createPrivilegeGroup({ group_name: '' }), {
      code: 1402,
      reason: 'invalid privilege group name[privilegeGroup=privilege group name should not be empty]',
    });
    assertStatus(await root.createPrivilegeGroup({ group_name: '1group' }), {
      code: 1402,
      reason:
        '1group: invalid privilege group name[privilegeGroup=the first character of a privilege group name %s must be an underscore or letter]',
    });
    assertStatus(await root.createPrivilegeGroup({ group_name: 'g'.repeat(256) }), {
      code: 1402,
      reasonIncludes: `${'g'.repeat(256)}->255: `,
    });
    assertStatus(await root.createPrivilegeGroup({ group_name: 'grp$x' }), {
      code: 1100,
      reason: 'privilege group name grp$x can only contain numbers, letters and underscores: invalid parameter',
    });
    assertOk(await root.createPrivilegeGroup({ group_name: '_ok_1' }));
  });

  // §3.3 PG3
  test('PG3 drop a non-existent or a built-in group → success (no-op); the built-in is still listed', async () => {
    assertOk(await root.dropPrivilegeGroup({ group_name: 'pg3ghost' }));
    assertOk(await root.dropPrivilegeGroup({ group_name: 'ClusterAdmin' }));
    assert.deepEqual(await privilegesOf('ClusterAdmin'), [...CLUSTER_ADMIN].sort());
    assertOk(await root.createPrivilegeGroup({ group_name: 'pg3group' }));
    assertOk(await root.dropPrivilegeGroup({ group_name: 'pg3group' }));
    assert.equal((await groups()).has('pg3group'), false);
  });

  // §3.3 PG4
  test('PG4 drop a group that a role holds → 1100 / DropPrivilegeGroupFailure / "… is used by role [<r>], Use REVOKE API to revoke it first"', async () => {
    assertOk(await root.createPrivilegeGroup({ group_name: 'pg4group' }));
    assertOk(await root.addPrivilegesToGroup({ group_name: 'pg4group', privileges: ['Query'] }));
    await makeRole(root, 'pg4role');
    assertOk(
      await root.grantPrivilegeV2({ role: 'pg4role', privilege: 'pg4group', db_name: 'default', collection_name: '*' }),
    );
    assertStatus(await root.dropPrivilegeGroup({ group_name: 'pg4group' }), {
      code: 1100,
      error_code: 'DropPrivilegeGroupFailure',
      reason:
        'failed to check if privilege group dropable: privilege group [pg4group] is used by role [pg4role], Use REVOKE API to revoke it first: invalid parameter',
    });
    assert.ok((await groups()).has('pg4group'));
    assertOk(
      await root.revokePrivilegeV2({
        role: 'pg4role',
        privilege: 'pg4group',
        db_name: 'default',
        collection_name: '*',
      }),
    );
    assertOk(await root.dropPrivilegeGroup({ group_name: 'pg4group' }));
  });

  // §3.3 PG5
  for (const name of ['ClusterAdmin', 'pg5ghost']) {
    test(`PG5 add privileges to the non-custom group ${name} → 1100 / OperatePrivilegeGroupFailure / "there is no privilege group name [<g>] defined in system to operate"`, async () => {
      assertStatus(await root.addPrivilegesToGroup({ group_name: name, privileges: ['Query'] }), {
        code: 1100,
        error_code: 'OperatePrivilegeGroupFailure',
        reasonIncludes: `failed to check if privilege group alterable: there is no privilege group name [${name}] defined in system to operate`,
      });
    });
  }

  // §3.3 PG6
  test('PG6 add an empty privilege list → 1100 / OperatePrivilegeGroupFailure / "privileges is empty when alter the privilege group"', async () => {
    assertOk(await root.createPrivilegeGroup({ group_name: 'pg6group' }));
    assertStatus(await root.addPrivilegesToGroup({ group_name: 'pg6group', privileges: [] }), {
      code: 1100,
      error_code: 'OperatePrivilegeGroupFailure',
      reasonIncludes: 'privileges is empty when alter the privilege group',
    });
  });

  // §3.3 PG7
  test('PG7 add an unknown privilege → 1100 / OperatePrivilegeGroupFailure / "there is no privilege name or privilege group name [<p>] defined in system to operate"', async () => {
    assertOk(await root.createPrivilegeGroup({ group_name: 'pg7group' }));
    assertStatus(await root.addPrivilegesToGroup({ group_name: 'pg7group', privileges: ['Query', 'Bogus'] }), {
      code: 1100,
      error_code: 'OperatePrivilegeGroupFailure',
      reasonIncludes: 'there is no privilege name or privilege group name [Bogus] defined in system to operate',
    });
    assert.deepEqual(await privilegesOf('pg7group'), [], 'nothing is applied on failure');
  });

  // §3.3 PG8
  test('PG8 add privileges of different levels in one call → 1100 / OperatePrivilegeGroupFailure / "privileges are not the same privilege level"', async () => {
    assertOk(await root.createPrivilegeGroup({ group_name: 'pg8group' }));
    assertStatus(await root.addPrivilegesToGroup({ group_name: 'pg8group', privileges: ['Query', 'CreateDatabase'] }), {
      code: 1100,
      error_code: 'OperatePrivilegeGroupFailure',
      reasonIncludes: 'privileges are not the same privilege level',
    });
    assertStatus(
      await root.addPrivilegesToGroup({ group_name: 'pg8group', privileges: ['ShowCollections', 'Search'] }),
      {
        code: 1100,
        error_code: 'OperatePrivilegeGroupFailure',
        reasonIncludes: 'privileges are not the same privilege level',
      },
    );
    assertOk(await root.addPrivilegesToGroup({ group_name: 'pg8group', privileges: ['Query', 'Search', 'Insert'] }));
    assert.deepEqual(await privilegesOf('pg8group'), ['Insert', 'Query', 'Search']);
  });

  // §3.3 PG9
  test('PG9 add a privilege already in the group / remove one not in it → success (set semantics)', async () => {
    assertOk(await root.createPrivilegeGroup({ group_name: 'pg9group' }));
    assertOk(await root.addPrivilegesToGroup({ group_name: 'pg9group', privileges: ['Query'] }));
    assertOk(await root.addPrivilegesToGroup({ group_name: 'pg9group', privileges: ['Query', 'Search'] }));
    assert.deepEqual(await privilegesOf('pg9group'), ['Query', 'Search']);
    assertOk(await root.removePrivilegesFromGroup({ group_name: 'pg9group', privileges: ['Insert'] }));
    assertOk(await root.removePrivilegesFromGroup({ group_name: 'pg9group', privileges: ['Search'] }));
    assert.deepEqual(await privilegesOf('pg9group'), ['Query']);
  });
});
