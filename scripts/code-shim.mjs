#!/usr/bin/env node
// Stand-in for the VS Code executable that @vscode/test-electron's runTests() spawns (`vscodeExecutablePath`).
// There is no desktop VS Code here, so it turns VS Code's command line into code-server + headless Chromium:
// the dev extension and test paths go into the workbench URL's `payload`, the tests run in code-server's Node
// extension host, mocha's output comes back through window.codeAutomationLog and the result through
// window.codeAutomationExit, which becomes this process's exit code. See docs/dev/testing.md.
// Needs `npx tsc -p tsconfig.json` first (it uses out/scripts/lib/codeServer.js). Env: CODE_SHIM_VERBOSE=1 prints
// every code-server line; CODE_SHIM_TIMEOUT_MS (default 20 min); CODE_SHIM_BUILTINS=all starts code-server with every
// built-in extension (the bench), not only the ones the tests use (TEST_BUILTIN_EXTENSIONS).
import { createRequire } from 'node:module';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { format } from 'node:util';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const libPath = path.join(repo, 'out', 'scripts', 'lib', 'codeServer.js');
if (!fs.existsSync(libPath)) {
  console.error(`[code-shim] ${libPath} is missing: run \`npx tsc -p tsconfig.json\` first`);
  process.exit(2);
}
const require = createRequire(import.meta.url);
const cs = require(libPath);

const verbose = process.env.CODE_SHIM_VERBOSE === '1';
const timeoutMs = Number(process.env.CODE_SHIM_TIMEOUT_MS ?? 1_200_000);
const log = (msg) => console.log(`[code-shim] ${msg}`);

// VS Code flags come as --name=value (test-electron) or --name value; positional arguments are folders to open.
const devPaths = [];
const positional = [];
let testsPath;
let extensionsDir;
let userDataDir;
const argv = process.argv.slice(2);
const withValue = new Set([
  'extensionDevelopmentPath',
  'extensionTestsPath',
  'extensions-dir',
  'user-data-dir',
  'locale',
]);
for (let i = 0; i < argv.length; i++) {
  const a = argv[i];
  let name;
  let value;
  const m = /^--([^=]+)=(.*)$/.exec(a);
  if (m) [, name, value] = m;
  else if (a.startsWith('--')) {
    name = a.slice(2);
    if (withValue.has(name)) value = argv[++i];
  } else {
    positional.push(path.resolve(a));
    continue;
  }
  if (name === 'extensionDevelopmentPath') devPaths.push(path.resolve(value));
  else if (name === 'extensionTestsPath') testsPath = path.resolve(value);
  else if (name === 'extensions-dir') extensionsDir = path.resolve(value);
  else if (name === 'user-data-dir') userDataDir = path.resolve(value);
  else if (name === 'version' || name === 'v') {
    console.log('1.100.3\ncode-shim (code-server)\nx64');
    process.exit(0);
  }
  // --no-sandbox, --disable-updates, --skip-welcome, --disable-workspace-trust, ...: code-server is started with
  // the equivalent flags and settings anyway.
}

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'code-shim-'));
userDataDir ??= path.join(tmp, 'user-data');
extensionsDir ??= path.join(tmp, 'extensions');
cs.writeUserSettings(userDataDir, { ...cs.QUIET_SETTINGS });

let server;
let context;
let finished = false;
async function cleanup() {
  if (context) await context.close().catch(() => {});
  if (server) await server.stop();
  fs.rmSync(tmp, { recursive: true, force: true });
}
// `why` is set when the run broke (timeout, crash, no code-server) rather than a test failing: then the tail of
// code-server's log is the useful evidence.
async function finish(code, why) {
  if (finished) return;
  finished = true;
  if (why) console.error(`[code-shim] ${why}`);
  if (why && server) {
    console.error(`[code-shim] last code-server output:\n${server.output().slice(-3000)}`);
  }
  await cleanup();
  process.exit(code);
}
process.on('SIGINT', () => void finish(130, 'interrupted'));
process.on('SIGTERM', () => void finish(143, 'terminated'));

try {
  const t0 = Date.now();
  server = await cs.startCodeServer({
    userDataDir,
    extensionsDir,
    onLine: verbose ? (l) => console.log(`[code-server] ${l}`) : undefined,
    allBuiltinExtensions: process.env.CODE_SHIM_BUILTINS === 'all',
  });
  const remote = (p) => `vscode-remote://${server.authority}${p}`;
  const payload = [...devPaths.map((d) => ['extensionDevelopmentPath', remote(d)]), ['skipWelcome', 'true']];
  if (testsPath) payload.push(['extensionTestsPath', remote(testsPath)]);
  const target = positional[0] ? `folder=${encodeURIComponent(positional[0])}` : 'ew=true';
  const url = `${server.url}?${target}&payload=${encodeURIComponent(JSON.stringify(payload))}`;

  context = await cs.launchChromium(path.join(tmp, 'chromium'));
  const page = context.pages()[0] ?? (await context.newPage());
  let resolveExit;
  const exited = new Promise((r) => {
    resolveExit = r;
  });
  await page.exposeFunction('codeAutomationLog', (type, args) => {
    const text = format(...(Array.isArray(args) ? args : [args]));
    if (!verbose && cs.isWorkbenchNoise(text)) return;
    (type === 'error' ? console.error : console.log)(text);
  });
  await page.exposeFunction('codeAutomationExit', (code) => resolveExit(Number(code)));
  page.on('pageerror', (e) => console.error(`[code-shim] page error: ${e.message}`));
  page.on('crash', () => resolveExit('the page crashed'));
  log(`code-server ${server.authority} up, workbench loading (${Date.now() - t0} ms)`);
  await page.goto(url, { timeout: 120_000 }); // a loaded machine needs more than the default 30 s
  if (!testsPath) log('no --extensionTestsPath: waiting for the window to be closed (Ctrl-C to stop)');
  const timer = setTimeout(() => resolveExit(`timed out after ${timeoutMs} ms`), timeoutMs);
  const result = await exited;
  clearTimeout(timer);
  if (typeof result === 'number') {
    log(`extension host exit code ${result} (${Date.now() - t0} ms)`);
    await finish(result === 0 ? 0 : 1);
  } else {
    await finish(1, String(result));
  }
} catch (e) {
  await finish(1, e instanceof Error ? (e.stack ?? e.message) : String(e));
}
