// Zilliz Cloud connections (docs/milvus-behaviour.md §10) against the test server's flavours, through the real SDK:
// on Dedicated the facade and the planner refuse what the cloud refuses before anything is sent; on Serverless no
// access-control RPC is sent at all.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { RunningTestServer, TestServerOptions } from '../milvus-server';
import type { AdminApi } from '../../src/core/adminApi';
import { explain } from '../../src/core/access/explain';
import { readAccessModel } from '../../src/core/access/explainRead';
import { ManagedInConsoleError } from '../../src/core/access/flavor';
import { parseRbacFile } from '../../src/core/rbac/fileParse';
import { readRbacModel } from '../../src/core/rbac/model';
import { planRbac } from '../../src/core/rbac/planner';
import { describeStep } from '../../src/core/rbac/steps';
import { exportRbac } from '../../src/core/rbac/sync';
import { connectAs, rejectsWith, startServer } from './helpers';

const PASSWORD = 'Zilliz-Cl0ud';

async function serve(
  flavor: 'zilliz-dedicated' | 'zilliz-serverless',
  options: TestServerOptions = {},
): Promise<{ server: RunningTestServer; api: AdminApi }> {
  const server = await startServer({ auth: true, flavor, rootPassword: PASSWORD, ...options });
  const api = await connectAs(server, 'db_admin', PASSWORD, { flavor });
  return { server, api };
}

/** Runs `fn` and asserts that it sent none of `rpcs`. */
async function sendsNone(server: RunningTestServer, rpcs: string[], fn: () => Promise<unknown>): Promise<void> {
  server.resetRpcCounts();
  await fn();
  const counts = server.rpcCounts();
  assert.deepEqual(
    rpcs.filter((rpc) => (counts[rpc] ?? 0) > 0),
    [],
    `sent: ${JSON.stringify(counts)}`,
  );
}

