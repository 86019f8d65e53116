// Scenario rows G1–G15 and SG1–SG2 of docs/milvus-behaviour.md §3.3, plus §3.5 (public's grants), §4.3 (how V2 stores) and §5.3 (SelectGrant filters).
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { DataType, RbacObjects, type MilvusClient } from '@zilliz/milvus2-sdk-node';
import {
  Harness,
  assertInputError,
  assertOk,
  assertStatus,
  grantsOf,
  makeRole,
  rawCall,
  sortedRows,
  toRows,
  type GrantRow,
} from './helpers';

const row = (object: string, object_name: string, db_name: string, privilege: string, grantor = 'root'): GrantRow => ({
  object,
  object_name,
  db_name,
  privilege,
  grantor,
});

/** V1 grant with the object type given as free text (the SDK types it as RbacObjects). */
function grantV1(c: MilvusClient, roleName: string, object: string, objectName: string, privilegeName: string) {
  return c.grantPrivilege({ roleName, object: object as RbacObjects, objectName, privilegeName });
}
function revokeV1(c: MilvusClient, roleName: string, object: string, objectName: string, privilegeName: string) {
  return c.revokePrivilege({ roleName, object: object as RbacObjects, objectName, privilegeName });
}

const FAIL41 = { code: 1100, error_code: 'OperatePrivilegeFailure' } as const;

