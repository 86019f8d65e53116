import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import {
  grantAllowsUpdateUser,
  namesCustomGroups,
  planPasswordChange,
  type PasswordCallerFacts,
} from '../../src/core/access/passwordChange';
import type { Grant } from '../../src/core/types';

const grant = (g: Partial<Grant>): Grant => ({
  role: 'ops',
  objectType: 'Global',
  objectName: '*',
  dbName: '*',
  privilege: 'Search',
  grantor: 'root',
  ...g,
});
const facts = (f: Partial<PasswordCallerFacts>): PasswordCallerFacts => ({
  caller: 'dave',
  noAuth: false,
  target: 'alice',
  database: 'default',
  roles: [],
  grants: [],
  groups: [],
  ...f,
});
const paths = (f: Partial<PasswordCallerFacts>): string[] => planPasswordChange(facts(f)).options.map((o) => o.path);

describe('planPasswordChange: the decision table', () => {
  const rows: { name: string; facts: Partial<PasswordCallerFacts>; may: boolean | undefined; paths: string[] }[] = [
    {
      name: 'root on another user',
      facts: { caller: 'root', roles: undefined, grants: undefined },
      may: true,
      paths: ['oldPassword', 'reset'],
    },
    {
      name: 'admin role holder',
      facts: { roles: ['admin'], grants: undefined },
      may: true,
      paths: ['oldPassword', 'reset'],
    },
    {
      name: 'UpdateUser on every user (V1 User object)',
      facts: {
        roles: ['pw'],
        grants: [grant({ role: 'pw', objectType: 'User', privilege: 'UpdateUser', dbName: 'default' })],
      },
      may: true,
      paths: ['oldPassword', 'reset'],
    },
    {
      name: 'UpdateUser on this user only',
      facts: {
        roles: ['pw'],
        grants: [grant({ role: 'pw', objectType: 'User', objectName: 'alice', privilege: 'UpdateUser' })],
      },
      may: true,
      paths: ['oldPassword', 'reset'],
    },
    {
      name: 'ClusterAdmin (V2 cluster level)',
      facts: { roles: ['ca'], grants: [grant({ role: 'ca', privilege: 'ClusterAdmin' })] },
      may: true,
      paths: ['oldPassword', 'reset'],
    },
    {
      name: 'legacy Admin group',
      facts: { roles: ['la'], grants: [grant({ role: 'la', privilege: 'Admin', dbName: 'default' })] },
      may: true,
      paths: ['oldPassword', 'reset'],
    },
    {
      name: 'a custom group that holds UpdateUser',
      facts: {
        roles: ['cg'],
        grants: [grant({ role: 'cg', privilege: 'pwgroup' })],
        groups: [{ name: 'pwgroup', privileges: ['UpdateUser'], builtIn: false }],
      },
      may: true,
      paths: ['oldPassword', 'reset'],
    },
    {
      name: 'through public',
      facts: { roles: [], grants: [grant({ role: 'public', objectType: 'User', privilege: 'UpdateUser' })] },
      may: true,
      paths: ['oldPassword', 'reset'],
    },
    {
      name: 'no UpdateUser (a superuser would still need it)',
      facts: { roles: ['reader'], grants: [grant({ role: 'reader', privilege: 'ClusterReadOnly' })] },
      may: false,
      paths: [],
    },
    {
      name: 'UpdateUser on another user',
      facts: {
        roles: ['pw'],
        grants: [grant({ role: 'pw', objectType: 'User', objectName: 'bob', privilege: 'UpdateUser' })],
      },
      may: false,
      paths: [],
    },
    {
      name: 'UpdateUser in another database',
      facts: {
        roles: ['pw'],
        grants: [grant({ role: 'pw', objectType: 'User', privilege: 'UpdateUser', dbName: 'other' })],
      },
      may: false,
      paths: [],
    },
    {
      name: 'UpdateUser as a Global object is not the User object',
      facts: { roles: ['pw'], grants: [grant({ role: 'pw', objectType: 'Global', privilege: 'UpdateUser' })] },
      may: false,
      paths: [],
    },
    {
      name: 'oneself: no privilege needed',
      facts: { caller: 'alice', roles: undefined, grants: undefined },
      may: true,
      paths: ['oldPassword', 'reset'],
    },
    {
      name: 'roles unreadable',
      facts: { roles: undefined, grants: undefined },
      may: undefined,
      paths: ['oldPassword', 'reset'],
    },
    {
      name: 'some grants unreadable',
      facts: { roles: ['x'], grants: [], grantsIncomplete: true },
      may: undefined,
      paths: ['oldPassword', 'reset'],
    },
    {
      name: 'a custom group, groups unreadable',
      facts: { roles: ['cg'], grants: [grant({ role: 'cg', privilege: 'pwgroup' })], groups: undefined },
      may: undefined,
      paths: ['oldPassword', 'reset'],
    },
    {
      name: 'token without a user name',
      facts: { caller: undefined, roles: undefined },
      may: undefined,
      paths: ['oldPassword', 'reset'],
    },
    {
      name: 'no authentication: only the old password',
      facts: { caller: undefined, noAuth: true },
      may: true,
      paths: ['oldPassword'],
    },
  ];
  for (const row of rows) {
    test(row.name, () => {
      const plan = planPasswordChange(facts(row.facts));
      assert.equal(plan.access.may, row.may, plan.access.why);
      assert.deepEqual(
        plan.options.map((o) => o.path),
        row.paths,
      );
      assert.equal(plan.refusal !== undefined, row.may === false);
    });
  }

  test('the old password comes first and says why it works; the reset explains superUsers', () => {
    const [first, second] = planPasswordChange(
      facts({ roles: ['ca'], grants: [grant({ role: 'ca', privilege: 'ClusterAdmin' })] }),
    ).options;
    assert.equal(first.label, 'Enter the old password');
    assert.match(
      first.detail,
      /^Allowed: role ca of dave grants ClusterAdmin \(which holds UpdateUser\) on every user\./,
    );
    assert.match(
      second.detail,
      /dave is listed in the server setting common\.security\.superUsers, which the server does not reveal \(root is not listed by default\)/,
    );
    assert.match(planPasswordChange(facts({ roles: undefined })).options[0].detail, /^Could not check/);
  });

  test('a refusal names the missing privilege and says superUsers does not replace it', () => {
    const plan = planPasswordChange(facts({ roles: ['reader'] }));
    assert.match(
      plan.refusal ?? '',
      /^dave may not change the password of alice: none of dave's roles \(reader, public\) grants UpdateUser on alice\./,
    );
    assert.match(plan.refusal ?? '', /common\.security\.superUsers does not replace it/);
    assert.equal(plan.self, false);
    assert.equal(planPasswordChange(facts({ caller: 'alice' })).self, true);
  });

  test('root never needs its roles read; reset stays second for root (not a superuser by default)', () => {
    assert.deepEqual(paths({ caller: 'root', roles: undefined, grants: undefined, groups: undefined }), [
      'oldPassword',
      'reset',
    ]);
  });
});

