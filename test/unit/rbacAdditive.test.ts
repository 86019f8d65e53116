// The additive plan, through the one path the product uses: planRbac(file, model, { mode: 'additive' }).
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { MilvusError } from '../../src/core/errors/milvusError';
import type { RbacFile } from '../../src/core/rbac/file';
import type { RbacModel } from '../../src/core/rbac/model';
import { grantKey, grantToSpec } from '../../src/core/rbac/plan';
import { planRbac, type RbacPlan } from '../../src/core/rbac/planner';
import { describeStep, type RbacApplyStep } from '../../src/core/rbac/steps';
import type { Grant, GrantSpec, PrivilegeGroup, UserWithRoles } from '../../src/core/types';

const g = (role: string, privilege: string, dbName = '*', collectionName = '*'): GrantSpec => ({
  role,
  privilege,
  dbName,
  collectionName,
});

const FILE: RbacFile = {
  format: 'milvus-access-manager/rbac',
  version: 1,
  exportedAt: '2026-01-02T03:04:05.000Z',
  source: { address: 'http://staging:19530', serverVersion: 'v2.6.19' },
  roles: [{ name: 'reader', description: 'Reads books' }, { name: 'writer' }],
  privilegeGroups: [
    { name: 'readers', privileges: ['Query', 'Search'] },
    { name: 'shared', privileges: ['Insert', 'Upsert'] },
  ],
  grants: [
    g('public', 'ClusterReadOnly'),
    g('reader', 'readers'),
    g('reader', 'Query', 'default'),
    g('writer', 'shared', 'db1', 'books'),
  ],
  userRoles: [
    { user: 'ann', roles: ['admin', 'reader', 'writer'] },
    { user: 'ghost', roles: ['reader'] },
  ],
};

const asGrant = (spec: GrantSpec): Grant => ({
  role: spec.role,
  privilege: spec.privilege,
  dbName: spec.dbName,
  objectName: spec.collectionName,
  objectType: 'Global',
  grantor: 'root',
});

/** A server's model as readRbacModel gives it, from what the tests vary. */
function modelOf(state: {
  roles: readonly string[];
  users: readonly UserWithRoles[];
  groups: readonly PrivilegeGroup[] | undefined;
  grants: readonly GrantSpec[];
}): RbacModel {
  return {
    via: 'listings',
    caller: 'root',
    database: 'default',
    serverVersion: 'v2.6.19',
    users: state.users.map((u) => ({ ...u, roles: [...u.roles] })),
    roles: state.roles.map((name) => ({ name, users: [] })),
    grants: state.grants.map(asGrant),
    grantsRead: [],
    privilegeGroups: state.groups?.map((x) => ({ ...x, privileges: [...x.privileges] })),
    descriptions: true,
  };
}

const additive = (file: RbacFile, model: RbacModel): RbacPlan => planRbac(file, model, { mode: 'additive' });

/** A fresh target: built-ins only, plus user ann (bound to nothing) and a custom group `shared` holding Insert. */
function freshTarget(): RbacModel {
  return modelOf({
    roles: ['admin', 'public'],
    users: [
      { name: 'root', roles: [] },
      { name: 'ann', roles: [] },
    ],
    groups: [
      { name: 'shared', privileges: ['Insert'], builtIn: false },
      { name: 'ClusterReadOnly', privileges: ['ListDatabases'], builtIn: true },
    ],
    grants: [g('public', 'DescribeCollection')],
  });
}

/** What the target looks like after the steps ran (the test's model of the server). */
function applied(model: RbacModel, steps: readonly RbacApplyStep[]): RbacModel {
  const roles = model.roles.map((r) => r.name);
  const users = model.users.map((u) => ({ ...u, roles: [...u.roles] }));
  const groups = (model.privilegeGroups ?? []).map((x) => ({ ...x, privileges: [...x.privileges] }));
  const grants = model.grants.map(grantToSpec);
  for (const step of steps) {
    if (step.kind === 'createGroup') groups.unshift({ name: step.group, privileges: [], builtIn: false });
    if (step.kind === 'createRole') roles.push(step.role);
    if (step.kind === 'addGroupPrivileges')
      groups.find((x) => x.name === step.group)?.privileges.push(...step.privileges);
    if (step.kind === 'grant') grants.push(step.grant);
    if (step.kind === 'bindRole') users.find((u) => u.name === step.user)?.roles.push(step.role);
  }
  return modelOf({ roles, users, groups: model.privilegeGroups === undefined ? undefined : groups, grants });
}

function refusal(action: () => unknown, message: RegExp): void {
  assert.throws(
    action,
    (e: unknown) =>
      e instanceof MilvusError &&
      e.kind === 'invalidInput' &&
      message.test(e.message) &&
      /Nothing was sent\.$/.test(e.message),
  );
}

