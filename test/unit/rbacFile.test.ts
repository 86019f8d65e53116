import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { MilvusError } from '../../src/core/errors/milvusError';
import { buildRbacFile, serializeRbacFile, type RbacFile, type RbacSnapshot } from '../../src/core/rbac/file';
import { parseRbacFile } from '../../src/core/rbac/fileParse';

const SOURCE = { address: 'http://staging:19530', serverVersion: 'v2.6.19', database: 'default' };
const AT = new Date('2026-01-02T03:04:05.000Z');

const snapshot: RbacSnapshot = {
  users: [
    { name: 'root', roles: ['admin'] },
    { name: 'zed', roles: ['reader', 'public'] },
    { name: 'ann', roles: ['writer', 'admin', 'reader'] },
    { name: 'idle', roles: ['public'] },
  ],
  roles: [{ name: 'writer' }, { name: 'admin' }, { name: 'reader', description: 'Reads books' }, { name: 'public' }],
  grants: [
    {
      role: 'writer',
      objectType: 'Collection',
      objectName: 'books',
      dbName: 'db1',
      privilege: 'Insert',
      grantor: 'root',
    },
    {
      role: 'public',
      objectType: 'Global',
      objectName: '*',
      dbName: '*',
      privilege: 'DescribeCollection',
      grantor: 'root',
    },
    { role: 'reader', objectType: 'Global', objectName: '*', dbName: '*', privilege: 'readers', grantor: 'root' },
    { role: 'admin', objectType: 'Global', objectName: '*', dbName: '*', privilege: 'All', grantor: 'root' },
    {
      role: 'reader',
      objectType: 'Collection',
      objectName: '*',
      dbName: 'default',
      privilege: 'Query',
      grantor: 'root',
    },
    {
      role: 'writer',
      objectType: 'Collection',
      objectName: 'books',
      dbName: 'db1',
      privilege: 'Insert',
      grantor: 'ann',
    },
  ],
  privilegeGroups: [
    { name: 'readers', privileges: ['Search', 'Query'], builtIn: false },
    { name: 'ClusterReadOnly', privileges: ['ListDatabases'], builtIn: true },
    { name: 'empty_group', privileges: [], builtIn: false },
  ],
};

function goodFile(): RbacFile {
  return buildRbacFile(snapshot, SOURCE, AT);
}

/** The file as JSON with `change` applied to a parsed copy. */
function variant(
  change: (
    doc: Record<string, unknown> & {
      roles: unknown[];
      privilegeGroups: unknown[];
      grants: unknown[];
      userRoles: unknown[];
    },
  ) => void,
): string {
  const doc = JSON.parse(serializeRbacFile(goodFile())) as Parameters<typeof change>[0];
  change(doc);
  return JSON.stringify(doc);
}

function rejects(
  content: string,
  message: RegExp,
  profile: Parameters<typeof parseRbacFile>[1] = 'milvus-2.6',
): MilvusError {
  try {
    parseRbacFile(content, profile);
  } catch (e) {
    assert.ok(e instanceof MilvusError, String(e));
    assert.equal(e.kind, 'invalidInput');
    assert.match(e.message, message);
    assert.match(e.message, /Nothing was sent\.$/);
    return e;
  }
  assert.fail(`expected a rejection matching ${message}`);
}

