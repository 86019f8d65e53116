import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { MilvusError } from '../../src/core/errors/milvusError';
import type { RbacFile } from '../../src/core/rbac/file';
import type { RbacModel } from '../../src/core/rbac/model';
import { planRbac } from '../../src/core/rbac/planner';
import { renderPlanMarkdown } from '../../src/core/rbac/planMarkdown';
import { planToJson, renderPlanText } from '../../src/core/rbac/planRender';
import { describeStep, inverseSteps, rollbackSteps, type RbacApplyStep } from '../../src/core/rbac/steps';
import type { Grant, GrantSpec } from '../../src/core/types';

const t = (role: string, privilege: string, dbName = '*', collectionName = '*'): GrantSpec => ({
  role,
  privilege,
  dbName,
  collectionName,
});

const grant = (role: string, privilege: string, dbName = '*', objectName = '*'): Grant => ({
  role,
  privilege,
  dbName,
  objectName,
  objectType: 'Global',
  grantor: 'root',
});

function file(over: Partial<RbacFile> = {}): RbacFile {
  return {
    format: 'milvus-access-manager/rbac',
    version: 1,
    exportedAt: '2026-01-02T03:04:05.000Z',
    source: { address: 'http://staging:19530', serverVersion: 'v2.6.19' },
    roles: [{ name: 'reader', description: 'Reads' }],
    privilegeGroups: [{ name: 'readers', privileges: ['Query', 'Search'] }],
    grants: [t('reader', 'readers', 'default', 'books')],
    userRoles: [{ user: 'ann', roles: ['reader'] }],
    ...over,
  };
}

/** A server with what FILE wants plus: role legacy (a grant, member bob), group oldgroup, ann also in legacy and admin. */
function model(over: Partial<RbacModel> = {}): RbacModel {
  return {
    via: 'backupRbac',
    caller: 'root',
    database: 'default',
    serverVersion: 'v2.6.19',
    users: [
      { name: 'ann', roles: ['reader', 'legacy', 'admin'] },
      { name: 'bob', roles: ['legacy'] },
    ],
    roles: [
      { name: 'admin', users: ['ann'] },
      { name: 'public', users: [] },
      { name: 'reader', users: ['ann'], description: 'Reads' },
      { name: 'legacy', users: ['ann', 'bob'], description: 'Old' },
    ],
    grants: [grant('reader', 'readers', 'default', 'books'), grant('legacy', 'Insert', 'default', 'books')],
    grantsRead: [],
    privilegeGroups: [
      { name: 'readers', privileges: ['Query', 'Search', 'Delete'], builtIn: false },
      { name: 'oldgroup', privileges: ['Insert'], builtIn: false },
    ],
    descriptions: true,
    ...over,
  };
}

const texts = (steps: readonly RbacApplyStep[]): string[] => steps.map(describeStep);

describe('planRbac', () => {
  test('additive: nothing to add plans nothing, whatever the server has besides', () => {
    const plan = planRbac(file(), model(), { mode: 'additive' });
    assert.deepEqual(plan.steps, []);
    assert.deepEqual(plan.leftOut, []);
  });

  test('exact: removes what the file lacks, last, in the order revoke → drop; admin binding is left out', () => {
    const plan = planRbac(file(), model(), { mode: 'exact' });
    assert.deepEqual(texts(plan.steps), [
      'unbind user ann from role legacy',
      'unbind user bob from role legacy',
      'revoke Insert on collection default.books from role legacy',
      'drop role legacy',
      'remove Delete from privilege group readers',
      'drop privilege group oldgroup',
    ]);
    assert.deepEqual(texts(plan.leftOut.map((l) => l.step)), ['unbind user ann from role admin']);
    assert.match(plan.leftOut[0].reason, /built-in role/);
  });

  test('exact: a changed description is a change; servers without descriptions are left alone', () => {
    const f = file({ roles: [{ name: 'reader', description: 'Reads books' }] });
    const steps = planRbac(f, model(), { mode: 'exact' }).steps.filter((s) => s.kind === 'alterRole');
    assert.deepEqual(steps, [{ kind: 'alterRole', role: 'reader', description: 'Reads books', previous: 'Reads' }]);
    assert.equal(
      planRbac(f, model({ descriptions: false }), { mode: 'exact' }).steps.some((s) => s.kind === 'alterRole'),
      false,
    );
  });

  test('exact: never touches root, public or built-in groups', () => {
    const m = model({
      users: [{ name: 'root', roles: ['legacy'] }],
      grants: [grant('public', 'DescribeCollection'), grant('admin', 'ClusterAdmin')],
      grantsRead: ['public', 'admin'],
      privilegeGroups: [{ name: 'ClusterAdmin', privileges: ['CreateOwnership'], builtIn: true }],
    });
    const plan = planRbac(file({ privilegeGroups: [], grants: [], userRoles: [] }), m, { mode: 'exact' });
    const all = texts(plan.steps).join('\n');
    assert.doesNotMatch(all, /root|public|admin|ClusterAdmin/);
  });

  test('exact: Load in the file keeps the GetLoadState and GetLoadingProgress the server added (G14)', () => {
    const m = model({
      grants: ['Load', 'GetLoadState', 'GetLoadingProgress'].map((p) => grant('reader', p, 'default', 'books')),
      privilegeGroups: [{ name: 'readers', privileges: ['Query', 'Search'], builtIn: false }],
      users: [{ name: 'ann', roles: ['reader'] }],
      roles: [{ name: 'reader', users: ['ann'], description: 'Reads' }],
    });
    const plan = planRbac(file({ grants: [t('reader', 'Load', 'default', 'books')] }), m, { mode: 'exact' });
    assert.deepEqual(texts(plan.steps), []);
  });

  test('exact: a grant to a role the file does not define is refused, nothing planned', () => {
    assert.throws(
      () => planRbac(file({ grants: [t('legacy', 'Query')] }), model(), { mode: 'exact' }),
      (e: unknown) =>
        e instanceof MilvusError && e.kind === 'invalidInput' && /not in the file's roles/.test(e.message),
    );
  });
});

