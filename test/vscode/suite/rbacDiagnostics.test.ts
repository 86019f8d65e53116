// RBAC file diagnostics in a real VS Code: what the JSON schema cannot say (a role or group the file does not define, a
// group granted at a level Milvus refuses, duplicates), with exact ranges, for `*.milvus-rbac.json` and for any JSON
// file that declares the format; updated as the document is edited.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { getApi, waitFor } from './extensionHelpers';

const SOURCE = 'Milvus RBAC';

const BODY = `{
  "format": "milvus-access-manager/rbac",
  "version": 1,
  "exportedAt": "2026-01-01T00:00:00.000Z",
  "source": { "address": "http://127.0.0.1:19530", "serverVersion": "v2.6.19" },
  "roles": [{ "name": "reader" }, { "name": "reader" }],
  "privilegeGroups": [{ "name": "readers", "privileges": ["Query", "Search", "Query"] }],
  "grants": [
    { "role": "ghost", "privilege": "Search", "dbName": "db1", "collectionName": "*" },
    { "role": "reader", "privilege": "writers", "dbName": "*", "collectionName": "*" },
    { "role": "reader", "privilege": "ClusterReadOnly", "dbName": "db1", "collectionName": "*" },
    { "role": "reader", "privilege": "readers", "dbName": "db1", "collectionName": "books" },
    { "role": "reader", "privilege": "readers", "dbName": "db1", "collectionName": "books" },
    { "role": "public", "privilege": "CreateDatabase", "dbName": "db1", "collectionName": "*" }
  ],
  "userRoles": [{ "user": "ann", "roles": ["reader", "nobody", "admin"] }]
}
`;

function workspaceFile(name: string, text: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the test VS Code has a workspace folder');
  const file = path.join(folder.uri.fsPath, name);
  fs.writeFileSync(file, text);
  return vscode.Uri.file(file);
}

function ours(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === SOURCE);
}

/** Each diagnostic as `code severity: the text it covers`. */
function shown(document: vscode.TextDocument): string[] {
  return ours(document.uri)
    .map((d) => {
      const text = document.getText(d.range).replace(/\s+/g, ' ');
      return `${typeof d.code === 'object' ? String(d.code.value) : String(d.code)} ${d.severity === vscode.DiagnosticSeverity.Error ? 'error' : 'warning'}: ${text}`;
    })
    .sort();
}

suite('rbac file diagnostics', () => {
  const created: vscode.Uri[] = [];

  suiteSetup(() => getApi());
  suiteTeardown(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    for (const uri of created) fs.rmSync(uri.fsPath, { force: true });
  });

  test('a *.milvus-rbac.json file: each problem the schema cannot express, at its exact range', async () => {
    const uri = workspaceFile('diag.milvus-rbac.json', BODY);
    created.push(uri);
    const document = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(document);
    await waitFor(() => ours(uri).length > 0, 'diagnostics');
    assert.deepEqual(shown(document), [
      'duplicate error: "Query"',
      'duplicate error: "reader"',
      'duplicate error: { "role": "reader", "privilege": "readers", "dbName": "db1", "collectionName": "books" }',
      'invalid-level error: { "role": "reader", "privilege": "ClusterReadOnly", "dbName": "db1", "collectionName": "*" }',
      'invalid-level warning: { "role": "public", "privilege": "CreateDatabase", "dbName": "db1", "collectionName": "*" }',
      'unknown-group error: "writers"',
      'unknown-role error: "ghost"',
      'unknown-role error: "nobody"',
    ]);
    const messages = ours(uri).map((d) => d.message);
    assert.ok(messages.some((m) => /Role "ghost" is not defined in this file's "roles"/.test(m)));
    assert.ok(messages.some((m) => /"writers" is no Milvus privilege and no privilege group defined/.test(m)));
    assert.ok(
      messages.some((m) =>
        /ClusterReadOnly is a cluster-level group: grant it with dbName and collectionName "\*"/.test(m),
      ),
    );
  });

  test('editing the document updates them: defining the role and the group clears those problems', async () => {
    const uri = created[0];
    const document = await vscode.workspace.openTextDocument(uri);
    const edit = new vscode.WorkspaceEdit();
    const text = document.getText();
    const at = (needle: string): vscode.Range => {
      const offset = text.indexOf(needle);
      return new vscode.Range(document.positionAt(offset), document.positionAt(offset + needle.length));
    };
    edit.replace(uri, at('"ghost"'), '"reader"');
    edit.replace(
      uri,
      at('[{ "name": "reader" }, { "name": "reader" }]'),
      '[{ "name": "reader" }, { "name": "nobody" }]',
    );
    assert.ok(await vscode.workspace.applyEdit(edit));
    await waitFor(() => !shown(document).some((s) => s.startsWith('unknown-role')), 'the unknown roles to clear');
    assert.deepEqual(
      shown(document).filter((s) => s.startsWith('unknown') || s.startsWith('duplicate error: "')),
      ['duplicate error: "Query"', 'unknown-group error: "writers"'],
    );
  });

  test('any JSON file that declares the format is checked; other JSON files are not', async () => {
    const declared = workspaceFile('team-access.json', BODY);
    const plain = workspaceFile('plain.json', BODY.replace('milvus-access-manager/rbac', 'something-else'));
    created.push(declared, plain);
    const a = await vscode.workspace.openTextDocument(declared);
    const b = await vscode.workspace.openTextDocument(plain);
    await vscode.window.showTextDocument(b);
    await vscode.window.showTextDocument(a);
    await waitFor(() => ours(declared).length === 8, 'diagnostics on the declared file');
    assert.deepEqual(ours(plain), []);
  });
});
