// Several targets in a real VS Code: one file applied to several connections in one go, with a plan per connection in
// one document, one confirmation, and one summary; a connection that cannot be reached is reported, not fatal.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { RunningTestServer } from '../../milvus-server';
import { addConnection, deadPort, rootProfile, startServer } from './extensionHelpers';
import { answer, COMMANDS, ok, rbacSuite, run } from './rbacHelpers';

interface Outcome {
  connection: string;
  status: string;
  applied: string[];
  error?: string;
}

interface MultiResult {
  planDocument: string;
  outcomes: Outcome[];
}

suite('rbac file: several targets', () => {
  const fixture = rbacSuite('Multi staging', {
    seed: {
      databases: ['db1'],
      roles: ['reader'],
      grants: [{ role: 'reader', privilege: 'Search', objectType: 'Collection', objectName: '*', dbName: 'db1' }],
    },
  });
  const servers: RunningTestServer[] = [];
  const ids: string[] = [];
  let file: string;

  suiteSetup(async () => {
    const folder = vscode.workspace.workspaceFolders?.[0];
    assert.ok(folder);
    file = path.join(folder.uri.fsPath, 'multi.milvus-rbac.json');
    await ok(fixture.api, COMMANDS.exportRbac, { id: fixture.root.id, file });
    for (const name of ['Multi dev', 'Multi prod']) {
      const started = await startServer({});
      servers.push(started.server);
      const profile = await addConnection(rootProfile(started.server, name), { password: started.rootPassword });
      fixture.created.push(profile.id);
      ids.push(profile.id);
    }
    const dead = await addConnection(
      { ...rootProfile(servers[0], 'Multi gone'), uri: `http://127.0.0.1:${await deadPort()}` },
      {
        password: 'not-used-anywhere',
      },
    );
    fixture.created.push(dead.id);
    ids.push(dead.id);
  });
  suiteTeardown(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    for (const s of servers) await s.stop();
    if (file) fs.rmSync(file, { force: true });
  });

  test('one plan document with a section per connection, one question; Cancel sends nothing', async () => {
    const { api } = fixture;
    const asked = answer(api, undefined);
    assert.equal(await run(api, COMMANDS.applyRbacToConnections, { ids, file }), undefined);
    assert.equal(asked.length, 1);
    assert.match(asked[0], /^Apply "multi\.milvus-rbac\.json" to 2 connections\?/);
    assert.match(
      asked[0],
      /• Multi dev: create 1 role, add 1 grant\n• Multi prod: create 1 role, add 1 grant\nNot planned: Multi gone\./,
    );
    for (const s of servers) assert.deepEqual(s.rpcCounts().CreateRole ?? 0, 0);
    const plan = vscode.window.visibleTextEditors.find(
      (e) => e.document.uri.scheme === 'milvus-rbac-plan' && e.document.getText().includes('multi.milvus-rbac.json'),
    );
    assert.ok(plan, 'the plan document is open');
    const text = plan.document.getText();
    for (const heading of [
      '## multi.milvus-rbac.json → Multi dev',
      '## multi.milvus-rbac.json → Multi prod',
      '## multi.milvus-rbac.json → Multi gone',
    ])
      assert.ok(text.includes(heading), `${heading} missing from the plan`);
    assert.match(text, /## multi\.milvus-rbac\.json → Multi gone\n\nNot planned: /);
  });

  test('confirmed: each reachable connection gets the model, one summary reports every connection', async () => {
    const { api } = fixture;
    answer(api, 'Apply to All');
    const result = await ok<MultiResult>(api, COMMANDS.applyRbacToConnections, { ids, file });
    assert.deepEqual(
      result.outcomes.map((o) => `${o.connection}: ${o.status} ${o.applied.length}`),
      ['Multi dev: applied 2', 'Multi prod: applied 2', 'Multi gone: notPlanned 0'],
    );
    for (const id of ids.slice(0, 2)) {
      const roles = await api.connections.run(id, (a) => a.listRolesWithUsers());
      assert.ok(roles.some((r) => r.name === 'reader'));
      const grants = await api.connections.run(id, (a) => a.listGrants('reader'));
      assert.deepEqual(
        grants.map((g) => `${g.privilege} ${g.dbName}/${g.objectName}`),
        ['Search db1/*'],
      );
    }
    assert.ok(
      api.log
        .recent()
        .some((l) =>
          /RBAC file multi\.milvus-rbac\.json applied to 3 connections: Multi dev: 2 changes applied; Multi prod: 2 changes applied; Multi gone: not planned/.test(
            l,
          ),
        ),
    );
  });

  test('a second run has nothing to do anywhere and asks nothing', async () => {
    const { api } = fixture;
    const asked = answer(api, 'Apply to All');
    const result = await ok<MultiResult>(api, COMMANDS.applyRbacToConnections, { ids: ids.slice(0, 2), file });
    assert.deepEqual(
      result.outcomes.map((o) => o.status),
      ['unchanged', 'unchanged'],
    );
    assert.equal(asked.length, 0);
  });
});
