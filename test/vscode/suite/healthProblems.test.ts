// RBAC health of a linked RBAC file as Problems (issue 22, item 2), in a real VS Code: Check RBAC Health on a
// connection linked to a workspace file publishes the file's findings (against the server's release and collections)
// at the grant or role they concern, with quick fixes; saving the file checks it again without reading the server;
// the file's policy applies to the server's findings too.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { waitFor } from './extensionHelpers';
import { COMMANDS, ok, rbacSuite } from './rbacHelpers';

const SOURCE = 'Milvus RBAC health';
const OUR_FIXES = [
  /^Open the RBAC Health Report$/,
  /^Remove This Grant from the File$/,
  /^Allow Role \S+ in policy\.adminRoles$/,
];
const NAME = 'health-problems.milvus-rbac.json';
const BODY = `{
  "format": "milvus-access-manager/rbac",
  "version": 1,
  "exportedAt": "2026-01-01T00:00:00.000Z",
  "source": { "address": "http://127.0.0.1:19530", "serverVersion": "v2.6.19" },
  "roles": [{ "name": "idle" }, { "name": "ops" }, { "name": "reader" }],
  "privilegeGroups": [],
  "grants": [
    { "role": "ops", "privilege": "*", "dbName": "*", "collectionName": "*" },
    { "role": "reader", "privilege": "Query", "dbName": "default", "collectionName": "gone" },
    { "role": "reader", "privilege": "Search", "dbName": "default", "collectionName": "books" }
  ],
  "userRoles": [{ "user": "alice", "roles": ["ops", "reader"] }]
}
`;

async function link(links: Record<string, string> | undefined): Promise<void> {
  await vscode.workspace
    .getConfiguration('milvusAccessManager')
    .update('rbacFileLinks', links, vscode.ConfigurationTarget.Workspace);
}

function ours(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === SOURCE);
}

/** Each Problem as `code: the text it covers`. */
function shown(document: vscode.TextDocument): string[] {
  return ours(document.uri)
    .map(
      (d) =>
        `${typeof d.code === 'object' ? String(d.code.value) : String(d.code)}: ${document.getText(d.range).replace(/\s+/g, ' ')}`,
    )
    .sort();
}

async function quickFixes(document: vscode.TextDocument, code: string): Promise<vscode.CodeAction[]> {
  const diagnostic = ours(document.uri).find((d) => d.code === code);
  assert.ok(diagnostic, `no ${code} Problem`);
  const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
    'vscode.executeCodeActionProvider',
    document.uri,
    diagnostic.range,
    vscode.CodeActionKind.QuickFix.value,
  );
  // The command's results carry no diagnostics: ours are known by their titles.
  return actions.filter((a) => OUR_FIXES.some((title) => title.test(a.title)));
}

suite('rbac health as problems', () => {
  const fixture = rbacSuite('Problems prod', {
    seed: {
      roles: ['ops', 'reader'],
      users: [{ name: 'alice', roles: ['ops', 'reader'] }],
      collections: [{ name: 'books' }],
      grants: [
        { role: 'ops', privilege: '*', objectType: 'Global', objectName: '*', dbName: '*' },
        { role: 'reader', privilege: 'Search', objectType: 'Collection', objectName: 'books', dbName: 'default' },
      ],
    },
  });
  let uri: vscode.Uri;

  suiteSetup(async () => {
    const folder = vscode.workspace.workspaceFolders?.[0];
    assert.ok(folder);
    uri = vscode.Uri.file(path.join(folder.uri.fsPath, NAME));
    fs.writeFileSync(uri.fsPath, BODY);
    await link({ [fixture.root.name]: NAME });
  });
  suiteTeardown(async () => {
    await link(undefined);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    if (uri) fs.rmSync(uri.fsPath, { force: true });
  });

  const check = (): Promise<{ findings: { code: string; subject: string }[] }> =>
    ok(fixture.api, COMMANDS.checkRbacHealth, { id: fixture.root.id });

  test('Check RBAC Health publishes the linked file findings at the grant or role they concern', async () => {
    const server = await check();
    assert.ok(
      server.findings.some((f) => f.code === 'adminGrantOutsidePolicy'),
      JSON.stringify(server.findings),
    );
    const document = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(document);
    await waitFor(() => ours(uri).length > 0, 'the health Problems');
    assert.deepEqual(shown(document), [
      'adminGrantOutsidePolicy: { "role": "ops", "privilege": "*", "dbName": "*", "collectionName": "*" }',
      'missingCollection: { "role": "reader", "privilege": "Query", "dbName": "default", "collectionName": "gone" }',
      'roleWithoutGrants: "idle"',
      'roleWithoutMembers: "idle"',
    ]);
    assert.match(
      ours(uri).find((d) => d.code === 'missingCollection')?.message ?? '',
      /^Grant on a missing collection: The grant names collection gone, which does not exist there/,
    );
  });

  test('quick fixes: open the report (on this connection), remove the grant; saving checks the file again', async () => {
    const document = await vscode.workspace.openTextDocument(uri);
    const fixes = await quickFixes(document, 'missingCollection');
    assert.deepEqual(fixes.map((a) => a.title).sort(), [
      'Open the RBAC Health Report',
      'Remove This Grant from the File',
    ]);
    const open = fixes.find((a) => a.title === 'Open the RBAC Health Report');
    assert.deepEqual(open?.command?.arguments, [{ id: fixture.root.id }]);
    const remove = fixes.find((a) => a.title === 'Remove This Grant from the File');
    assert.ok(remove?.edit && (await vscode.workspace.applyEdit(remove.edit)));
    assert.doesNotMatch(document.getText(), /"gone"/);
    assert.ok(await document.save());
    await waitFor(() => !ours(uri).some((d) => d.code === 'missingCollection'), 'the Problems after saving');
    assert.equal(ours(uri).length, 3);
  });

  test('allowing the role in the file policy clears the Problem, and the server finding at the next check', async () => {
    const document = await vscode.workspace.openTextDocument(uri);
    const fixes = await quickFixes(document, 'adminGrantOutsidePolicy');
    const allow = fixes.find((a) => a.title === 'Allow Role ops in policy.adminRoles');
    assert.ok(allow?.edit && (await vscode.workspace.applyEdit(allow.edit)));
    assert.deepEqual((JSON.parse(document.getText()) as { policy: unknown }).policy, { adminRoles: ['ops'] });
    assert.ok(await document.save());
    await waitFor(() => !ours(uri).some((d) => d.code === 'adminGrantOutsidePolicy'), 'the Problems after saving');
    const server = await check();
    assert.deepEqual(
      server.findings.filter((f) => f.code === 'adminGrantOutsidePolicy'),
      [],
      'the file policy applies to the server',
    );
  });

  test('a file no longer linked loses its health Problems at the next check', async () => {
    assert.ok(ours(uri).length > 0);
    await link(undefined);
    await check();
    await waitFor(() => ours(uri).length === 0, 'no health Problems');
  });
});
