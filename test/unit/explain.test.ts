// "Why was I denied?": the requests table per release (generated from the SDK's protocol, with the differences read
// from milvus-proto at the release tags), the refusal texts, and the explanation built on the access query.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { staleFiles } from '../../scripts/schemas';
import { REQUEST_NEEDS_FILE } from '../../scripts/requestNeeds';
import { explain, questionFromText, smallestGrant, type ExplainModel } from '../../src/core/access/explain';
import { explanationLines, explanationMarkdown } from '../../src/core/access/explainRender';
import { parseDeniedText } from '../../src/core/access/deniedText';
import { knownRpcs, needOn, rpcsOfOperation, sdkOperations } from '../../src/core/access/requests';
import { GENERATED_SDK_METHODS } from '../../src/core/access/requestNeeds.generated';
import { BUILT_IN_GROUPS } from '../../src/core/access/privileges';
import type { Grant, ObjectType } from '../../src/core/types';

const grant = (role: string, privilege: string, objectType: ObjectType, dbName: string, objectName: string): Grant => ({
  role,
  privilege,
  objectType,
  dbName,
  objectName,
  grantor: 'root',
});

const MODEL: ExplainModel = {
  serverVersion: 'v2.6.19',
  users: [
    { name: 'alice', roles: ['reader'] },
    { name: 'bob', roles: [] },
    { name: 'carol', roles: ['admin'] },
    { name: 'dave', roles: ['ops', 'legacy'] },
  ],
  grantsByRole: new Map([
    [
      'public',
      [
        grant('public', 'DescribeCollection', 'Global', '*', '*'),
        grant('public', 'IndexDetail', 'Collection', '*', '*'),
      ],
    ],
    [
      'reader',
      [grant('reader', 'Search', 'Collection', 'db1', 'books'), grant('reader', 'Query', 'Collection', 'db2', '*')],
    ],
    ['ops', [grant('ops', 'SelectOwnership', 'Global', 'db1', '*')]],
    ['legacy', [grant('legacy', 'ReadOnly', 'Collection', '*', 'films')]],
  ]),
  groups: BUILT_IN_GROUPS.map((g) => ({ name: g.name, privileges: [...g.privileges], builtIn: true })),
};

describe('requests table', () => {
  test('Search needs Search on the collection the request names; the SDK method sends DescribeCollection first', () => {
    assert.deepEqual(needOn('Search', 'v2.6.19').need, {
      request: 'SearchRequest',
      objectType: 'Collection',
      privilege: 'Search',
      objectField: 'collection_name',
    });
    assert.deepEqual(rpcsOfOperation('search'), ['DescribeCollection', 'Search']);
    assert.deepEqual(rpcsOfOperation('listCollections'), ['ShowCollections']);
    assert.deepEqual(rpcsOfOperation('SEARCH'), ['DescribeCollection', 'Search']);
    assert.deepEqual(rpcsOfOperation('ShowPartitions'), ['ShowPartitions']);
    assert.equal(rpcsOfOperation('nonsense'), undefined);
  });

  test('every RPC an SDK method sends is in the protocol table', () => {
    const rpcs = new Set(knownRpcs());
    for (const [method, sent] of Object.entries(GENERATED_SDK_METHODS))
      for (const rpc of sent) assert.ok(rpcs.has(rpc), `${method} → ${rpc}`);
    for (const known of ['search', 'insert', 'listCollections', 'describeCollection', 'createIndex', 'listDatabases'])
      assert.ok(sdkOperations().includes(known), known);
  });

  test('ListDatabases and ShowCollections needed a privilege before 2.4.1 and none since (milvus-proto #274)', () => {
    assert.equal(needOn('ListDatabases', 'v2.6.19').need, undefined);
    assert.equal(needOn('ListDatabases', 'v2.4.1').need, undefined);
    assert.equal(needOn('ListDatabases', 'v2.4.0').need?.privilege, 'ListDatabases');
    assert.equal(needOn('ShowCollections', 'v2.3.16').need?.privilege, 'ShowCollections');
  });

  test('GetPartitionStatistics needs nothing up to 2.6.22 and 3.0.0, GetStatistics after #652/#653/#654', () => {
    assert.equal(needOn('GetPartitionStatistics', 'v2.6.22').need, undefined);
    assert.equal(needOn('GetPartitionStatistics', 'v3.0.0').need, undefined);
    assert.equal(needOn('GetPartitionStatistics', 'v2.6.23').need?.privilege, 'GetStatistics');
    assert.equal(needOn('GetPartitionStatistics', 'v3.0.1').need?.privilege, 'GetStatistics');
  });

  test('GetLoadState needed Load before 2.4.10; ManualCompaction named the collection by ID before 2.4.18', () => {
    assert.equal(needOn('GetLoadState', 'v2.4.9').need?.privilege, 'Load');
    assert.equal(needOn('GetLoadState', 'v2.4.10').need?.privilege, 'GetLoadState');
    assert.equal(needOn('ManualCompaction', 'v2.4.17').need?.objectField, 'collectionID');
    assert.equal(needOn('ManualCompaction', 'v2.5.0').need?.objectField, 'collection_name');
  });

  test('an RPC newer than the server is missing, not refused', () => {
    assert.equal(needOn('AlterRole', 'v2.6.18').missingUntil, '2.6.19');
    assert.equal(needOn('AlterRole', 'v2.6.19').missingUntil, undefined);
  });
});

