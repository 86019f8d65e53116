// UI test harness: a code-server with our VSIX installed, driven by headless Chromium through Playwright.
// Each launchVsCode() gets its own workspace and browser storage, so the extension's global state and SecretStorage
// (both kept by the browser in code-server) start empty: a context of its own in the stage's shared Chromium
// (E2E_SHARED_BROWSER, set by sharedStage.ts; its storage is kept in memory), or, with `ownBrowser` or outside the stage,
// a Chromium of its own with a profile on disk. A launch with the default options uses the stage's shared code-server
// when there is one (E2E_SHARED_CODE_SERVER); any other launch gets a code-server of its own, with its own user-data dir
// and an extensions dir copied from a template that the VSIX was installed into once.
// How code-server and Playwright fit together, and the pitfalls: docs/dev/testing.md (selectors checked on Code 1.100).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type FrameLocator, type Locator, type Page } from 'playwright-core';
import {
  QUIET_SETTINGS,
  REPO_ROOT,
  copyExtensions,
  extensionsTemplate,
  installExtension,
  launchChromium,
  startCodeServer,
  VIEWPORT,
  writeUserSettings,
} from '../../scripts/lib/codeServer';
import { buildLanguagePack, useLocale } from './languagePack';

/** The linux-x64 build (with keytar): what the UI tests ran on before the universal build existed. */
export const DEFAULT_VSIX = path.join(REPO_ROOT, 'dist', 'milvus-access-manager-linux-x64.vsix');
/** The universal build: no native code, secrets in VS Code SecretStorage only. */
export const UNIVERSAL_VSIX = path.join(REPO_ROOT, 'dist', 'milvus-access-manager-universal.vsix');
const SCREENSHOTS = path.join(REPO_ROOT, 'test-results', 'screenshots');

export interface LaunchOptions {
  /** Default: $E2E_VSIX, else dist/milvus-access-manager-linux-x64.vsix. */
  vsixPath?: string;
  /** Other extensions (VSIX files) installed beside ours. */
  extraVsix?: string[];
  /** User settings on top of the quiet defaults. */
  settings?: Record<string, unknown>;
  /** Written to `milvusAccessManager.seedConnections`. */
  seedConnections?: object[];
  /** Extra environment for code-server and so the extension host (e.g. MILVUS_DEMO_PASSWORD_FILE). */
  env?: Record<string, string>;
  /** Keep the temp folders after close() (also with E2E_KEEP=1). */
  keep?: boolean;
  /** Display language, e.g. 'zh-cn' (a test language pack is built and installed: see languagePack.ts). Default English. */
  locale?: string;
  /** A code-server of its own even with the default options (its user-data dir, logs and processes to itself). */
  ownCodeServer?: boolean;
  /**
   * A Chromium of its own with its profile on disk (`chromiumDir`), for tests of what the browser itself keeps: files in
   * the profile, the password manager. Also with `keep`. Otherwise a context in the stage's shared Chromium.
   */
  ownBrowser?: boolean;
  /** A code-server already running (npm start's): the window opens there, and close() leaves it running. */
  codeServer?: SharedCodeServer;
}

/** The stage's shared code-server (sharedStage.ts), as E2E_SHARED_CODE_SERVER describes it. */
export interface SharedCodeServer {
  url: string;
  pid: number;
  userDataDir: string;
}

export const SHARED_CODE_SERVER_ENV = 'E2E_SHARED_CODE_SERVER';
/** The stage's shared Chromium (sharedStage.ts): its `wsEndpoint()`. */
export const SHARED_BROWSER_ENV = 'E2E_SHARED_BROWSER';
/** Where templates of installed extensions are kept for the whole stage (sharedStage.ts); else one per test file. */
export const CACHE_DIR_ENV = 'E2E_CACHE_DIR';

/** The shared code-server, for a launch with the default options only. */
function sharedCodeServer(opts: LaunchOptions): SharedCodeServer | undefined {
  const shared = process.env[SHARED_CODE_SERVER_ENV];
  const own =
    opts.ownCodeServer ||
    opts.keep ||
    process.env.E2E_KEEP === '1' ||
    opts.vsixPath !== undefined ||
    (opts.extraVsix ?? []).length > 0 ||
    opts.settings !== undefined ||
    opts.seedConnections !== undefined ||
    opts.env !== undefined ||
    opts.locale !== undefined;
  return shared && !own ? (JSON.parse(shared) as SharedCodeServer) : undefined;
}

