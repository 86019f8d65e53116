// What a user who is neither root nor admin sees (docs/milvus-behaviour.md §5.4): ListDatabases and ShowCollections
// answer success with the names its bound roles' grants name, and DescribeDatabase refuses a database outside them.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { MilvusClient } from '@zilliz/milvus2-sdk-node';
import { Harness, assertOk, assertStatus, rawCall } from './helpers';
import type { SeedData } from '../milvus-server';

const PASSWORD = 'secret-pass';

const SEED: SeedData = {
  databases: ['db1', 'db2'],
  collections: [
    { db: 'db1', name: 'c1' },
    { db: 'db1', name: 'c2' },
    { db: 'db1', name: 'c3' },
    { db: 'db2', name: 'd1' },
    { db: 'db2', name: 'd2' },
  ],
  privilegeGroups: [{ name: 'readers', privileges: ['Query', 'Search'] }],
  roles: ['colrole', 'dbro', 'star', 'custom', 'everything', 'dbhome'],
  grants: [
    // §5.4's example: Search on db1.c1 (object Collection) and CollectionReadOnly on db1.c2 (V2: object Global).
    { role: 'colrole', privilege: 'Search', dbName: 'db1', objectName: 'c1' },
    { role: 'colrole', privilege: 'CollectionReadOnly', dbName: 'db1', objectName: 'c2' },
    { role: 'dbro', privilege: 'DatabaseReadOnly', dbName: 'db1', objectName: '*' },
    { role: 'star', privilege: 'Query', dbName: 'db2', objectName: '*' },
    { role: 'custom', privilege: 'readers', dbName: 'db1', objectName: 'c3' },
    { role: 'everything', privilege: 'All', objectType: 'Global', dbName: 'db2', objectName: '*' },
    { role: 'dbhome', privilege: 'DatabaseReadOnly', dbName: 'default', objectName: '*' },
    { role: 'dbhome', privilege: 'Search', dbName: 'db1', objectName: 'c1' },
  ],
  users: [
    { name: 'alice', password: PASSWORD, roles: ['colrole'] },
    { name: 'dave', password: PASSWORD, roles: ['dbro'] },
    { name: 'sam', password: PASSWORD, roles: ['star'] },
    { name: 'carl', password: PASSWORD, roles: ['custom'] },
    { name: 'eve', password: PASSWORD, roles: ['everything'] },
    { name: 'hank', password: PASSWORD, roles: ['dbhome'] },
    { name: 'admina', password: PASSWORD, roles: ['admin'] },
  ],
};

describe('per-user visibility of databases and collections (§5.4)', () => {
  let h: Harness;
  const clients = new Map<string, MilvusClient>();

  before(async () => {
    h = await Harness.start({ auth: true, seed: SEED });
    for (const u of SEED.users ?? []) clients.set(u.name, await h.as(u.name, PASSWORD));
  });
  after(() => h.close());

  const as = (user: string): MilvusClient => {
    const c = clients.get(user);
    assert.ok(c, user);
    return c;
  };

  const databases = async (user: string): Promise<string[]> => {
    const res = await as(user).listDatabases();
    assertOk(res);
    return [...res.db_names].sort();
  };

  const collections = async (user: string, db: string): Promise<string[]> => {
    const res = await rawCall<{ collection_names: string[] }>(as(user), 'ShowCollections', { db_name: db });
    assertOk(res);
    return [...res.collection_names].sort();
  };

  test('§5.4 collection-level grants: ListDatabases [db1]; ShowCollections db1 [c1, c2], db2 []', async () => {
    assert.deepEqual(await databases('alice'), ['db1']);
    assert.deepEqual(await collections('alice', 'db1'), ['c1', 'c2']);
    assert.deepEqual(await collections('alice', 'db2'), []);
  });

  test('§5.4 only DatabaseReadOnly: the database is listed, but no collection is visible (empty list, success)', async () => {
    assert.deepEqual(await databases('dave'), ['db1']);
    assert.deepEqual(await collections('dave', 'db1'), []);
  });

  test('§5.4 a collection privilege on object * shows every collection of that database', async () => {
    assert.deepEqual(await collections('sam', 'db2'), ['d1', 'd2']);
    assert.deepEqual(await collections('sam', 'db1'), []);
  });

  test('§5.4 a custom group names its collection; Global All shows everything in its database', async () => {
    assert.deepEqual(await collections('carl', 'db1'), ['c3']);
    assert.deepEqual(await collections('eve', 'db2'), ['d1', 'd2']);
    assert.deepEqual(await collections('eve', 'db1'), []);
  });

  test('§5.4 root and holders of admin see every database and collection', async () => {
    const root = await h.root();
    const res = await root.listDatabases();
    assert.deepEqual([...res.db_names].sort(), ['db1', 'db2', 'default']);
    assert.deepEqual(await databases('admina'), ['db1', 'db2', 'default']);
    assert.deepEqual(await collections('admina', 'db1'), ['c1', 'c2', 'c3']);
  });

  test('§5.4 DescribeDatabase of a database outside the visible set → 1401 "not allowed to access database"', async () => {
    assert.deepEqual(await databases('hank'), ['db1', 'default']);
    assertOk(await as('hank').describeDatabase({ db_name: 'db1' }));
    assertStatus(await as('hank').describeDatabase({ db_name: 'db2' }), {
      code: 1401,
      error_code: 'UnexpectedError',
      reason: 'not allowed to access database, db name: db2: privilege not permitted',
    });
  });
});
