// Privilege names the extension's catalogue does not know (a newer server's, or a build's own such as 3.0's `Expr`,
// which is in Milvus's lists but not in the protocol's enum: pkg/util/constant.go@v3.0.0 PrivilegeExpr): the client
// sends them as typed and shows, reads and exports them as the server answers them. The test server (3.0.0) answers.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { RunningTestServer } from '../milvus-server';
import type { AdminApi } from '../../src/core/adminApi';
import { effectiveAccess } from '../../src/core/access/effectivePrivileges';
import { isDefinedPrivilegeName } from '../../src/core/access/privileges';
import { MilvusError } from '../../src/core/errors/milvusError';
import { readRbacModel } from '../../src/core/rbac/model';
import { planRbac, type RbacPlanMode } from '../../src/core/rbac/planner';
import { renderPlanText } from '../../src/core/rbac/planRender';
import { applyRbacPlan, exportRbac } from '../../src/core/rbac/sync';
import { parseRbacFile } from '../../src/core/rbac/fileParse';
import { serializeRbacFile } from '../../src/core/rbac/file';
import { connectRoot, startServer } from './helpers';

const UNKNOWN = 'Expr';

describe('a privilege the client does not know, answered by a 3.0.0 server', () => {
  let server: RunningTestServer;
  let api: AdminApi;
  before(async () => {
    server = await startServer({ auth: true, version: 'v3.0.0' });
    api = await connectRoot(server);
    await api.createRole('scripted');
    await api.createUser('scripter', 'scripter-pass', undefined);
    await api.grantRole('scripter', 'scripted');
  });
  after(async () => {
    await api.close();
    await server.stop();
  });

  test('the client catalogue really lacks it (else this test proves nothing)', () => {
    assert.equal(isDefinedPrivilegeName(UNKNOWN), false);
  });

  test('granted as typed (the server decides), then listed as the server answers it', async () => {
    await api.grantPrivilege({ role: 'scripted', privilege: UNKNOWN, dbName: '*', collectionName: '*' });
    const grants = await api.listGrants('scripted');
    assert.deepEqual(
      grants.filter((g) => g.privilege === UNKNOWN).map((g) => [g.objectType, g.dbName, g.objectName]),
      [['Global', '*', '*']],
    );
    const access = effectiveAccess('scripter', ['scripted'], new Map([['scripted', grants]]), []);
    assert.ok(JSON.stringify(access).includes(UNKNOWN), 'the effective-access view keeps the unknown name');
  });

  test('exported as is, and the exported file parses back with the name unchanged', async () => {
    const file = await exportRbac(api, server.address);
    const exported = file.grants.filter((g) => g.privilege === UNKNOWN);
    assert.equal(exported.length, 1);
    assert.deepEqual(file.privilegesUnknownToClient, [UNKNOWN]);
    const again = parseRbacFile(serializeRbacFile(file), 'milvus-2.6');
    assert.deepEqual(
      again.grants.filter((g) => g.privilege === UNKNOWN),
      exported,
    );
  });

  test('a 2.6.19 server refuses the same typed name, and the client says so instead of crashing', async () => {
    const old = await startServer({ auth: true, version: 'v2.6.19' });
    const oldApi = await connectRoot(old);
    try {
      await oldApi.createRole('scripted');
      await assert.rejects(
        oldApi.grantPrivilege({ role: 'scripted', privilege: UNKNOWN, dbName: '*', collectionName: '*' }),
        (e: unknown) => e instanceof MilvusError && /Expr/.test(`${e.message} ${JSON.stringify(e.details)}`),
      );
    } finally {
      await oldApi.close();
      await old.stop();
    }
  });

  for (const mode of ['additive', 'exact'] as const satisfies readonly RbacPlanMode[]) {
    test(`the export is planned and applied (${mode}) to a second 3.0.0 server: the grant arrives as is, a re-plan is empty`, async () => {
      const text = serializeRbacFile(await exportRbac(api, server.address));
      const file = parseRbacFile(text, 'milvus-2.6');
      const target = await startServer({ auth: true, version: 'v3.0.0' });
      const targetApi = await connectRoot(target);
      try {
        await targetApi.createUser('scripter', 'scripter-pass', undefined);
        const plan = planRbac(file, await readRbacModel(targetApi, file), { mode });
        assert.ok(
          plan.steps.some((s) => s.kind === 'grant' && s.grant.privilege === UNKNOWN),
          'the plan grants the unknown name',
        );
        assert.match(renderPlanText(plan), /Expr is not known to this tool; the server decides/);
        const report = await applyRbacPlan(targetApi, plan);
        assert.equal(report.failed, undefined, report.failed?.error.message);
        assert.deepEqual(
          (await targetApi.listGrants('scripted'))
            .filter((g) => g.privilege === UNKNOWN)
            .map((g) => [g.objectType, g.dbName, g.objectName]),
          [['Global', '*', '*']],
        );
        const again = planRbac(file, await readRbacModel(targetApi, file), { mode });
        assert.deepEqual(again.steps, [], renderPlanText(again));
      } finally {
        await targetApi.close();
        await target.stop();
      }
    });
  }

  test('the same file without the list is refused before anything is sent', async () => {
    const file = await exportRbac(api, server.address);
    delete file.privilegesUnknownToClient;
    const model = await readRbacModel(api, file);
    for (const mode of ['additive', 'exact'] as const)
      assert.throws(
        () => planRbac(file, model, { mode }),
        (e: unknown) => e instanceof MilvusError && e.kind === 'invalidInput' && /"Expr"/.test(e.message),
      );
  });
});
