// Activation of the real extension bundle (dist/extension.js), measured inside a real VS Code: code-server's Node
// extension host, driven by scripts/code-shim.mjs, with vscodeProbe/ as the tests entry point. One fresh VS Code per run.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { ProbeResult } from './vscodeProbe/index';

export const REPO = path.resolve(__dirname, '..', '..', '..');

export interface VsCodeRunOptions {
  /** The extension folder to load (package.json + dist/), e.g. the contents of the VSIX. */
  extensionPath: string;
  /** Test server the probe connects to (first connect inside VS Code). */
  server?: string;
  /** Also time the tree for this many users (the server must hold them). */
  treeUsers?: number;
  timeoutMs?: number;
  log(line: string): void;
}

export function vscodeAvailable(): string | undefined {
  const shim = path.join(REPO, 'scripts', 'code-shim.mjs');
  if (!fs.existsSync(shim)) return 'scripts/code-shim.mjs is missing';
  if (!fs.existsSync(path.join(REPO, 'out', 'scripts', 'lib', 'codeServer.js')))
    return 'out/scripts/lib/codeServer.js is missing';
  const cs =
    process.env.CODE_SERVER_BIN ?? path.join(REPO, '.tools', 'code-server', 'node_modules', '.bin', 'code-server');
  if (!fs.existsSync(cs)) return `code-server is not installed (${cs}); run \`npm run setup\``;
  return undefined;
}

export async function probeInVsCode(opts: VsCodeRunOptions): Promise<ProbeResult> {
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'mam-bench-'));
  const workspace = path.join(scratch, 'workspace');
  fs.mkdirSync(workspace);
  const outFile = path.join(scratch, 'probe.json');
  // CODE_SHIM_BUILTINS: beside every built-in extension, as in a user's VS Code (the tests load only a few).
  const env: NodeJS.ProcessEnv = { ...process.env, BENCH_PROBE_OUT: outFile, CODE_SHIM_BUILTINS: 'all' };
  if (opts.server) env.BENCH_SERVER = opts.server;
  if (opts.treeUsers) env.BENCH_TREE_USERS = String(opts.treeUsers);
  const args = [
    path.join(REPO, 'scripts', 'code-shim.mjs'),
    `--extensionDevelopmentPath=${opts.extensionPath}`,
    `--extensionTestsPath=${path.join(REPO, 'out', 'scripts', 'bench', 'vscodeProbe', 'index')}`,
    workspace,
    `--user-data-dir=${path.join(scratch, 'user-data')}`,
    `--extensions-dir=${path.join(scratch, 'extensions')}`,
  ];
  try {
    const { code, output } = await new Promise<{ code: number | null; output: string }>((resolve) => {
      const child = spawn(process.execPath, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
      let output = '';
      child.stdout.on('data', (d: Buffer) => {
        output += d.toString();
      });
      child.stderr.on('data', (d: Buffer) => {
        output += d.toString();
      });
      const timer = setTimeout(() => child.kill('SIGTERM'), opts.timeoutMs ?? 180_000);
      child.on('exit', (c) => {
        clearTimeout(timer);
        resolve({ code: c, output });
      });
    });
    if (!fs.existsSync(outFile)) throw new Error(`VS Code run wrote no result (exit ${code}):\n${output.slice(-3000)}`);
    const result = JSON.parse(fs.readFileSync(outFile, 'utf8')) as ProbeResult;
    if (result.error) throw new Error(`probe failed inside VS Code: ${result.error}`);
    return result;
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true });
  }
}

export interface NodeShimResult {
  loadMs: number;
  activateMs: number;
  totalMs: number;
  sdkModulesAfter: string[];
}

/** Fallback when code-server cannot run: dist/extension.js + activate() in a plain Node process with a 'vscode' stand-in. */
export function probeInNodeShim(bundle: string): Promise<NodeShimResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(__dirname, 'nodeShimChild.js'), bundle], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
    });
    child.stderr.on('data', (d: Buffer) => {
      err += d.toString();
    });
    child.on('exit', (code) => {
      if (code !== 0) reject(new Error(`node-shim activation failed (exit ${code}): ${err.slice(-2000)}`));
      else resolve(JSON.parse(out.trim().split('\n').pop() ?? '{}') as NodeShimResult);
    });
  });
}
