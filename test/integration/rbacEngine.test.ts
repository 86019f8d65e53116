// The RBAC engine against test servers: how many RPCs a whole-model read costs, exact plans converge, and a failed
// apply's rollback plan puts the server back as it was.
import { test, describe, after } from 'node:test';
import assert from 'node:assert/strict';
import type { RunningTestServer, TestServerOptions } from '../milvus-server';
import type { AdminApi } from '../../src/core/adminApi';
import { parseRbacFile } from '../../src/core/rbac/fileParse';
import { readRbacModel } from '../../src/core/rbac/model';
import { planRbac } from '../../src/core/rbac/planner';
import { describeStep } from '../../src/core/rbac/steps';
import { applyRbacPlan, exportRbac, rollbackPlan } from '../../src/core/rbac/sync';
import { NEWEST_ONLY, connectRoot, startServer } from './helpers';

const SEED: NonNullable<TestServerOptions['seed']> = {
  roles: [{ name: 'reader', description: 'Reads' }, 'writer', 'legacy'],
  users: [
    { name: 'ann', password: 'Ann-pass-1', roles: ['reader', 'legacy'] },
    { name: 'bob', password: 'Bob-pass-1', roles: ['writer'] },
  ],
  privilegeGroups: [{ name: 'readers', privileges: ['Query', 'Search'] }],
  grants: [
    { role: 'reader', privilege: 'readers', objectName: 'books', dbName: 'default' },
    { role: 'writer', privilege: 'Insert', objectType: 'Collection', objectName: '*', dbName: 'default' },
    { role: 'legacy', privilege: 'Delete', objectType: 'Collection', objectName: '*', dbName: 'default' },
  ],
};

const servers: RunningTestServer[] = [];
const apis: AdminApi[] = [];
after(async () => {
  for (const api of apis) await api.close();
  for (const s of servers) await s.stop();
});

async function serve(options: TestServerOptions): Promise<{ server: RunningTestServer; api: AdminApi }> {
  const server = await startServer({ auth: true, ...options });
  servers.push(server);
  const api = await connectRoot(server);
  apis.push(api);
  server.resetRpcCounts();
  return { server, api };
}

// Starts servers of fixed releases (2.6.19, 2.4.9) itself: once per matrix run is enough.
describe('readRbacModel', NEWEST_ONLY, () => {
  test('2.6.19: one BackupRBAC and one SelectRole, whatever the number of roles', async () => {
    const { server, api } = await serve({ seed: SEED });
    const model = await readRbacModel(api);
    assert.deepEqual(server.rpcCounts(), { BackupRBAC: 1, SelectRole: 1 });
    assert.equal(model.via, 'backupRbac');
    assert.deepEqual(model.roles.map((r) => r.name).sort(), ['admin', 'legacy', 'public', 'reader', 'writer']);
    assert.equal(model.grants.length, 3);
  });

  test('2.4.9 (no BackupRBAC, no groups): the listings and one SelectGrant per custom role', async () => {
    const { server, api } = await serve({
      seed: { ...SEED, privilegeGroups: [], grants: SEED.grants?.slice(1) },
      version: 'v2.4.9',
    });
    const model = await readRbacModel(api);
    const counts = server.rpcCounts();
    assert.equal(model.via, 'listings');
    assert.equal(model.privilegeGroups, undefined);
    assert.deepEqual(
      { SelectGrant: counts.SelectGrant, SelectRole: counts.SelectRole, SelectUser: counts.SelectUser },
      { SelectGrant: 3, SelectRole: 1, SelectUser: 1 },
    );
    assert.equal(model.grants.length, 2);
  });
});

describe('exact plan and rollback', NEWEST_ONLY, () => {
  test('an exact apply converges; the rollback of a failed one restores the export', async () => {
    const { server, api } = await serve({ seed: SEED });
    const before = await exportRbac(api, 'x', new Date(0));
    const wanted = { ...before, roles: before.roles.filter((r) => r.name !== 'legacy') };
    wanted.grants = before.grants.filter((g) => g.role !== 'legacy');
    wanted.userRoles = before.userRoles.map((u) => ({ ...u, roles: u.roles.filter((r) => r !== 'legacy') }));
    const file = parseRbacFile(JSON.stringify(wanted), api.ruleProfile);
    const plan = planRbac(file, await readRbacModel(api, file), { mode: 'exact' });
    assert.deepEqual(plan.steps.map(describeStep), [
      'unbind user ann from role legacy',
      'revoke Delete on all collections in default from role legacy',
      'drop role legacy',
    ]);
    // The last step is refused: ann's unbinding and the revoke are applied, the drop is not.
    server.resetRpcCounts();
    const failing = {
      ...plan,
      steps: [...plan.steps.slice(0, 2), { kind: 'dropRole' as const, role: 'no_such_role' }],
    };
    const report = await applyRbacPlan(api, failing);
    assert.equal(report.applied.length, 2);
    assert.ok(report.failed);
    const undo = rollbackPlan(report);
    assert.deepEqual(undo.steps.map(describeStep), [
      'grant Delete on all collections in default to role legacy',
      'bind user ann to role legacy',
    ]);
    assert.equal((await applyRbacPlan(api, undo)).failed, undefined);
    assert.deepEqual(await exportRbac(api, 'x', new Date(0)), before);
    // Now all of it, and a second plan is empty.
    assert.equal((await applyRbacPlan(api, plan)).failed, undefined);
    assert.deepEqual(planRbac(file, await readRbacModel(api, file), { mode: 'exact' }).steps, []);
  });
});
