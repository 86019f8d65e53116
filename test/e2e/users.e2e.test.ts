// Users in a real VS Code (issue 4): the create-user form's live rules and server refusal, change a password through
// password InputBoxes, bind roles with the multi-select QuickPick, drop a user through the modal confirmation.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { RunningTestServer } from '../milvus-server';
import { cellLayout } from './a11y';
import { runCommand, webviewFrame, type VsCode } from './harness';
import {
  CMD,
  answerInputBox,
  answerModal,
  canLogIn,
  contextMenu,
  inputBoxMessage,
  pick,
  pickMany,
  rowDescription,
  serverSession,
  treeRow,
  waitEnabled,
  waitForDescription,
  waitForInputBox,
  waitForNotification,
  waitForQuickPick,
  withFailureShot,
} from './uiSteps';
import { openRootSession, type RootSession } from './rootSession';

const CONNECTION = 'E2E Users';
const ROOT_PASSWORD = 'Users-root-e2e-4';
const CAROL_OLD = 'Carol-old-pass1';
const CAROL_NEW = 'Carol-new-pass2';
const ERIN_PASSWORD = 'Erin-e2e-pass9';
const SEED = {
  roles: ['reader', 'writer'],
  users: [
    { name: 'alice', password: 'Alice-e2e-pass1', roles: ['reader'] },
    { name: 'carol', password: CAROL_OLD, roles: [] },
  ],
  collections: [{ name: 'books' }],
  grants: [
    { role: 'reader', privilege: 'Query', objectType: 'Collection' as const, objectName: 'books', dbName: 'default' },
  ],
};