describe('Zilliz Cloud Dedicated', () => {
  let server: RunningTestServer;
  let api: AdminApi;
  before(async () => {
    ({ server, api } = await serve('zilliz-dedicated', {
      seed: {
        roles: ['reader'],
        users: [{ name: 'ann', password: PASSWORD, roles: ['reader', 'db_ro'] }],
        grants: [{ role: 'reader', privilege: 'CollectionReadOnly', objectName: '*', dbName: 'default' }],
      },
    }));
  });
  after(async () => {
    await api.close();
    await server.stop();
  });

  test('the connection knows its flavour and takes the cloud rules', () => {
    assert.equal(api.info.flavor, 'zilliz-dedicated');
    assert.equal(api.ruleProfile, 'zilliz-cloud');
  });

  test('db_admin is never dropped nor unbound from db_admin; nothing is sent', async () => {
    await sendsNone(server, ['DeleteCredential', 'OperateUserRole'], async () => {
      await rejectsWith(api.dropUser('db_admin'), 'invalidInput', /db_admin .*cannot be dropped/);
      await rejectsWith(api.revokeRole('db_admin', 'db_admin'), 'invalidInput', /keeps its db_admin role/);
    });
    assert.ok((await api.listUsersWithRoles()).some((u) => u.name === 'db_admin'));
  });

  test('the built-in roles are never dropped, described or granted to; members may be added and removed', async () => {
    await sendsNone(server, ['DropRole', 'AlterRole', 'OperatePrivilegeV2', 'OperatePrivilege'], async () => {
      for (const role of ['db_admin', 'db_rw', 'db_ro']) {
        await rejectsWith(api.dropRole(role), 'invalidInput', new RegExp(`${role} is a built-in role of Zilliz Cloud`));
        await rejectsWith(api.alterRole(role, 'x'), 'invalidInput', /built-in role of Zilliz Cloud/);
        await rejectsWith(
          api.grantPrivilege({ role, privilege: 'ClusterReadOnly', dbName: '*', collectionName: '*' }),
          'invalidInput',
          /its privileges cannot be changed/,
        );
      }
    });
    await api.grantRole('ann', 'db_rw');
    await api.revokeRole('ann', 'db_rw');
  });

  test('a custom role takes built-in groups only: a single privilege is refused before sending', async () => {
    await sendsNone(server, ['OperatePrivilegeV2', 'OperatePrivilege'], () =>
      rejectsWith(
        api.grantPrivilege({ role: 'reader', privilege: 'Search', dbName: 'default', collectionName: '*' }),
        'invalidInput',
        /built-in privilege groups only; "Search" is not one/,
      ),
    );
    await api.grantPrivilege({ role: 'reader', privilege: 'DatabaseReadOnly', dbName: 'default', collectionName: '*' });
    assert.ok((await api.listGrants('reader')).some((g) => g.privilege === 'DatabaseReadOnly'));
  });

  test('user-defined privilege groups are refused before sending', async () => {
    await sendsNone(server, ['CreatePrivilegeGroup', 'OperatePrivilegeGroup', 'DropPrivilegeGroup'], async () => {
      await rejectsWith(api.createPrivilegeGroup('mine'), 'invalidInput', /no user-defined privilege groups/);
      await rejectsWith(api.addPrivilegesToGroup('mine', ['Search']), 'invalidInput', /no user-defined/);
    });
  });

  test("the cloud's password and username rules apply before sending", async () => {
    await sendsNone(server, ['CreateCredential'], async () => {
      await rejectsWith(api.createUser('weak_user', 'alllowercase'), 'invalidInput');
      await rejectsWith(api.createUser('has-dash', PASSWORD), 'invalidInput');
    });
    await api.createUser('strong_user', PASSWORD);
    await api.dropUser('strong_user');
  });

  test('exact plan: db_admin and the built-in roles are left alone; single privileges are refused one line each', async () => {
    const exported = await exportRbac(api, 'x', new Date(0));
    const wanted = { ...exported, userRoles: exported.userRoles.filter((u) => u.user !== 'ann') };
    const file = parseRbacFile(JSON.stringify(wanted), api.ruleProfile);
    const plan = planRbac(file, await readRbacModel(api, file), { mode: 'exact', caller: 'db_admin' });
    assert.deepEqual(plan.steps.map(describeStep), ['unbind user ann from role reader']);
    assert.deepEqual(
      plan.leftOut.map((l) => describeStep(l.step)),
      ['unbind user ann from role db_ro'],
    );
    const bad = {
      ...exported,
      grants: [
        ...exported.grants,
        { role: 'reader', privilege: 'Search', dbName: 'default', collectionName: '*' },
        { role: 'reader', privilege: 'Insert', dbName: 'default', collectionName: 'books' },
        { role: 'db_rw', privilege: 'DatabaseAdmin', dbName: 'default', collectionName: '*' },
      ],
    };
    const badFile = parseRbacFile(JSON.stringify(bad), api.ruleProfile);
    const model = await readRbacModel(api, badFile);
    for (const mode of ['additive', 'exact'] as const) {
      const error = await rejectsWith(
        Promise.resolve().then(() => planRbac(badFile, model, { mode })),
        'invalidInput',
        /cannot take 3 of the file's entries/,
      );
      const lines = error.message.split('\n');
      assert.equal(lines.filter((l) => l.startsWith('- ')).length, 3, error.message);
      assert.match(error.message, /"Search" is not one \(role reader\)/);
      assert.match(error.message, /"Insert" is not one/);
      assert.match(error.message, /db_rw is a built-in role/);
      assert.match(lines[lines.length - 1], /Nothing was sent\./);
    }
  });

  test('lockout guard: a holder of the db_admin role keeps everything through it, so its other grants may go', async () => {
    const { server: srv, api: admin } = await serve('zilliz-dedicated', {
      seed: {
        roles: ['ops_role'],
        users: [{ name: 'ops', password: PASSWORD, roles: ['db_admin', 'ops_role'] }],
        grants: [{ role: 'ops_role', privilege: 'ClusterAdmin', objectType: 'Global', objectName: '*', dbName: '*' }],
      },
    });
    try {
      const exported = await exportRbac(admin, 'x', new Date(0));
      const file = parseRbacFile(JSON.stringify({ ...exported, grants: [] }), admin.ruleProfile);
      const plan = planRbac(file, await readRbacModel(admin, file), { mode: 'exact', caller: 'ops' });
      assert.deepEqual(plan.steps.map(describeStep), ['revoke ClusterAdmin on cluster from role ops_role']);
      assert.deepEqual(plan.leftOut, []);
    } finally {
      await admin.close();
      await srv.stop();
    }
  });

  test('Explain a Permission Error: a holder of the db_admin role may do everything, as the server lets it', async () => {
    const { server: srv, api: admin } = await serve('zilliz-dedicated', {
      seed: { users: [{ name: 'ops', password: PASSWORD, roles: ['db_admin'] }] },
    });
    const ops = await connectAs(srv, 'ops', PASSWORD, { flavor: 'zilliz-dedicated' });
    try {
      const question = { user: 'ops', operation: 'createRole', rpcs: ['CreateRole'], dbName: 'default' };
      const answer = explain(question, await readAccessModel(admin));
      assert.equal(answer.allowed, true);
      assert.equal(answer.steps[0]?.verdict, 'allowed');
      assert.match(answer.steps[0]?.answer?.unrestricted ?? '', /db_admin role, Zilliz Cloud's Admin role/);
      await ops.createRole('made_by_ops');
    } finally {
      await ops.close();
      await admin.close();
      await srv.stop();
    }
  });

  test('the 101st user is refused before CreateCredential is sent', async () => {
    const { server: full, api: admin } = await serve('zilliz-dedicated', {
      seed: { users: Array.from({ length: 99 }, (_, i) => ({ name: `user_${i}`, password: PASSWORD })) },
    });
    try {
      await sendsNone(full, ['CreateCredential'], () =>
        rejectsWith(admin.createUser('one_more', PASSWORD), 'invalidInput', /at most 100 users, and this one has 100/),
      );
      await admin.dropUser('user_0');
      await admin.createUser('one_more', PASSWORD);
    } finally {
      await admin.close();
      await full.stop();
    }
  });
});

describe('Zilliz Cloud Serverless', () => {
  let server: RunningTestServer;
  let api: AdminApi;
  before(async () => {
    ({ server, api } = await serve('zilliz-serverless'));
  });
  after(async () => {
    await api.close();
    await server.stop();
  });

  test('no access-control RPC is sent; each call says where access is managed', async () => {
    const rbac = ['SelectUser', 'SelectRole', 'ListPrivilegeGroups', 'BackupRBAC', 'CreateCredential', 'CreateRole'];
    await sendsNone(server, rbac, async () => {
      for (const call of [
        () => api.listUsersWithRoles(),
        () => api.listRolesWithUsers(),
        () => api.listPrivilegeGroups(),
        () => api.createUser('someone', PASSWORD),
        () => api.createRole('r1'),
        () => readRbacModel(api),
      ]) {
        const error = await rejectsWith(call(), 'invalidInput', /managed in the Zilliz Cloud console/);
        assert.ok(error instanceof ManagedInConsoleError);
      }
    });
  });

  test('the data plane still answers', async () => {
    assert.ok((await api.listDatabases()).includes('default'));
  });

  test('a serverless URI is recognised without a choice in the profile', async () => {
    const auto = await connectAs(server, 'db_admin', PASSWORD, { flavor: 'auto' });
    try {
      assert.equal(auto.info.flavor, 'milvus', 'a 127.0.0.1 URI is no Zilliz endpoint');
    } finally {
      await auto.close();
    }
  });
});
