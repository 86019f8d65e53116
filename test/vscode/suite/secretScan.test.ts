// Looks for every secret the suites used (extensionHelpers' usedSecrets, and their base64 forms) wherever the extension
// keeps or shows text, whatever order the suite files run in. A root-level hook scans after every test, before the
// suite's teardown removes its connections: global state (the saved profiles), the tree's connection items, the log's
// recent lines, the last command error and the confirmations asked. A root-level after-all hook then scans what stays
// on disk (settings.json, the log files) and asserts how much was scanned, so a scan of nothing cannot pass.
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { MilvusAccessManagerApi } from '../../../src/extension';
import { getApi, label, usedSecrets } from './extensionHelpers';

const PROFILES_KEY = 'milvusAccessManager.connections.v1';

interface Scanned {
  /** Scans after a test (one per test that ran). */
  scans: number;
  /** Saved connection profiles seen in global state, summed over the scans. */
  profiles: number;
  /** Connection items of the tree, summed over the scans. */
  treeItems: number;
  /** Log lines read, summed over the scans. */
  logLines: number;
  /** Files read at the end, and their bytes. */
  files: number;
  bytes: number;
  /** Where a secret was found. */
  hits: string[];
}

const scanned: Scanned = { scans: 0, profiles: 0, treeItems: 0, logLines: 0, files: 0, bytes: 0, hits: [] };

function secretsIn(text: string, secrets: Iterable<string> = usedSecrets): string[] {
  const found: string[] = [];
  for (const secret of secrets) {
    if (text.includes(secret) || text.includes(Buffer.from(secret).toString('base64')))
      found.push(`${secret.slice(0, 4)}…`);
  }
  return found;
}

function note(where: string, text: string, secrets?: Iterable<string>): void {
  for (const hit of secretsIn(text, secrets)) scanned.hits.push(`${hit} in ${where}`);
}

function profileCount(api: MilvusAccessManagerApi): number {
  const stored: unknown = api.globalState.get(PROFILES_KEY);
  const list = Array.isArray(stored) ? stored : (stored as { profiles?: unknown } | undefined)?.profiles;
  return Array.isArray(list) ? list.length : 0;
}

/** What the extension holds in memory or shows now; returns the hits of this scan. */
function scanLive(api: MilvusAccessManagerApi, where: string, secrets?: Iterable<string>): string[] {
  const before = scanned.hits.length;
  const state = api.globalState
    .keys()
    .map((key) => `${key}=${JSON.stringify(api.globalState.get(key))}`)
    .join('\n');
  note(`global state after ${where}`, state, secrets);
  note(`settings after ${where}`, JSON.stringify(vscode.workspace.getConfiguration('milvusAccessManager')), secrets);
  for (const node of api.tree.connectionNodes()) {
    const item = api.tree.getTreeItem(node);
    const tooltip = item.tooltip instanceof vscode.MarkdownString ? item.tooltip.value : String(item.tooltip ?? '');
    note(`tree after ${where}`, `${label(api, node)} ${String(item.description)} ${tooltip}`, secrets);
  }
  const lines = api.log.recent();
  note(`log after ${where}`, lines.join('\n'), secrets);
  note(`command error after ${where}`, api.commandErrors.last?.message ?? '', secrets);
  note(
    `confirmations after ${where}`,
    api.confirmations.asked.map((q) => `${q.message} ${q.detail ?? ''}`).join('\n'),
    secrets,
  );
  return scanned.hits.slice(before);
}

async function filesUnder(uri: vscode.Uri): Promise<vscode.Uri[]> {
  const out: vscode.Uri[] = [];
  for (const [name, type] of await vscode.workspace.fs.readDirectory(uri)) {
    const child = vscode.Uri.joinPath(uri, name);
    if (type === vscode.FileType.Directory) out.push(...(await filesUnder(child)));
    else out.push(child);
  }
  return out;
}

/** Reads a file that must exist (a missing file fails: a scan of nothing proves nothing). */
async function scanFile(uri: vscode.Uri): Promise<void> {
  const text = Buffer.from(await vscode.workspace.fs.readFile(uri)).toString('utf8');
  scanned.files++;
  scanned.bytes += text.length;
  note(uri.path, text);
}

let api: MilvusAccessManagerApi | undefined;

// Root-level hooks (outside any suite): mocha runs them around the tests of every file.
teardown(async function () {
  if (usedSecrets.size === 0) return;
  api ??= await getApi();
  scanLive(api, this.currentTest?.fullTitle() ?? 'a test');
  scanned.scans++;
  scanned.profiles += profileCount(api);
  scanned.treeItems += api.tree.connectionNodes().length;
  scanned.logLines += api.log.recent().length;
});

suiteTeardown(async function () {
  if (usedSecrets.size === 0 || !api) return;
  const settings = vscode.Uri.joinPath(api.globalStorageUri, '..', '..', 'settings.json');
  await scanFile(settings);
  const logs = await filesUnder(api.logUri);
  assert.ok(logs.length > 0, `no log file under ${api.logUri.path}`);
  for (const file of logs) await scanFile(file);
  assert.deepEqual(scanned.hits, [], 'a secret the tests used was found');
  // How much was scanned: every test, saved connections and tree items while suites held them, log lines and files.
  assert.ok(scanned.scans > 0, 'no test was scanned');
  assert.ok(scanned.profiles > 0, 'no scan saw a saved connection');
  assert.ok(scanned.treeItems > 0, 'no scan saw a connection in the tree');
  assert.ok(scanned.logLines > 0, 'no scan read a log line');
  assert.ok(scanned.files >= 2 && scanned.bytes > 0, `read ${scanned.files} files, ${scanned.bytes} bytes`);
  console.log(
    `secret scan: ${usedSecrets.size} secrets; ${scanned.scans} scans saw ${scanned.profiles} saved connections, ` +
      `${scanned.treeItems} tree items and ${scanned.logLines} log lines; then ${scanned.files} files, ${scanned.bytes} bytes`,
  );
});

suite('secret scan: the scanner finds what it looks for', () => {
  test('a secret planted in global state is found', async () => {
    const live = await getApi();
    const canary = `Canary-${Date.now().toString(36)}-Sx`;
    const hitsBefore = scanned.hits.length;
    await live.globalState.update('milvusAccessManager.test.secretScanCanary', { note: canary });
    try {
      const hits = scanLive(live, 'the canary', [canary]);
      assert.ok(
        hits.some((h) => h.includes('global state')),
        `the planted secret was not found: ${hits.join('; ')}`,
      );
    } finally {
      await live.globalState.update('milvusAccessManager.test.secretScanCanary', undefined);
      scanned.hits.length = hitsBefore; // the canary is not a leak
    }
  });
});