describe('buildRbacFile', () => {
  test('leaves out built-ins, root, public bindings and users without roles; sorts and de-duplicates', () => {
    assert.deepEqual(goodFile(), {
      format: 'milvus-access-manager/rbac',
      version: 1,
      exportedAt: '2026-01-02T03:04:05.000Z',
      source: SOURCE,
      roles: [{ name: 'reader', description: 'Reads books' }, { name: 'writer' }],
      privilegeGroups: [
        { name: 'empty_group', privileges: [] },
        { name: 'readers', privileges: ['Query', 'Search'] },
      ],
      grants: [
        { role: 'reader', privilege: 'readers', dbName: '*', collectionName: '*' },
        { role: 'reader', privilege: 'Query', dbName: 'default', collectionName: '*' },
        { role: 'writer', privilege: 'Insert', dbName: 'db1', collectionName: 'books' },
      ],
      userRoles: [
        { user: 'ann', roles: ['admin', 'reader', 'writer'] },
        { user: 'zed', roles: ['reader'] },
      ],
    });
  });

  test('the same state in another order gives the same bytes', () => {
    const shuffled: RbacSnapshot = {
      users: [...snapshot.users].reverse().map((u) => ({ ...u, roles: [...u.roles].reverse() })),
      roles: [...snapshot.roles].reverse(),
      grants: [...snapshot.grants].reverse(),
      privilegeGroups: [...snapshot.privilegeGroups]
        .reverse()
        .map((g) => ({ ...g, privileges: [...g.privileges].reverse() })),
    };
    assert.equal(serializeRbacFile(buildRbacFile(shuffled, SOURCE, AT)), serializeRbacFile(goodFile()));
  });

  test('privileges the client does not know are listed in privilegesUnknownToClient; groups and * are not', () => {
    const unknownGrant = (role: string, privilege: string) => ({
      role,
      objectType: 'Global' as const,
      objectName: '*',
      dbName: '*',
      privilege,
      grantor: 'root',
    });
    const withUnknown: RbacSnapshot = {
      ...snapshot,
      grants: [
        ...snapshot.grants,
        unknownGrant('writer', 'Expr'),
        unknownGrant('reader', 'Expr'),
        unknownGrant('reader', 'AFutureOne'),
      ],
    };
    assert.deepEqual(buildRbacFile(withUnknown, SOURCE, AT).privilegesUnknownToClient, ['AFutureOne', 'Expr']);
    assert.equal('privilegesUnknownToClient' in goodFile(), false);
  });

  test('a source without a database has no database field', () => {
    assert.deepEqual(buildRbacFile(snapshot, { address: 'a', serverVersion: 'v' }, AT).source, {
      address: 'a',
      serverVersion: 'v',
    });
  });
});

describe('parseRbacFile: good files', () => {
  test('an exported file reads back as it was written', () => {
    assert.deepEqual(parseRbacFile(serializeRbacFile(goodFile()), 'milvus-2.6'), goodFile());
  });

  test('a byte-order mark, built-in groups in grants, * and All are accepted', () => {
    const content = variant((d) => {
      d.grants.push(
        { role: 'public', privilege: 'ClusterReadOnly', dbName: '*', collectionName: '*' },
        { role: 'reader', privilege: 'CollectionReadOnly', dbName: 'db1', collectionName: 'books' },
        { role: 'reader', privilege: '*', dbName: 'db1', collectionName: '*' },
        { role: 'writer', privilege: 'All', dbName: '*', collectionName: '*' },
        { role: 'writer', privilege: 'group_on_target', dbName: '*', collectionName: '*' },
      );
    });
    const file = parseRbacFile(`\uFEFF${content}`, 'milvus-2.6');
    assert.equal(file.grants.length, 8);
  });

  test('a name listed in privilegesUnknownToClient is taken as a privilege at any level, even if no group name', () => {
    const content = variant((d) => {
      d.privilegesUnknownToClient = ['Expr', 'Future.Thing'];
      d.grants.push(
        { role: 'reader', privilege: 'Expr', dbName: '*', collectionName: '*' },
        { role: 'reader', privilege: 'Future.Thing', dbName: 'db1', collectionName: 'books' },
      );
    });
    const file = parseRbacFile(content, 'milvus-2.6');
    assert.deepEqual(file.privilegesUnknownToClient, ['Expr', 'Future.Thing']);
    assert.equal(file.grants.length, 5);
    rejects(
      variant((d) => {
        d.grants.push({ role: 'reader', privilege: 'Future.Thing', dbName: '*', collectionName: '*' });
      }),
      /at grants\[3\]\.privilege: "Future\.Thing" is no Milvus privilege or built-in group/,
    );
    rejects(
      variant((d) => (d.privilegesUnknownToClient = ['Expr', 'Expr'])),
      /at privilegesUnknownToClient\[1\]: Privilege "Expr" appears twice/,
    );
    rejects(
      variant((d) => (d.privilegesUnknownToClient = [' Expr'])),
      /at privilegesUnknownToClient\[0\]: must be a privilege name/,
    );
  });

  test('an empty file body (no roles, groups, grants or bindings) is valid', () => {
    const content = variant((d) => {
      d.roles = [];
      d.privilegeGroups = [];
      d.grants = [];
      d.userRoles = [];
    });
    assert.deepEqual(parseRbacFile(content, 'milvus-2.6').roles, []);
  });
});