/** A context in the shared Chromium (its endpoint), or a Chromium of its own with a profile on disk. */
type BrowserChoice = { endpoint: string } | { profileDir: string };

function browserFor(opts: LaunchOptions, scratch: string): BrowserChoice {
  const endpoint = process.env[SHARED_BROWSER_ENV];
  const own = opts.ownBrowser || opts.keep || process.env.E2E_KEEP === '1';
  return endpoint && !own ? { endpoint } : { profileDir: path.join(scratch, 'chromium') };
}

async function openBrowser(choice: BrowserChoice): Promise<BrowserContext> {
  if ('profileDir' in choice) return launchChromium(choice.profileDir);
  const browser = await chromium.connect(choice.endpoint);
  return browser.newContext({ viewport: VIEWPORT });
}

let processCache: string | undefined;

/** The folder for extension templates: the stage's, or one for this test process (removed when it exits). */
function cacheDir(): string {
  const stage = process.env[CACHE_DIR_ENV];
  if (stage) return stage;
  if (!processCache) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mam-e2e-cache-'));
    process.on('exit', () => fs.rmSync(dir, { recursive: true, force: true }));
    processCache = dir;
  }
  return processCache;
}

export function defaultVsix(): string {
  return process.env.E2E_VSIX ?? DEFAULT_VSIX;
}

export interface VsCode {
  page: Page;
  url: string;
  userDataDir: string;
  workspaceDir: string;
  /**
   * The Chromium profile on disk: the browser side of VS Code (localStorage with the sealed SecretStorage, IndexedDB).
   * Undefined in the shared Chromium, whose contexts keep their storage in memory.
   */
  chromiumDir: string | undefined;
  /** code-server's process id (its extension host, terminals and watchers are its descendants). */
  codeServerPid: number;
  /** Whether the code-server was running already, the stage's or `codeServer` (userDataDir and codeServerPid are its). */
  shared: boolean;
  /** Saves test-results/screenshots/<name>.png (the whole window, or the `clip` rectangle in CSS pixels) and returns its path. */
  screenshot(name: string, clip?: { x: number; y: number; width: number; height: number }): Promise<string>;
  close(): Promise<void>;
}

export async function launchVsCode(opts: LaunchOptions = {}): Promise<VsCode> {
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'mam-e2e-'));
  const shared = opts.codeServer ?? sharedCodeServer(opts);
  const userDataDir = shared?.userDataDir ?? path.join(scratch, 'user-data');
  const extensionsDir = path.join(scratch, 'extensions');
  const workspaceDir = path.join(scratch, 'workspace');
  const browser = browserFor(opts, scratch);
  fs.mkdirSync(workspaceDir, { recursive: true });
  let server: Awaited<ReturnType<typeof startCodeServer>> | undefined;
  let context: BrowserContext | undefined;
  const close = async (): Promise<void> => {
    // Leaving the workbench first lets it say goodbye to code-server, which then ends this window's extension host at
    // once instead of keeping it for a reconnection (a shared code-server would otherwise collect them).
    await context
      ?.pages()[0]
      ?.goto('about:blank', { timeout: 10_000 })
      .catch(() => undefined);
    await context?.close().catch(() => undefined);
    // In the shared Chromium this ends this process's connection only; the browser goes on for the other files. (A
    // Chromium of its own has no browser() here: closing its persistent context closed it.)
    await context
      ?.browser()
      ?.close()
      .catch(() => undefined);
    await server?.stop();
    if (!opts.keep && process.env.E2E_KEEP !== '1') fs.rmSync(scratch, { recursive: true, force: true });
  };
  try {
    if (!shared) {
      writeUserSettings(userDataDir, {
        ...QUIET_SETTINGS,
        ...(opts.seedConnections ? { 'milvusAccessManager.seedConnections': opts.seedConnections } : {}),
        ...opts.settings,
      });
      const vsix = [opts.vsixPath ?? defaultVsix(), ...(opts.extraVsix ?? [])];
      copyExtensions(await extensionsTemplate(vsix, cacheDir()), extensionsDir);
      if (opts.locale) {
        await installExtension(await buildLanguagePack(scratch, opts.locale), extensionsDir, userDataDir);
        useLocale(userDataDir, extensionsDir, opts.locale);
      }
      server = await startCodeServer({ userDataDir, extensionsDir, env: { ...process.env, ...opts.env } });
    }
    context = await openBrowser(browser);
    const page = context.pages()[0] ?? (await context.newPage());
    const url = `${shared?.url ?? server?.url}?folder=${encodeURIComponent(workspaceDir)}`;
    await page.goto(url, { timeout: 60_000 }); // the workbench's scripts take long to load on a busy 2-core machine
    await page.waitForSelector('.monaco-workbench', { timeout: 60_000 });
    const screenshot: VsCode['screenshot'] = async (name, clip) => {
      fs.mkdirSync(SCREENSHOTS, { recursive: true });
      const file = path.join(SCREENSHOTS, `${name}.png`);
      await page.screenshot({ path: file, clip });
      return file;
    };
    return {
      page,
      url,
      userDataDir,
      workspaceDir,
      chromiumDir: 'profileDir' in browser ? browser.profileDir : undefined,
      codeServerPid: shared?.pid ?? server?.process.pid ?? 0,
      shared: shared !== undefined,
      screenshot,
      close,
    };
  } catch (e) {
    await close(); // also when the VSIX install or code-server fails: no scratch folder or process is left behind
    throw e;
  }
}

