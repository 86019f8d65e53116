// Shared by the extension suites: get the extension's test API, start test servers, and remember
// every secret used so the final scan can prove none of them leaked. Imports no runtime code from src/ (the
// extension runs from its bundle; a second copy here would break instanceof checks and could load the SDK).
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import net from 'node:net';
import path from 'node:path';
import * as vscode from 'vscode';
import type { ConnectionProfile, ConnectionSecret } from '../../../src/core/types';
import type { MilvusAccessManagerApi } from '../../../src/extension';
import type { ProfileInput } from '../../../src/storage/profileStore';
import type { TreeNode } from '../../../src/tree/nodes/treeNode';
import { startMilvusTestServer, type RunningTestServer, type TestServerOptions } from '../../milvus-server';

export const EXTENSION_ID = 'milvus-access-manager.milvus-access-manager';
export const REPO = path.resolve(__dirname, '..', '..', '..', '..');

export const CMD = {
  add: 'milvusAccessManager.addConnection',
  edit: 'milvusAccessManager.editConnection',
  duplicate: 'milvusAccessManager.duplicateConnection',
  remove: 'milvusAccessManager.removeConnection',
  connect: 'milvusAccessManager.connect',
  disconnect: 'milvusAccessManager.disconnect',
  test: 'milvusAccessManager.testConnection',
  refresh: 'milvusAccessManager.refresh',
  showMore: 'milvusAccessManager.showMore',
} as const;

/** Every secret a suite hands to the extension; secretScan.test.ts looks for each of them after every test. */
export const usedSecrets = new Set<string>();

/** A distinctive secret (so a scan hit cannot be a coincidence), remembered for the final scan. */
export function newSecret(label: string): string {
  const secret = `${label}-${randomBytes(6).toString('hex')}-Sx`;
  usedSecrets.add(secret);
  return secret;
}

export async function getApi(): Promise<MilvusAccessManagerApi> {
  const ext = vscode.extensions.getExtension<MilvusAccessManagerApi>(EXTENSION_ID);
  assert.ok(ext, `extension ${EXTENSION_ID} not found`);
  const api = ext.isActive ? ext.exports : await ext.activate();
  // activate() returns the test API only in ExtensionMode.Test (VS Code started with --extensionTestsPath).
  assert.ok(api, 'the extension returned no test API: is VS Code running it in ExtensionMode.Test?');
  return api;
}

/** A test server with authentication on and a fresh random root password. */
export async function startServer(
  options: TestServerOptions = {},
): Promise<{ server: RunningTestServer; rootPassword: string }> {
  const rootPassword = options.rootPassword ?? newSecret('Root');
  usedSecrets.add(rootPassword);
  const server = await startMilvusTestServer({
    host: '127.0.0.1',
    port: 0,
    auth: true,
    quiet: true,
    ...options,
    rootPassword,
  });
  return { server, rootPassword };
}

/** Adds a connection through the command, as a test would without the form. */
export async function addConnection(profile: ProfileInput, secret?: ConnectionSecret): Promise<ConnectionProfile> {
  if (secret?.password) usedSecrets.add(secret.password);
  if (secret?.token) usedSecrets.add(secret.token);
  const saved = await vscode.commands.executeCommand<ConnectionProfile | undefined>(CMD.add, { profile, secret });
  assert.ok(saved, `addConnection failed: ${(await getApi()).commandErrors.last?.message}`);
  return saved;
}

export async function removeConnection(id: string): Promise<void> {
  await vscode.commands.executeCommand(CMD.remove, { id, confirm: true });
}

export function rootProfile(server: RunningTestServer, name: string, extra: Partial<ProfileInput> = {}): ProfileInput {
  return {
    name,
    uri: `http://${server.address}`,
    database: 'default',
    auth: 'password',
    username: 'root',
    tls: { mode: 'off' },
    ...extra,
  };
}

/** A port on which nothing listens. */
export async function deadPort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

export function label(api: MilvusAccessManagerApi, node: TreeNode): string {
  const l = api.tree.getTreeItem(node).label;
  return typeof l === 'string' ? l : (l?.label ?? '');
}

export function item(api: MilvusAccessManagerApi, node: TreeNode): vscode.TreeItem {
  return api.tree.getTreeItem(node);
}

export async function childByLabel(api: MilvusAccessManagerApi, parent: TreeNode, text: string): Promise<TreeNode> {
  const children = await api.tree.getChildren(parent);
  const found = children.find((c) => label(api, c) === text);
  assert.ok(found, `no child "${text}" under ${parent.id}; have: ${children.map((c) => label(api, c)).join(', ')}`);
  return found;
}

/** Asserts that `promise` rejects with the extension's MilvusError of `kind` (checked by name: the class lives in the bundle). */
export async function rejectsWithKind(promise: Promise<unknown>, kind: string): Promise<Error & { kind: string }> {
  try {
    await promise;
  } catch (error) {
    const e = error as Error & { kind: string };
    assert.equal(e.name, 'MilvusError', `expected a MilvusError, got ${e.name}: ${e.message}`);
    assert.equal(e.kind, kind, `expected kind ${kind}, got ${e.kind}: ${e.message}`);
    return e;
  }
  assert.fail(`expected a ${kind} error`);
}

export async function setSetting(key: string, value: unknown): Promise<void> {
  await vscode.workspace.getConfiguration('milvusAccessManager').update(key, value, vscode.ConfigurationTarget.Global);
}

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Waits (generously: a ceiling, not a speed requirement) until `check` holds; fails with `what` otherwise. */
export async function waitFor(check: () => boolean, what: string, timeoutMs = 15_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > until) assert.fail(`timed out waiting for ${what}`);
    await sleep(50);
  }
}
