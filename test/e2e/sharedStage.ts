// `node out/test/e2e/sharedStage.js CMD…` (scripts/test.sh's e2e stage): installs the VSIX once into a template
// extensions folder, starts one code-server for every launch with the default options and one Chromium for every launch
// that needs no profile on disk (harness.ts), runs CMD (node --test over the e2e files) with them described in its
// environment, then stops both and removes the folders. Each launch still gets its own browser context (empty storage)
// and workspace, so no file sees another's connections or secrets.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  QUIET_SETTINGS,
  copyExtensions,
  extensionsTemplate,
  launchChromiumServer,
  startCodeServer,
  writeUserSettings,
  type CodeServer,
} from '../../scripts/lib/codeServer';
import type { BrowserServer } from 'playwright-core';
import {
  CACHE_DIR_ENV,
  SHARED_BROWSER_ENV,
  SHARED_CODE_SERVER_ENV,
  defaultVsix,
  type SharedCodeServer,
} from './harness';

async function main(argv: string[]): Promise<number> {
  if (argv.length === 0) throw new Error('usage: node sharedStage.js COMMAND [ARG…]');
  const cache = fs.mkdtempSync(path.join(os.tmpdir(), 'mam-e2e-stage-'));
  let server: CodeServer | undefined;
  let browser: BrowserServer | undefined;
  let child: ChildProcess | undefined;
  const cleanUp = async (): Promise<void> => {
    await browser?.close().catch(() => undefined);
    await server?.stop();
    fs.rmSync(cache, { recursive: true, force: true });
  };
  // code-server runs in a process group of its own, so a Ctrl-C or kill of the stage would not reach it: pass the
  // signal on to the tests (whose harness closes what they started) and stop the shared code-server here.
  for (const signal of ['SIGINT', 'SIGTERM'] as const)
    process.on(signal, () => {
      child?.kill(signal);
      void cleanUp().finally(() => process.exit(130));
    });
  try {
    const t = Date.now();
    const template = await extensionsTemplate([defaultVsix()], cache);
    const userDataDir = path.join(cache, 'shared-user-data');
    const extensionsDir = path.join(cache, 'shared-extensions');
    copyExtensions(template, extensionsDir);
    writeUserSettings(userDataDir, { ...QUIET_SETTINGS });
    [server, browser] = await Promise.all([startCodeServer({ userDataDir, extensionsDir }), launchChromiumServer()]);
    const shared: SharedCodeServer = { url: server.url, pid: server.process.pid ?? 0, userDataDir };
    console.log(
      `e2e: VSIX installed once, a shared code-server on ${server.authority} and a shared Chromium in ${Date.now() - t} ms`,
    );
    const running = spawn(argv[0], argv.slice(1), {
      stdio: 'inherit',
      env: {
        ...process.env,
        [CACHE_DIR_ENV]: cache,
        [SHARED_CODE_SERVER_ENV]: JSON.stringify(shared),
        [SHARED_BROWSER_ENV]: browser.wsEndpoint(),
      },
    });
    child = running;
    return await new Promise<number>((resolve) =>
      running.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0))),
    );
  } finally {
    await cleanUp();
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
