// Databases and collections as names (docs/milvus-behaviour.md §5.4), and Connect / GetVersion / CheckHealth (§6).
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { DataType, RbacObjects, type MilvusClient } from '@zilliz/milvus2-sdk-node';
import { Harness, assertGrpcError, assertOk, assertStatus, makeUser, permissionDenied, rawCall } from './helpers';

const FIELDS = [
  { name: 'id', data_type: DataType.Int64, is_primary_key: true },
  { name: 'vec', data_type: DataType.FloatVector, dim: 8 },
];

interface ConnectRes {
  status: object;
  identifier: string;
  server_info?: { reserved?: Record<string, string> };
}

describe('databases and collections (§5.4, §6)', () => {
  let h: Harness;
  let root: MilvusClient;

  before(async () => ({ h, root } = await Harness.withRoot()));
  after(() => h.close());

  const dbNames = async (c: MilvusClient): Promise<string[]> => {
    const res = await c.listDatabases();
    assertOk(res);
    return [...res.db_names].sort();
  };

  test('§3.5 a fresh server has the database default; create, describe and drop work', async () => {
    assert.deepEqual(await dbNames(root), ['default']);
    assertOk(await root.createDatabase({ db_name: 'dbcrud' }));
    assert.deepEqual(await dbNames(root), ['dbcrud', 'default']);
    const desc = await root.describeDatabase({ db_name: 'dbcrud' });
    assertOk(desc);
    assert.equal(desc.db_name, 'dbcrud');
    assertOk(await root.dropDatabase({ db_name: 'dbcrud' }));
    assert.deepEqual(await dbNames(root), ['default']);
  });

  test('§5.4 collections are stored by name per database: create, has, show, describe, drop', async () => {
    assertOk(await root.createDatabase({ db_name: 'dbcoll' }));
    assertOk(await root.createCollection({ collection_name: 'books', db_name: 'dbcoll', fields: FIELDS }));
    const inDb = await h.as('root', h.rootPassword, { database: 'dbcoll' });
    assert.equal((await inDb.hasCollection({ collection_name: 'books' })).value, true);
    assert.equal((await root.hasCollection({ collection_name: 'books' })).value, false, 'not in default');
    const shown = await inDb.showCollections();
    assertOk(shown);
    assert.deepEqual(
      shown.data.map((c) => c.name),
      ['books'],
    );
    const inDefault = await root.showCollections();
    assertOk(inDefault);
    assert.deepEqual(inDefault.data, []);
    const desc = await inDb.describeCollection({ collection_name: 'books' });
    assertOk(desc);
    assert.equal(desc.collection_name, 'books');
    assert.deepEqual(
      desc.schema.fields.map((f) => f.name),
      ['id', 'vec'],
    );
    assertOk(await inDb.dropCollection({ collection_name: 'books' }));
    assert.equal((await inDb.hasCollection({ collection_name: 'books' })).value, false);
  });

  // §5.4 ListDatabases filtering
  test('§5.4 ListDatabases for a user whose roles have no grants → success with an empty list (public grants are ignored)', async () => {
    await makeUser(root, 'nogrants', 'nogrants-pw');
    const c = await h.as('nogrants', 'nogrants-pw');
    assert.deepEqual(await dbNames(c), []);
  });

  test("§5.4 ListDatabases for a user → only the DBs in its roles' grants; db * → all; admin and root → all", async () => {
    for (const db of ['dbl1', 'dbl2', 'dbl3']) assertOk(await root.createDatabase({ db_name: db }));
    await makeUser(root, 'lister', 'lister-pw', ['listrole1', 'listrole2']);
    assertOk(
      await root.grantPrivilegeV2({ role: 'listrole1', privilege: 'Search', db_name: 'dbl1', collection_name: '*' }),
    );
    assertOk(
      await root.grantPrivilegeV2({
        role: 'listrole2',
        privilege: 'DatabaseReadOnly',
        db_name: 'dbl3',
        collection_name: '*',
      }),
    );
    const lister = await h.as('lister', 'lister-pw');
    assert.deepEqual(await dbNames(lister), ['dbl1', 'dbl3']);

    await makeUser(root, 'starlister', 'starlister-pw', ['starrole']);
    assertOk(await root.grantPrivilegeV2({ role: 'starrole', privilege: 'Query', db_name: '*', collection_name: '*' }));
    const all = await dbNames(root);
    assert.deepEqual(await dbNames(await h.as('starlister', 'starlister-pw')), all);

    await makeUser(root, 'dbadmin', 'dbadmin-pw', ['admin']);
    assert.deepEqual(await dbNames(await h.as('dbadmin', 'dbadmin-pw')), all);
    assert.ok(all.includes('default') && all.includes('dbl2'));
  });

  test('§5.4 ListDatabases with auth off → all databases for anyone', async () => {
    const off = await Harness.start({ auth: false });
    try {
      const c = await off.connect();
      assertOk(await c.createDatabase({ db_name: 'offdb' }));
      assert.deepEqual(await dbNames(await off.as('someone', 'whatever')), ['default', 'offdb']);
    } finally {
      await off.close();
    }
  });

  test('§5.4 DescribeDatabase needs Global/DescribeDatabase', async () => {
    await makeUser(root, 'describer', 'describer-pw', ['descrole']);
    const c = await h.as('describer', 'describer-pw');
    await assertGrpcError(
      c.describeDatabase({ db_name: 'default' }),
      permissionDenied('PrivilegeDescribeDatabase', 'describer'),
    );
    assertOk(
      await root.grantPrivilege({
        roleName: 'descrole',
        object: RbacObjects.Global,
        objectName: '*',
        privilegeName: 'DescribeDatabase',
      }),
    );
    assertOk(await c.describeDatabase({ db_name: 'default' }));
  });

  // §5.4 / §6 Connect with an unknown database
  test('§6 Connect with a dbname that does not exist → code 800 "database not found[database=<x>]"', async () => {
    const c = h.unconnected({ username: 'root', password: h.rootPassword, database: 'nosuchdb' });
    const res = await rawCall<ConnectRes>(c, 'Connect', { client_info: { sdk_type: 'nodejs', user: 'root' } });
    assertStatus(res, {
      code: 800,
      error_code: 'UnexpectedError',
      reasonIncludes: 'database not found[database=nosuchdb]',
    });
    // the check comes before the identifier is allocated (§6), so none is returned. Note for clients: the SDK's own
    // connect() does not look at this status, and treats the int64 "0" (a non-empty string) as an identifier.
    assert.ok(res.identifier === '0' || res.identifier === '', `no identifier expected, got ${res.identifier}`);
  });

  test('§6 Connect returns a non-zero identifier and server_info; the SDK becomes CONNECTED', async () => {
    const c = h.unconnected({ username: 'root', password: h.rootPassword });
    const res = await rawCall<ConnectRes>(c, 'Connect', { client_info: { sdk_type: 'nodejs', user: 'root' } });
    assertOk(res);
    assert.ok(res.identifier !== '' && res.identifier !== '0', `identifier ${res.identifier}`);
    assert.ok(res.server_info);
    const connected = await h.connect({ username: 'root', password: h.rootPassword });
    assert.equal(connected.connectStatus, 1);
  });

  test('§6 GetVersion returns a 2.6 version by default; CheckHealth is healthy', async () => {
    const v = await root.getVersion();
    assertOk(v);
    assert.match(v.version, /^v2\.6\.\d+/);
    const health = await root.checkHealth();
    assertOk(health);
    assert.equal(health.isHealthy, true);
    assert.deepEqual(health.reasons, []);
  });

  test('§6 the version string is configurable', async () => {
    const other = await Harness.start({ version: 'v2.6.7-custom' });
    try {
      const v = await (await other.connect()).getVersion();
      assertOk(v);
      assert.equal(v.version, 'v2.6.7-custom');
      assert.equal(other.server.options.version, 'v2.6.7-custom');
    } finally {
      await other.close();
    }
  });
});
