// RBAC health: each finding on a small model, with its fix; the release's own privileges and built-in groups.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { checkRbacHealth, type HealthInput } from '../../src/core/access/health';
import { healthMarkdown } from '../../src/core/access/healthRender';
import { builtInGroupsOn, privilegesOn } from '../../src/core/access/releaseCatalogue';
import type { Grant } from '../../src/core/types';

const g = (
  role: string,
  privilege: string,
  dbName: string,
  objectName: string,
  objectType: Grant['objectType'] = 'Global',
): Grant => ({
  role,
  privilege,
  dbName,
  objectName,
  objectType,
  grantor: 'root',
});

const base = (over: Partial<HealthInput> = {}): HealthInput => ({
  serverVersion: 'v2.6.19',
  users: [
    { name: 'alice', roles: ['reader'] },
    { name: 'bob', roles: [] },
  ],
  roles: [
    { name: 'admin', users: [] },
    { name: 'public', users: [] },
    { name: 'reader', users: ['alice'] },
    { name: 'empty', users: [] },
  ],
  grants: [g('reader', 'Search', 'default', 'books', 'Collection'), g('public', 'DescribeCollection', '*', '*')],
  groups: builtInGroupsOn('v2.6.19').map((x) => ({ name: x.name, privileges: [...x.privileges], builtIn: true })),
  collections: new Map([['default', ['books']]]),
  policy: {},
  ...over,
});

const codes = (input: HealthInput): string[] => checkRbacHealth(input).map((f) => `${f.code}:${f.subject}`);

