// The universal VSIX (no native code) in a real VS Code: it installs without keytar, its keytar setting says at once
// that this build has none, and a connection's password is saved in VS Code SecretStorage, survives a reload and is
// used again without asking.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { startMilvusTestServer, type RunningTestServer } from '../milvus-server';
import { launchVsCode, openOurView, runCommand, UNIVERSAL_VSIX, type VsCode } from './harness';
import { addConnection, expand, treeRow, waitForNotification, withFailureShot } from './uiSteps';

const ROOT_PASSWORD = 'Universal-root-7';
const CONNECTION = 'Universal Milvus';

function filesUnder(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.join(entry.parentPath, entry.name));
}

describe('e2e: the universal VSIX keeps secrets in VS Code SecretStorage', () => {
  let server: RunningTestServer;
  let vs: VsCode;
  before(async () => {
    server = await startMilvusTestServer({
      port: 0,
      auth: true,
      rootPassword: ROOT_PASSWORD,
      version: 'v2.6.19',
      seed: { users: [{ name: 'dora', password: 'Dora-e2e-pass1', roles: [] }] },
      quiet: true,
    });
    // The keytar backend is chosen on purpose: this build must say it has none, and still keep the secret.
    vs = await launchVsCode({
      vsixPath: UNIVERSAL_VSIX,
      settings: { 'milvusAccessManager.secretBackend': 'keytar' },
    });
  });
  after(async () => {
    await vs?.close();
    await server?.stop();
  });

  test('the installed extension carries no native code and no keytar', () => {
    const installed = filesUnder(path.join(path.dirname(vs.userDataDir), 'extensions'));
    assert.ok(
      installed.some((file) => file.endsWith(path.join('dist', 'extension.js'))),
      'the extension is installed',
    );
    assert.deepEqual(
      installed.filter((file) => file.endsWith('.node') || file.includes(`${path.sep}keytar${path.sep}`)),
      [],
    );
  });

  test('the keytar setting says at activation that this build has no keytar, and what to do', () =>
    withFailureShot(vs, 'universal-1', async () => {
      await openOurView(vs.page);
      const text = await waitForNotification(vs.page, /This build of Milvus Access Manager has no keytar/);
      assert.match(text, /universal VSIX, which carries no native code/);
      assert.match(text, /Secrets stay in VS Code SecretStorage/);
      assert.match(text, /install the linux-x64 VSIX/);
      await vs.screenshot('universal-no-keytar');
      // Read, the toast is dismissed, as a person would: left open it covers the form's Save button below until it
      // times out (a click there waited 15 s for it).
      await runCommand(vs.page, 'Notifications: Clear All Notifications');
      // The setting stays on keytar: saving below must still work (in SecretStorage) instead of failing.
    }));

  test('a password saved through the form survives a reload and is used again without asking', () =>
    withFailureShot(vs, 'universal-2', async () => {
      const { page } = vs;
      await addConnection(page, {
        name: CONNECTION,
        uri: `http://${server.address}`,
        auth: 'password',
        username: 'root',
        password: ROOT_PASSWORD,
      });
      await page.reload();
      await page.waitForSelector('.monaco-workbench', { timeout: 60_000 });
      await openOurView(page);
      server.resetRpcCounts();
      await expand(page, CONNECTION);
      await expand(page, 'Users');
      await treeRow(page, 'dora').waitFor({ state: 'visible', timeout: 30_000 });
      assert.equal(
        await page.locator('.quick-input-widget input[type="password"]').isVisible(),
        false,
        'no password prompt: the saved secret was used',
      );
      assert.ok((server.rpcCounts().Connect ?? 0) >= 1, 'the reloaded window logged in to the server');
    }));
});