describe('privileges the tool does not know (privilegesUnknownToClient)', () => {
  const withExpr = (over: Partial<RbacFile> = {}): RbacFile =>
    file({ grants: [t('reader', 'readers', 'default', 'books'), t('reader', 'Expr')], ...over });
  const refusedAsUnknown = (e: unknown): boolean =>
    e instanceof MilvusError &&
    e.kind === 'invalidInput' &&
    /"Expr"/.test(e.message) &&
    /Nothing was sent/.test(e.message);

  test('an unlisted unknown name is still refused in both modes, before anything is planned', () => {
    assert.throws(() => planRbac(withExpr(), model(), { mode: 'exact' }), refusedAsUnknown);
    assert.throws(() => planRbac(withExpr(), model(), { mode: 'additive' }), refusedAsUnknown);
    // Listing another name does not let this one through.
    const other = withExpr({ privilegesUnknownToClient: ['Exprs'] });
    assert.throws(() => planRbac(other, model(), { mode: 'exact' }), refusedAsUnknown);
  });

  test('a listed name is planned as a grant, as is, with a note; granted already, it plans nothing', () => {
    const listed = withExpr({ privilegesUnknownToClient: ['Expr'] });
    for (const mode of ['additive', 'exact'] as const) {
      const plan = planRbac(listed, model(), { mode });
      assert.deepEqual(
        plan.steps.filter((s) => s.kind === 'grant').map((s) => s.kind === 'grant' && s.grant),
        [t('reader', 'Expr')],
      );
      assert.equal(plan.notes?.length, 1);
      assert.match(plan.notes[0], /Expr is not known to this tool; the server decides/);
      assert.match(renderPlanText(plan), /Expr is not known to this tool/);
      assert.deepEqual(planToJson(plan).notes, plan.notes);
      assert.match(renderPlanMarkdown(plan), /Expr is not known to this tool/);
    }
    const granted = model({ grants: [...model().grants, grant('reader', 'Expr')] });
    assert.equal(
      planRbac(listed, granted, { mode: 'exact' }).steps.some(
        (s) => s.kind === 'revoke' && s.grant.privilege === 'Expr',
      ),
      false,
    );
    assert.equal(
      planRbac(listed, granted, { mode: 'additive' }).steps.some((s) => s.kind === 'grant'),
      false,
    );
  });

  test('a plan without such names has no notes', () => {
    assert.equal(planRbac(file(), model(), { mode: 'exact' }).notes, undefined);
  });
});

