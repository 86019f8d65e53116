// A saved connection as a user with no roles at all, in a real VS Code (issue 23, items 11 and 12): reloading the window
// never shows the "No Milvus connection yet" welcome while the saved connection loads; the Privilege groups folder the
// user may not read says "No access" and offers no "+" to create a group; a refusal too long for a toast has a
// "Details" action that shows the whole sentence.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startMilvusTestServer, type RunningTestServer } from '../milvus-server';
import { launchVsCode, modalButton, notification, openOurView, runCommand, type VsCode } from './harness';
import { answerInputBox, expand, pick, treeRow, withFailureShot } from './uiSteps';

const CONNECTION = 'E2E No access';
const EVE_PASSWORD = 'Eve-noaccess-e2e-3';
const WELCOME = /No Milvus connection yet/;

describe('e2e: a user with no roles (welcome on reload, no "+" without access, Details of a long refusal)', () => {
  let server: RunningTestServer;
  let vs: VsCode;
  let secretDir: string;

  before(async () => {
    secretDir = fs.mkdtempSync(path.join(os.tmpdir(), 'mam-e2e-noaccess-'));
    const passwordFile = path.join(secretDir, 'password');
    fs.writeFileSync(passwordFile, EVE_PASSWORD, { mode: 0o600 });
    server = await startMilvusTestServer({
      port: 0,
      auth: true,
      rootPassword: 'NoAccess-root-e2e-1',
      seed: { users: [{ name: 'eve', password: EVE_PASSWORD }] },
      quiet: true,
    });
    vs = await launchVsCode({
      seedConnections: [
        {
          name: CONNECTION,
          uri: `http://${server.address}`,
          database: 'default',
          auth: 'password',
          username: 'eve',
          tls: { mode: 'off' },
        },
      ],
      env: { MILVUS_DEMO_PASSWORD_FILE: passwordFile },
    });
    await openOurView(vs.page);
    await treeRow(vs.page, CONNECTION).waitFor({ timeout: 60_000 });
  });
  after(async () => {
    await vs?.close();
    await server?.stop();
    if (secretDir) fs.rmSync(secretDir, { recursive: true, force: true });
  });

  test('reloading the window: the welcome never shows while the saved connection loads (item 11)', () =>
    withFailureShot(vs, 'noaccess-welcome', async () => {
      const { page } = vs;
      await page.reload();
      const welcome = page.getByText(WELCOME).first();
      const row = treeRow(page, CONNECTION);
      let sawWelcome = false;
      const deadline = Date.now() + 90_000;
      for (let reopened = false; !(await row.isVisible().catch(() => false));) {
        if (await welcome.isVisible().catch(() => false)) {
          sawWelcome = true;
          await vs.screenshot('noaccess-welcome-while-loading');
        }
        if (Date.now() > deadline) assert.fail('the saved connection never showed after the reload');
        if (!reopened && Date.now() > deadline - 60_000) {
          reopened = true;
          await openOurView(page).catch(() => undefined);
        }
        await page.waitForTimeout(100);
      }
      assert.equal(sawWelcome, false, '"No Milvus connection yet" showed although a connection is saved');
    }));

  test('Privilege groups without access: "No access", and no "+" to create a group there (item 12)', () =>
    withFailureShot(vs, 'noaccess-groups', async () => {
      const { page } = vs;
      await expand(page, CONNECTION);
      const groups = await expand(page, 'Privilege groups');
      await treeRow(page, 'No access').waitFor({ timeout: 30_000 });
      await groups.hover();
      const create = groups.locator('.actions .action-label[aria-label^="Create Privilege Group"]');
      for (let i = 0; i < 100 && (await create.count()) > 0; i++) await page.waitForTimeout(100);
      await vs.screenshot('noaccess-groups-folder');
      assert.equal(await create.count(), 0, 'the "+" is offered on a folder the user may not read');
    }));

  test('a refusal too long for a toast: "Details" shows the whole sentence (item 12)', () =>
    withFailureShot(vs, 'noaccess-details', async () => {
      const { page } = vs;
      await runCommand(page, 'Milvus: Create Role…');
      await pick(page, /^Select the connection to create the role on$/, CONNECTION);
      await answerInputBox(page, /Name of the new role/, 'eve_role');
      await answerInputBox(page, /Description/, '');
      const toast = notification(page, /lacks the CreateOwnership privilege/);
      await toast.waitFor({ timeout: 30_000 });
      const details = toast.getByRole('button', { name: 'Details' });
      await details.waitFor({ timeout: 10_000 });
      const shown = (await toast.locator('.notification-list-item-message').innerText()).trim();
      await details.click();
      const dialog = page.locator('.monaco-dialog-box');
      await dialog.waitFor({ timeout: 10_000 });
      await vs.screenshot('noaccess-details-dialog');
      const full = (await dialog.innerText()).replace(/\s+/g, ' ');
      assert.match(full, /eve lacks the CreateOwnership privilege/);
      assert.match(full, /Ask an administrator/i, 'the remedy, at the end of the sentence, is shown too');
      assert.ok(full.length >= shown.length, 'the dialog shows at least what the toast did');
      await modalButton(page, /^OK$/)
        .click()
        .catch(() => page.keyboard.press('Escape'));
    }));
});
