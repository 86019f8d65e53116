// Runs inside a real VS Code (code-server's Node extension host, as --extensionTestsPath) for `npm run bench`:
// activates the extension (dist/extension.js, the production bundle) and times it, checks whether any SDK module is in
// require.cache afterwards, and, when the extension's test API allows it, times building the tree for many users.
// Writes one JSON object to $BENCH_PROBE_OUT. Not a test: it never fails on a figure.
import fs from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import * as vscode from 'vscode';
import { sdkModulesLoaded } from '../../../test/regression/sdkModules';
import { connectBench, measureTree, type TreeFigures } from './tree';

export interface ProbeResult {
  nodeVersion: string;
  appName: string;
  vscodeVersion: string;
  wasActiveBefore: boolean;
  /** Wall time of `extension.activate()`: loading dist/extension.js plus running its activate(). */
  activateCallMs: number;
  /** What the extension itself measured for its activate(), if its API or log exposes it. */
  selfReportedActivateMs?: number;
  sdkModulesBefore: string[];
  sdkModulesAfter: string[];
  /** The extension's first connect in this (fresh) extension host: the Connect command, SDK load included. */
  firstConnectMs?: number;
  connectError?: string;
  /** After the tree timing connected: shows the require.cache check does see the SDK once it is loaded. */
  sdkModulesAfterConnect?: string[];
  tree?: TreeFigures;
  treeError?: string;
  error?: string;
}

const manifest = JSON.parse(
  fs.readFileSync(path.resolve(__dirname, '..', '..', '..', '..', 'package.json'), 'utf8'),
) as {
  publisher: string;
  name: string;
};
const EXTENSION_ID = `${manifest.publisher}.${manifest.name}`;

function numberField(obj: unknown, ...names: string[]): number | undefined {
  if (!obj || typeof obj !== 'object') return undefined;
  for (const name of names) {
    const v = (obj as Record<string, unknown>)[name];
    if (typeof v === 'number') return v;
    if (typeof v === 'function') {
      const r: unknown = (v as () => unknown).call(obj);
      if (typeof r === 'number') return r;
    }
  }
  return undefined;
}

export async function run(): Promise<void> {
  const out = process.env.BENCH_PROBE_OUT;
  const result: ProbeResult = {
    nodeVersion: process.versions.node,
    appName: vscode.env.appName,
    vscodeVersion: vscode.version,
    wasActiveBefore: false,
    activateCallMs: NaN,
    sdkModulesBefore: [],
    sdkModulesAfter: [],
  };
  try {
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    if (!ext) throw new Error(`extension ${EXTENSION_ID} not found`);
    result.wasActiveBefore = ext.isActive;
    result.sdkModulesBefore = sdkModulesLoaded(require.cache);
    const t0 = performance.now();
    const api: unknown = await ext.activate();
    result.activateCallMs = performance.now() - t0;
    result.sdkModulesAfter = sdkModulesLoaded(require.cache);
    result.selfReportedActivateMs = numberField(api, 'activationMs', 'activateMs', 'activationDurationMs');
    const server = process.env.BENCH_SERVER;
    if (server) {
      try {
        const { id, connectMs } = await connectBench(api, server);
        result.firstConnectMs = connectMs;
        result.sdkModulesAfterConnect = sdkModulesLoaded(require.cache);
        if (process.env.BENCH_TREE_USERS) {
          try {
            result.tree = await measureTree(api, id, Number(process.env.BENCH_TREE_USERS));
          } catch (e) {
            result.treeError = e instanceof Error ? e.message : String(e);
          }
        }
        await vscode.commands.executeCommand('milvusAccessManager.disconnect', { id });
      } catch (e) {
        result.connectError = e instanceof Error ? e.message : String(e);
      }
    }
  } catch (e) {
    result.error = e instanceof Error ? (e.stack ?? e.message) : String(e);
  }
  if (out) fs.writeFileSync(out, JSON.stringify(result));
  else console.log(JSON.stringify(result));
}