describe('RBAC health', () => {
  test('roles without grants or members, users without roles', () => {
    assert.deepEqual(codes(base()), [
      'roleWithoutGrants:role empty',
      'roleWithoutMembers:role empty',
      'userWithoutRoles:user bob',
    ]);
    const [noGrants] = checkRbacHealth(base());
    assert.deepEqual(noGrants?.fix, [{ kind: 'dropRole', role: 'empty' }]);
  });

  test('grants on missing databases and collections are revoked by their fix', () => {
    const input = base({
      grants: [
        g('reader', 'Search', 'default', 'gone', 'Collection'),
        g('reader', 'Query', 'olddb', '*', 'Collection'),
      ],
      roles: [{ name: 'reader', users: ['alice'] }],
      users: [{ name: 'alice', roles: ['reader'] }],
    });
    const findings = checkRbacHealth(input);
    assert.deepEqual(
      findings.map((f) => f.code),
      ['missingDatabase', 'missingCollection'],
    );
    assert.deepEqual(findings[1]?.fix, [
      { kind: 'revoke', grant: { role: 'reader', privilege: 'Search', dbName: 'default', collectionName: 'gone' } },
    ]);
  });

  test('a grant on an alias: its fix grants the same on the collection; the message follows the release (G15)', () => {
    const input = (serverVersion: string): HealthInput =>
      base({
        serverVersion,
        grants: [
          g('reader', 'Search', 'default', 'shelf', 'Collection'),
          g('reader', 'CollectionReadOnly', '*', 'latest'),
          g('reader', 'Query', 'default', 'gone', 'Collection'),
        ],
        roles: [{ name: 'reader', users: ['alice'] }],
        users: [{ name: 'alice', roles: ['reader'] }],
        collections: new Map([
          ['default', ['books']],
          ['shop', ['books_v2']],
        ]),
        aliases: new Map([
          ['default', new Map([['shelf', 'books']])],
          ['shop', new Map([['latest', 'books_v2']])],
        ]),
      });
    const findings = checkRbacHealth(input('v2.6.19'));
    assert.deepEqual(
      findings.map((f) => `${f.code}:${f.subject}`),
      [
        'missingCollection:Query on collection default.gone (role reader)',
        'aliasGrant:CollectionReadOnly on collection latest in every database (role reader)',
        'aliasGrant:Search on collection default.shelf (role reader)',
      ],
    );
    assert.deepEqual(findings[2]?.fix, [
      { kind: 'grant', grant: { role: 'reader', privilege: 'Search', dbName: 'default', collectionName: 'books' } },
    ]);
    assert.deepEqual(findings[1]?.fix, [
      {
        kind: 'grant',
        grant: { role: 'reader', privilege: 'CollectionReadOnly', dbName: '*', collectionName: 'books_v2' },
      },
    ]);
    assert.match(findings[2]?.message ?? '', /allows nothing/);
    assert.match(findings[2]?.advice ?? '', /cannot be revoked/);
    const old = checkRbacHealth(input('v2.6.11')).find((f) => f.code === 'aliasGrant');
    assert.match(old?.message ?? '', /only to requests that name the alias/);
    assert.match(old?.advice ?? '', /Keep the alias grant/);
    // Without the alias listing (an RBAC file) the same grant reads as a missing collection.
    assert.deepEqual(
      checkRbacHealth({ ...input('v2.6.19'), aliases: undefined }).map((f) => f.code),
      ['missingCollection', 'missingCollection', 'missingCollection'],
    );
  });

  test('admin-level grants outside the policy, public beyond the defaults', () => {
    const input = base({
      grants: [
        g('reader', 'ClusterAdmin', '*', '*'),
        g('public', 'Insert', '*', '*', 'Collection'),
        g('public', 'IndexDetail', '*', '*', 'Collection'),
      ],
      roles: [{ name: 'reader', users: ['alice'] }],
      users: [{ name: 'alice', roles: ['reader'] }],
    });
    assert.deepEqual(
      checkRbacHealth(input).map((f) => f.code),
      ['adminGrantOutsidePolicy', 'publicBeyondDefaults'],
    );
    assert.deepEqual(checkRbacHealth({ ...input, policy: { adminRoles: ['reader'], allowPublicGrants: true } }), []);
  });

  test('privileges the release does not define, and legacy groups beside built-in groups', () => {
    const input = base({
      serverVersion: 'v2.5.27',
      grants: [
        g('reader', 'CreateSnapshot', 'default', 'books', 'Collection'),
        g('reader', 'ReadOnly', 'default', 'books', 'Collection'),
        g('reader', 'CollectionReadOnly', 'default', 'books'),
      ],
      roles: [{ name: 'reader', users: ['alice'] }],
      users: [{ name: 'alice', roles: ['reader'] }],
      groups: builtInGroupsOn('v2.5.27').map((x) => ({ name: x.name, privileges: [...x.privileges], builtIn: true })),
    });
    assert.deepEqual(
      checkRbacHealth(input).map((f) => f.code),
      ['undefinedPrivilege', 'legacyBesideV2'],
    );
    assert.deepEqual(
      checkRbacHealth({ ...input, serverVersion: 'v3.0.0', groups: [] }).map((f) => f.code),
      ['legacyBesideV2'],
    );
  });

  test('a built-in group changed from the release default (overridable since 2.6.16)', () => {
    const groups = base().groups.map((x) =>
      x.name === 'CollectionReadOnly'
        ? { ...x, privileges: x.privileges.filter((p) => p !== 'Search').concat('Insert') }
        : x,
    );
    const findings = checkRbacHealth(base({ groups }));
    const changed = findings.find((f) => f.code === 'builtInGroupChanged');
    assert.match(changed?.message ?? '', /lacks Search; adds Insert/);
    assert.match(healthMarkdown(findings, 'test'), /Built-in group changed/);
  });

  test('the release catalogue: 2.5 lacks the 2.6 additions; 3.0 moves RenameCollection to DatabaseAdmin', () => {
    assert.ok(!privilegesOn('v2.5.27').includes('AddCollectionField'));
    assert.ok(privilegesOn('v2.6.19').includes('AddCollectionField'));
    assert.ok(privilegesOn('v3.0.0').includes('CreateSnapshot'));
    assert.deepEqual(builtInGroupsOn('v2.4.17'), []);
    const admin = (v: string, name: string): readonly string[] =>
      builtInGroupsOn(v).find((x) => x.name === name)?.privileges ?? [];
    assert.ok(admin('v2.6.19', 'ClusterAdmin').includes('RenameCollection'));
    assert.ok(!admin('v3.0.0', 'ClusterAdmin').includes('RenameCollection'));
    assert.ok(admin('v3.0.0', 'DatabaseAdmin').includes('RenameCollection'));
  });
});