/**
 * Runs a command by its palette title, e.g. `Milvus: Add Connection`. Right after launch the extension's commands may
 * not be in the palette yet, and the palette may not open at the first F1, so it is opened again until the title shows
 * up (up to `timeoutMs`).
 */
export async function runCommand(page: Page, title: string, timeoutMs = 60_000): Promise<void> {
  const input = page.locator('.quick-input-widget input.input');
  const row = page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first();
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (!(await input.isVisible())) await page.keyboard.press('F1');
    try {
      // F1 can be lost, e.g. while the focus is moving into a webview, whose keys reach the workbench by message.
      await input.waitFor({ state: 'visible', timeout: 5_000 });
      await input.fill(`>${title}`);
      await row.waitFor({ state: 'visible', timeout: 2_000 });
      break;
    } catch (e) {
      if (Date.now() > deadline) throw new Error(`command "${title}" never appeared in the palette`, { cause: e });
      if (await input.isVisible()) await page.keyboard.press('Escape');
    }
  }
  await row.click();
}

/**
 * Opens our activity-bar container (view container `milvusAccessManager`) and returns the Connections view pane, whose
 * header reads `paneTitle` (the view's name in the display language).
 */
export async function openOurView(page: Page, paneTitle: RegExp = /Connections/i): Promise<Locator> {
  const tab = page.getByRole('tab', { name: /Milvus/ }).first();
  await tab.waitFor({ state: 'visible', timeout: 60_000 });
  const pane = page.locator('.pane', { has: page.locator('.pane-header', { hasText: paneTitle }) }).first();
  // Clicking the tab of the container that is already open closes the sidebar, and after a reload the workbench may
  // still be restoring it: click only while the pane is not showing, and check again after each click.
  for (let attempt = 0; attempt < 3; attempt++) {
    if (await pane.isVisible()) return pane;
    await tab.click();
    try {
      await pane.waitFor({ state: 'visible', timeout: 5_000 });
      return pane;
    } catch {
      // toggled closed by a late restore: try again
    }
  }
  await pane.waitFor({ state: 'visible' });
  return pane;
}

export function treeItem(page: Page, name: string | RegExp): Locator {
  return page.getByRole('treeitem', { name }).first();
}

export function notification(page: Page, text: string | RegExp): Locator {
  return page.locator('.notification-toast', { hasText: text }).first();
}

/** The content of the visible webview panel (VS Code nests it: iframe.webview -> #active-frame). */
export function webviewFrame(page: Page): FrameLocator {
  return page.locator('iframe.webview:visible').first().contentFrame().frameLocator('#active-frame');
}

/** A button of VS Code's modal dialog (e.g. the "Remove" confirmation). */
export function modalButton(page: Page, label: string | RegExp): Locator {
  return page.locator('.monaco-dialog-box').getByRole('button', { name: label }).first();
}
