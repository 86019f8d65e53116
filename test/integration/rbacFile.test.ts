// RBAC as a file against real test servers: export one, apply to another through the same core functions the commands
// use (exportRbac → serializeRbacFile → parseRbacFile → readRbacModel → planRbac → applyRbacPlan).
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { RunningTestServer, TestServerOptions } from '../milvus-server';
import type { AdminApi } from '../../src/core/adminApi';
import { serializeRbacFile, type RbacFile } from '../../src/core/rbac/file';
import { parseRbacFile } from '../../src/core/rbac/fileParse';
import { readRbacModel } from '../../src/core/rbac/model';
import { planRbac, type RbacPlan } from '../../src/core/rbac/planner';
import { describeStep } from '../../src/core/rbac/steps';
import { applyRbacPlan, exportRbac } from '../../src/core/rbac/sync';
import { ERA, MATRIX_VERSION, connectRoot, startServer, NEWEST_ONLY } from './helpers';

type Seed = NonNullable<TestServerOptions['seed']>;

const PASSWORDS = { ann: 'Ann-pass-7731', bob: 'Bob-pass-4410', carol: 'Carol-pass-0925' };

/** A staging server as Milvus would hold it: Load granted with its related privileges (G14), public with an extra grant. */
const STAGING: Seed = {
  databases: ['db1'],
  roles: [{ name: 'reader', description: 'Reads the catalogue' }, 'writer', 'ops'],
  users: [
    { name: 'ann', password: PASSWORDS.ann, roles: ['reader', 'writer'] },
    { name: 'bob', password: PASSWORDS.bob, roles: ['ops'] },
    { name: 'carol', password: PASSWORDS.carol },
  ],
  privilegeGroups: [
    { name: 'readers', privileges: ['Query', 'Search'] },
    { name: 'unused_group', privileges: [] },
  ],
  grants: [
    { role: 'reader', privilege: 'readers', objectType: 'Global', dbName: '*' },
    { role: 'writer', privilege: 'Insert', objectName: 'books', dbName: 'db1' },
    { role: 'writer', privilege: 'Load', dbName: 'default' },
    { role: 'writer', privilege: 'GetLoadState', dbName: 'default' },
    { role: 'writer', privilege: 'GetLoadingProgress', dbName: 'default' },
    { role: 'ops', privilege: 'ClusterReadOnly', objectType: 'Global', dbName: '*' },
    { role: 'ops', privilege: 'CollectionReadOnly', objectType: 'Global', objectName: 'books', dbName: 'db1' },
    { role: 'public', privilege: 'ShowCollections', dbName: 'default' },
  ],
};

/** Only what Milvus 2.4.9 can hold: no privilege groups, V1 privileges only. */
const OLD_STAGING: Seed = {
  roles: ['reader', 'writer'],
  users: [{ name: 'ann', password: PASSWORDS.ann, roles: ['reader', 'writer'] }],
  grants: [
    { role: 'reader', privilege: 'Query', dbName: 'default' },
    { role: 'writer', privilege: 'Insert', objectName: 'books', dbName: 'default' },
    { role: 'writer', privilege: 'CreateCollection', dbName: '*' },
  ],
};

const WRITE_RPCS = [
  'CreateRole',
  'CreatePrivilegeGroup',
  'OperatePrivilegeGroup',
  'OperatePrivilege',
  'OperatePrivilegeV2',
  'OperateUserRole',
  'DropRole',
  'DropPrivilegeGroup',
  'RestoreRBAC',
];

async function withServer<T>(
  options: TestServerOptions,
  action: (api: AdminApi, server: RunningTestServer) => Promise<T>,
): Promise<T> {
  const server = await startServer({ auth: true, ...options });
  const api = await connectRoot(server);
  try {
    return await action(api, server);
  } finally {
    await api.close();
    await server.stop();
  }
}

/** What Apply does after reading the file: parse for the target's rules, read the target's model, plan additively. */
async function planFor(api: AdminApi, content: string): Promise<{ file: RbacFile; plan: RbacPlan }> {
  const file = parseRbacFile(content, api.ruleProfile);
  return { file, plan: planRbac(file, await readRbacModel(api, file), { mode: 'additive' }) };
}

