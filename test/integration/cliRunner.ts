// Runs the milvus-rbac bundle (dist/cli.js): as a child process, as CI would, or its main() in this process. The bundle
// is rebuilt first when it is missing or older than a source file (TEST_ONLY=integration runs without the build stage).
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { Writable } from 'node:stream';

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

/** `env` and PATH, nothing else: no MILVUS_* variable of the test runner reaches the command. */
function cliEnv(env: Record<string, string>): NodeJS.ProcessEnv {
  return { PATH: process.env.PATH ?? '', ...env };
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
      env: cliEnv(env),
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

/** The bundle's entry point: what its `require.main === module` block runs with the process's argv, env and streams. */
type CliMain = typeof import('../../src/cli/main').main;

function collector(): { stream: Writable; text: () => string } {
  let text = '';
  const stream = new Writable({
    write(chunk: Buffer | string, _encoding, done) {
      text += chunk.toString();
      done();
    },
  });
  return { stream, text: () => text };
}

/**
 * The same bundle's main() in this process, with the same environment as runCli and streams that are not terminals:
 * what the command prints and the exit code it would set. A child process costs about half a CPU second (Node's start
 * and the SDK's load): rbacCli.test.js took 22 CPU s with a process for each command and 8 with most of them here.
 * runCli stays for what the process itself decides (the exit code it sets, Node's warnings on stderr, TLS) and for
 * checks that a secret is not echoed (anything the process prints counts there).
 */
export async function runCliInProcess(args: readonly string[], env: Record<string, string> = {}): Promise<CliRun> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- the bundle as built, loaded once
  const { main } = require(CLI) as { main: CliMain };
  const stdout = collector();
  const stderr = collector();
  const code = await main(args, cliEnv(env), { stdout: stdout.stream, stderr: stderr.stream });
  return { code, stdout: stdout.text(), stderr: stderr.text() };
}
