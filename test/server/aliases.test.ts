// Scenario rows AL1–AL3 of docs/milvus-behaviour.md §3.3 (CreateAlias, ListAliases) and G15 before 2.6.12.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { DataType, type MilvusClient } from '@zilliz/milvus2-sdk-node';
import {
  GRPC,
  Harness,
  assertGrpcError,
  assertOk,
  assertStatus,
  grantsOf,
  makeRole,
  makeUser,
  permissionDenied,
  rawCall,
} from './helpers';

const FIELDS = [
  { name: 'id', data_type: DataType.Int64, is_primary_key: true },
  { name: 'vec', data_type: DataType.FloatVector, dim: 4 },
];

interface ListAliasesRes {
  status: object;
  db_name: string;
  collection_name: string;
  aliases: string[];
}

const listAliases = (c: MilvusClient, db_name: string, collection_name = ''): Promise<ListAliasesRes> =>
  rawCall<ListAliasesRes>(c, 'ListAliases', { db_name, collection_name });

describe('aliases (§3.3 AL*)', () => {
  let h: Harness;
  let root: MilvusClient;

  before(async () => {
    ({ h, root } = await Harness.withRoot());
    assertOk(await root.createDatabase({ db_name: 'shop' }));
    for (const name of ['books', 'books_v2']) {
      assertOk(await root.createCollection({ collection_name: name, db_name: 'shop', fields: FIELDS }));
    }
  });
  after(() => h.close());

  test('AL1 CreateAlias: missing db 800, alias named like a collection 1601, missing collection 100, taken alias 1602, the same again succeeds', async () => {
    const create = (db_name: string, collection_name: string, alias: string) =>
      rawCall(root, 'CreateAlias', { db_name, collection_name, alias });
    assertStatus(await create('nodb', 'books', 'a1'), { code: 800, reason: 'database not found[database=nodb]' });
    assertStatus(await create('shop', 'books', 'books_v2'), {
      code: 1601,
      reason: 'alias and collection name conflict[database=shop][alias=books_v2]',
    });
    assertStatus(await create('shop', 'ghost', 'a1'), {
      code: 100,
      reason: 'collection not found[database=shop][collection=ghost]',
    });
    assertOk(await create('shop', 'books', 'shelf'));
    assertOk(await create('shop', 'books', 'shelf'));
    assertStatus(await create('shop', 'books_v2', 'shelf'), {
      code: 1602,
      reason: 'shelf is alias to another collection: books: alias already exist[database=shop][alias=shelf]',
    });
  });

  test('AL2 CreateAlias and ListAliases resolve a collection name that is an alias (2.6.12+)', async () => {
    assertOk(await rawCall(root, 'CreateAlias', { db_name: 'shop', collection_name: 'books_v2', alias: 'latest' }));
    assertOk(await rawCall(root, 'CreateAlias', { db_name: 'shop', collection_name: 'latest', alias: 'newest' }));
    const res = await listAliases(root, 'shop', 'latest');
    assertOk(res);
    assert.equal(res.collection_name, 'books_v2');
    assert.deepEqual([...res.aliases].sort(), ['latest', 'newest']);
  });

  test('AL3 ListAliases: every alias of the database by name only; one collection; missing collection 100, missing db 800', async () => {
    const all = await listAliases(root, 'shop');
    assertOk(all);
    assert.deepEqual([...all.aliases].sort(), ['latest', 'newest', 'shelf']);
    assert.deepEqual((await listAliases(root, 'default')).aliases, []);
    assert.deepEqual((await listAliases(root, 'shop', 'books')).aliases, ['shelf']);
    assertStatus(await listAliases(root, 'shop', 'ghost'), {
      code: 100,
      reason: 'collection not found[collection=ghost]',
    });
    assertStatus(await listAliases(root, 'nodb'), { code: 800, reason: 'database not found[database=nodb]' });
  });

  test('AL3 ListAliases needs Global ListAliases, which public holds; CreateAlias needs Global CreateAlias', async () => {
    await makeUser(root, 'aluser', 'Aluser-pass-1');
    const user = await h.as('aluser', 'Aluser-pass-1');
    assertOk(await listAliases(user, 'shop'));
    await assertGrpcError(
      rawCall(user, 'CreateAlias', { db_name: 'shop', collection_name: 'books', alias: 'mine' }),
      permissionDenied('PrivilegeCreateAlias', 'aluser'),
    );
  });
});

/** 'denied' on PERMISSION_DENIED, 'passed' when the privilege check let the call through (HasPartition has no handler). */
async function hasPartitionVia(user: MilvusClient, collection_name: string): Promise<'denied' | 'passed'> {
  try {
    await rawCall(user, 'HasPartition', { db_name: 'default', collection_name, partition_name: 'p' });
    return 'passed';
  } catch (e) {
    const err = e as { code?: number; details?: string };
    if (err.code === GRPC.PERMISSION_DENIED) return 'denied';
    if (err.code === GRPC.UNIMPLEMENTED) return 'passed';
    throw e;
  }
}

/** A role granted HasPartition on `nick` before `nick` became an alias of `real`, and a user holding it. */
async function aliasGrantUser(h: Harness, root: MilvusClient): Promise<MilvusClient> {
  assertOk(await root.createCollection({ collection_name: 'real', fields: FIELDS }));
  await makeRole(root, 'early');
  assertOk(
    await root.grantPrivilegeV2({
      role: 'early',
      privilege: 'HasPartition',
      db_name: 'default',
      collection_name: 'nick',
    }),
  );
  assertOk(await rawCall(root, 'CreateAlias', { db_name: 'default', collection_name: 'real', alias: 'nick' }));
  await makeUser(root, 'early_user', 'Early-pass-1', ['early']);
  return h.as('early_user', 'Early-pass-1');
}

describe('G15 2.6.12+: the privilege check uses the collection an alias names', () => {
  let h: Harness;
  let root: MilvusClient;

  before(async () => ({ h, root } = await Harness.withRoot()));
  after(() => h.close());

  test('G15 a grant stored under an alias name allows nothing, through the alias or the collection', async () => {
    const user = await aliasGrantUser(h, root);
    assert.deepEqual(
      (await grantsOf(root, 'early')).map((g) => g.object_name),
      ['nick'],
    );
    assert.equal(await hasPartitionVia(user, 'nick'), 'denied');
    assert.equal(await hasPartitionVia(user, 'real'), 'denied');
  });
});

describe('G15 before 2.6.12: a grant on an alias is stored under the alias', () => {
  let h: Harness;
  let root: MilvusClient;

  before(async () => ({ h, root } = await Harness.withRoot({ version: 'v2.6.11' })));
  after(() => h.close());

  test('G15 on 2.6.11 the grant keeps the alias name', async () => {
    assertOk(await root.createCollection({ collection_name: 'real0', fields: FIELDS }));
    assertOk(await rawCall(root, 'CreateAlias', { db_name: 'default', collection_name: 'real0', alias: 'nick0' }));
    await makeRole(root, 'g15old');
    assertOk(
      await root.grantPrivilegeV2({
        role: 'g15old',
        privilege: 'Search',
        db_name: 'default',
        collection_name: 'nick0',
      }),
    );
    assert.deepEqual(
      (await grantsOf(root, 'g15old')).map((g) => g.object_name),
      ['nick0'],
    );
  });

  test('G15 on 2.6.11 a grant on an alias allows requests naming the alias only', async () => {
    const user = await aliasGrantUser(h, root);
    assert.equal(await hasPartitionVia(user, 'nick'), 'passed');
    assert.equal(await hasPartitionVia(user, 'real'), 'denied');
  });
});