describe('e2e: users (create through the form, change password, bind roles, drop)', () => {
  let server: RunningTestServer;
  let vs: VsCode;
  let session: RootSession | undefined;
  before(async () => {
    session = await openRootSession({
      seed: SEED,
      rootPassword: ROOT_PASSWORD,
      connection: CONNECTION,
      folder: 'Users',
    });
    ({ server, vs } = session);
    await treeRow(vs.page, 'alice').waitFor({ timeout: 30_000 });
  });
  after(async () => {
    await session?.close();
  });

  test('create user: an invalid or taken name shows the rule and disables Create; a server refusal shows a sentence and keeps the input; then it is created', () =>
    withFailureShot(vs, 'users-1', async () => {
      const { page } = vs;
      await runCommand(page, CMD.createUser);
      await pick(page, /connection to create the user on/, CONNECTION);
      const form = webviewFrame(page);
      const username = form.locator('#username');
      await username.waitFor({ state: 'visible', timeout: 30_000 });

      // A name that starts with a digit: the rule's message appears while typing, and Create stays disabled.
      await username.fill('1erin');
      await form.locator('#password').fill(ERIN_PASSWORD);
      await form.locator('#confirm').fill(ERIN_PASSWORD);
      const nameError = form.locator('#username-error');
      await nameError.filter({ hasText: /\S/ }).waitFor({ timeout: 10_000 });
      assert.match(await nameError.innerText(), /letter/i, 'the message says the name must start with a letter');
      assert.equal(await username.getAttribute('aria-invalid'), 'true');
      assert.equal(await form.locator('#submit').isDisabled(), true, 'Create is disabled while a rule fails');
      assert.match(
        await form.locator('#strength').innerText(),
        /Strength/i,
        'the strength hint shows for the password',
      );
      await vs.screenshot('user-form-invalid-name');
      await vs.screenshot('readme-overview', { x: 0, y: 0, width: 1020, height: 630 });

      // Fixed, but to a name the server already has: flagged as it is typed, and Create stays disabled.
      await username.fill('alice');
      await form.locator('#roles').getByRole('checkbox', { name: 'reader', exact: true }).check();
      await nameError.filter({ hasText: /already exists/ }).waitFor({ timeout: 10_000 });
      assert.match(await nameError.innerText(), /A user named "alice" already exists/);
      assert.equal(await form.locator('#submit').isDisabled(), true, 'Create is disabled for a taken name');

      // A name taken on the server after the form opened: the server's refusal shows as a sentence, and the input stays.
      const other = await serverSession(server.address, 'root', ROOT_PASSWORD);
      try {
        await other.createUser('dora', 'Dora-e2e-pass3');
      } finally {
        await other.close();
      }
      await username.fill('dora');
      assert.equal((await nameError.innerText()).trim(), '', 'the message goes once the name is not in the listing');
      await waitEnabled(form.locator('#submit'));
      await form.locator('#submit').click();
      const serverError = form.locator('#server-error');
      await serverError.filter({ hasText: /\S/ }).waitFor({ timeout: 30_000 });
      const refusal = (await serverError.innerText()).trim();
      assert.match(
        refusal,
        /^A user named "dora" already exists\. Choose another name/,
        `a sentence is shown: "${refusal}"`,
      );
      assert.doesNotMatch(refusal, /invalid parameter/, 'not the server text');
      assert.equal(await username.inputValue(), 'dora', 'the username is kept');
      assert.equal(await form.locator('#password').inputValue(), ERIN_PASSWORD, 'the password is kept');
      assert.equal(await form.locator('#confirm').inputValue(), ERIN_PASSWORD, 'the confirmation is kept');
      assert.deepEqual(
        await form
          .locator('#roles input:checked')
          .evaluateAll((boxes) => boxes.map((box) => (box as HTMLInputElement).value)),
        ['reader'],
      );
      await vs.screenshot('user-form-server-refusal');

      // A free name: the form closes and the user appears in the tree with the role bound.
      await username.fill('erin');
      await waitEnabled(form.locator('#submit'));
      await form.locator('#submit').click();
      await page.locator('iframe.webview:visible').first().waitFor({ state: 'detached', timeout: 30_000 });
      await waitForNotification(page, /Created user erin/);
      const erin = treeRow(page, 'erin');
      await erin.waitFor({ timeout: 30_000 });
      await waitForDescription(erin, /^reader$/);
      assert.equal(
        await canLogIn(server.address, 'erin', ERIN_PASSWORD),
        true,
        'erin can log in with the password from the form',
      );
    }));

  test('change password: the old and new passwords go through password InputBoxes, the rule is checked, the server takes it', () =>
    withFailureShot(vs, 'users-2', async () => {
      const { page } = vs;
      await runCommand(page, CMD.changePassword);
      await pick(page, /connection|user whose password/i, CONNECTION);
      await pick(page, /user whose password to change/, 'carol');
      await pick(page, /How should carol's password be changed/, 'Enter the old password');
      assert.deepEqual(await answerInputBox(page, /Current password of carol/, CAROL_OLD), { password: true });
      // Too short: the rule's message shows in the box instead of the prompt.
      const box = await waitForInputBox(page, /New password for carol/);
      assert.equal(await box.getAttribute('type'), 'password', 'the new password is typed into a password box');
      await box.fill('abc');
      await page.locator('.quick-input-widget .quick-input-message', { hasText: /\d/ }).waitFor({ timeout: 10_000 });
      const tooShort = await inputBoxMessage(page);
      assert.match(tooShort, /6/, `the rule says how long: "${tooShort}"`);
      await vs.screenshot('user-change-password-rule');
      await box.fill(CAROL_NEW);
      await page.keyboard.press('Enter');
      assert.deepEqual(await answerInputBox(page, /Type the new password for carol again/, CAROL_NEW), {
        password: true,
      });
      await waitForNotification(page, /Changed the password of carol/);
      assert.equal(await canLogIn(server.address, 'carol', CAROL_NEW), true, 'carol logs in with the new password');
      assert.equal(await canLogIn(server.address, 'carol', CAROL_OLD), false, 'the old password no longer works');
    }));

  test('bind roles: the multi-select QuickPick shows the current bindings checked and applies the difference', () =>
    withFailureShot(vs, 'users-3', async () => {
      const { page } = vs;
      await runCommand(page, CMD.editUserRoles);
      await pick(page, /connection|user whose roles/i, CONNECTION);
      await pick(page, /user whose roles to edit/, 'carol');
      const before = await pickMany(page, /Roles of carol/, ['reader', 'writer'], async () =>
        vs.screenshot('user-bind-roles-quickpick'),
      );
      assert.deepEqual(before, [], 'carol starts with no role checked');
      await waitForNotification(page, /Roles of carol: added reader, writer/);
      await waitForDescription(treeRow(page, 'carol'), /^reader, writer$/);
      const api = await serverSession(server.address, 'root', ROOT_PASSWORD);
      try {
        assert.deepEqual((await api.describeUser('carol'))?.roles.slice().sort(), ['reader', 'writer']);
      } finally {
        await api.close();
      }

      // And back: unchecking one removes only that binding.
      await runCommand(page, CMD.editUserRoles);
      await pick(page, /connection|user whose roles/i, CONNECTION);
      await pick(page, /user whose roles to edit/, 'carol');
      assert.deepEqual(
        await pickMany(page, /Roles of carol/, ['writer']),
        ['reader', 'writer'],
        'the bound roles start checked',
      );
      await waitForNotification(page, /Roles of carol: removed reader/);
      await waitForDescription(treeRow(page, 'carol'), /^writer$/);
    }));

  test('effective privileges: from the user menu, a rendered report whose filter narrows the rows; then "can alice…?" answers and "who can…?" wraps whole words', () =>
    withFailureShot(vs, 'users-5', async () => {
      const { page } = vs;
      await contextMenu(treeRow(page, 'alice'), 'Show Effective Privileges');
      await page
        .locator('.tab', { hasText: 'Effective privileges · alice' })
        .waitFor({ state: 'visible', timeout: 30_000 });
      const report = webviewFrame(page);
      await report.locator('h1', { hasText: 'Effective privileges of alice' }).waitFor({ timeout: 30_000 });
      assert.match(await report.locator('main').innerText(), /Roles in effect: reader, public/);
      const rows = report.locator('#rows tbody tr');
      const all = await rows.count();
      assert.ok(all >= 3, "Query plus public's grants");
      assert.deepEqual(await rows.filter({ hasText: 'Query' }).first().locator('td').allInnerTexts(), [
        'Query',
        'collection default.books',
        'reader',
      ]);
      await report.locator('#filter').fill('books');
      await report.locator('#count', { hasText: `1 of ${all} rows` }).waitFor({ timeout: 10_000 });
      assert.equal(await rows.filter({ visible: true }).count(), 1, 'the filter leaves the one row on books');
      await runCommand(page, 'Notifications: Clear All Notifications');
      await report.locator('h1').click(); // moves the focus and the pointer off the tree, so no tooltip covers it
      await page
        .locator('.monaco-hover')
        .filter({ visible: true })
        .waitFor({ state: 'hidden', timeout: 5_000 })
        .catch(() => undefined);
      await vs.screenshot('effective-privileges', { x: 0, y: 0, width: 1200, height: 360 });
      await report.locator('#filter').fill('');
      await vs.screenshot('effective-privileges-unfiltered', { x: 0, y: 0, width: 1200, height: 360 });
      await runCommand(page, 'View: Close All Editors');

      await contextMenu(treeRow(page, 'alice'), 'Can User Do…');
      await pick(page, /Can alice do which privilege\?/, 'Query');
      await pick(page, /Select the database/, 'default');
      await pick(page, /Select the collection in default/, 'books');
      await waitForNotification(
        page,
        /Yes: alice may do Query on collection default\.books, through role reader: Query on collection default\.books/,
      );
      await runCommand(page, 'Notifications: Clear All Notifications');

      // Who Can… in a narrow editor (issue 23 item 14): root's long reason wraps at its spaces, no word is split.
      await runCommand(page, 'Who Can…');
      await pick(page, /Select the connection/, CONNECTION);
      await pick(page, /Who can do which privilege\?/, 'Query');
      await pick(page, /Select the database/, 'default');
      await pick(page, /Select the collection in default/, 'books');
      const who = webviewFrame(page);
      await who.locator('h1', { hasText: 'Who can do Query' }).waitFor({ timeout: 30_000 });
      const table = who.locator('#rows');
      const pageWidth = (): Promise<number> => table.evaluate((t) => t.ownerDocument.documentElement.clientWidth);
      const wide = page.viewportSize() ?? { width: 1400, height: 900 };
      const before = await pageWidth();
      await page.setViewportSize({ width: 760, height: wide.height });
      try {
        for (let i = 0; i < 50 && (await pageWidth()) >= before; i++) await page.waitForTimeout(100);
        const layout = await cellLayout(table);
        assert.ok(layout.wrappedCells > 0, `the report (${await pageWidth()} px) is narrow enough that a cell wraps`);
        assert.deepEqual(layout.splitWords, [], 'words split across two lines');
      } finally {
        await page.setViewportSize(wide);
      }
      await runCommand(page, 'View: Close All Editors');
    }));

  test('drop user: the modal names the user; Cancel keeps it, Drop User removes it from the server and the tree', () =>
    withFailureShot(vs, 'users-4', async () => {
      const { page } = vs;
      await runCommand(page, CMD.dropUser);
      await pick(page, /^Select the connection$/, CONNECTION);
      const offered = await waitForQuickPick(page, /user to drop/);
      assert.ok(!offered.includes('root'), 'root is not offered for dropping');
      await pick(page, /user to drop/, 'erin');
      const asked = await answerModal(page, 'Cancel');
      assert.match(asked, /Drop the user "erin" on "E2E Users"\?/);
      assert.ok(await treeRow(page, 'erin').isVisible(), 'Cancel keeps erin');

      await runCommand(page, CMD.dropUser);
      await pick(page, /^Select the connection$/, CONNECTION);
      await pick(page, /user to drop/, 'erin');
      await page.locator('.monaco-dialog-box').waitFor({ timeout: 30_000 });
      await vs.screenshot('user-drop-confirmation');
      await answerModal(page, /^Drop User…$/);
      await answerInputBox(page, /Type "erin" to confirm/, 'erin');
      await waitForNotification(page, /Dropped user erin/);
      await treeRow(page, 'erin').waitFor({ state: 'detached', timeout: 30_000 });
      assert.equal(await rowDescription(treeRow(page, 'alice')), 'reader', 'the other users stay');
      assert.equal(await canLogIn(server.address, 'erin', ERIN_PASSWORD), false, 'erin is gone from the server');
    }));
});
