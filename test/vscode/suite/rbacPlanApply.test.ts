// Plan and apply from the editor in a real VS Code: the plan is a readable document shown before anything is sent;
// exact mode lists every removal in a modal of its own (Cancel sends nothing); an applied exact plan converges; a
// refusal part-way offers to roll back the steps that were applied.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ConfirmRequest } from '../../../src/commands/kit/confirm';
import type { RunningTestServer } from '../../milvus-server';
import { addConnection, newSecret, rootProfile, startServer } from './extensionHelpers';
import { COMMANDS, fails, ok, rbacSuite, run } from './rbacHelpers';

interface PlanResult {
  mode: string;
  planDocument: string;
  steps: string[];
  leftOut: string[];
}

interface ApplyResult {
  mode: string;
  applied: string[];
  planDocument?: string;
}

const WRITES = ['CreateRole', 'DropRole', 'OperatePrivilege', 'OperatePrivilegeV2', 'OperateUserRole', 'AlterRole'];

function writes(milvus: RunningTestServer): number {
  const counts = milvus.rpcCounts();
  return WRITES.reduce((n, rpc) => n + (counts[rpc] ?? 0), 0);
}

const SEED = {
  databases: ['db1'],
  roles: ['reader', 'old_role'],
  users: [{ name: 'ann', password: newSecret('PlanAnn'), roles: ['reader', 'old_role'] }],
  grants: [
    { role: 'reader', privilege: 'Search', objectType: 'Collection' as const, objectName: '*', dbName: 'db1' },
    { role: 'reader', privilege: 'Query', objectType: 'Collection' as const, objectName: '*', dbName: 'db1' },
    { role: 'old_role', privilege: 'Insert', objectType: 'Collection' as const, objectName: 'books', dbName: 'db1' },
  ],
};

/** Answers modals by their first words; records every question. */
function respond(
  api: Awaited<ReturnType<typeof rbacSuite>>['api'],
  replies: [RegExp, string | undefined][],
): ConfirmRequest[] {
  const asked: ConfirmRequest[] = [];
  api.confirmations.responder = (q) => {
    asked.push(q);
    return replies.find(([pattern]) => pattern.test(q.message))?.[1];
  };
  return asked;
}

