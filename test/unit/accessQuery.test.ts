// "Can <user> do <privilege> on <db>.<collection>?" and "who can?", decided as docs/milvus-behaviour.md §2.6, §4.1 and
// §4.4 describe: root and admin unrestricted, public for everyone, groups (built-in, custom, nested, legacy) and `*`/`All`.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { canDo, canSentence, queryLabel, rolesToRead, whoCan, type AccessQuery } from '../../src/core/access/query';
import { BUILT_IN_GROUPS } from '../../src/core/access/privileges';
import type { Grant, ObjectType, PrivilegeGroup } from '../../src/core/types';

const grant = (role: string, privilege: string, objectType: ObjectType, dbName: string, objectName: string): Grant => ({
  role,
  privilege,
  objectType,
  dbName,
  objectName,
  grantor: 'root',
});

const GROUPS: PrivilegeGroup[] = [
  { name: 'readers', privileges: ['Query', 'Search'], builtIn: false },
  { name: 'nested', privileges: ['CollectionReadOnly'], builtIn: false },
  ...BUILT_IN_GROUPS.map((g) => ({ name: g.name, privileges: [...g.privileges], builtIn: true })),
];

const GRANTS = new Map<string, Grant[]>([
  [
    'public',
    [grant('public', 'DescribeCollection', 'Global', '*', '*'), grant('public', 'IndexDetail', 'Collection', '*', '*')],
  ],
  ['searcher', [grant('searcher', 'Search', 'Collection', 'default', 'books')]],
  ['grouped', [grant('grouped', 'CollectionReadWrite', 'Global', 'default', 'articles')]],
  ['custom', [grant('custom', 'readers', 'Global', 'db1', '*')]],
  ['deep', [grant('deep', 'nested', 'Global', 'db1', 'films')]],
  ['everything', [grant('everything', '*', 'Global', 'db2', '*')]],
  [
    'legacy',
    [
      grant('legacy', 'ReadOnly', 'Collection', '*', 'books'),
      grant('legacy', 'ReadWrite', 'Collection', 'default', 'films'),
    ],
  ],
]);

const q = (privilege: string, dbName: string, collectionName: string): AccessQuery => ({
  privilege,
  dbName,
  collectionName,
});
const can = (user: string, roles: string[], query: AccessQuery) => canDo(user, roles, query, GRANTS, GROUPS);

