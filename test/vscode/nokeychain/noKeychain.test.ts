// The keytar backend on a machine without a usable Secret Service (run by test/vscode/runNoKeychain.ts: no D-Bus
// session bus, no display). The user must get a clear message with the remedy and the offer to use SecretStorage,
// and nothing may be stored anywhere as a fallback. The last test makes a locked keyring (a private D-Bus that
// activates gnome-keyring, never unlocked) and checks that message too.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as vscode from 'vscode';
import type { ConnectionProfile, ServerInfo } from '../../../src/core/types';
import type { MilvusAccessManagerApi } from '../../../src/extension';
import type { RunningTestServer } from '../../milvus-server';
import {
  addConnection,
  CMD,
  getApi,
  newSecret,
  removeConnection,
  rootProfile,
  setSetting,
  startServer,
} from '../suite/extensionHelpers';

const PROFILES_KEY = 'milvusAccessManager.connections.v1';
const REMEDY = 'use VS Code SecretStorage instead (setting milvusAccessManager.secretBackend).';
const NO_DBUS =
  "No D-Bus session is running, so the OS keychain (Secret Service) cannot be reached. Start the desktop session's keyring (for example gnome-keyring), or " +
  REMEDY;
const LOCKED =
  'The OS keyring is locked or has no login collection. Unlock your keyring (log in to the desktop session, or run gnome-keyring-daemon --unlock), or ' +
  REMEDY;

// Saving asks in a modal dialog (so the form's input survives and the save is retried after the switch). VS Code
// refuses modal dialogs in extension tests and rejects with this text around the dialog's message instead, so the
// tests see exactly what the dialog would have said.
const MODAL_IN_TESTS = 'DialogService: refused to show dialog in tests. Contents: ';

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** A file's text; a missing file fails the test (a scan of nothing must not pass). */
async function readText(uri: vscode.Uri): Promise<string> {
  return Buffer.from(await vscode.workspace.fs.readFile(uri)).toString('utf8');
}

/** The files directly in `dir`; a missing or empty folder fails the test. */
async function filesIn(dir: vscode.Uri): Promise<vscode.Uri[]> {
  const files = (await vscode.workspace.fs.readDirectory(dir))
    .filter(([, type]) => type === vscode.FileType.File)
    .map(([file]) => vscode.Uri.joinPath(dir, file));
  assert.ok(files.length > 0, `no file in ${dir.path}`);
  return files;
}