const body = (f: RbacFile): Omit<RbacFile, 'exportedAt' | 'source'> =>
  ({ ...f, exportedAt: undefined, source: undefined }) as Omit<RbacFile, 'exportedAt' | 'source'>;

describe('RBAC file: export from staging, apply to production', NEWEST_ONLY, () => {
  let staging: RunningTestServer;
  let production: RunningTestServer;
  let source: AdminApi;
  let target: AdminApi;
  let exported: RbacFile;
  let content: string;

  before(async () => {
    staging = await startServer({ auth: true, seed: STAGING });
    production = await startServer({
      auth: true,
      seed: {
        users: [
          { name: 'ann', password: 'Other-pass-1' },
          { name: 'carol', password: 'Other-pass-2' },
        ],
      },
    });
    source = await connectRoot(staging);
    target = await connectRoot(production);
  });
  after(async () => {
    await source.close();
    await target.close();
    await staging.stop();
    await production.stop();
  });

  test('export: BackupRBAC plus one SelectRole; built-ins, root and every password left out', async () => {
    staging.resetRpcCounts();
    exported = await exportRbac(source, `http://${staging.address}`, new Date('2026-03-04T05:06:07Z'));
    assert.deepEqual(staging.rpcCounts(), { BackupRBAC: 1, SelectRole: 1 });
    content = serializeRbacFile(exported);
    for (const secret of [...Object.values(PASSWORDS), 'Milvus', '$2a$', '$2b$'])
      assert.ok(!content.includes(secret), `the file holds ${secret}`);
    assert.deepEqual(exported.source, {
      address: `http://${staging.address}`,
      serverVersion: MATRIX_VERSION,
      database: 'default',
    });
    assert.deepEqual(exported.roles, [
      { name: 'ops' },
      { name: 'reader', description: 'Reads the catalogue' },
      { name: 'writer' },
    ]);
    assert.deepEqual(exported.privilegeGroups, [
      { name: 'readers', privileges: ['Query', 'Search'] },
      { name: 'unused_group', privileges: [] },
    ]);
    assert.deepEqual(exported.userRoles, [
      { user: 'ann', roles: ['reader', 'writer'] },
      { user: 'bob', roles: ['ops'] },
    ]);
    assert.equal(exported.grants.length, 7);
    assert.ok(exported.grants.every((g) => g.role !== 'public'));
    assert.deepEqual(parseRbacFile(content, target.ruleProfile), exported);
  });

  test('apply to a fresh server: the plan, then every step succeeds; bob (missing) is skipped', async () => {
    const { plan } = await planFor(target, content);
    assert.deepEqual(plan.skippedUsers, ['bob']);
    assert.deepEqual(
      plan.steps.map((s) => s.kind),
      [
        'createGroup',
        'createGroup',
        'createRole',
        'createRole',
        'createRole',
        'addGroupPrivileges',
        'grant',
        'grant',
        'grant',
        'grant',
        'grant',
        'grant',
        'grant',
        'bindRole',
        'bindRole',
      ],
    );
    production.resetRpcCounts();
    const seen: string[] = [];
    const report = await applyRbacPlan(target, plan, { after: (s) => seen.push(describeStep(s)) });
    assert.equal(report.failed, undefined, report.failed?.error.message);
    assert.equal(report.applied.length, plan.steps.length);
    assert.deepEqual(seen, plan.steps.map(describeStep));
    const counts = production.rpcCounts();
    assert.deepEqual(
      {
        groups: counts.CreatePrivilegeGroup,
        roles: counts.CreateRole,
        groupOps: counts.OperatePrivilegeGroup,
        grants: counts.OperatePrivilegeV2,
        binds: counts.OperateUserRole,
      },
      // 7 grants. The facade's one-time OperatePrivilegeV2 probe ran while the model was read: the backup listed no
      // groups and the file has some, so the feature probe asked whether the server has groups.
      { groups: 2, roles: 3, groupOps: 1, grants: 7, binds: 2 },
    );
  });

  test('the production listings now match staging (minus the skipped user)', async () => {
    const copy = await exportRbac(target, `http://${production.address}`);
    assert.deepEqual(body(copy), body({ ...exported, userRoles: exported.userRoles.filter((u) => u.user !== 'bob') }));
    const ann = (await target.listUsersWithRoles()).find((u) => u.name === 'ann');
    assert.deepEqual([...(ann?.roles ?? [])].sort(), ['reader', 'writer']);
    assert.ok(!(await target.listUsersWithRoles()).some((u) => u.name === 'bob'), 'users are never created');
    const reader = (await target.listRolesWithUsers()).find((r) => r.name === 'reader');
    assert.equal(reader?.description, 'Reads the catalogue');
  });

  test('applying the same file again plans nothing and sends only reads', async () => {
    production.resetRpcCounts();
    const { plan } = await planFor(target, content);
    assert.deepEqual(plan.steps, []);
    const counts = production.rpcCounts();
    for (const rpc of WRITE_RPCS) assert.equal(counts[rpc], undefined, `${rpc} was sent`);
    assert.deepEqual(counts, { BackupRBAC: 1, SelectRole: 1 });
  });
});