describe('lockout guard', () => {
  // deployer applies; its only path to ManageOwnership and DropOwnership is role ops (group ClusterAdmin).
  const m = (): RbacModel =>
    model({
      caller: 'deployer',
      users: [
        { name: 'deployer', roles: ['ops'] },
        { name: 'bob', roles: ['legacy'] },
      ],
      roles: [
        { name: 'admin', users: [] },
        { name: 'public', users: [] },
        { name: 'ops', users: ['deployer'] },
        { name: 'legacy', users: ['bob'] },
      ],
      grants: [grant('ops', 'ClusterAdmin'), grant('legacy', 'Insert', 'default', 'books')],
      privilegeGroups: [],
    });
  const bare = file({ roles: [], privilegeGroups: [], grants: [], userRoles: [] });

  test("removals that would cut the caller's last path are left out, with the reason; the rest go ahead", () => {
    const plan = planRbac(bare, m(), { mode: 'exact' });
    assert.deepEqual(texts(plan.steps), [
      'unbind user bob from role legacy',
      'revoke Insert on collection default.books from role legacy',
      'drop role legacy',
    ]);
    assert.deepEqual(texts(plan.leftOut.map((l) => l.step)), [
      'unbind user deployer from role ops',
      'revoke ClusterAdmin on cluster from role ops',
      'drop role ops',
    ]);
    for (const l of plan.leftOut)
      assert.match(l.reason, /deployer runs this plan, and this is its last path to .*ManageOwnership/);
    assert.match(
      renderPlanText(plan),
      /Left out \(3\)\n {2}! unbind user deployer from role ops: deployer runs this plan/,
    );
  });

  test('another path (the file binds the caller to a new role with the same rights) lets the removals through', () => {
    const f = file({
      roles: [{ name: 'ops2' }],
      privilegeGroups: [],
      grants: [t('ops2', 'ClusterAdmin')],
      userRoles: [{ user: 'deployer', roles: ['ops2'] }],
    });
    const plan = planRbac(f, m(), { mode: 'exact' });
    assert.deepEqual(plan.leftOut, []);
    assert.ok(texts(plan.steps).includes('drop role ops'));
  });

  test('root and callers holding admin need no guard', () => {
    assert.deepEqual(planRbac(bare, m(), { mode: 'exact', caller: 'root' }).leftOut, []);
    const withAdmin = m();
    withAdmin.users[0].roles.push('admin');
    assert.deepEqual(
      planRbac(bare, withAdmin, { mode: 'exact' }).leftOut.filter((l) => !/built-in role/.test(l.reason)),
      [],
    );
  });
});

describe('plan documents and rollback', () => {
  test('the text groups by role with + ~ - marks; the JSON carries the same steps in run order', () => {
    const plan = planRbac(
      file({ roles: [{ name: 'reader', description: 'Reads' }, { name: 'writer' }], grants: [t('writer', 'Insert')] }),
      model(),
      { mode: 'exact' },
    );
    const text = renderPlanText(plan, 'http://prod:19530');
    assert.match(
      text,
      /^Plan \(exact: removes what the file lacks\) for http:\/\/prod:19530: 2 to add, 1 to change, \d+ to remove\./,
    );
    assert.match(
      text,
      /\nRole writer \(new\)\n {2}\+ create role writer\n {2}\+ grant Insert on all collections to role writer\n/,
    );
    assert.match(text, /\nRole legacy \(dropped\)\n/);
    assert.match(
      text,
      /\nPrivilege groups\n {2}~ remove Delete from privilege group readers\n {2}- drop privilege group oldgroup\n/,
    );
    const json = planToJson(plan);
    assert.equal(json.steps.length, plan.steps.length);
    assert.deepEqual(json.changes, { add: 2, change: 1, remove: plan.steps.length - 3 });
    assert.equal(json.steps[0].text, describeStep(plan.steps[0]));
  });

  test('every step has an inverse whose inverse is the step again', () => {
    const steps: RbacApplyStep[] = [
      { kind: 'createRole', role: 'r', description: 'd' },
      { kind: 'grant', grant: t('r', 'Query') },
      { kind: 'bindRole', user: 'u', role: 'r' },
      { kind: 'addGroupPrivileges', group: 'g', privileges: ['Query'] },
      { kind: 'alterRole', role: 'r', description: 'new', previous: 'old' },
    ];
    for (const step of steps) assert.deepEqual(inverseSteps(inverseSteps(step)[0]), [step]);
    assert.deepEqual(inverseSteps({ kind: 'dropGroup', group: 'g', privileges: ['Query'] }), [
      { kind: 'createGroup', group: 'g' },
      { kind: 'addGroupPrivileges', group: 'g', privileges: ['Query'] },
    ]);
    assert.deepEqual(texts(rollbackSteps(steps.slice(0, 3))), [
      'unbind user u from role r',
      'revoke Query on all collections from role r',
      'drop role r',
    ]);
  });
});
