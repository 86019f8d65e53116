// The scope of every grant shape Milvus lists (docs/milvus-behaviour.md §4.3, §4.4, §3.3 G13, §3.5): one name for the tree,
// the report and the RBAC plan. The same shapes against the test server: test/integration/grantScope.test.ts.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { grantScope, grantSpecScope } from '../../src/core/access/grantScope';
import type { ObjectType } from '../../src/core/types';

describe('grant scope', () => {
  const cases: [ObjectType, string, string, string, string][] = [
    // [objectType, objectName, dbName, privilege, label]
    ['Global', 'articles', 'default', 'CollectionReadWrite', 'collection default.articles'],
    ['Global', '*', 'db1', 'CollectionReadOnly', 'all collections in db1'],
    ['Global', '*', 'db1', 'DatabaseAdmin', 'database db1'],
    ['Global', '*', '*', 'ClusterAdmin', 'cluster'],
    ['Global', '*', 'default', 'CreateOwnership', 'database default'],
    ['Global', '*', '*', 'DescribeCollection', 'all collections'],
    ['Global', '*', '*', '*', 'cluster'],
    ['Global', 'films', 'db1', 'mygroup', 'collection db1.films'],
    ['Global', 'books', 'default', 'Admin', 'database default'],
    ['Collection', 'books', 'default', 'Search', 'collection default.books'],
    ['Collection', '*', 'default', 'Search', 'all collections in default'],
    ['Collection', 'books', '*', 'ReadOnly', 'collection books in every database'],
    ['User', 'alice', 'default', 'UpdateUser', 'user alice (database default)'],
    ['User', '*', '*', 'SelectUser', 'all users'],
  ];
  for (const [objectType, objectName, dbName, privilege, label] of cases) {
    test(`${objectType}/${objectName}/${dbName}/${privilege} → ${label}`, () => {
      assert.equal(grantScope({ objectType, objectName, dbName, privilege }).label, label);
    });
  }

  test('cluster and database scopes name no object; the legacy Admin group reaches its whole database', () => {
    assert.deepEqual(grantScope({ objectType: 'Global', objectName: 'books', dbName: 'default', privilege: 'Admin' }), {
      level: 'database',
      dbName: 'default',
      objectName: '*',
      label: 'database default',
    });
  });

  test('a V2 target gets the scope of the grant the server stores for it', () => {
    assert.equal(
      grantSpecScope({ role: 'r', privilege: 'CollectionReadWrite', dbName: 'default', collectionName: 'articles' })
        .label,
      'collection default.articles',
    );
    assert.equal(
      grantSpecScope({ role: 'r', privilege: 'UpdateUser', dbName: '*', collectionName: 'alice' }).label,
      'user alice',
    );
    assert.equal(
      grantSpecScope({ role: 'r', privilege: 'Search', dbName: 'db1', collectionName: '*' }).label,
      'all collections in db1',
    );
  });
});
