import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { MilvusAccessManagerApi } from '../../../src/extension';
import type { RunningTestServer } from '../../milvus-server';
import {
  addConnection,
  getApi,
  newSecret,
  removeConnection,
  rootProfile,
  setSetting,
  startServer,
} from './extensionHelpers';

const KEYTAR_SERVICE = 'milvus-access-manager';

interface Keytar {
  getPassword(service: string, account: string): Promise<string | null>;
}

function loadKeytar(): Keytar {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require('keytar') as Keytar;
}

/** A Secret Service is reachable when the harness runs us inside dbus-run-session with an unlocked gnome-keyring. */
const haveKeyring = Boolean(process.env.DBUS_SESSION_BUS_ADDRESS);

suite('secrets: SecretStorage and keytar backends', () => {
  let api: MilvusAccessManagerApi;
  let server: RunningTestServer;
  let rootPassword: string;

  suiteSetup(async () => {
    api = await getApi();
    ({ server, rootPassword } = await startServer());
  });

  suiteTeardown(async () => {
    await setSetting('secretBackend', undefined);
    await server?.stop();
  });

  test('SecretStorage round trip: store, read, replace, delete', async () => {
    await setSetting('secretBackend', 'secretStorage');
    assert.equal(api.vault.backendId, 'secretStorage');
    const id = `rt-${Date.now()}`;
    const password = newSecret('SsPw');
    const token = newSecret('SsTok');
    await api.vault.store(id, { password });
    assert.deepEqual(await api.vault.get(id), { password });
    await api.vault.store(id, { token });
    assert.deepEqual(await api.vault.get(id), { token });
    if (haveKeyring)
      assert.equal(
        await loadKeytar().getPassword(KEYTAR_SERVICE, api.vault.key(id)),
        null,
        'SecretStorage backend wrote to keytar',
      );
    await api.vault.delete(id);
    assert.equal(await api.vault.get(id), undefined);
  });

  test('keytar round trip through the OS keychain (or a plain, typed error without one)', async function () {
    await setSetting('secretBackend', 'keytar');
    assert.equal(api.vault.backendId, 'keytar');
    const id = `kt-${Date.now()}`;
    const password = newSecret('KtPw');
    if (!haveKeyring) {
      const error = await api.vault.store(id, { password }).then(
        () => undefined,
        (e: Error & { remedy?: string }) => e,
      );
      assert.equal(error?.name, 'KeychainUnavailableError');
      assert.match(error?.message ?? '', /SecretStorage/);
      assert.ok(!error?.message.includes(password));
      this.skip();
    }
    await api.vault.store(id, { password });
    assert.deepEqual(await api.vault.get(id), { password });
    assert.equal(
      await loadKeytar().getPassword(KEYTAR_SERVICE, api.vault.key(id)),
      JSON.stringify({ password }),
      'entry not in the OS keychain',
    );
    await setSetting('secretBackend', 'secretStorage');
    assert.equal(await api.vault.get(id), undefined, 'the keytar secret leaked into SecretStorage');
    await setSetting('secretBackend', 'keytar');
    await api.vault.delete(id);
    assert.equal(await loadKeytar().getPassword(KEYTAR_SERVICE, api.vault.key(id)), null);
  });

  test('with keytar, a connection connects with its keychain secret and removal deletes it', async function () {
    if (!haveKeyring) this.skip();
    await setSetting('secretBackend', 'keytar');
    const profile = await addConnection(rootProfile(server, 'Keytar conn'), { password: rootPassword });
    try {
      assert.equal(
        await loadKeytar().getPassword(KEYTAR_SERVICE, api.vault.key(profile.id)),
        JSON.stringify({ password: rootPassword }),
      );
      const admin = await api.connections.connect(profile.id);
      assert.equal(admin.info.user, 'root');
    } finally {
      await removeConnection(profile.id);
    }
    assert.equal(await loadKeytar().getPassword(KEYTAR_SERVICE, api.vault.key(profile.id)), null);
  });

  test('keytar failures map to a plain message with a remedy', async () => {
    // Pure function, safe to load outside the bundle.
    const { keychainError } = await import('../../../src/storage/backends/keytarBackend.js');
    const cases: [string, string][] = [
      ['Cannot autolaunch D-Bus without X11 $DISPLAY', 'noDbus'],
      [
        'GDBus.Error:org.freedesktop.DBus.Error.ServiceUnknown: The name org.freedesktop.secrets was not provided by any .service files',
        'noProvider',
      ],
      ['Object does not exist at path “/org/freedesktop/secrets/collection/login”', 'locked'],
      ['Cannot create an item in a locked collection', 'locked'],
      ["Cannot find module 'keytar'", 'notInstalled'],
    ];
    for (const [raw, problem] of cases) {
      const error = keychainError(new Error(raw));
      assert.equal(error.problem, problem, raw);
      assert.match(error.message, /SecretStorage/);
      assert.ok(error.remedy.length > 0);
    }
  });

  test('the secret backend setting is documented and defaults to SecretStorage', () => {
    const inspect = vscode.workspace.getConfiguration('milvusAccessManager').inspect<string>('secretBackend');
    assert.equal(inspect?.defaultValue, 'secretStorage');
  });
});
