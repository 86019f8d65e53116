// Least-privilege users (docs/milvus-behaviour.md §5.4): the database and collection lists the pickers offer are
// filtered per user on the server; what the user may not list is refused with a sentence, never a raw text.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { RunningTestServer } from '../milvus-server';
import type { AdminApi } from '../../src/core/adminApi';
import { ERA, connectAs, rejectsWith, startServer } from './helpers';
import { leastPrivilegeSeed } from '../fixtures/leastPrivilege';

const PASSWORD = 'least-pass-1';

describe('§5.4 least-privilege users', () => {
  let server: RunningTestServer;
  let collectionUser: AdminApi;
  let databaseUser: AdminApi;
  before(async () => {
    server = await startServer({
      auth: true,
      seed: leastPrivilegeSeed(PASSWORD),
    });
    collectionUser = await connectAs(server, 'colly', PASSWORD);
    databaseUser = await connectAs(server, 'dbby', PASSWORD);
  });
  after(async () => {
    await collectionUser.close();
    await databaseUser.close();
    await server.stop();
  });

  test('§5.4 only collection-level grants: the database and the granted collections are listed, nothing else', async () => {
    assert.deepEqual(await collectionUser.listDatabases(), ['db1']);
    assert.deepEqual((await collectionUser.listCollections('db1')).sort(), ['c1', 'c2']);
    assert.deepEqual(await collectionUser.listCollections('db2'), []);
  });

  test('§5.4 only DatabaseReadOnly: the database is listed, its collections are not (an empty list, no error)', async () => {
    assert.deepEqual(await databaseUser.listDatabases(), ['db1']);
    assert.deepEqual(await databaseUser.listCollections('db1'), []);
  });

  test('§2.6 what such a user may not read is refused with a sentence; its own role grants are readable', async () => {
    const e = await rejectsWith(collectionUser.listUsersWithRoles(), 'permission', /lacks the SelectUser privilege/);
    assert.notEqual(e.message, e.details.serverMessage);
    const grants = await collectionUser.listGrants('collection_reader');
    assert.deepEqual(grants.map((g) => `${g.privilege} ${g.dbName}.${g.objectName}`).sort(), [
      'Query db1.c2',
      'Search db1.c1',
    ]);
    // Features are still detected for a user refused by the privilege check.
    assert.equal((await databaseUser.features()).privilegeGroups, ERA.privilegeGroups);
  });
});
