// Runs last (file order): scans everything the extension persists or prints for every secret the other suites used.
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { MilvusAccessManagerApi } from '../../../src/extension';
import { getApi, label, usedSecrets } from './extensionHelpers';

function hits(text: string): string[] {
  const found: string[] = [];
  for (const secret of usedSecrets) {
    if (text.includes(secret) || text.includes(Buffer.from(secret).toString('base64')))
      found.push(`${secret.slice(0, 4)}…`);
  }
  return found;
}

async function readText(uri: vscode.Uri): Promise<string | undefined> {
  try {
    return Buffer.from(await vscode.workspace.fs.readFile(uri)).toString('utf8');
  } catch {
    return undefined;
  }
}

async function filesUnder(uri: vscode.Uri): Promise<vscode.Uri[]> {
  let entries: [string, vscode.FileType][];
  try {
    entries = await vscode.workspace.fs.readDirectory(uri);
  } catch {
    return [];
  }
  const out: vscode.Uri[] = [];
  for (const [name, type] of entries) {
    const child = vscode.Uri.joinPath(uri, name);
    if (type === vscode.FileType.Directory) out.push(...(await filesUnder(child)));
    else out.push(child);
  }
  return out;
}

suite('no secret in global state, settings, the log or the tree', () => {
  let api: MilvusAccessManagerApi;

  suiteSetup(async function () {
    if (usedSecrets.size === 0) this.skip();
    api = await getApi();
  });

  test('global state', () => {
    const dump = api.globalState
      .keys()
      .map((key) => `${key}=${JSON.stringify(api.globalState.get(key))}`)
      .join('\n');
    assert.deepEqual(hits(dump), []);
  });

  test('settings.json in the user-data dir', async () => {
    const settings = vscode.Uri.joinPath(api.globalStorageUri, '..', '..', 'settings.json');
    const text = await readText(settings);
    assert.ok(text !== undefined, `settings.json not found at ${settings.toString()}`);
    assert.deepEqual(hits(text), []);
    const config = JSON.stringify(vscode.workspace.getConfiguration('milvusAccessManager'));
    assert.deepEqual(hits(config), []);
  });

  test('the Milvus log (in memory and on disk)', async () => {
    assert.ok(api.log.recent().length > 0);
    assert.deepEqual(hits(api.log.recent().join('\n')), []);
    for (const file of await filesUnder(api.logUri)) {
      const text = (await readText(file)) ?? '';
      assert.deepEqual(hits(text), [], `secret in ${file.path}`);
    }
  });

  test('tree items of every connection', async () => {
    for (const node of api.tree.connectionNodes()) {
      const treeItem = api.tree.getTreeItem(node);
      const tooltip =
        treeItem.tooltip instanceof vscode.MarkdownString ? treeItem.tooltip.value : String(treeItem.tooltip ?? '');
      assert.deepEqual(hits(`${label(api, node)} ${String(treeItem.description)} ${tooltip}`), []);
    }
  });

  test('error messages the commands showed', () => {
    assert.deepEqual(hits(api.commandErrors.last?.message ?? ''), []);
  });
});
