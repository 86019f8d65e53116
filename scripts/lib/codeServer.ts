// Starts code-server (the real VS Code we test against) and a headless Debian Chromium for it.
// Shared by scripts/code-shim.mjs (extension tests through @vscode/test-electron) and test/e2e/harness.ts (UI tests).
// Recipe and pitfalls: docs/dev/testing.md.
import { ChildProcess, execFile, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { chromium, type BrowserContext, type BrowserServer } from 'playwright-core';

/** Repository root (this file runs as out/scripts/lib/codeServer.js). */
export const REPO_ROOT = path.resolve(__dirname, '..', '..', '..');

export function codeServerBin(): string {
  return (
    process.env.CODE_SERVER_BIN ?? path.join(REPO_ROOT, '.tools', 'code-server', 'node_modules', '.bin', 'code-server')
  );
}

export function chromiumBin(): string {
  return process.env.CHROMIUM_BIN ?? '/usr/bin/chromium';
}

/** Settings that keep the Get Started page, the telemetry banner and the trust prompt out of the way. */
export const QUIET_SETTINGS: Readonly<Record<string, unknown>> = {
  'workbench.startupEditor': 'none',
  'telemetry.telemetryLevel': 'off',
  'security.workspace.trust.enabled': false,
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'update.mode': 'none',
  'git.openRepositoryInParentFolders': 'never', // the demo workspace lives inside this repo
  'workbench.reduceMotion': 'on',
  'editor.cursorBlinking': 'solid',
};

/**
 * The built-in extensions a test window loads: the default themes (the accessibility test switches between light, dark
 * and high contrast; Seti draws the file icons) and JSON (RBAC files are JSON: our diagnostics, and the schema check).
 * code-server 4.100.3 ships 83 more that no test touches. Git, GitHub, emmet and merge-conflict start in every window's
 * extension host, and the workbench reads every one's grammars, snippets and themes at start-up: four windows took
 * 85.6 CPU s with all of them and 75.8 with these four (a cgroup, 2026-12-07). `npm start` and the bench keep them all.
 */
export const TEST_BUILTIN_EXTENSIONS = ['theme-defaults', 'theme-seti', 'json', 'json-language-features'] as const;

/**
 * A folder of links to TEST_BUILTIN_EXTENSIONS in code-server's own built-ins (code-server's `--builtin-extensions-dir`),
 * made once beside them, under a name of its own for each list.
 */
export function testBuiltinExtensionsDir(): string {
  // .bin/code-server links to <package>/out/node/entry.js
  const builtins = path.resolve(fs.realpathSync(codeServerBin()), '..', '..', '..', 'lib', 'vscode', 'extensions');
  const list = createHash('sha256').update(TEST_BUILTIN_EXTENSIONS.join(',')).digest('hex').slice(0, 12);
  const dir = path.join(builtins, '..', `extensions-for-tests-${list}`);
  if (fs.existsSync(dir)) return dir;
  const work = fs.mkdtempSync(`${dir}-`);
  try {
    for (const name of TEST_BUILTIN_EXTENSIONS) {
      const builtin = path.join(builtins, name);
      if (!fs.existsSync(path.join(builtin, 'package.json'))) throw new Error(`code-server has no built-in ${builtin}`);
      fs.symlinkSync(builtin, path.join(work, name));
    }
    fs.renameSync(work, dir);
  } catch (error) {
    fs.rmSync(work, { recursive: true, force: true });
    if (!fs.existsSync(dir)) throw error; // else another process made it first
  }
  return dir;
}

export async function freePort(host = '127.0.0.1'): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, host, () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

/** Writes `<userDataDir>/User/settings.json`: existing settings, then `settings` on top. */
export function writeUserSettings(userDataDir: string, settings: Record<string, unknown>): void {
  const file = path.join(userDataDir, 'User', 'settings.json');
  fs.mkdirSync(path.dirname(file), { recursive: true });
  let current: Record<string, unknown> = {};
  if (fs.existsSync(file)) {
    const parsed: unknown = JSON.parse(fs.readFileSync(file, 'utf8'));
    if (parsed && typeof parsed === 'object') current = parsed as Record<string, unknown>;
  }
  fs.writeFileSync(file, JSON.stringify({ ...current, ...settings }, null, 2));
}

/** `code-server --install-extension <vsix>` into `extensionsDir` (a fresh dir per run: extensions.json holds absolute paths). */
export async function installExtension(vsixPath: string, extensionsDir: string, userDataDir: string): Promise<void> {
  if (!fs.existsSync(vsixPath)) throw new Error(`VSIX not found: ${vsixPath} (run \`npm run package\`)`);
  fs.mkdirSync(extensionsDir, { recursive: true });
  const args = [
    '--extensions-dir',
    extensionsDir,
    '--user-data-dir',
    userDataDir,
    '--config',
    path.join(userDataDir, 'config.yaml'),
    '--install-extension',
    vsixPath,
    '--force',
  ];
  const out = await new Promise<string>((resolve, reject) => {
    execFile(codeServerBin(), args, { timeout: 60_000 }, (err, stdout, stderr) => {
      if (err) reject(new Error(`code-server --install-extension failed: ${err.message}\n${stdout}${stderr}`));
      else resolve(`${stdout}${stderr}`);
    });
  });
  if (!/successfully installed/i.test(out)) throw new Error(`code-server did not install ${vsixPath}:\n${out}`);
}

/**
 * A template extensions folder holding `vsixPaths`, installed once per set of VSIX files (by path, size and mtime) into
 * `cacheDir` and reused after that: `code-server --install-extension` takes seconds, a copy (copyExtensions) does not.
 */
export async function extensionsTemplate(vsixPaths: readonly string[], cacheDir: string): Promise<string> {
  const key = createHash('sha256');
  for (const vsix of vsixPaths) {
    if (!fs.existsSync(vsix)) throw new Error(`VSIX not found: ${vsix} (run \`npm run package\`)`);
    const { size, mtimeMs } = fs.statSync(vsix);
    key.update(JSON.stringify([path.resolve(vsix), size, mtimeMs]));
  }
  const template = path.join(cacheDir, `extensions-${key.digest('hex').slice(0, 16)}`);
  if (fs.existsSync(template)) return template;
  fs.mkdirSync(cacheDir, { recursive: true });
  const work = fs.mkdtempSync(path.join(cacheDir, 'installing-'));
  try {
    const extensionsDir = path.join(work, 'extensions');
    for (const vsix of vsixPaths) await installExtension(vsix, extensionsDir, path.join(work, 'user-data'));
    relocate(extensionsDir, extensionsDir, template);
    fs.renameSync(extensionsDir, template);
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
  return template;
}

/**
 * Copies a template extensions folder to `extensionsDir`. Its extensions.json names every extension by absolute path
 * (VS Code reads `location` from it), so those paths are rewritten to the copy.
 */
export function copyExtensions(template: string, extensionsDir: string): void {
  fs.cpSync(template, extensionsDir, { recursive: true });
  relocate(extensionsDir, template, extensionsDir);
}

/** Rewrites the absolute paths `from` in `<dir>/extensions.json` to `to` (temporary folder names need no escaping). */
function relocate(dir: string, from: string, to: string): void {
  const list = path.join(dir, 'extensions.json');
  if (fs.existsSync(list)) fs.writeFileSync(list, fs.readFileSync(list, 'utf8').split(from).join(to));
}

/** code-server log lines that are expected on an offline machine and say nothing about our code. */
export function isNoise(line: string): boolean {
  return (
    /open-vsx|ENOTFOUND|getaddrinfo|connection token|\[\w+\]\s*(New|Disconnected|Reconnect)|socket|session-id|Extension host agent|Storing|Using user-data-dir|Using config file|Authentication is disabled|Not serving HTTPS|Session server listening|^\s*-\s|File Watcher|ptyHost|Delaying|\bPING\b|\bhealth\b/i.test(
      line,
    ) || line.trim() === ''
  );
}

/** Workbench log messages (window.codeAutomationLog) that are routine on an offline machine. */
export function isWorkbenchNoise(text: string): boolean {
  return /^(Resolving|Resolved) connection token|^Creating a socket|^Updating additional builtin extensions cache|^\[Service Worker\]|^ChatSessionStore|open-vsx|ENOTFOUND|^Started local extension host|^Extension host \(Remote\) is/i.test(
    text.trim(),
  );
}

export interface CodeServer {
  readonly host: string;
  readonly port: number;
  /** `127.0.0.1:<port>`, the remote authority the workbench uses (`vscode-remote://<authority>/abs/path`). */
  readonly authority: string;
  readonly url: string;
  readonly process: ChildProcess;
  /** Everything code-server printed so far. */
  output(): string;
  /** Kills code-server's whole process group (its file watcher outlives a plain kill). */
  stop(): Promise<void>;
}

export interface StartOptions {
  userDataDir: string;
  extensionsDir: string;
  host?: string;
  port?: number;
  env?: NodeJS.ProcessEnv;
  /** Called with each code-server output line that is not noise. */
  onLine?: (line: string) => void;
  /** Every built-in extension, as a user's VS Code has them (the bench); by default only TEST_BUILTIN_EXTENSIONS. */
  allBuiltinExtensions?: boolean;
  timeoutMs?: number;
}

export async function startCodeServer(opts: StartOptions): Promise<CodeServer> {
  const host = opts.host ?? '127.0.0.1';
  const port = opts.port ?? (await freePort(host));
  fs.mkdirSync(opts.extensionsDir, { recursive: true }); // a missing dir silently drops the dev extension
  fs.mkdirSync(path.join(opts.userDataDir, 'User'), { recursive: true });
  const args = [
    '--bind-addr',
    `${host}:${port}`,
    '--auth',
    'none',
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--disable-getting-started-override',
    '--user-data-dir',
    opts.userDataDir,
    '--extensions-dir',
    opts.extensionsDir,
    '--config',
    path.join(opts.userDataDir, 'config.yaml'),
    ...(opts.allBuiltinExtensions ? [] : ['--builtin-extensions-dir', testBuiltinExtensionsDir()]),
  ];
  const child = spawn(codeServerBin(), args, {
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: opts.env ?? process.env,
  });
  let out = '';
  let partial = '';
  const onData = (d: Buffer): void => {
    const text = d.toString();
    out += text;
    if (out.length > 200_000) out = out.slice(-100_000);
    const lines = (partial + text).split('\n');
    partial = lines.pop() ?? '';
    for (const line of lines) if (opts.onLine && !isNoise(line)) opts.onLine(line);
  };
  child.stdout?.on('data', onData);
  child.stderr?.on('data', onData);

  const stop = async (): Promise<void> => {
    if (child.pid === undefined) return;
    const group = -child.pid;
    const alive = (): boolean => {
      try {
        process.kill(group, 0);
        return true;
      } catch {
        return false;
      }
    };
    try {
      process.kill(group, 'SIGTERM');
    } catch {
      /* already gone */
    }
    for (let i = 0; i < 50 && alive(); i++) await sleep(100);
    if (alive()) {
      try {
        process.kill(group, 'SIGKILL');
      } catch {
        /* gone */
      }
    }
  };

  const deadline = Date.now() + (opts.timeoutMs ?? 30_000);
  while (!/HTTP server listening/.test(out)) {
    if (child.exitCode !== null) throw new Error(`code-server exited with ${child.exitCode}:\n${out}`);
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`code-server did not start on ${host}:${port}:\n${out}`);
    }
    await sleep(100);
  }
  const authority = `${host}:${port}`;
  return { host, port, authority, url: `http://${authority}/`, process: child, output: () => out, stop };
}