describe('planRbac, additive', () => {
  test('a fresh target: every missing piece, in order groups, roles, group privileges, grants, bindings', () => {
    const plan = additive(FILE, freshTarget());
    assert.deepEqual(plan.steps.map(describeStep), [
      'create privilege group readers',
      'create role reader',
      'create role writer',
      'add Query, Search to privilege group readers',
      'add Upsert to privilege group shared',
      'grant ClusterReadOnly on cluster to role public',
      'grant readers on cluster to role reader',
      'grant Query on all collections in default to role reader',
      'grant shared on collection db1.books to role writer',
      'bind user ann to role admin',
      'bind user ann to role reader',
      'bind user ann to role writer',
    ]);
    assert.deepEqual(plan.steps[1], { kind: 'createRole', role: 'reader', description: 'Reads books' });
    assert.deepEqual(plan.steps[2], { kind: 'createRole', role: 'writer' });
    assert.deepEqual(plan.skippedUsers, ['ghost']);
  });

  test('additive only: what the target has beyond the file is never revoked, unbound or dropped', () => {
    const state = freshTarget();
    const extra = modelOf({
      roles: [...state.roles.map((r) => r.name), 'reader', 'legacy'],
      users: [{ name: 'ann', roles: ['legacy', 'reader'] }],
      groups: [
        ...(state.privilegeGroups ?? []),
        { name: 'readers', privileges: ['Query', 'Search', 'GetStatistics'], builtIn: false },
      ],
      grants: [
        ...state.grants.map(grantToSpec),
        g('reader', 'Query', 'default'),
        g('reader', 'Delete', 'default'),
        g('legacy', 'All'),
      ],
    });
    const plan = additive(FILE, extra);
    assert.deepEqual(plan.steps.map(describeStep), [
      'create role writer',
      'add Upsert to privilege group shared',
      'grant ClusterReadOnly on cluster to role public',
      'grant readers on cluster to role reader',
      'grant shared on collection db1.books to role writer',
      'bind user ann to role admin',
      'bind user ann to role writer',
    ]);
  });

  test('idempotent: applying the plan, then planning again, plans nothing', () => {
    const first = additive(FILE, freshTarget());
    const second = additive(FILE, applied(freshTarget(), first.steps));
    assert.deepEqual(second.steps, []);
    assert.deepEqual(second.skippedUsers, ['ghost'], 'a missing user stays skipped, it is never created');
  });

  test('idempotent for any part of the file against any part of the target (property)', () => {
    const roles = ['r1', 'r2', 'r3'];
    const privileges = ['Query', 'Search', 'Insert'];
    const grantArb = fc.record({
      role: fc.constantFrom(...roles, 'public'),
      privilege: fc.constantFrom(...privileges, 'grp'),
      dbName: fc.constantFrom('*', 'db1'),
      collectionName: fc.constant('*'),
    });
    const fileArb = fc.record({
      roles: fc.subarray(roles),
      groupPrivileges: fc.subarray(privileges),
      grants: fc.uniqueArray(grantArb, { selector: grantKey }),
      bindings: fc.subarray(roles),
    });
    const stateArb = fc.record({
      roles: fc.subarray(roles),
      groupPrivileges: fc.option(fc.subarray(privileges)),
      grants: fc.array(grantArb),
      annRoles: fc.subarray(roles),
    });
    fc.assert(
      fc.property(fileArb, stateArb, (f, s) => {
        const file: RbacFile = {
          ...FILE,
          roles: roles.map((name) => ({ name })),
          privilegeGroups: [{ name: 'grp', privileges: f.groupPrivileges }],
          grants: f.grants,
          userRoles: [{ user: 'ann', roles: f.bindings }],
        };
        const state = modelOf({
          roles: ['admin', 'public', ...s.roles],
          users: [{ name: 'ann', roles: s.annRoles }],
          groups: s.groupPrivileges === null ? [] : [{ name: 'grp', privileges: s.groupPrivileges, builtIn: false }],
          grants: s.grants.filter((x) => s.roles.includes(x.role) || x.role === 'public'),
        });
        const plan = additive(file, state);
        assert.deepEqual(additive(file, applied(state, plan.steps)).steps, []);
        const existing = new Set(state.grants.map((x) => grantKey(grantToSpec(x))));
        assert.ok(plan.steps.every((step) => step.kind !== 'grant' || !existing.has(grantKey(step.grant))));
      }),
    );
  });

  test('users missing on the target are skipped, their roles still created', () => {
    const plan = additive(
      {
        ...FILE,
        userRoles: [
          { user: 'ghost', roles: ['reader'] },
          { user: 'zed', roles: ['writer'] },
        ],
      },
      freshTarget(),
    );
    assert.deepEqual(plan.skippedUsers, ['ghost', 'zed']);
    assert.ok(plan.steps.every((s) => s.kind !== 'bindRole'));
    assert.ok(plan.steps.some((s) => s.kind === 'createRole' && s.role === 'reader'));
  });
});

describe('planRbac, additive: references nothing resolves', () => {
  test('a grant to a role neither in the file nor on the target', () => {
    refusal(
      () => additive({ ...FILE, grants: [...FILE.grants, g('nobody', 'Query')] }, freshTarget()),
      /grants\[4\] grants to role "nobody", which is neither/,
    );
  });

  test('a custom group neither in the file nor on the target; one on the target is fine', () => {
    refusal(
      () => additive({ ...FILE, grants: [g('reader', 'missing_group')] }, freshTarget()),
      /grants\[0\] grants "missing_group", which is no Milvus privilege/,
    );
    const state = freshTarget();
    state.privilegeGroups = [
      ...(state.privilegeGroups ?? []),
      { name: 'only_on_target', privileges: [], builtIn: false },
    ];
    assert.equal(
      additive({ ...FILE, grants: [g('reader', 'only_on_target')] }, state).steps.filter((s) => s.kind === 'grant')
        .length,
      1,
    );
  });

  test('a binding to a role neither in the file nor on the target', () => {
    refusal(
      () => additive({ ...FILE, userRoles: [{ user: 'ann', roles: ['reader', 'ghost_role'] }] }, freshTarget()),
      /userRoles\[0\] binds user "ann" to role "ghost_role"/,
    );
  });

  test('privilege groups for a server without them', () => {
    refusal(
      () => additive(FILE, { ...freshTarget(), privilegeGroups: undefined }),
      /this server has no privilege groups/,
    );
    const noGroups = additive(
      { ...FILE, privilegeGroups: [], grants: [g('reader', 'Query', 'default')] },
      { ...freshTarget(), privilegeGroups: undefined },
    );
    assert.equal(noGroups.steps.length, 6);
  });
});