describe('refusal texts', () => {
  test('permission deny with user and database (2.3+), and without (2.2)', () => {
    assert.deepEqual(parseDeniedText('PrivilegeSearch: permission deny to alice in the `db1` database'), {
      kind: 'permissionDeny',
      privilege: 'Search',
      user: 'alice',
      dbName: 'db1',
    });
    assert.deepEqual(parseDeniedText('rpc error: PrivilegeLoad: permission deny'), {
      kind: 'permissionDeny',
      privilege: 'Load',
    });
  });

  test('not visible (1401) and the misleading invalid auth token', () => {
    assert.deepEqual(parseDeniedText('not allowed to access database, db name: db2: privilege not permitted'), {
      kind: 'notVisible',
      objectKind: 'database',
      objectName: 'db2',
    });
    assert.equal(
      parseDeniedText('<MilvusException: (code=65535, message=etcdserver: invalid auth token)>').kind,
      'invalidAuthToken',
    );
    assert.equal(parseDeniedText('something else').kind, 'unknown');
  });
});

describe('explain', () => {
  const ask = (user: string, operation: string, dbName: string, collectionName?: string) =>
    explain(
      {
        user,
        operation,
        rpcs: rpcsOfOperation(operation) ?? [],
        dbName,
        ...(collectionName ? { collectionName } : {}),
      },
      MODEL,
    );

  test('allowed through the role and grant; DescribeCollection through public', () => {
    const e = ask('alice', 'search', 'db1', 'books');
    assert.equal(e.allowed, true);
    assert.deepEqual(
      e.steps.map((s) => [s.rpc, s.verdict, s.answer?.reasons.map((r) => r.role)]),
      [
        ['DescribeCollection', 'allowed', ['public']],
        ['Search', 'allowed', ['reader']],
      ],
    );
  });

  test("denied elsewhere: the grant on another collection is named, the smallest fix goes to the user's role", () => {
    const e = ask('alice', 'search', 'db1', 'films');
    assert.equal(e.allowed, false);
    const step = e.steps[1];
    assert.equal(step?.verdict, 'denied');
    assert.deepEqual(
      step?.elsewhere.map((r) => [r.role, r.grant.objectName]),
      [['reader', 'books']],
    );
    assert.deepEqual(step?.fix, { role: 'reader', privilege: 'Search', dbName: 'db1', collectionName: 'films' });
    assert.ok(explanationLines(e).some((l) => l.includes('Granted elsewhere')));
    assert.match(explanationMarkdown(e), /\| Search \|/);
  });

  test('a user without roles: denied, and the fix names no role', () => {
    const e = ask('bob', 'insert', 'default', 'c1');
    assert.deepEqual(
      e.steps.map((s) => s.verdict),
      ['allowed', 'denied'],
    );
    assert.equal(e.steps[1]?.fix?.role, '');
    assert.deepEqual(e.fixRoles, []);
  });

  test('admin and root are unrestricted', () => {
    assert.equal(ask('carol', 'dropDatabase', 'db1').allowed, true);
    assert.equal(ask('root', 'createUser', 'default').allowed, true);
  });

  test('a user may change its own password and read its own roles', () => {
    const own = explain(
      { user: 'bob', operation: 'updatePassword', rpcs: ['UpdateCredential'], dbName: 'default', targetUser: 'bob' },
      MODEL,
    );
    assert.equal(own.steps[0]?.verdict, 'self');
    const other = explain(
      { user: 'bob', operation: 'updatePassword', rpcs: ['UpdateCredential'], dbName: 'default', targetUser: 'alice' },
      MODEL,
    );
    assert.equal(other.steps[0]?.verdict, 'denied');
    assert.deepEqual(other.steps[0]?.fix, { role: '', privilege: 'UpdateUser', dbName: '*', collectionName: 'alice' });
  });

  test('listing databases needs nothing; the list holds the databases the grants name', () => {
    const e = ask('alice', 'listDatabases', 'default');
    assert.equal(e.steps[0]?.verdict, 'filtered');
    assert.deepEqual(e.steps[0]?.visible, ['db1', 'db2']);
    const old = explain(
      { user: 'alice', operation: 'listDatabases', rpcs: ['ListDatabases'], dbName: 'default' },
      { ...MODEL, serverVersion: 'v2.4.0' },
    );
    assert.equal(old.steps[0]?.verdict, 'denied');
  });

  test('a cluster-level privilege: the text names a database, the fix is on every database', () => {
    const text = parseDeniedText('PrivilegeSelectOwnership: permission deny to dave in the `default` database');
    const question = questionFromText(text, {}, 'v2.6.19', 'root');
    assert.ok(question);
    assert.equal(needOn(question.rpcs[0] ?? '', 'v2.6.19').need?.privilege, 'SelectOwnership');
    const e = explain(question, MODEL, text);
    assert.equal(e.allowed, false);
    assert.deepEqual(
      e.steps[0]?.elsewhere.map((r) => r.grant.dbName),
      ['db1'],
    );
    assert.deepEqual(e.steps[0]?.fix, {
      role: 'legacy',
      privilege: 'SelectOwnership',
      dbName: '*',
      collectionName: '*',
    });
    assert.deepEqual(
      e.notes.map((n) => n.kind),
      ['databaseNamedIsNotTheScope'],
    );
  });

  test('a refusal text is explained through a request the release has (Insert on 2.6: not BatchUpdateManifest, a 3.0 RPC)', () => {
    const text = parseDeniedText('PrivilegeInsert: permission deny to dave in the `default` database');
    const question = questionFromText(text, { collectionName: 'books' }, 'v2.6.19', 'root');
    assert.ok(question);
    assert.equal(needOn(question.rpcs[0] ?? '', 'v2.6.19').missingUntil, undefined, question.rpcs.join(', '));
    const e = explain(question, MODEL, text);
    assert.equal(e.steps[0]?.verdict, 'denied');
    assert.equal(e.allowed, false);
  });

  test('a legacy group granted on every database is pointed out', () => {
    const e = ask('dave', 'query', 'db1', 'films');
    assert.ok(e.notes.some((n) => n.kind === 'legacyGroupOnEveryDatabase'));
  });

  test('invalid auth token explains the listings instead of a privilege', () => {
    const text = parseDeniedText('etcdserver: invalid auth token');
    const question = questionFromText(text, {}, 'v2.5.3', 'alice');
    assert.deepEqual(question?.rpcs, ['ListDatabases', 'ShowCollections']);
    const e = explain(question!, { ...MODEL, serverVersion: 'v2.5.3' }, text);
    assert.equal(e.allowed, true);
    assert.deepEqual(
      e.notes.map((n) => n.kind),
      ['invalidAuthToken'],
    );
  });

  test('an unknown user is refused', () => {
    assert.throws(() => ask('zed', 'search', 'db1', 'books'), /zed/);
  });

  test('smallest grants per level', () => {
    assert.deepEqual(
      smallestGrant({ privilege: 'CreateCollection', dbName: 'db1', collectionName: '*' }, 'Global', 'r'),
      {
        role: 'r',
        privilege: 'CreateCollection',
        dbName: 'db1',
        collectionName: '*',
      },
    );
  });
});

describe('generated requests table', () => {
  test('a stale table is noticed (npm run schemas rewrites it)', () => {
    const root = path.join(__dirname, '../../..');
    const copy = fs.mkdtempSync(path.join(root, 'out', 'requests-'));
    try {
      for (const file of [
        'package.json',
        'package.nls.json',
        'package.nls.zh-cn.json',
        'schemas/milvus-rbac.schema.json',
      ]) {
        fs.mkdirSync(path.dirname(path.join(copy, file)), { recursive: true });
        fs.copyFileSync(path.join(root, file), path.join(copy, file));
      }
      const table = fs.readFileSync(path.join(root, REQUEST_NEEDS_FILE), 'utf8');
      fs.mkdirSync(path.dirname(path.join(copy, REQUEST_NEEDS_FILE)), { recursive: true });
      fs.writeFileSync(
        path.join(copy, REQUEST_NEEDS_FILE),
        table.replace('"privilege":"Search"', '"privilege":"Query"'),
      );
      assert.deepEqual(staleFiles(copy), [REQUEST_NEEDS_FILE]);
    } finally {
      fs.rmSync(copy, { recursive: true, force: true });
    }
  });
});