// Playwright gives Chromium a --disable-features of its own, and Chromium keeps only the last one on its command line:
// so ours repeats Playwright's list (test/unit/chromiumFeatures.test.ts fails when Playwright's changes) and adds the
// two WebUIs of the address bar's popup, which every new window (one per launch) started in a renderer of their own
// though a test never sees an address bar. A workbench load took 10.4 CPU s with them and 7.1 without (five loads
// each in a cgroup, 2026-12-07).
export const PLAYWRIGHT_DISABLED_FEATURES = [
  'AvoidUnnecessaryBeforeUnloadCheckSync',
  'DestroyProfileOnBrowserClose',
  'HttpsUpgrades',
  'HttpsFirstBalancedModeAutoEnable',
  'LensOverlay',
  'MediaRouter',
  'PaintHolding',
  'ThirdPartyStoragePartitioning',
  'AvoidCorsURLLoaderRestartOnRedirect',
  'TcpPortRandomizationWin',
  'OptimizationHints',
  'NetworkTimeServiceQuerying',
  'AimEnabled',
  'PreconnectToSearch',
  'msForceBrowserSignIn',
  'msEdgeUpdateLaunchServicesPreferredVersion',
];
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  `--disable-features=${[...PLAYWRIGHT_DISABLED_FEATURES, 'WebUIOmniboxPopup', 'WebUIOmniboxAimPopup'].join(',')}`,
];
/** The window size every test browser gets (screenshots depend on it). */
export const VIEWPORT = { width: 1400, height: 900 } as const;

function chromiumOptions(): { executablePath: string; headless: true; env: NodeJS.ProcessEnv; args: string[] } {
  // NO_AT_BRIDGE: no accessibility bus over D-Bus.
  return {
    executablePath: chromiumBin(),
    headless: true,
    env: { ...process.env, NO_AT_BRIDGE: '1' },
    args: CHROMIUM_ARGS,
  };
}

/** Headless Debian Chromium with a fresh profile in `profileDir` (SecretStorage lives in its localStorage). */
export async function launchChromium(profileDir: string): Promise<BrowserContext> {
  return chromium.launchPersistentContext(profileDir, { ...chromiumOptions(), viewport: VIEWPORT });
}

/**
 * One headless Chromium that test processes connect to (`chromium.connect(server.wsEndpoint())`), each opening a
 * context of its own: a context starts with empty storage and keeps it in memory, and a browser start is saved.
 */
export function launchChromiumServer(): Promise<BrowserServer> {
  return chromium.launchServer(chromiumOptions());
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
