// Runs one mocha suite folder (out/test/vscode/<suite>) inside a real VS Code: @vscode/test-electron's runTests with
// scripts/code-shim.mjs as the "VS Code executable" (code-server + headless Chromium; no desktop VS Code exists here).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runTests } from '@vscode/test-electron';

/** `suite` is the folder under out/test/vscode whose index.js runs the tests; exits the process with 1 on failure. */
export function runSuite(suite: string, scratchPrefix: string): void {
  main(suite, scratchPrefix).catch((e: unknown) => {
    console.error(e instanceof Error ? e.message : e);
    process.exit(1);
  });
}

async function main(suite: string, scratchPrefix: string): Promise<void> {
  const repo = path.resolve(__dirname, '..', '..', '..');
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), scratchPrefix));
  const workspace = path.join(scratch, 'workspace');
  fs.mkdirSync(workspace);
  try {
    await runTests({
      vscodeExecutablePath: path.join(repo, 'scripts', 'code-shim.mjs'),
      extensionDevelopmentPath: repo,
      extensionTestsPath: path.join(repo, 'out', 'test', 'vscode', suite, 'index'),
      // A fresh profile per run, so no secret or global state leaks from one run into the next.
      launchArgs: [
        workspace,
        `--user-data-dir=${path.join(scratch, 'user-data')}`,
        `--extensions-dir=${path.join(scratch, 'extensions')}`,
      ],
      extensionTestsEnv: { MILVUS_AM_TEST: '1' },
    });
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true });
  }
}
