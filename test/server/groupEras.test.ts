// The test server's privilege check (docs/milvus-behaviour.md §2.6) expands a built-in group with the contents of the
// release it reports (§4.4), as ListPrivilegeGroups lists them: a 2.5 ClusterReadOnly lacks GetReplicateConfiguration,
// a 2.5 CollectionReadWrite lacks AddCollectionField, and before 2.4.18 there are no built-in groups at all. No RPC the
// test server answers needs those privileges, so the check is called directly, as the dispatcher calls it.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as grpc from '@grpc/grpc-js';
import { checkPrivilege } from '../milvus-server/authorization';
import type { PrivilegeExt } from '../milvus-server/proto';
import { applySeed, bootstrap } from '../milvus-server/seed';
import { ServerState } from '../milvus-server/state';
import { GrpcFailure } from '../milvus-server/status';

function seededState(): ServerState {
  const state = new ServerState();
  bootstrap(state, 'Milvus');
  applySeed(state, {
    databases: ['db1'],
    collections: [{ db: 'db1', name: 'c1' }],
    roles: ['cluster_reader', 'collection_writer', 'database_reader'],
    grants: [
      { role: 'cluster_reader', privilege: 'ClusterReadOnly', objectType: 'Global', dbName: '*', objectName: '*' },
      {
        role: 'collection_writer',
        privilege: 'CollectionReadWrite',
        objectType: 'Global',
        dbName: 'db1',
        objectName: 'c1',
      },
      { role: 'database_reader', privilege: 'DatabaseReadOnly', objectType: 'Global', dbName: 'db1', objectName: '*' },
    ],
    users: [
      { name: 'clara', password: 'clara-pass', roles: ['cluster_reader'] },
      { name: 'colin', password: 'colin-pass', roles: ['collection_writer'] },
      { name: 'dora', password: 'dora-pass', roles: ['database_reader'] },
    ],
  });
  return state;
}

/** May `user` run an RPC needing `privilege` on a server reporting `version`? */
function permitted(version: string, user: string, privilege: string, on: 'cluster' | 'db1' | 'db1.c1'): boolean {
  const ext: PrivilegeExt = {
    objectType: on === 'db1.c1' ? 'Collection' : 'Global',
    privilege: `Privilege${privilege}`,
    nameIndex: on === 'db1.c1' ? 1 : -1,
  };
  const dbName = on === 'cluster' ? 'default' : 'db1';
  try {
    checkPrivilege({
      state: seededState(),
      version,
      user,
      dbName,
      ext,
      request: on === 'db1.c1' ? { collection_name: 'c1' } : {},
      objectFieldName: on === 'db1.c1' ? 'collection_name' : undefined,
      method: 'test',
    });
    return true;
  } catch (error) {
    assert.ok(error instanceof GrpcFailure);
    assert.equal(error.grpcCode, grpc.status.PERMISSION_DENIED);
    assert.equal(error.message, `Privilege${privilege}: permission deny to ${user} in the \`${dbName}\` database`);
    return false;
  }
}

describe('§2.6 / §4.4 the privilege check expands built-in groups as the reported release defines them', () => {
  test('§4.4 ClusterReadOnly covers GetReplicateConfiguration on 2.6, not on 2.5; ListDatabases on both', () => {
    assert.equal(permitted('v2.6.19', 'clara', 'GetReplicateConfiguration', 'cluster'), true);
    assert.equal(permitted('v2.5.27', 'clara', 'GetReplicateConfiguration', 'cluster'), false);
    assert.equal(permitted('v2.5.27', 'clara', 'ListDatabases', 'cluster'), true);
  });

  test('§4.4 CollectionReadWrite covers AddCollectionField on 2.6, not on 2.5; Insert on both', () => {
    assert.equal(permitted('v2.6.19', 'colin', 'AddCollectionField', 'db1.c1'), true);
    assert.equal(permitted('v2.5.27', 'colin', 'AddCollectionField', 'db1.c1'), false);
    assert.equal(permitted('v2.5.27', 'colin', 'Insert', 'db1.c1'), true);
  });

  test('§9 before 2.4.18 a built-in group name grants nothing (the release has no built-in groups)', () => {
    assert.equal(permitted('v2.4.18', 'dora', 'DescribeDatabase', 'db1'), true);
    assert.equal(permitted('v2.4.17', 'dora', 'DescribeDatabase', 'db1'), false);
  });
});