describe('grant matching', () => {
  test('`*` counts only on the User object; All counts anywhere', () => {
    assert.equal(grantAllowsUpdateUser(grant({ privilege: '*', objectType: 'User' }), 'alice', 'default', []), true);
    assert.equal(
      grantAllowsUpdateUser(grant({ privilege: '*', objectType: 'Collection' }), 'alice', 'default', []),
      false,
    );
    assert.equal(grantAllowsUpdateUser(grant({ privilege: 'All' }), 'alice', 'default', []), true);
  });
  test('a custom group nesting ClusterAdmin counts', () => {
    const groups = [{ name: 'outer', privileges: ['ClusterAdmin'], builtIn: false }];
    assert.equal(grantAllowsUpdateUser(grant({ privilege: 'outer' }), 'alice', 'default', groups), true);
    assert.equal(grantAllowsUpdateUser(grant({ privilege: 'DatabaseAdmin' }), 'alice', 'default', undefined), false);
  });
  test('only grants naming custom groups need the group list', () => {
    assert.equal(
      namesCustomGroups([
        grant({ privilege: 'ClusterAdmin' }),
        grant({ privilege: 'Search' }),
        grant({ privilege: '*' }),
      ]),
      false,
    );
    assert.equal(namesCustomGroups([grant({ privilege: 'pwgroup' })]), true);
  });
});