suite('rbac plan and apply from the editor', () => {
  const fixture = rbacSuite('Plan prod', { seed: SEED });
  let small: RunningTestServer | undefined;
  let file: string;
  let dir: string;

  suiteSetup(async () => {
    const folder = vscode.workspace.workspaceFolders?.[0];
    assert.ok(folder);
    dir = folder.uri.fsPath;
    file = path.join(dir, 'plan.milvus-rbac.json');
    await ok(fixture.api, COMMANDS.exportRbac, { id: fixture.root.id, file });
    const doc = JSON.parse(fs.readFileSync(file, 'utf8')) as {
      roles: { name: string }[];
      grants: { role: string; privilege: string }[];
      userRoles: { user: string; roles: string[] }[];
    };
    doc.roles = [{ name: 'auditor' }, ...doc.roles.filter((r) => r.name !== 'old_role')];
    doc.grants = doc.grants.filter((g) => g.role !== 'old_role' && g.privilege !== 'Query');
    doc.userRoles = [{ user: 'ann', roles: ['auditor', 'reader'] }];
    fs.writeFileSync(file, `${JSON.stringify(doc, null, 2)}\n`);
  });
  suiteTeardown(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await small?.stop();
    for (const f of ['plan.milvus-rbac.json', 'two-roles.milvus-rbac.json'])
      fs.rmSync(path.join(dir, f), { force: true });
  });

  test('Show RBAC Plan opens a readable plan, grouped by role, and sends nothing', async () => {
    const { api, root, milvus } = fixture;
    milvus.resetRpcCounts();
    const result = await ok<PlanResult>(api, COMMANDS.planRbac, { id: root.id, file, mode: 'exact' });
    assert.equal(writes(milvus), 0);
    const text = (await vscode.workspace.openTextDocument(vscode.Uri.parse(result.planDocument))).getText();
    assert.match(text, /^# Plan: plan\.milvus-rbac\.json → Plan prod \(exact\)\n\nNothing has been sent yet\./);
    assert.match(
      text,
      /Plan \(exact: removes what the file lacks\) for Plan prod \(http:\/\/127\.0\.0\.1:\d+\): 2 to add, 0 to change, 4 to remove\./,
    );
    assert.match(text, /\nRole auditor \(new\)\n {2}\+ create role auditor\n {2}\+ bind user ann to role auditor\n/);
    assert.match(text, /\nRole old_role \(dropped\)\n(.*\n)* {2}- drop role old_role\n/);
    assert.match(text, / {2}- revoke Query on all collections in db1 from role reader/);
    const shown = vscode.window.visibleTextEditors.map((e) => e.document.uri.toString());
    assert.ok(shown.includes(result.planDocument), 'the plan document is open');
  });

  test('exact plan of a misspelled privilege: neither a privilege nor a group, with the nearest name (issue 23)', async () => {
    const { api, root } = fixture;
    const typo = path.join(dir, 'typo.milvus-rbac.json');
    const doc = JSON.parse(fs.readFileSync(file, 'utf8')) as { grants: { privilege: string }[] };
    const grants = doc.grants;
    assert.ok(grants[0], 'the exported file has a grant');
    grants[0].privilege = 'Serach';
    fs.writeFileSync(typo, `${JSON.stringify(doc, null, 2)}\n`);
    try {
      const message = await fails(api, COMMANDS.planRbac, { id: root.id, file: typo, mode: 'exact' });
      assert.match(message, /names "Serach", which is neither a Milvus privilege nor a privilege group/);
      assert.match(message, /Did you mean "Search"\?/);
      assert.doesNotMatch(message, /grants the privilege group/);
    } finally {
      fs.rmSync(typo, { force: true });
    }
  });

  test('exact apply: a second modal lists every removal; keeping them sends nothing', async () => {
    const { api, root, milvus } = fixture;
    const asked = respond(api, [[/^Apply /, 'Apply']]);
    milvus.resetRpcCounts();
    assert.equal(await run(api, COMMANDS.applyRbac, { id: root.id, file, mode: 'exact' }), undefined);
    assert.equal(api.commandErrors.last, undefined);
    assert.equal(asked.length, 2);
    assert.match(asked[0].detail ?? '', /Exact mode: the 4 removals are listed for confirmation next\./);
    assert.equal(asked[1].message, 'Remove 4 entries from "Plan prod"? This cannot be undone by the server.');
    assert.deepEqual(asked[1].actions, ['Keep Them', 'Remove 4']);
    for (const line of [
      '− unbind user ann from role old_role',
      '− revoke Query on all collections in db1 from role reader',
      '− revoke Insert on collection db1.books from role old_role',
      '− drop role old_role',
    ])
      assert.ok(asked[1].detail?.includes(line), `${line} is not listed: ${asked[1].detail}`);
    assert.equal(writes(milvus), 0);
  });

  test('exact apply confirmed: the server converges (a second exact plan is empty) and a snapshot was kept', async () => {
    const { api, root, read } = fixture;
    respond(api, [
      [/^Apply /, 'Apply'],
      [/^Remove /, 'Remove 4'],
    ]);
    const result = await ok<ApplyResult>(api, COMMANDS.applyRbac, { id: root.id, file, mode: 'exact' });
    assert.equal(result.mode, 'exact');
    assert.equal(result.applied.length, 6);
    const roles = (await read((a) => a.listRolesWithUsers())).map((r) => r.name).sort();
    assert.deepEqual(roles, ['admin', 'auditor', 'public', 'reader']);
    const again = await ok<PlanResult>(api, COMMANDS.planRbac, { id: root.id, file, mode: 'exact' });
    assert.deepEqual(again.steps, []);
    const snapshots = await ok<{ reason: string }[]>(api, COMMANDS.showSnapshots, { id: root.id, list: true });
    assert.equal(snapshots[0]?.reason, 'before applying plan.milvus-rbac.json');
  });

  test('a refusal part-way offers to roll back what was applied; Roll Back undoes it', async () => {
    const { api, created } = fixture;
    const started = await startServer({ maxRoles: 3 });
    small = started.server;
    const connection = await addConnection(rootProfile(small, 'Plan small'), { password: started.rootPassword });
    created.push(connection.id);
    const twoRoles = path.join(dir, 'two-roles.milvus-rbac.json');
    const doc = JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>;
    fs.writeFileSync(
      twoRoles,
      JSON.stringify({
        ...doc,
        roles: [{ name: 'first' }, { name: 'second' }],
        grants: [],
        userRoles: [],
        privilegeGroups: [],
      }),
    );
    const asked = respond(api, [[/Roll them back\?$/, 'Roll Back']]);
    const message = await fails(
      api,
      COMMANDS.applyRbac,
      { id: connection.id, file: twoRoles, confirm: true },
      /stopped at step 2 of 2 \(create role second\)/,
    );
    assert.match(message, /The 1 applied step were rolled back\./);
    assert.equal(asked.length, 1);
    assert.equal(
      asked[0].message,
      'Applying "two-roles.milvus-rbac.json" to "Plan small" stopped after 1 step. Roll them back?',
    );
    assert.match(asked[0].detail ?? '', /Rolling back runs:\n• drop role first/);
    const roles = (await api.connections.run(connection.id, (a) => a.listRolesWithUsers())).map((r) => r.name).sort();
    assert.deepEqual(roles, ['admin', 'public']);
  });

  test('declining the rollback leaves the applied steps and says where the snapshot is', async () => {
    const { api, created } = fixture;
    const id = created[created.length - 1];
    respond(api, []);
    const message = await fails(api, COMMANDS.applyRbac, {
      id,
      file: path.join(dir, 'two-roles.milvus-rbac.json'),
      confirm: true,
    });
    assert.match(message, /Nothing was rolled back; Show RBAC Snapshots has the model from before\./);
    const roles = (await api.connections.run(id, (a) => a.listRolesWithUsers())).map((r) => r.name).sort();
    assert.deepEqual(roles, ['admin', 'first', 'public']);
  });
});