describe('can a user do a privilege on a collection?', () => {
  const cases: { name: string; roles: string[]; query: AccessQuery; allowed: boolean; via?: string[] }[] = [
    {
      name: 'granted by name on the collection',
      roles: ['searcher'],
      query: q('Search', 'default', 'books'),
      allowed: true,
      via: ['searcher Search'],
    },
    { name: 'not on another collection', roles: ['searcher'], query: q('Search', 'default', 'films'), allowed: false },
    { name: 'not in another database', roles: ['searcher'], query: q('Search', 'db1', 'books'), allowed: false },
    {
      name: 'through a built-in group stored as Global with a collection name (§4.3)',
      roles: ['grouped'],
      query: q('Insert', 'default', 'articles'),
      allowed: true,
      via: ['grouped CollectionReadWrite'],
    },
    {
      name: 'the built-in group does not hold the privilege',
      roles: ['grouped'],
      query: q('CreateAlias', 'default', 'articles'),
      allowed: false,
    },
    {
      name: 'through a custom group on every collection of a database',
      roles: ['custom'],
      query: q('Search', 'db1', 'anything'),
      allowed: true,
      via: ['custom readers'],
    },
    {
      name: 'through a custom group holding a built-in group',
      roles: ['deep'],
      query: q('GetStatistics', 'db1', 'films'),
      allowed: true,
      via: ['deep nested'],
    },
    {
      name: '`*` grants every privilege in its database',
      roles: ['everything'],
      query: q('DropCollection', 'db2', 'x'),
      allowed: true,
      via: ['everything *'],
    },
    {
      name: '`*` in db2 does not reach default',
      roles: ['everything'],
      query: q('Search', 'default', 'books'),
      allowed: false,
    },
    {
      name: 'public applies to everyone',
      roles: [],
      query: q('IndexDetail', 'db9', 'c'),
      allowed: true,
      via: ['public IndexDetail'],
    },
    {
      name: 'a legacy group on DB `*` matches nothing (§4.4)',
      roles: ['legacy'],
      query: q('Query', 'default', 'books'),
      allowed: false,
    },
    {
      name: 'a legacy group on its exact DB matches',
      roles: ['legacy'],
      query: q('Upsert', 'default', 'films'),
      allowed: true,
      via: ['legacy ReadWrite'],
    },
  ];
  for (const c of cases) {
    test(c.name, () => {
      const answer = can('alice', c.roles, c.query);
      assert.equal(answer.allowed, c.allowed, canSentence(answer));
      assert.equal(answer.unrestricted, undefined);
      assert.deepEqual(
        answer.reasons.map((r) => `${r.role} ${r.grant.privilege}`),
        c.via ?? [],
      );
    });
  }

  test('root and holders of admin are unrestricted, with no grant', () => {
    assert.match(can('root', [], q('DropDatabase', 'x', '*')).unrestricted ?? '', /superuser/);
    const admin = can('ops', ['admin'], q('DropDatabase', 'x', '*'));
    assert.equal(admin.allowed, true);
    assert.match(canSentence(admin), /^Yes: ops may do DropDatabase on cluster\. ops has the admin role/);
  });

  test('the sentences name the role and the grant, or say that nothing allows it', () => {
    assert.equal(
      canSentence(can('alice', ['grouped'], q('Insert', 'default', 'articles'))),
      'Yes: alice may do Insert on collection default.articles, through role grouped: CollectionReadWrite on collection default.articles.',
    );
    assert.equal(
      canSentence(can('bob', ['searcher'], q('Insert', 'default', 'books'))),
      'No: nothing allows bob to do Insert on collection default.books. Roles looked at: searcher, public (public applies to every user).',
    );
    assert.equal(queryLabel(q('CreateCollection', 'db1', '*')), 'CreateCollection on database db1');
    assert.equal(queryLabel(q('Search', 'db1', '*')), 'Search on all collections in db1');
  });
});

describe('who can do a privilege on a collection?', () => {
  const users = [
    { name: 'root', roles: [] },
    { name: 'ann', roles: ['searcher', 'grouped'] },
    { name: 'bob', roles: ['custom'] },
    { name: 'ops', roles: ['admin'] },
    { name: 'eve', roles: [] },
  ];

  test('users through their roles, with the grants; root and admin holders as unrestricted', () => {
    const answer = whoCan(q('Search', 'default', 'books'), users, GRANTS, GROUPS);
    assert.deepEqual(
      answer.users.map((u) => [
        u.user,
        u.unrestricted
          ? 'unrestricted'
          : u.reasons.map((r) => `${r.role}:${r.grant.privilege}@${r.scope.label}`).join(','),
      ]),
      [
        ['root', 'unrestricted'],
        ['ann', 'searcher:Search@collection default.books'],
        ['ops', 'unrestricted'],
      ],
    );
  });

  test('a grant to public lets every user', () => {
    const answer = whoCan(q('DescribeCollection', 'db1', 'films'), users, GRANTS, GROUPS);
    assert.deepEqual(
      answer.users.map((u) => u.user),
      ['root', 'ann', 'bob', 'ops', 'eve'],
    );
    assert.deepEqual(
      answer.users.find((u) => u.user === 'eve')?.reasons.map((r) => r.role),
      ['public'],
    );
  });

  test('the roles to read: every role held, and public; not admin', () => {
    assert.deepEqual(rolesToRead(users), ['searcher', 'grouped', 'custom', 'public']);
  });
});
