// Which server a URI suggests (docs/milvus-behaviour.md §10: Zilliz Cloud's documented endpoint formats) and the
// Zilliz rules that need no server.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  createsIn,
  flavorFromUri,
  grantRefusal,
  isSuperUser,
  resolveFlavor,
  userCapRefusal,
  userDropRefusal,
} from '../../src/core/access/flavor';
import { canDo } from '../../src/core/access/query';

test('a Zilliz Cloud endpoint tells Serverless from Dedicated; anything else is Milvus', () => {
  const cases: [string, string][] = [
    ['https://in03-0123456789abcdef.serverless.gcp-us-west1.vectordb.zillizcloud.com', 'zilliz-serverless'],
    ['in03-0123456789abcdef.serverless.aws-us-west-2.vectordb.zillizcloud.com:443', 'zilliz-serverless'],
    ['https://in01-0123456789abcdef.aws-us-west-2.vectordb.zillizcloud.com:19530', 'zilliz-dedicated'],
    ['HTTPS://IN01-ABC.AWS-US-WEST-2.VECTORDB.ZILLIZCLOUD.COM:19530', 'zilliz-dedicated'],
    ['https://in01-abc.api.gcp-us-west1.cloud.zilliz.com', 'zilliz-dedicated'],
    ['http://localhost:19530', 'milvus'],
    ['https://milvus.example.com', 'milvus'],
    ['https://zillizcloud.com.evil.example', 'milvus'],
    ['https://notzillizcloud.com', 'milvus'],
    ['', 'milvus'],
  ];
  for (const [uri, flavor] of cases) assert.equal(flavorFromUri(uri), flavor, uri);
});

test('an explicit choice wins over the URI; auto and unset follow it', () => {
  const dedicated = 'https://in01-x.aws-us-west-2.vectordb.zillizcloud.com:19530';
  assert.equal(resolveFlavor('milvus', dedicated), 'milvus');
  assert.equal(resolveFlavor('zilliz-serverless', 'http://localhost:19530'), 'zilliz-serverless');
  assert.equal(resolveFlavor('auto', dedicated), 'zilliz-dedicated');
  assert.equal(resolveFlavor(undefined, dedicated), 'zilliz-dedicated');
});

test('db_admin is protected on Zilliz only; root everywhere', () => {
  assert.equal(isSuperUser('milvus', 'db_admin'), false);
  assert.equal(isSuperUser('zilliz-dedicated', 'db_admin'), true);
  assert.equal(isSuperUser('milvus', 'root'), true);
  assert.equal(userDropRefusal('milvus', 'db_admin'), undefined);
  assert.match(userDropRefusal('zilliz-dedicated', 'db_admin') ?? '', /cannot be dropped/);
});

test('grants on Dedicated: built-in groups only for custom roles, nothing for the built-in roles; revokes of custom roles pass', () => {
  const g = (role: string, privilege: string) => ({ role, privilege });
  assert.equal(grantRefusal('milvus', g('r', 'Search'), 'grant'), undefined);
  assert.equal(grantRefusal('zilliz-dedicated', g('r', 'CollectionReadOnly'), 'grant'), undefined);
  assert.match(grantRefusal('zilliz-dedicated', g('r', 'Search'), 'grant') ?? '', /"Search" is not one/);
  assert.equal(grantRefusal('zilliz-dedicated', g('r', 'Search'), 'revoke'), undefined);
  assert.match(grantRefusal('zilliz-dedicated', g('db_ro', 'ClusterReadOnly'), 'grant') ?? '', /built-in role/);
});

test('the 100-user cap counts db_admin and applies on Zilliz only', () => {
  assert.equal(userCapRefusal('zilliz-dedicated', 99), undefined);
  assert.match(userCapRefusal('zilliz-dedicated', 100) ?? '', /at most 100 users/);
  assert.equal(userCapRefusal('milvus', 500), undefined);
});

test("Zilliz's db_admin role may do everything there, and nothing special on Milvus", () => {
  const query = { privilege: 'CreateCollection', dbName: 'default', collectionName: '*' };
  const zilliz = canDo('ann_1', ['db_admin'], query, new Map(), [], 'zilliz-dedicated');
  assert.equal(zilliz.allowed, true);
  assert.match(zilliz.unrestricted ?? '', /Zilliz Cloud's Admin role/);
  assert.equal(canDo('ann_1', ['db_admin'], query, new Map(), [], 'milvus').allowed, false);
  assert.equal(canDo('ann_1', ['db_admin'], query, new Map(), []).allowed, false);
});

test('create items: none on Serverless, no privilege groups on Dedicated, everything on Milvus', () => {
  const folders = ['users', 'roles', 'privilegeGroups'] as const;
  assert.deepEqual(
    folders.map((f) => createsIn('milvus', f)),
    [true, true, true],
  );
  assert.deepEqual(
    folders.map((f) => createsIn(undefined, f)),
    [true, true, true],
  );
  assert.deepEqual(
    folders.map((f) => createsIn('zilliz-dedicated', f)),
    [true, true, false],
  );
  assert.deepEqual(
    folders.map((f) => createsIn('zilliz-serverless', f)),
    [false, false, false],
  );
});
