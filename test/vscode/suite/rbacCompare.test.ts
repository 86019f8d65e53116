// Compare with Server and Compare Two Connections in a real VS Code: the diff editor opens with the server's model on
// the left (a read-only document with Export's serialisation) and the file, or the other server, on the right.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { RunningTestServer } from '../../milvus-server';
import { addConnection, rootProfile, startServer } from './extensionHelpers';
import { COMMANDS, ok, rbacSuite } from './rbacHelpers';

interface CompareResult {
  left: string;
  right: string;
}

const SEED = {
  databases: ['db1'],
  roles: ['reader', 'writer'],
  grants: [
    { role: 'reader', privilege: 'Search', objectType: 'Collection' as const, objectName: '*', dbName: 'db1' },
    { role: 'writer', privilege: 'Insert', objectType: 'Collection' as const, objectName: 'books', dbName: 'db1' },
  ],
};

function activeDiff(): vscode.TabInputTextDiff {
  const input = vscode.window.tabGroups.activeTabGroup.activeTab?.input;
  assert.ok(input instanceof vscode.TabInputTextDiff, 'the active tab is a diff editor');
  return input;
}

async function text(uri: string | vscode.Uri): Promise<string> {
  return (await vscode.workspace.openTextDocument(typeof uri === 'string' ? vscode.Uri.parse(uri) : uri)).getText();
}

suite('rbac file: compare with the server', () => {
  const fixture = rbacSuite('Compare staging', { seed: SEED });
  let other: RunningTestServer | undefined;
  let file: string;

  suiteSetup(() => {
    const folder = vscode.workspace.workspaceFolders?.[0];
    assert.ok(folder);
    file = path.join(folder.uri.fsPath, 'compare.milvus-rbac.json');
  });
  suiteTeardown(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await other?.stop();
    if (file) fs.rmSync(file, { force: true });
  });

  test('the diff editor opens: left the server (read-only, Export serialisation), right the file', async () => {
    const { api, root } = fixture;
    await ok(api, COMMANDS.exportRbac, { id: root.id, file });
    const exported = fs.readFileSync(file, 'utf8');
    const edited = JSON.parse(exported) as { roles: { name: string }[]; grants: unknown[] };
    edited.roles.push({ name: 'auditor' });
    edited.grants.pop();
    fs.writeFileSync(file, `${JSON.stringify(edited, null, 2)}\n`);

    const result = await ok<CompareResult>(api, COMMANDS.compareWithServer, { id: root.id, file });
    const diff = activeDiff();
    assert.equal(diff.original.scheme, 'milvus-rbac');
    assert.equal(diff.original.toString(), result.left);
    assert.equal(diff.modified.fsPath, file);
    // The left side is exactly what Export wrote (the file's exportedAt is reused, so only the model can differ).
    assert.equal(await text(diff.original), exported);
    assert.notEqual(await text(diff.modified), exported);
    const tab = vscode.window.tabGroups.activeTabGroup.activeTab;
    assert.match(tab?.label ?? '', /Compare staging \(server\) ↔ compare\.milvus-rbac\.json/);
  });

  test('Compare Two Connections: both sides are servers (staging vs production)', async () => {
    const { api, root, created } = fixture;
    const started = await startServer({ seed: { roles: ['reader', 'prod_only'] } });
    other = started.server;
    const production = await addConnection(rootProfile(other, 'Compare production'), {
      password: started.rootPassword,
    });
    created.push(production.id);
    const result = await ok<CompareResult>(api, COMMANDS.compareConnections, { id: root.id, otherId: production.id });
    const diff = activeDiff();
    assert.equal(diff.original.toString(), result.left);
    assert.equal(diff.modified.toString(), result.right);
    assert.equal(diff.modified.scheme, 'milvus-rbac');
    const roles = async (uri: vscode.Uri): Promise<string[]> =>
      (JSON.parse(await text(uri)) as { roles: { name: string }[] }).roles.map((r) => r.name);
    assert.deepEqual(await roles(diff.original), ['reader', 'writer']);
    assert.deepEqual(await roles(diff.modified), ['prod_only', 'reader']);
    assert.match(vscode.window.tabGroups.activeTabGroup.activeTab?.label ?? '', /Compare staging ↔ Compare production/);
  });
});
