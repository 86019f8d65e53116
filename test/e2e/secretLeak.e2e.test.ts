// Secret leak scan (issue 6): after a UI session that types every kind of secret the extension handles (a connection
// password, a token, a new user's password, old and new passwords when changing one, including the connection's own),
// no password or token (nor its base64, UTF-16 or URL-encoded form) is in VS Code's user-data folder (settings,
// global state, logs), in the browser profile (localStorage holding the AES-sealed SecretStorage, IndexedDB), or in
// any webview state the forms saved.
// The same window has a second extension installed from a VSIX beside ours, as a user would install one (issue 11,
// security 1: both in ExtensionMode.Production): it activates ours and reports what our exports hold, which must be
// nothing, so that no other extension reaches our secret vault (or profiles, connections...) through
// `vscode.extensions.getExtension(ours).exports`.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Frame, Page } from 'playwright-core';
import { startMilvusTestServer, type RunningTestServer } from '../milvus-server';
import { launchVsCode, openOurView, runCommand, webviewFrame, type VsCode } from './harness';
import { buildExportsProbe, readExportsReport, type ExportsReport } from './probeExtension';
import {
  CMD,
  answerInputBox,
  expand,
  fillConnectionForm,
  openConnectionForm,
  pick,
  saveConnection,
  testConnection,
  treeRow,
  waitEnabled,
  waitForNotification,
  waitForDescription,
  withFailureShot,
} from './uiSteps';

const ROOT_PASSWORD = 'Leak-root-Pw-41x';
const ROOT_NEW = 'Leak-root-New-52y';
const WRONG_PASSWORD = 'Leak-wrong-Pw-63z';
const ALICE_PASSWORD = 'Leak-alice-Pw-74q';
const TOKEN = `alice:${ALICE_PASSWORD}`;
const FRANK_PASSWORD = 'Leak-frank-Pw-85r';
const FRANK_NEW = 'Leak-frank-New-96s';
const SECRETS = [ROOT_PASSWORD, ROOT_NEW, WRONG_PASSWORD, ALICE_PASSWORD, TOKEN, FRANK_PASSWORD, FRANK_NEW];

const PASSWORD_CONNECTION = 'Leak check (password)';
const TOKEN_CONNECTION = 'Leak check (token)';

/** Every byte form a secret could take on disk: UTF-8, UTF-16LE (Chromium's localStorage), base64 (gRPC metadata), URL-encoded. */
function needles(secret: string): { form: string; bytes: Buffer }[] {
  const b64 = Buffer.from(secret, 'utf8').toString('base64');
  const forms: [string, Buffer][] = [
    ['utf8', Buffer.from(secret, 'utf8')],
    ['utf16le', Buffer.from(secret, 'utf16le')],
    ['base64', Buffer.from(b64, 'utf8')],
    ['base64 (utf16le)', Buffer.from(b64, 'utf16le')],
    ['base64url', Buffer.from(Buffer.from(secret, 'utf8').toString('base64url'), 'utf8')],
    ['url-encoded', Buffer.from(encodeURIComponent(secret), 'utf8')],
  ];
  return forms.map(([form, bytes]) => ({ form, bytes }));
}

function filesUnder(dir: string): string[] {
  const out: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...filesUnder(full));
    else if (entry.isFile()) out.push(full);
  }
  return out;
}

interface Hit {
  file: string;
  secret: string;
  form: string;
}

function scan(files: readonly string[], secrets: readonly string[]): Hit[] {
  const hits: Hit[] = [];
  for (const file of files) {
    let data: Buffer;
    try {
      data = fs.readFileSync(file);
    } catch {
      continue; // a lock file that vanished meanwhile
    }
    for (const secret of secrets)
      for (const { form, bytes } of needles(secret)) if (data.includes(bytes)) hits.push({ file, secret, form });
  }
  return hits;
}

function scanText(where: string, text: string, secrets: readonly string[]): Hit[] {
  const data = Buffer.from(text, 'utf8');
  return secrets.flatMap((secret) =>
    needles(secret)
      .filter(({ bytes }) => data.includes(bytes))
      .map(({ form }) => ({ file: where, secret, form })),
  );
}

function anyFileContains(files: readonly string[], text: string): string[] {
  const needle = [Buffer.from(text, 'utf8'), Buffer.from(text, 'utf16le')];
  return files.filter((file) => {
    try {
      const data = fs.readFileSync(file);
      return needle.some((n) => data.includes(n));
    } catch {
      return false;
    }
  });
}

