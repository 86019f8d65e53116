// The RBAC file's JSON schema (generated into schemas/milvus-rbac.schema.json and contributed through jsonValidation)
// as VS Code's own JSON language features apply it: mistakes are flagged as you type, before any apply.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as vscode from 'vscode';
import { getApi } from './extensionHelpers';

const NOT_A_PRIVILEGE = /^Not a Milvus privilege or built-in privilege group/;
const CLUSTER_LEVEL = /^A cluster-level group: grant it with dbName and collectionName "\*"/;

const content = `${JSON.stringify(
  {
    format: 'milvus-access-manager/rbac',
    version: 1,
    exportedAt: '2026-01-02T03:04:05.000Z',
    source: { address: 'http://staging:19530', serverVersion: 'v2.6.19' },
    roles: [{ name: 'reader' }],
    privilegeGroups: [{ name: 'readers', privileges: ['Search', 'Serch'] }],
    grants: [{ role: 'reader', privilege: 'ClusterReadOnly', dbName: 'default', collectionName: '*' }],
    userRoles: [],
  },
  null,
  2,
)}\n`;

/** The JSON language service's diagnostics only: the extension's own RBAC checks (source "Milvus RBAC") are tested elsewhere. */
function schemaDiagnostics(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source !== 'Milvus RBAC');
}

async function diagnosticsOf(uri: vscode.Uri, until: (d: readonly vscode.Diagnostic[]) => boolean, ms: number) {
  const deadline = Date.now() + ms;
  let diagnostics = schemaDiagnostics(uri);
  while (!until(diagnostics) && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 100));
    diagnostics = schemaDiagnostics(uri);
  }
  return diagnostics;
}

suite('RBAC files: the JSON schema in the editor', () => {
  let dir: string;
  suiteSetup(async () => {
    await getApi();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'milvus-rbac-schema-'));
  });
  suiteTeardown(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    fs.rmSync(dir, { recursive: true, force: true });
  });

  test('a *.milvus-rbac.json with a wrong privilege name shows our schema’s diagnostic on that name', async () => {
    const file = path.join(dir, 'staging.milvus-rbac.json');
    fs.writeFileSync(file, content);
    const doc = await vscode.workspace.openTextDocument(vscode.Uri.file(file));
    await vscode.window.showTextDocument(doc);
    assert.equal(doc.languageId, 'json');
    const ours = (d: readonly vscode.Diagnostic[]) => d.some((x) => NOT_A_PRIVILEGE.test(x.message));
    const diagnostics = await diagnosticsOf(doc.uri, ours, 45_000);
    const wrongName = diagnostics.find((d) => NOT_A_PRIVILEGE.test(d.message));
    assert.ok(wrongName, `no diagnostic from the RBAC schema: ${JSON.stringify(diagnostics.map((d) => d.message))}`);
    assert.equal(doc.getText(wrongName.range), '"Serch"');
    assert.equal(wrongName.severity, vscode.DiagnosticSeverity.Warning);
    // The level of a built-in group: ClusterReadOnly is granted on "*" / "*", never on one database.
    const level = diagnostics.find((d) => CLUSTER_LEVEL.test(d.message));
    assert.ok(level, JSON.stringify(diagnostics.map((d) => d.message)));
    assert.equal(doc.getText(level.range), '"default"');
    assert.equal(diagnostics.length, 2, JSON.stringify(diagnostics.map((d) => d.message)));
  });

  test('a JSON file without the naming convention is not checked against the RBAC schema', async () => {
    const file = path.join(dir, 'staging.json');
    fs.writeFileSync(file, content);
    const doc = await vscode.workspace.openTextDocument(vscode.Uri.file(file));
    await vscode.window.showTextDocument(doc);
    const diagnostics = await diagnosticsOf(doc.uri, (d) => d.length > 0, 3_000);
    assert.deepEqual(
      diagnostics.map((d) => d.message),
      [],
    );
  });
});
