// Drift in a real VS Code: a connection linked to a workspace RBAC file (the rbacFileLinks workspace setting) is
// checked on connect, on refresh, when the file is saved and after every change the extension sends, with one model
// read; a difference shows in the tree and the status bar, whose click opens the diff. Drift means "a plan would do
// something": users of the file that the server lacks are a note; entries in another order are no difference.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { item, waitFor } from './extensionHelpers';
import { COMMANDS, ok, rbacSuite } from './rbacHelpers';

const LINKS = 'rbacFileLinks';
const NAME = 'drift.milvus-rbac.json';

async function link(links: Record<string, string> | undefined): Promise<void> {
  await vscode.workspace
    .getConfiguration('milvusAccessManager')
    .update(LINKS, links, vscode.ConfigurationTarget.Workspace);
}

suite('rbac drift', () => {
  const fixture = rbacSuite('Drift prod', {
    seed: {
      roles: ['reader'],
      grants: [
        { role: 'reader', privilege: 'Search', objectType: 'Collection', objectName: '*', dbName: 'default' },
        { role: 'reader', privilege: 'Query', objectType: 'Collection', objectName: '*', dbName: 'default' },
      ],
    },
  });
  let file: string;
  const state = (): string | undefined => fixture.api.rbacEditor.drift.state(fixture.root.id)?.status;
  const description = (): string => {
    const node = fixture.api.tree.connectionNode(fixture.root.id);
    assert.ok(node);
    return String(item(fixture.api, node).description ?? '');
  };

  suiteSetup(() => {
    const folder = vscode.workspace.workspaceFolders?.[0];
    assert.ok(folder);
    file = path.join(folder.uri.fsPath, NAME);
  });
  suiteTeardown(async () => {
    await link(undefined);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    if (file) fs.rmSync(file, { force: true });
  });

  test('linking a connected connection to a file checks it: the server matches its export, nothing is shown', async () => {
    const { api, root } = fixture;
    await ok(api, COMMANDS.exportRbac, { id: root.id, file });
    await link({ [root.name]: NAME });
    await waitFor(() => state() === 'same', 'the first drift check');
    assert.doesNotMatch(description(), /drift/);
    assert.equal(api.rbacEditor.driftStatus.shown, undefined);
  });

  test('a change on the server shows after Refresh: tree description, tooltip and status bar item', async () => {
    const { api, root, read } = fixture;
    await read((a) => a.createRole('intruder'));
    await vscode.commands.executeCommand(COMMANDS.refresh, { id: root.id });
    await waitFor(() => state() === 'differs', 'the drift after refresh');
    assert.equal(api.rbacEditor.drift.state(root.id)?.summary, '0 to add, 0 to change, 1 to remove');
    assert.match(description(), new RegExp(`drift: differs from ${NAME.replace(/\./g, '\\.')}`));
    const node = api.tree.connectionNode(root.id);
    assert.ok(node);
    const tooltip = item(api, node).tooltip;
    assert.ok(tooltip instanceof vscode.MarkdownString && /\*\*Drift:\*\*/.test(tooltip.value));
    const shown = api.rbacEditor.driftStatus.shown;
    assert.ok(shown, 'the status bar item is shown');
    assert.equal(shown.text, `$(diff) ${root.name} ≠ ${NAME}`);
    assert.match(shown.tooltip, /differs from drift\.milvus-rbac\.json: 0 to add, 0 to change, 1 to remove/);
  });

  test('the status bar item opens the diff in one click', async () => {
    const { api } = fixture;
    const command = api.rbacEditor.driftStatus.command;
    assert.ok(command);
    await vscode.commands.executeCommand(command.command, ...(command.arguments ?? []));
    const input = vscode.window.tabGroups.activeTabGroup.activeTab?.input;
    assert.ok(input instanceof vscode.TabInputTextDiff);
    assert.equal(input.original.scheme, 'milvus-rbac');
    assert.equal(input.modified.fsPath, file);
  });

  /**
   * Waits until the server has seen no call for `quietMs`: a check an earlier test's change scheduled (it runs
   * 300 ms after the last write) has run by then and cannot land in the counts that follow.
   */
  async function serverQuiet(quietMs = 600): Promise<void> {
    for (let tries = 0; tries < 50; tries++) {
      fixture.milvus.resetRpcCounts();
      await new Promise((resolve) => setTimeout(resolve, quietMs));
      if (Object.keys(fixture.milvus.rpcCounts()).length === 0) return;
    }
    assert.fail('the server never went quiet');
  }

  test('one check is one model read (BackupRBAC, no role-by-role SelectGrant)', async () => {
    const { api, root, milvus } = fixture;
    // On a loaded machine a reconnect (the health watch) starts a check of its own, whose read can land in the counts:
    // the claim holds when one of three quiet attempts sees exactly one read. A check that always reads twice fails all
    // three, and no attempt may send a SelectGrant.
    const seen: string[] = [];
    for (let attempt = 0; attempt < 3; attempt++) {
      await serverQuiet();
      milvus.resetRpcCounts();
      await api.rbacEditor.drift.check(root.id);
      const counts = milvus.rpcCounts();
      assert.equal(counts.SelectGrant ?? 0, 0, JSON.stringify(counts));
      if (counts.BackupRBAC === 1) return;
      seen.push(JSON.stringify(counts));
    }
    assert.fail(`no check was one model read: ${seen.join(', ')}`);
  });

  test('checks asked for while one runs settle, sharing one follow-up check', async () => {
    const { api, root, milvus } = fixture;
    await serverQuiet();
    milvus.resetRpcCounts();
    const drift = api.rbacEditor.drift;
    const states = await Promise.race([
      Promise.all([drift.check(root.id), drift.check(root.id), drift.check(root.id)]),
      new Promise<undefined>((resolve) => setTimeout(resolve, 20_000)),
    ]);
    assert.ok(states, 'the checks never settled');
    assert.deepEqual(
      states.map((s) => s?.status),
      ['differs', 'differs', 'differs'],
    );
    const reads = milvus.rpcCounts().BackupRBAC ?? 0;
    assert.ok(reads >= 1 && reads <= 2, `${reads} model reads: more than the running check and one shared follow-up`);
  });

  test('saving the file with the change clears the drift', async () => {
    const { api, root } = fixture;
    const document = await vscode.workspace.openTextDocument(file);
    const text = document.getText();
    const offset = text.indexOf('"roles": [') + '"roles": ['.length;
    const edit = new vscode.WorkspaceEdit();
    edit.insert(document.uri, document.positionAt(offset), '\n    { "name": "intruder" },');
    assert.ok(await vscode.workspace.applyEdit(edit));
    assert.ok(await document.save());
    await waitFor(() => state() === 'same', 'the check after saving');
    assert.doesNotMatch(description(), /drift/);
    assert.equal(api.rbacEditor.driftStatus.shown, undefined);
    const checked = await ok<{ status: string }[]>(api, COMMANDS.checkDrift, { id: root.id });
    assert.deepEqual(
      checked.map((s) => s.status),
      ['same'],
    );
  });

  /** Rewrites the linked file through the editor (as a user would) and saves it. */
  async function rewrite(change: (doc: Record<string, unknown[]>) => void): Promise<Record<string, unknown[]>> {
    const document = await vscode.workspace.openTextDocument(file);
    const doc = JSON.parse(document.getText()) as Record<string, unknown[]>;
    change(doc);
    const edit = new vscode.WorkspaceEdit();
    const whole = new vscode.Range(document.positionAt(0), document.positionAt(document.getText().length));
    edit.replace(document.uri, whole, `${JSON.stringify(doc, null, 2)}\n`);
    assert.ok(await vscode.workspace.applyEdit(edit));
    assert.ok(await document.save());
    return doc;
  }

  test('a change made in the tree is rechecked at once, without Refresh; undoing it clears the drift (issue 23)', async () => {
    const { api, root } = fixture;
    assert.equal(state(), 'same');
    await ok(api, COMMANDS.createRole, { id: root.id, role: 'newcomer' });
    await waitFor(() => state() === 'differs', 'the drift check after Create Role');
    assert.equal(api.rbacEditor.drift.state(root.id)?.summary, '0 to add, 0 to change, 1 to remove');
    await ok(api, COMMANDS.dropRole, { id: root.id, role: 'newcomer', confirm: true });
    await waitFor(() => state() === 'same', 'the drift check after Drop Role');
  });

  test('entries in another order than the server lists them: no drift, and the diff shows no difference', async () => {
    const { api, root } = fixture;
    const doc = await rewrite((d) => {
      d.grants.reverse();
      d.roles.reverse();
    });
    await waitFor(() => state() === 'same', 'the check after reordering');
    const compared = await ok<{ left: string }>(api, COMMANDS.compareWithServer, { id: root.id, file });
    const leftDocument = await vscode.workspace.openTextDocument(vscode.Uri.parse(compared.left));
    type Side = { grants: unknown[]; roles: unknown[] };
    const left = (): Side => JSON.parse(leftDocument.getText()) as Side;
    // The diff opened earlier in this suite shows the same document: VS Code reloads its text when told it changed.
    await waitFor(
      () => JSON.stringify(left().grants) === JSON.stringify(doc.grants),
      'the server side in the file’s order',
      5000,
    ).catch(() => undefined);
    assert.deepEqual(left().grants, doc.grants, 'the server side lists the grants in the file’s order');
    assert.deepEqual(left().roles, doc.roles, 'the server side lists the roles in the file’s order');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  test('a user of the file that the server lacks is a note, not drift: nothing shows in the description', async () => {
    const { api, root } = fixture;
    await rewrite((d) => d.userRoles.push({ user: 'ghost', roles: ['reader'] }));
    await waitFor(() => api.rbacEditor.drift.state(root.id)?.note !== undefined, 'the note about ghost');
    const checked = api.rbacEditor.drift.state(root.id);
    assert.equal(checked?.status, 'same', `a skipped user counted as drift: ${checked?.summary}`);
    assert.match(checked?.note ?? '', /user ghost of the file is not on this server \(a plan skips it\)/);
    assert.doesNotMatch(description(), /drift/);
    assert.equal(api.rbacEditor.driftStatus.shown, undefined);
    const node = api.tree.connectionNode(root.id);
    assert.ok(node);
    const tooltip = item(api, node).tooltip;
    assert.ok(tooltip instanceof vscode.MarkdownString);
    assert.match(tooltip.value, /\*\*No drift\*\*/);
    assert.match(tooltip.value, /ghost/);
  });
});