describe(
  'RBAC file: a refusal stops the run',
  { skip: !ERA.privilegeGroups && 'its file holds privilege groups' },
  () => {
    test('the third role exceeds the target limit: two groups and one role applied, the rest not; the server text kept', async () => {
      const content = await withServer({ seed: STAGING }, async (api) =>
        serializeRbacFile(await exportRbac(api, 'staging')),
      );
      await withServer({ maxRoles: 3 }, async (api, server) => {
        const { plan } = await planFor(api, content);
        server.resetRpcCounts();
        const report = await applyRbacPlan(api, plan);
        assert.deepEqual(
          report.applied.map((s) => s.kind),
          ['createGroup', 'createGroup', 'createRole'],
        );
        assert.equal(report.failed?.step.kind, 'createRole');
        assert.equal(report.failed?.error.kind, 'server');
        assert.match(report.failed?.error.message ?? '', /role/i);
        assert.ok(report.failed?.error.details.serverMessage, 'the server text is kept');
        assert.equal(report.notApplied.length, plan.steps.length - 4);
        assert.deepEqual(server.rpcCounts(), { CreatePrivilegeGroup: 2, CreateRole: 2 });
      });
    });
  },
);

describe('RBAC file: servers without BackupRBAC, privilege groups or V2 grants (Milvus 2.4.9)', NEWEST_ONLY, () => {
  let fromBackup: RbacFile;
  let fromListings: RbacFile;

  before(async () => {
    fromBackup = await withServer({ seed: OLD_STAGING }, (api) => exportRbac(api, 'new'));
    fromListings = await withServer({ seed: OLD_STAGING, version: 'v2.4.9' }, async (api, server) => {
      server.resetRpcCounts();
      const file = await exportRbac(api, 'old');
      const counts = server.rpcCounts();
      assert.equal(counts.SelectUser, 1);
      assert.equal(counts.SelectGrant, 2, 'one per own role, none for admin and public');
      return file;
    });
  });

  test('the listing fallback exports the same file as BackupRBAC', () => {
    assert.deepEqual(body(fromListings), body(fromBackup));
    assert.equal(fromListings.grants.length, 3);
  });

  test('applies to an old server with V1 grants, then plans nothing', async () => {
    await withServer(
      { version: 'v2.4.9', seed: { users: [{ name: 'ann', password: 'Other-pass-1' }] } },
      async (api) => {
        const content = serializeRbacFile(fromListings);
        const { plan } = await planFor(api, content);
        const report = await applyRbacPlan(api, plan);
        assert.equal(report.failed, undefined, report.failed?.error.message);
        assert.deepEqual(body(await exportRbac(api, 'copy')), body(fromListings));
        assert.deepEqual((await planFor(api, content)).plan.steps, []);
      },
    );
  });

  test('a file with privilege groups is refused for a server without them, before any write', async () => {
    const content = await withServer({ seed: STAGING }, async (api) =>
      serializeRbacFile(await exportRbac(api, 'staging')),
    );
    await withServer({ version: 'v2.4.9' }, async (api, server) => {
      server.resetRpcCounts();
      await assert.rejects(planFor(api, content), /this server has no privilege groups/);
      for (const rpc of WRITE_RPCS) assert.equal(server.rpcCounts()[rpc], undefined, `${rpc} was sent`);
    });
  });
});
