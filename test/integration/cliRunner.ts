// Runs the milvus-rbac bundle (dist/cli.js) as a child process, as CI would. The bundle is rebuilt first when it is
// missing or older than a source file (TEST_ONLY=integration runs without the build stage).
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '../../..');
export const CLI = path.join(ROOT, 'dist/cli.js');

function newestSource(dir: string): number {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(file));
    else if (entry.name.endsWith('.ts')) newest = Math.max(newest, fs.statSync(file).mtimeMs);
  }
  return newest;
}

export function ensureCliBundle(): void {
  const built = fs.existsSync(CLI) ? fs.statSync(CLI).mtimeMs : 0;
  if (built < newestSource(path.join(ROOT, 'src'))) execFileSync('node', ['esbuild.js'], { cwd: ROOT, stdio: 'pipe' });
}

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * `env` is the whole environment of the child (plus PATH), so no MILVUS_* variable leaks in from the test runner.
 * `at` runs another copy of the command line (an installed package's bin) from another folder.
 */
export function runCli(
  args: readonly string[],
  env: Record<string, string> = {},
  at: { cli: string; cwd: string } = { cli: CLI, cwd: ROOT },
): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [at.cli, ...args], {
      cwd: at.cwd,
      env: { PATH: process.env.PATH ?? '', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}