describe('grants (§3.3 G*, SG*)', () => {
  let h: Harness;
  let root: MilvusClient;

  before(async () => {
    h = await Harness.start({ auth: true, maxRoles: 100 }); // one role per test;
    root = await h.root();
  });
  after(() => h.close());

  // §3.3 G1 (needs auth off: the grantor comes from the authorization metadata even then)
  describe('G1 grants when the caller sent no authorization metadata (auth off)', () => {
    let off: Harness;
    before(async () => {
      off = await Harness.start({ auth: false });
      const admin = await off.connect();
      await makeRole(admin, 'g1role');
    });
    after(() => off.close());

    test('G1 no authorization → 1100 / IllegalArgument / "fail to get authorization from the md, authorization:[token]: invalid parameter" (V1 and V2)', async () => {
      const anon = await off.connect();
      const expected = {
        code: 1100,
        error_code: 'IllegalArgument',
        reason: 'fail to get authorization from the md, authorization:[token]: invalid parameter',
      } as const;
      assertStatus(await grantV1(anon, 'g1role', 'Global', '*', 'CreateCollection'), expected);
      assertStatus(
        await anon.grantPrivilegeV2({ role: 'g1role', privilege: 'Search', db_name: 'default', collection_name: '*' }),
        expected,
      );
      assert.deepEqual(await grantsOf(anon, 'g1role'), []);
    });

    test('G1 a grantor that is not an existing user → "the grantor user "<u>" does not exist"', async () => {
      const ghost = await off.as('g1ghost', 'anything');
      assertStatus(await grantV1(ghost, 'g1role', 'Global', '*', 'CreateCollection'), {
        ...FAIL41,
        reasonIncludes: 'the grantor user "g1ghost" does not exist',
      });
    });

    test('G1 root:<anything> with auth off → success, grantor root', async () => {
      const asRoot = await off.as('root', 'not-the-password');
      assertOk(await grantV1(asRoot, 'g1role', 'Global', '*', 'CreateCollection'));
      assert.deepEqual(await grantsOf(asRoot, 'g1role'), [row('Global', '*', 'default', 'CreateCollection')]);
    });
  });

  // §3.3 G2
  test('G2 grant to a non-existent role → 1100 / OperatePrivilegeFailure / "the role "<r>" does not exist"', async () => {
    const reason = 'failed to operate privilege common check: the role "g2ghost" does not exist: invalid parameter';
    const res = await grantV1(root, 'g2ghost', 'Collection', '*', 'Search');
    assertStatus(res, { ...FAIL41, reason });
    assertInputError(res);
    assertStatus(
      await root.grantPrivilegeV2({ role: 'g2ghost', privilege: 'Search', db_name: 'default', collection_name: '*' }),
      { ...FAIL41, reason },
    );
  });

  // §3.3 G3
  test('G3 V1 with an object type other than Collection/Global/User → 1100 / 41 / "the object entity in the request is nil or invalid"', async () => {
    await makeRole(root, 'g3role');
    assertStatus(await grantV1(root, 'g3role', 'Database', 'db1', 'Search'), {
      ...FAIL41,
      reason:
        'failed to operate privilege common check: the object entity in the request is nil or invalid: invalid parameter',
    });
  });

  // §3.3 G4 + §4.2 per-object lists
  test('G4 V1 with an unknown privilege or one of another object type → 1100 / 41 / "not found the privilege name[<p>] in object[<Type>]"', async () => {
    await makeRole(root, 'g4role');
    assertStatus(await grantV1(root, 'g4role', 'Collection', '*', 'Bogus'), {
      ...FAIL41,
      reason: 'not found the privilege name[Bogus] in object[Collection]: invalid parameter',
    });
    assertStatus(await grantV1(root, 'g4role', 'Collection', '*', 'CreateCollection'), {
      ...FAIL41,
      reason: 'not found the privilege name[CreateCollection] in object[Collection]: invalid parameter',
    });
    assertStatus(await grantV1(root, 'g4role', 'Global', '*', 'Search'), {
      ...FAIL41,
      reason: 'not found the privilege name[Search] in object[Global]: invalid parameter',
    });
    assertStatus(await grantV1(root, 'g4role', 'User', '*', 'Search'), {
      ...FAIL41,
      reason: 'not found the privilege name[Search] in object[User]: invalid parameter',
    });
    // §4.2: GetReplicateConfiguration is in no V1 list, but V2 can grant it
    assertStatus(await grantV1(root, 'g4role', 'Global', '*', 'GetReplicateConfiguration'), {
      ...FAIL41,
      reason: 'not found the privilege name[GetReplicateConfiguration] in object[Global]: invalid parameter',
    });
    assertOk(
      await root.grantPrivilegeV2({
        role: 'g4role',
        privilege: 'GetReplicateConfiguration',
        db_name: '*',
        collection_name: '*',
      }),
    );
    // the valid combinations do work
    assertOk(await grantV1(root, 'g4role', 'User', 'someone', 'UpdateUser'));
    assertOk(await grantV1(root, 'g4role', 'Collection', 'c4', 'Search'));
  });

  // §3.3 G5
  test('G5 V1 with a built-in group → 1100 / 41 / "can not operate the built-in privilege group [<g>]"; legacy ReadOnly/ReadWrite/Admin are accepted', async () => {
    await makeRole(root, 'g5role');
    for (const g of ['ClusterReadOnly', 'DatabaseAdmin', 'CollectionReadWrite']) {
      assertStatus(await grantV1(root, 'g5role', 'Global', '*', g), {
        ...FAIL41,
        reason: `can not operate the built-in privilege group [${g}]: invalid parameter`,
      });
    }
    assertOk(await grantV1(root, 'g5role', 'Collection', 'c5', 'ReadOnly'));
    assertOk(await grantV1(root, 'g5role', 'Collection', 'c5', 'ReadWrite'));
    assertOk(await grantV1(root, 'g5role', 'Global', '*', 'Admin'));
    assert.deepEqual(
      await grantsOf(root, 'g5role'),
      sortedRows([
        row('Collection', 'c5', 'default', 'ReadOnly'),
        row('Collection', 'c5', 'default', 'ReadWrite'),
        row('Global', '*', 'default', 'Admin'),
      ]),
    );
  });

  // §3.3 G6
  test('G6 V1 with a custom group → 1100 / 41 / "can not operate the custom privilege group [<g>]"', async () => {
    await makeRole(root, 'g6role');
    assertOk(await root.createPrivilegeGroup({ group_name: 'g6group' }));
    assertOk(await root.addPrivilegesToGroup({ group_name: 'g6group', privileges: ['Query'] }));
    assertStatus(await grantV1(root, 'g6role', 'Global', '*', 'g6group'), {
      ...FAIL41,
      reasonIncludes: 'can not operate the custom privilege group [g6group]',
    });
    assertStatus(await grantV1(root, 'g6role', 'Collection', '*', 'g6group'), {
      ...FAIL41,
      reasonIncludes: 'can not operate the custom privilege group [g6group]',
    });
    assert.deepEqual(await grantsOf(root, 'g6role'), []);
  });

  // §3.3 G7
  test('G7 V2 with an unknown privilege → 1100 / 41 / "not found the privilege name[<p>]"; enum privileges, groups and * are accepted', async () => {
    await makeRole(root, 'g7role');
    assertStatus(
      await root.grantPrivilegeV2({ role: 'g7role', privilege: 'Bogus', db_name: 'default', collection_name: '*' }),
      {
        ...FAIL41,
        reason: 'not found the privilege name[Bogus]: invalid parameter',
      },
    );
    assertOk(await root.createPrivilegeGroup({ group_name: 'g7group' }));
    assertOk(await root.addPrivilegesToGroup({ group_name: 'g7group', privileges: ['Search'] }));
    assertOk(
      await root.grantPrivilegeV2({ role: 'g7role', privilege: 'g7group', db_name: 'default', collection_name: '*' }),
    );
    assertOk(
      await root.grantPrivilegeV2({ role: 'g7role', privilege: 'ClusterReadOnly', db_name: '*', collection_name: '*' }),
    );
    assertOk(await root.grantPrivilegeV2({ role: 'g7role', privilege: '*', db_name: 'default', collection_name: '*' }));
    assertOk(
      await root.grantPrivilegeV2({
        role: 'g7role',
        privilege: 'CreateCollection',
        db_name: 'default',
        collection_name: '*',
      }),
    );
    const privs = (await grantsOf(root, 'g7role')).map((r) => r.privilege).sort();
    assert.deepEqual(privs, ['*', 'ClusterReadOnly', 'CreateCollection', 'g7group']);
  });

  // §3.3 G8 (level checks for groups)
  test('G8 V2 group level checks → 1100 / 41 with the documented texts; the right scopes succeed', async () => {
    await makeRole(root, 'g8role');
    const v2 = (privilege: string, db_name: string, collection_name: string) =>
      root.grantPrivilegeV2({ role: 'g8role', privilege, db_name, collection_name });
    const cluster = {
      ...FAIL41,
      reasonIncludes: 'dbName and collectionName should be * for the cluster level privilege: ClusterReadOnly',
    };
    assertStatus(await v2('ClusterReadOnly', 'g8db', '*'), cluster);
    assertStatus(await v2('ClusterReadOnly', '*', 'c8'), cluster);
    assertStatus(await v2('DatabaseReadOnly', 'g8db', 'c8'), {
      ...FAIL41,
      reasonIncludes: 'collectionName should be * for the database level privilege: DatabaseReadOnly',
    });
    assertStatus(await v2('CollectionReadOnly', '*', 'c8'), {
      ...FAIL41,
      reasonIncludes: 'please specify database name for the collection level privilege: CollectionReadOnly',
    });
    assert.deepEqual(await grantsOf(root, 'g8role'), []);
    assertOk(await v2('ClusterAdmin', '*', '*'));
    assertOk(await v2('DatabaseReadWrite', 'g8db', '*'));
    assertOk(await v2('CollectionAdmin', 'g8db', 'c8'));
    assertOk(await v2('CollectionReadOnly', 'g8db', '*'));
    assert.equal((await grantsOf(root, 'g8role')).length, 4);
  });

  // §3.3 G9 (proxy validation: 1100, error_code 5 per §1.4)
  test('G9 V2 with an empty collection_name → 1100 "collection name should be not empty"', async () => {
    await makeRole(root, 'g9role');
    assertStatus(
      await root.grantPrivilegeV2({ role: 'g9role', privilege: 'Search', db_name: 'default', collection_name: '' }),
      {
        code: 1100,
        error_code: 'IllegalArgument',
        reasonIncludes: 'collection name should be not empty',
      },
    );
    // V1 object_name likewise
    assertStatus(await grantV1(root, 'g9role', 'Collection', '', 'Search'), {
      code: 1100,
      error_code: 'IllegalArgument',
      reasonIncludes: 'object name should be not empty',
    });
    assert.deepEqual(await grantsOf(root, 'g9role'), []);
  });

  // §3.1: V2 db_name "" or "*" or a valid database name, else 802
  test('G9 §3.1 V2 with an invalid db_name → 802 "invalid database name[database=<x>]"', async () => {
    await makeRole(root, 'g9dbrole');
    assertStatus(
      await root.grantPrivilegeV2({ role: 'g9dbrole', privilege: 'Search', db_name: '1bad', collection_name: '*' }),
      {
        code: 802,
        reasonIncludes: 'invalid database name[database=1bad]',
      },
    );
  });

  // §3.3 G10
  test('G10 an empty db_name is filled from the dbname metadata (default "default")', async () => {
    assertOk(await root.createDatabase({ db_name: 'g10db' }));
    await makeRole(root, 'g10role');
    assertOk(
      await root.grantPrivilegeV2({ role: 'g10role', privilege: 'Search', db_name: '', collection_name: 'c10' }),
    );
    const inDb = await h.as('root', h.rootPassword, { database: 'g10db' });
    assertOk(await inDb.grantPrivilegeV2({ role: 'g10role', privilege: 'Query', db_name: '', collection_name: 'c10' }));
    assertOk(await grantV1(inDb, 'g10role', 'Collection', 'c10', 'Insert'));
    assert.deepEqual(
      await grantsOf(root, 'g10role'),
      sortedRows([
        row('Collection', 'c10', 'default', 'Search'),
        row('Collection', 'c10', 'g10db', 'Query'),
        row('Collection', 'c10', 'g10db', 'Insert'),
      ]),
    );
    // so a cluster-level group with db "" fails G8 unless db is *
    assertStatus(
      await root.grantPrivilegeV2({ role: 'g10role', privilege: 'ClusterReadOnly', db_name: '', collection_name: '*' }),
      {
        ...FAIL41,
        reasonIncludes: 'dbName and collectionName should be * for the cluster level privilege: ClusterReadOnly',
      },
    );
  });

  // §3.3 G11
  test('G11 a grant that already exists → success, stored once', async () => {
    await makeRole(root, 'g11role');
    assertOk(await grantV1(root, 'g11role', 'Collection', 'c11', 'Search'));
    assertOk(await grantV1(root, 'g11role', 'Collection', 'c11', 'Search'));
    assertOk(
      await root.grantPrivilegeV2({ role: 'g11role', privilege: 'Search', db_name: 'default', collection_name: 'c11' }),
    );
    assert.deepEqual(await grantsOf(root, 'g11role'), [row('Collection', 'c11', 'default', 'Search')]);
  });

  // §3.3 G12
  test('G12 revoke a grant that does not exist → success', async () => {
    await makeRole(root, 'g12role');
    assertOk(await revokeV1(root, 'g12role', 'Collection', 'c12', 'Search'));
    assertOk(
      await root.revokePrivilegeV2({
        role: 'g12role',
        privilege: 'CollectionReadOnly',
        db_name: 'default',
        collection_name: 'c12',
      }),
    );
    assertOk(await grantV1(root, 'g12role', 'Collection', 'c12', 'Query'));
    assertOk(await revokeV1(root, 'g12role', 'Collection', 'c12', 'Query'));
    assertOk(await revokeV1(root, 'g12role', 'Collection', 'c12', 'Query'));
    assert.deepEqual(await grantsOf(root, 'g12role'), []);
  });

  // §3.3 G13
  test('G13 V1 Global grant of a non-group privilege → object_name is stored as *', async () => {
    await makeRole(root, 'g13role');
    assertOk(await grantV1(root, 'g13role', 'Global', 'somecollection', 'CreateCollection'));
    assert.deepEqual(await grantsOf(root, 'g13role'), [row('Global', '*', 'default', 'CreateCollection')]);
    // and revoking with any object name finds it
    assertOk(await revokeV1(root, 'g13role', 'Global', 'other', 'CreateCollection'));
    assert.deepEqual(await grantsOf(root, 'g13role'), []);
  });

  // §3.3 G14
  test('G14 Load and Flush bring their related privileges (granted and revoked together)', async () => {
    await makeRole(root, 'g14role');
    assertOk(await grantV1(root, 'g14role', 'Collection', 'c14', 'Load'));
    assert.deepEqual(
      await grantsOf(root, 'g14role'),
      sortedRows(['Load', 'GetLoadState', 'GetLoadingProgress'].map((p) => row('Collection', 'c14', 'default', p))),
    );
    assertOk(await revokeV1(root, 'g14role', 'Collection', 'c14', 'Load'));
    assert.deepEqual(await grantsOf(root, 'g14role'), []);
    assertOk(await grantV1(root, 'g14role', 'Collection', 'c14', 'Flush'));
    assert.deepEqual(
      await grantsOf(root, 'g14role'),
      sortedRows(['Flush', 'GetFlushState'].map((p) => row('Collection', 'c14', 'default', p))),
    );
    assertOk(await revokeV1(root, 'g14role', 'Collection', 'c14', 'Flush'));
    assert.deepEqual(await grantsOf(root, 'g14role'), []);
  });

  // §3.3 G15 (2.6.9+ resolveAliasForPrivilege)
  test('G15 a grant on an alias is stored under the real collection name', async () => {
    const created = await root.createCollection({
      collection_name: 'g15real',
      fields: [
        { name: 'id', data_type: DataType.Int64, is_primary_key: true },
        { name: 'vec', data_type: DataType.FloatVector, dim: 4 },
      ],
    });
    assertOk(created);
    assertOk(await root.createAlias({ collection_name: 'g15real', alias: 'g15alias' }));
    await makeRole(root, 'g15role');
    assertOk(await grantV1(root, 'g15role', 'Collection', 'g15alias', 'Search'));
    assert.deepEqual(await grantsOf(root, 'g15role'), [row('Collection', 'g15real', 'default', 'Search')]);
  });

  // §3.3 SG1
  test('SG1 SelectGrant for a missing role → 1100 / SelectGrantFailure / "the role "<r>" does not exist: invalid parameter"', async () => {
    assertStatus(await root.listGrants({ roleName: 'sg1ghost' }), {
      code: 1100,
      error_code: 'SelectGrantFailure',
      reason: 'the role "sg1ghost" does not exist: invalid parameter',
    });
  });

  // §3.3 SG2
  test('SG2 SelectGrant with object set but an empty object_name → 1100 "object name should be not empty"', async () => {
    await makeRole(root, 'sg2role');
    assertStatus(await root.selectGrant({ roleName: 'sg2role', object: RbacObjects.Collection, objectName: '' }), {
      code: 1100,
      error_code: 'IllegalArgument',
      reasonIncludes: 'object name should be not empty',
    });
  });

  // §5.3 DB filtering (equal or *), object lookups, missing keys
  test('SG2 §5.3 SelectGrant filters by db (equal or *); db * lists all; an object lookup adds the * db entry; a missing key is empty', async () => {
    await makeRole(root, 'sgfilter');
    assertOk(
      await root.grantPrivilegeV2({ role: 'sgfilter', privilege: 'Search', db_name: 'dbA', collection_name: 'c1' }),
    );
    assertOk(
      await root.grantPrivilegeV2({ role: 'sgfilter', privilege: 'Query', db_name: 'dbB', collection_name: 'c1' }),
    );
    assertOk(
      await root.grantPrivilegeV2({ role: 'sgfilter', privilege: 'Insert', db_name: '*', collection_name: 'c1' }),
    );
    const search = row('Collection', 'c1', 'dbA', 'Search');
    const query = row('Collection', 'c1', 'dbB', 'Query');
    const insert = row('Collection', 'c1', '*', 'Insert');
    assert.deepEqual(await grantsOf(root, 'sgfilter', '*'), sortedRows([search, query, insert]));
    assert.deepEqual(await grantsOf(root, 'sgfilter', 'dbA'), sortedRows([search, insert]));
    assert.deepEqual(await grantsOf(root, 'sgfilter', 'dbC'), [insert]);
    // empty db_name → from the dbname metadata → "default"
    const byDefault = await rawCall<{ status: object; entities: [] }>(root, 'SelectGrant', {
      entity: { role: { name: 'sgfilter' } },
    });
    assertOk(byDefault);
    assert.deepEqual(toRows(byDefault.entities), [insert]);
    const one = await root.selectGrant({
      roleName: 'sgfilter',
      object: RbacObjects.Collection,
      objectName: 'c1',
      db_name: 'dbA',
    });
    assertOk(one);
    assert.deepEqual(toRows(one.entities), sortedRows([search, insert]));
    const none = await root.selectGrant({
      roleName: 'sgfilter',
      object: RbacObjects.Collection,
      objectName: 'nothere',
      db_name: 'dbA',
    });
    assertOk(none);
    assert.deepEqual(none.entities, []);
  });

  // §3.5
  test('§3.5 public has DescribeCollection and ListAliases on Global/*, IndexDetail on Collection/*, db *, grantor root', async () => {
    assert.deepEqual(
      await grantsOf(root, 'public'),
      sortedRows([
        row('Global', '*', '*', 'DescribeCollection'),
        row('Global', '*', '*', 'ListAliases'),
        row('Collection', '*', '*', 'IndexDetail'),
      ]),
    );
    assert.deepEqual(await grantsOf(root, 'admin'), []);
  });

  // §4.3
  test('§4.3 V2 derives the object type from the privilege: groups, custom groups and * are Global; Search is Collection; the grantor is the caller', async () => {
    await makeRole(root, 'v2role');
    assertOk(await root.createPrivilegeGroup({ group_name: 'v2group' }));
    assertOk(
      await root.grantPrivilegeV2({
        role: 'v2role',
        privilege: 'CollectionReadOnly',
        db_name: 'db1',
        collection_name: 'c1',
      }),
    );
    assertOk(
      await root.grantPrivilegeV2({ role: 'v2role', privilege: 'Search', db_name: 'db1', collection_name: '*' }),
    );
    assertOk(
      await root.grantPrivilegeV2({ role: 'v2role', privilege: 'v2group', db_name: 'db1', collection_name: '*' }),
    );
    assertOk(
      await root.grantPrivilegeV2({ role: 'v2role', privilege: 'SelectUser', db_name: '*', collection_name: '*' }),
    );
    // a second admin shows up as grantor
    assertOk(await root.createUser({ username: 'granter', password: 'granterpw' }));
    assertOk(await root.addUserToRole({ username: 'granter', roleName: 'admin' }));
    const granter = await h.as('granter', 'granterpw');
    assertOk(await granter.grantPrivilegeV2({ role: 'v2role', privilege: '*', db_name: 'db1', collection_name: '*' }));
    assert.deepEqual(
      await grantsOf(root, 'v2role'),
      sortedRows([
        row('Global', 'c1', 'db1', 'CollectionReadOnly'),
        row('Collection', '*', 'db1', 'Search'),
        row('Global', '*', 'db1', 'v2group'),
        row('User', '*', '*', 'SelectUser'),
        row('Global', '*', 'db1', '*', 'granter'),
      ]),
    );
  });
});