// ---------------------------------------------------------------- webview state

/** The frame VS Code hosts the webview in (iframe.webview); its MessagePort carries the page's setState calls. */
async function hostFrame(page: Page): Promise<Frame> {
  const handle = await page.locator('iframe.webview:visible').first().elementHandle({ timeout: 30_000 });
  const frame = await handle?.contentFrame();
  if (!frame) throw new Error('no webview host frame');
  return frame;
}

/** The page's own frame (#active-frame inside the host frame). */
async function activeFrame(page: Page): Promise<Frame> {
  const host = await hostFrame(page);
  const handle = await host.locator('#active-frame').elementHandle({ timeout: 30_000 });
  const frame = await handle?.contentFrame();
  if (!frame) throw new Error('no webview active frame');
  return frame;
}

/**
 * Records every state the page passes to `vscode.setState` from now on: acquireVsCodeApi's setState posts
 * 'do-update-state' to the host frame, which forwards it to the workbench over a MessagePort, where we listen.
 */
async function recordStates(page: Page): Promise<void> {
  const host = await hostFrame(page);
  await host.evaluate(() => {
    const w = window as unknown as { __e2eStates?: string[] };
    if (w.__e2eStates) return;
    const states: string[] = [];
    w.__e2eStates = states;
    const original = MessagePort.prototype.postMessage;
    MessagePort.prototype.postMessage = function (this: MessagePort, message: unknown, ...rest: unknown[]) {
      const m = message as { channel?: string; data?: unknown } | null;
      if (m && m.channel === 'do-update-state') states.push(String(m.data));
      return (original as (...args: unknown[]) => void).call(this, message, ...rest);
    } as typeof MessagePort.prototype.postMessage;
  });
}

async function recordedStates(page: Page): Promise<string[]> {
  const host = await hostFrame(page);
  return host.evaluate(() => (window as unknown as { __e2eStates?: string[] }).__e2eStates ?? []);
}

/**
 * The state `vscode.getState()` returns in a freshly loaded page, read inside the webview: VS Code bakes the saved
 * state into the script that defines acquireVsCodeApi when it recreates a hidden webview.
 */
async function restoredState(page: Page): Promise<string> {
  const frame = await activeFrame(page);
  return frame.evaluate(() => {
    for (const script of Array.from(document.scripts)) {
      const match = /JSON\.parse\(decodeURIComponent\("([^"]*)"\)\)/.exec(script.textContent ?? '');
      if (match && /acquireVsCodeApi/.test(script.textContent ?? '')) return decodeURIComponent(match[1]);
    }
    return '';
  });
}

/** Hides the active webview editor behind an untitled file and shows it again: VS Code recreates the page from its state. */
async function hideAndShow(page: Page, tabTitle: RegExp): Promise<void> {
  await runCommand(page, 'File: New Untitled Text File');
  await page.locator('iframe.webview:visible').first().waitFor({ state: 'detached', timeout: 30_000 });
  await page.locator('.tabs-container .tab', { hasText: tabTitle }).first().click();
  await webviewFrame(page).locator('[role=form]').first().waitFor({ state: 'visible', timeout: 30_000 });
}

/**
 * Everything the workbench keeps in the browser, read through the page (independent of how Chromium lays it out on
 * disk, e.g. snappy-compressed LevelDB tables): every localStorage entry and every IndexedDB record, as text.
 */
async function browserStorage(page: Page): Promise<{ entries: number; text: string }> {
  return page.evaluate(async () => {
    const parts: string[] = [];
    const asText = (value: unknown): string => {
      if (value instanceof Uint8Array) return new TextDecoder().decode(value);
      if (value instanceof ArrayBuffer) return new TextDecoder().decode(new Uint8Array(value));
      if (typeof value === 'string') return value;
      try {
        return JSON.stringify(value, (_k, v: unknown) => (v instanceof Uint8Array ? new TextDecoder().decode(v) : v));
      } catch {
        return String(value);
      }
    };
    for (let i = 0; i < localStorage.length; i++) {
      const key = localStorage.key(i) ?? '';
      parts.push(`localStorage ${key}=${localStorage.getItem(key) ?? ''}`);
    }
    for (const info of await indexedDB.databases()) {
      if (!info.name) continue;
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const request = indexedDB.open(info.name as string);
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
      for (const store of Array.from(db.objectStoreNames)) {
        const [keys, values] = await Promise.all(
          ['getAllKeys', 'getAll'].map(
            (method) =>
              new Promise<unknown[]>((resolve, reject) => {
                const request = (
                  db.transaction(store, 'readonly').objectStore(store) as unknown as Record<
                    string,
                    () => IDBRequest<unknown[]>
                  >
                )[method]();
                request.onsuccess = () => resolve(request.result);
                request.onerror = () => reject(request.error);
              }),
          ),
        );
        keys.forEach((key, i) => parts.push(`indexedDB ${info.name}/${store} ${asText(key)}=${asText(values[i])}`));
      }
      db.close();
    }
    return { entries: parts.length, text: parts.join('\n') };
  });
}