describe('parseRbacFile: refused files', () => {
  test('not JSON: the message gives the position, never the text', () => {
    const e = rejects('{"roles": [ "Sup3rSecret-value" ', /not valid JSON/);
    assert.ok(!e.message.includes('Sup3rSecret'), e.message);
  });

  test('not an object, wrong format, wrong version', () => {
    rejects('[]', /top level: must be an object/);
    rejects(
      variant((d) => (d.format = 'something/else')),
      /at format: must be "milvus-access-manager\/rbac"/,
    );
    rejects(
      variant((d) => (d.version = 2)),
      /at version: 2 is not supported; this extension reads version 1/,
    );
    rejects(
      variant((d) => (d.version = '1')),
      /at version: "1" is not supported/,
    );
  });

  test('a password, hash or token field anywhere is refused, whatever else is wrong', () => {
    rejects(
      variant((d) => ((d.userRoles[0] as Record<string, unknown>).password = 'x')),
      /at userRoles\[0\]\.password: RBAC files never carry passwords/,
    );
    rejects(
      variant((d) => ((d.source as Record<string, unknown>).rootPassword = 'x')),
      /at source\.rootPassword:/,
    );
    rejects(
      variant((d) => (d.users = [{ name: 'ann', passwordHash: '$2a$04$abc' }])),
      /at users\[0\]\.passwordHash:/,
    );
    rejects(
      variant((d) => (d.token = 'root:Milvus')),
      /at token:/,
    );
    rejects(
      JSON.stringify({ version: 9, nested: { deeper: [{ Password: 'x' }] } }),
      /at nested\.deeper\[0\]\.Password:/,
    );
  });

  test('extra and missing keys', () => {
    rejects(
      variant((d) => (d.users = [])),
      /at the top level: unknown field "users"/,
    );
    rejects(
      variant((d) => ((d.roles[0] as Record<string, unknown>).members = ['ann'])),
      /at roles\[0\]: unknown field "members"/,
    );
    rejects(
      variant((d) => ((d.grants[0] as Record<string, unknown>).objectType = 'Global')),
      /at grants\[0\]: unknown field "objectType"/,
    );
    rejects(
      variant((d) => delete (d.grants[0] as Record<string, unknown>).collectionName),
      /at grants\[0\]: the field "collectionName" is missing/,
    );
    rejects(
      variant((d) => delete (d as Record<string, unknown>).userRoles),
      /the field "userRoles" is missing/,
    );
    rejects(
      variant((d) => ((d.source as Record<string, unknown>).region = 'eu')),
      /at source: unknown field "region"/,
    );
  });

  test('wrong types', () => {
    rejects(
      variant((d) => ((d as Record<string, unknown>).roles = {})),
      /at roles: must be a list/,
    );
    rejects(
      variant((d) => (d.roles[0] = 'reader')),
      /at roles\[0\]: must be an object/,
    );
    rejects(
      variant((d) => ((d.grants[1] as Record<string, unknown>).dbName = 7)),
      /at grants\[1\]\.dbName: must be a string/,
    );
    rejects(
      variant((d) => (d.exportedAt = 'yesterday')),
      /at exportedAt: "yesterday" is not a date/,
    );
  });

  test('roles: invalid, built-in, duplicate, spaces, description too long', () => {
    rejects(
      variant((d) => (d.roles[1] = { name: '1writer' })),
      /at roles\[1\]\.name: "1writer": A role name must start with/,
    );
    rejects(
      variant((d) => d.roles.push({ name: 'admin' })),
      /at roles\[2\]: "admin" is a built-in role/,
    );
    rejects(
      variant((d) => d.roles.push({ name: 'reader' })),
      /at roles\[2\]: Role "reader" appears twice/,
    );
    rejects(
      variant((d) => d.roles.push({ name: ' spaced' })),
      /at roles\[2\]\.name: " spaced" has leading or trailing spaces/,
    );
    rejects(
      variant((d) => d.roles.push({ name: 'long', description: 'x'.repeat(1025) })),
      /at roles\[2\]\.description: .*1024 bytes/,
    );
  });

  test('privilege groups: invalid name, built-in name, unknown or mixed-level privileges, duplicates', () => {
    rejects(
      variant((d) => d.privilegeGroups.push({ name: 'bad-name', privileges: [] })),
      /at privilegeGroups\[2\]\.name: "bad-name"/,
    );
    rejects(
      variant((d) => d.privilegeGroups.push({ name: 'ClusterAdmin', privileges: [] })),
      /at privilegeGroups\[2\]\.name: "ClusterAdmin" is already a built-in privilege or privilege group name/,
    );
    rejects(
      variant((d) => d.privilegeGroups.push({ name: 'Query', privileges: [] })),
      /"Query" is already a built-in privilege/,
    );
    rejects(
      variant((d) => d.privilegeGroups.push({ name: 'g', privileges: ['Search', 'Fly'] })),
      /at privilegeGroups\[2\]\.privileges\[1\]: "Fly" is not a Milvus privilege/,
    );
    rejects(
      variant((d) => d.privilegeGroups.push({ name: 'g', privileges: ['Search', 'CreateDatabase'] })),
      /at privilegeGroups\[2\]\.privileges: group "g" mixes privileges of different levels/,
    );
    rejects(
      variant((d) => d.privilegeGroups.push({ name: 'g', privileges: ['Search', 'Search'] })),
      /a privilege appears twice/,
    );
    rejects(
      variant((d) => d.privilegeGroups.push({ name: 'readers', privileges: [] })),
      /Privilege group "readers" appears twice/,
    );
  });

  test('grants: bad role, privilege, database, collection, level, duplicate', () => {
    const grant = (over: Record<string, unknown>) => (d: { grants: unknown[] }) =>
      d.grants.push({ role: 'reader', privilege: 'Search', dbName: 'default', collectionName: '*', ...over });
    rejects(variant(grant({ role: 'bad role' })), /at grants\[3\]\.role: "bad role"/);
    rejects(
      variant(grant({ privilege: 'No Such!' })),
      /at grants\[3\]\.privilege: "No Such!" is no Milvus privilege or built-in group, and no valid custom group name/,
    );
    rejects(variant(grant({ dbName: 'my-db' })), /at grants\[3\]\.dbName: "my-db"/);
    rejects(
      variant(grant({ collectionName: '' })),
      /at grants\[3\]\.collectionName: must be a collection name or "\*"/,
    );
    rejects(
      variant(grant({ privilege: 'ClusterReadOnly', dbName: 'default' })),
      /at grants\[3\]: ClusterReadOnly is a cluster-level group/,
    );
    rejects(
      variant(grant({ privilege: 'DatabaseAdmin', collectionName: 'books' })),
      /at grants\[3\]: DatabaseAdmin is a database-level group/,
    );
    rejects(
      variant(grant({ privilege: 'CollectionAdmin', dbName: '*', collectionName: 'books' })),
      /at grants\[3\]: CollectionAdmin is a collection-level group: name the database/,
    );
    rejects(
      variant(grant({ privilege: 'readers', dbName: '*', collectionName: 'books' })),
      /at grants\[3\]: readers is a collection-level group/,
    );
    rejects(
      variant(grant({ privilege: 'Query', dbName: 'default' })),
      /at grants\[3\]: The grant of Query to role "reader" on default\/\* appears twice/,
    );
  });

  test('user bindings: bad user name, bad role, duplicates; the target profile decides', () => {
    rejects(
      variant((d) => d.userRoles.push({ user: '9lives', roles: [] })),
      /at userRoles\[2\]\.user: "9lives"/,
    );
    rejects(
      variant((d) => d.userRoles.push({ user: 'bob', roles: ['ok', 'not ok'] })),
      /at userRoles\[2\]\.roles\[1\]: "not ok"/,
    );
    rejects(
      variant((d) => d.userRoles.push({ user: 'bob', roles: ['r', 'r'] })),
      /at userRoles\[2\]\.roles: a role appears twice/,
    );
    rejects(
      variant((d) => d.userRoles.push({ user: 'ann', roles: [] })),
      /at userRoles\[2\]: User "ann" appears twice/,
    );
    const dotted = variant((d) => d.userRoles.push({ user: 'first.last', roles: ['reader'] }));
    assert.equal(parseRbacFile(dotted, 'milvus-2.6').userRoles.length, 3);
    rejects(dotted, /at userRoles\[2\]\.user: "first\.last"/, 'milvus-2.5');
  });

  test('the first bad entry is the one named', () => {
    const content = variant((d) => {
      d.roles.push({ name: '1st' });
      d.grants.push({ role: 'reader', privilege: 'No Such!', dbName: '*', collectionName: '*' });
    });
    rejects(content, /at roles\[2\]\.name/);
  });
});