suite('no keychain: keytar backend without a Secret Service', () => {
  let api: MilvusAccessManagerApi;
  let server: RunningTestServer;
  let rootPassword: string;
  const created: string[] = [];

  suiteSetup(async () => {
    api = await getApi();
    ({ server, rootPassword } = await startServer());
  });

  suiteTeardown(async () => {
    await setSetting('secretBackend', 'secretStorage');
    for (const id of created) await removeConnection(id);
    await setSetting('secretBackend', undefined);
    await server?.stop();
  });

  function lastMessage(): string | undefined {
    return api.commandErrors.last?.message;
  }

  /** Adds a connection through the command; returns what it resolved with and the message it showed. */
  async function tryAdd(
    name: string,
    password: string,
  ): Promise<{ saved: ConnectionProfile | undefined; message: string | undefined }> {
    api.commandErrors.last = undefined;
    const saved = await vscode.commands.executeCommand<ConnectionProfile | undefined>(CMD.add, {
      profile: rootProfile(server, name),
      secret: { password },
    });
    if (saved) created.push(saved.id);
    return { saved, message: lastMessage() };
  }

  /** Nothing about the refused connection, and not its password, in global state, settings.json or the log. */
  async function assertNothingStored(name: string, password: string): Promise<void> {
    assert.ok(!api.profiles.list().some((p) => p.name === name), 'the profile was saved without its secret');
    const state = api.globalState
      .keys()
      .map((key) => `${key}=${JSON.stringify(api.globalState.get(key))}`)
      .join('\n');
    assert.ok(
      !state.includes(password) && !state.includes(name),
      'global state holds the password or the half-saved profile',
    );
    assert.ok(!JSON.stringify(api.globalState.get(PROFILES_KEY) ?? null).includes(name));
    const settings = await readText(vscode.Uri.joinPath(api.globalStorageUri, '..', '..', 'settings.json'));
    // The file the user's settings live in: it holds the backend this test chose, so the scan read the right file.
    assert.match(settings, /"milvusAccessManager\.secretBackend":\s*"keytar"/, 'settings.json is not the one in use');
    assert.ok(!settings.includes(password), 'settings.json holds the password');
    assert.ok(!JSON.stringify(vscode.workspace.getConfiguration('milvusAccessManager')).includes(password));
    let logged = 0;
    for (const log of await filesIn(api.logUri)) {
      const text = await readText(log);
      logged += text.length;
      assert.ok(!text.includes(password), `${log.path} holds the password`);
    }
    // The refusal was logged: the log files scanned are the ones the extension writes to.
    assert.ok(logged > 0, 'the log files are empty');
  }

  test('the extension host really has no D-Bus session and no display', () => {
    assert.equal(process.env.DBUS_SESSION_BUS_ADDRESS, undefined);
    assert.equal(process.env.DISPLAY, undefined);
  });

  test('adding a connection with a password: clear message with the remedy; nothing stored anywhere', async () => {
    await setSetting('secretBackend', 'keytar');
    const password = newSecret('NoKc');
    const { saved, message } = await tryAdd('No keychain add', password);
    assert.equal(saved, undefined);
    assert.equal(message, MODAL_IN_TESTS + NO_DBUS);
    assert.equal(api.commandErrors.last?.command, CMD.add);
    assert.equal(
      vscode.workspace.getConfiguration('milvusAccessManager').get('secretBackend'),
      'keytar',
      'the backend was switched without asking',
    );
    await assertNothingStored('No keychain add', password);
  });

  test('after switching the setting to secretStorage, the same add works and connects', async () => {
    await setSetting('secretBackend', 'secretStorage');
    const { saved, message } = await tryAdd('No keychain switched', rootPassword);
    assert.equal(message, undefined);
    assert.ok(saved);
    assert.deepEqual(await api.vault.get(saved.id), { password: rootPassword });
    const info = await vscode.commands.executeCommand<ServerInfo>(CMD.connect, { id: saved.id });
    assert.equal(info?.user, 'root', lastMessage());
    await vscode.commands.executeCommand(CMD.disconnect, { id: saved.id });
  });

  test('connecting while keytar is selected: the message, and its "Use VS Code SecretStorage" button switches back', async () => {
    await setSetting('secretBackend', 'secretStorage');
    const profile = await addConnection(rootProfile(server, 'No keychain offer'), { password: rootPassword });
    created.push(profile.id);
    await setSetting('secretBackend', 'keytar');
    await vscode.commands.executeCommand('notifications.clearAll');
    api.commandErrors.last = undefined;
    assert.equal(await vscode.commands.executeCommand(CMD.connect, { id: profile.id }), undefined);
    assert.equal(lastMessage(), NO_DBUS);
    assert.equal(api.connections.status(profile.id).state, 'failed');
    assert.ok(api.profiles.get(profile.id), 'profile kept');

    // The offer is the newest notification; its primary action is the button. Press it as the user would, until the
    // setting changes (the notification may not be showing yet): the change event ends the wait, 30 s is a ceiling.
    const switched = (): boolean =>
      vscode.workspace.getConfiguration('milvusAccessManager').get('secretBackend') === 'secretStorage';
    let changed = false;
    const listener = vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('milvusAccessManager.secretBackend') && switched()) changed = true;
    });
    try {
      for (const until = Date.now() + 30_000; !changed && Date.now() < until;) {
        await vscode.commands.executeCommand('notification.acceptPrimaryAction');
        await sleep(100);
      }
    } finally {
      listener.dispose();
    }
    assert.ok(changed && switched(), 'the button did not switch the backend to SecretStorage');
    const info = await vscode.commands.executeCommand<ServerInfo>(CMD.connect, { id: profile.id });
    assert.equal(info?.user, 'root', lastMessage());
  });

  test('a locked keyring (gnome-keyring running, never unlocked): clear message; nothing stored', async function () {
    if (spawnSync('which', ['dbus-daemon', 'gnome-keyring-daemon']).status !== 0) this.skip();
    const home = fs.mkdtempSync(path.join(os.tmpdir(), 'mam-locked-keyring-'));
    // A private session bus; it activates gnome-keyring (from its .service file) on the first Secret Service call.
    // XDG_DATA_HOME keeps that keyring in the temp folder, away from any real one.
    const started = spawnSync('dbus-daemon', ['--session', '--fork', '--print-address=1', '--print-pid=1'], {
      env: { ...process.env, XDG_DATA_HOME: home, HOME: home },
      encoding: 'utf8',
    });
    const [address, pid] = started.stdout.trim().split('\n');
    assert.ok(address?.startsWith('unix:') && Number(pid) > 0, `dbus-daemon did not start: ${started.stderr}`);
    process.env.DBUS_SESSION_BUS_ADDRESS = address;
    try {
      await setSetting('secretBackend', 'keytar');
      const password = newSecret('Locked');
      const { saved, message } = await tryAdd('Locked keyring add', password);
      assert.equal(saved, undefined);
      assert.equal(message, MODAL_IN_TESTS + LOCKED);
      await assertNothingStored('Locked keyring add', password);
    } finally {
      delete process.env.DBUS_SESSION_BUS_ADDRESS;
      process.kill(Number(pid));
      fs.rmSync(home, { recursive: true, force: true });
    }
  });
});