describe('e2e: no secret leaks into VS Code storage, logs or webview state', () => {
  let server: RunningTestServer;
  let vs: VsCode;
  let probeDir: string;
  let probeReport: string;
  const webviewStates: { where: string; state: string }[] = [];

  before(async () => {
    probeDir = fs.mkdtempSync(path.join(os.tmpdir(), 'mam-e2e-probe-'));
    probeReport = path.join(probeDir, 'exports-report.json');
    const probe = await buildExportsProbe(probeDir, probeReport);
    server = await startMilvusTestServer({
      port: 0,
      auth: true,
      rootPassword: ROOT_PASSWORD,
      quiet: true,
      seed: { roles: ['reader'], users: [{ name: 'alice', password: ALICE_PASSWORD, roles: ['reader'] }] },
    });
    // keep and ownBrowser: the user-data folder and the browser profile on disk are scanned at the end.
    vs = await launchVsCode({ keep: true, ownBrowser: true, extraVsix: [probe] });
    await openOurView(vs.page);
  });
  after(async () => {
    await vs?.close();
    await server?.stop();
    if (vs && process.env.E2E_KEEP !== '1') fs.rmSync(path.dirname(vs.userDataDir), { recursive: true, force: true });
    if (probeDir) fs.rmSync(probeDir, { recursive: true, force: true });
  });

  test('another installed extension activates ours and finds no test API in its exports: no vault, no profiles', () =>
    withFailureShot(vs, 'exports-probe', async () => {
      await waitForNotification(vs.page, /Exports probe:/, 60_000); // the probe ran in this window
      const report: ExportsReport = await readExportsReport(probeReport);
      assert.equal(report.error, undefined, `activating ours failed: ${report.error}`);
      assert.equal(report.found, true, 'the probe sees our extension');
      assert.equal(report.active, true, 'ours is active (the probe activated it)');
      assert.equal(report.hasVault, false, `exports hold the vault (keys: ${report.keys?.join(', ')})`);
      assert.equal(report.hasProfiles, false, 'exports hold the profiles');
      assert.equal(report.vaultReadable, false, 'a stored secret is readable through the exports');
      assert.equal(
        report.exportsType,
        'undefined',
        `exports are a ${report.exportsType} with keys ${report.keys?.join(', ')}`,
      );
      await runCommand(vs.page, 'Notifications: Clear All Notifications');
    }));

  test('the scanner finds a planted secret in each of its forms (so zero hits means something)', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mam-scan-check-'));
    try {
      const canary = 'Canary-Pw-1:x/y+z';
      const forms = needles(canary);
      forms.forEach(({ form, bytes }, i) =>
        fs.writeFileSync(
          path.join(dir, `f${i}`),
          Buffer.concat([Buffer.from(`junk ${form} `), bytes, Buffer.from(' junk')]),
        ),
      );
      const hits = scan(filesUnder(dir), [canary]);
      forms.forEach(({ form }, i) =>
        assert.ok(
          hits.some((h) => h.file.endsWith(`f${i}`) && h.form === form),
          `the ${form} form is found`,
        ),
      );
      assert.equal(scanText('state', JSON.stringify({ password: canary }), [canary]).length > 0, true);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test('password connection: a wrong then the right password through the form; the restored form has no password', () =>
    withFailureShot(vs, 'leak-1', async () => {
      const { page } = vs;
      const form = await openConnectionForm(page);
      await recordStates(page);
      await fillConnectionForm(form, {
        name: PASSWORD_CONNECTION,
        uri: `http://${server.address}`,
        auth: 'password',
        username: 'root',
        password: WRONG_PASSWORD,
      });
      assert.notEqual((await testConnection(form)).error, '', 'the wrong password is refused');
      await form.locator('#password').fill(ROOT_PASSWORD);
      assert.equal((await testConnection(form)).error, '');
      const states = await recordedStates(page);
      assert.ok(
        states.some((state) => state.includes(PASSWORD_CONNECTION)),
        'the form saved its state while typing (so there was something to check)',
      );
      webviewStates.push(...states.map((state) => ({ where: 'connection form setState', state })));

      await hideAndShow(page, /Add Milvus Connection/);
      const restored = await restoredState(page);
      assert.match(
        restored,
        new RegExp(PASSWORD_CONNECTION.replace(/[()]/g, '\\$&')),
        'the restored state holds the form (read inside the webview)',
      );
      webviewStates.push({ where: 'connection form getState after restore', state: restored });
      const again = webviewFrame(page);
      assert.equal(
        await again.locator('#name').inputValue(),
        PASSWORD_CONNECTION,
        'the name comes back from the state',
      );
      assert.equal(
        await again.locator('#password').inputValue(),
        '',
        'the password does not come back: it was never in the state',
      );

      await recordStates(page);
      await again.locator('#password').fill(ROOT_PASSWORD);
      webviewStates.push(
        ...(await recordedStates(page)).map((state) => ({ where: 'connection form setState after restore', state })),
      );
      await saveConnection(page, again);
      await treeRow(page, PASSWORD_CONNECTION).waitFor({ timeout: 30_000 });
    }));

  test('token connection through the form', () =>
    withFailureShot(vs, 'leak-2', async () => {
      const { page } = vs;
      const form = await openConnectionForm(page);
      await recordStates(page);
      await fillConnectionForm(form, {
        name: TOKEN_CONNECTION,
        uri: `http://${server.address}`,
        auth: 'token',
        token: TOKEN,
      });
      const outcome = await testConnection(form);
      assert.match(outcome.status, /Connected to Milvus/, `the token is accepted: ${outcome.status} ${outcome.error}`);
      const states = await recordedStates(page);
      assert.ok(
        states.some((state) => state.includes(TOKEN_CONNECTION)),
        'the token form saved its state',
      );
      webviewStates.push(...states.map((state) => ({ where: 'token form setState', state })));
      await saveConnection(page, form);
      await treeRow(page, TOKEN_CONNECTION).waitFor({ timeout: 30_000 });
    }));

  test('create a user with a password through the form, then change its password', () =>
    withFailureShot(vs, 'leak-3', async () => {
      const { page } = vs;
      await expand(page, PASSWORD_CONNECTION);
      await expand(page, 'Users');
      await runCommand(page, CMD.createUser);
      await pick(page, /connection to create the user on/, PASSWORD_CONNECTION);
      const form = webviewFrame(page);
      await form.locator('#username').waitFor({ timeout: 30_000 });
      await recordStates(page);
      await form.locator('#username').fill('frank');
      await form.locator('#password').fill(FRANK_PASSWORD);
      await form.locator('#confirm').fill(FRANK_PASSWORD);
      await form.locator('#roles').getByRole('checkbox', { name: 'reader', exact: true }).check();
      const states = await recordedStates(page);
      assert.ok(
        states.some((state) => state.includes('frank')),
        'the user form saved its state',
      );
      webviewStates.push(...states.map((state) => ({ where: 'user form setState', state })));
      await hideAndShow(page, /Create user/);
      const restored = await restoredState(page);
      assert.match(restored, /frank/, 'the restored user form state holds the username');
      webviewStates.push({ where: 'user form getState after restore', state: restored });
      const again = webviewFrame(page);
      assert.equal(await again.locator('#username').inputValue(), 'frank');
      assert.equal(await again.locator('#password').inputValue(), '', 'the password does not come back');
      await again.locator('#password').fill(FRANK_PASSWORD);
      await again.locator('#confirm').fill(FRANK_PASSWORD);
      await waitEnabled(again.locator('#submit'));
      await again.locator('#submit').click();
      await waitForNotification(page, /Created user frank/);
      await waitForDescription(treeRow(page, 'frank'), /^reader$/);

      await runCommand(page, CMD.changePassword);
      await pick(page, /^Select the connection/, PASSWORD_CONNECTION);
      await pick(page, /user whose password to change/, 'frank');
      await pick(page, /How should frank's password be changed/, 'Enter the old password');
      await answerInputBox(page, /Current password of frank/, FRANK_PASSWORD);
      await answerInputBox(page, /New password for frank/, FRANK_NEW);
      await answerInputBox(page, /Type the new password for frank again/, FRANK_NEW);
      await waitForNotification(page, /Changed the password of frank/);
    }));

  test('change the password of the user the connection logs in as: the stored secret is replaced and the tree still loads', () =>
    withFailureShot(vs, 'leak-4', async () => {
      const { page } = vs;
      await runCommand(page, CMD.changePassword);
      await pick(page, /^Select the connection/, PASSWORD_CONNECTION);
      await pick(page, /user whose password to change/, 'root');
      await answerInputBox(page, /Current password of root/, ROOT_PASSWORD);
      await answerInputBox(page, /New password for root/, ROOT_NEW);
      await answerInputBox(page, /Type the new password for root again/, ROOT_NEW);
      await waitForNotification(page, /Changed the password of root\. The connection now uses the new password/);
      await runCommand(page, CMD.refresh);
      await treeRow(page, 'frank').waitFor({ timeout: 30_000 });
    }));

  test('scan: no password or token in user data, logs, the browser profile or webview state', () =>
    withFailureShot(vs, 'leak-5', async () => {
      // A reload, as after a restart: the connection then logs in with the replaced secret from SecretStorage.
      const { page } = vs;
      await page.reload();
      await page.waitForSelector('.monaco-workbench', { timeout: 60_000 });
      await openOurView(page);
      await treeRow(page, TOKEN_CONNECTION).waitFor({ timeout: 30_000 });
      await expand(page, PASSWORD_CONNECTION);
      await expand(page, 'Users');
      await treeRow(page, 'frank').waitFor({ timeout: 30_000 });

      // The browser side, read through the page: localStorage (with the sealed SecretStorage) and IndexedDB (global state).
      const storage = await browserStorage(page);
      assert.match(storage.text, /localStorage secrets\.provider=\S/, 'the sealed SecretStorage entry is read');
      assert.ok(storage.text.includes(PASSWORD_CONNECTION), 'the global state with the connection profiles is read');
      assert.deepEqual(
        scanText('browser localStorage and IndexedDB', storage.text, SECRETS),
        [],
        `no secret in ${storage.entries} browser storage entries`,
      );

      assert.ok(webviewStates.length >= 4, 'webview states were captured');
      const stateHits = webviewStates.flatMap(({ where, state }) => scanText(where, state, SECRETS));
      assert.deepEqual(stateHits, [], `no secret in the ${webviewStates.length} webview states`);

      // The files, once the session has ended: closing Chromium and code-server writes out what they held back
      // (Chromium commits localStorage lazily), and the folders are kept (launchVsCode keep) for this scan.
      await vs.close();
      const userFiles = filesUnder(vs.userDataDir);
      assert.ok(vs.chromiumDir, 'launched with a browser profile on disk');
      const browserFiles = filesUnder(vs.chromiumDir);
      assert.ok(
        anyFileContains(
          browserFiles.filter((f) => f.includes('Local Storage')),
          'secrets.provider',
        ).length > 0,
        "the browser's localStorage, which holds the sealed SecretStorage, is among the scanned files",
      );
      assert.ok(
        anyFileContains(userFiles.concat(browserFiles), PASSWORD_CONNECTION).length > 0,
        'the saved connection profiles are in the scanned files',
      );
      const logs = userFiles.filter((f) => f.includes(`${path.sep}logs${path.sep}`) && /Milvus\.log$/.test(f));
      assert.ok(logs.length > 0, "the extension's log file is in the user-data dir");
      const log = logs.map((f) => fs.readFileSync(f, 'utf8')).join('\n');
      assert.match(log, /Created user "frank"/, 'the log recorded the session');
      assert.match(log, /Changed the password of user "root"/);

      const hits = scan(userFiles.concat(browserFiles), SECRETS).map((h) => ({
        ...h,
        file: path.relative(path.dirname(vs.userDataDir), h.file),
      }));
      assert.deepEqual(
        hits,
        [],
        `no secret in the ${userFiles.length} files of the user-data dir or the ${browserFiles.length} of the browser profile`,
      );
    }));
});
