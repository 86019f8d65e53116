// Adding a connection through the form in a real VS Code: a wrong password is reported and the input kept, Test shows
// the server version, Save puts the connection in the tree, and expanding it shows the server's users with their roles.
// Its first test is the smoke check: the VSIX installs and its view opens (empty, so with its welcome content). It runs
// in the window the root-session suites share (rootSession.ts), first of them, so on a window just launched.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startMilvusTestServer, type RunningTestServer } from '../milvus-server';
import { notification, openOurView, webviewFrame, type VsCode } from './harness';
import { sharedWindow } from './rootSession';
import {
  addConnection,
  answerInputBox,
  canLogIn,
  contextMenu,
  escapeRegExp,
  expand,
  fillConnectionForm,
  openConnectionForm,
  rowDescription,
  saveConnection,
  testConnection,
  treeRow,
  waitForDescription,
  waitForNotification,
  withFailureShot,
} from './uiSteps';

const VERSION = 'v2.6.19';
const ROOT_PASSWORD = 'Conn-root-e2e-7';
const SEED = {
  roles: ['reader', 'writer'],
  users: [
    { name: 'alice', password: 'Alice-e2e-pass1', roles: ['reader'] },
    { name: 'bob', password: 'Bob-e2e-pass22', roles: ['reader', 'writer'] },
    { name: 'carol', password: 'Carol-e2e-pass3', roles: [] },
  ],
};

describe('e2e: add a connection through the form', () => {
  let server: RunningTestServer;
  let vs: VsCode;
  let addedHere: (connection: string) => void;
  before(async () => {
    server = await startMilvusTestServer({
      port: 0,
      auth: true,
      rootPassword: ROOT_PASSWORD,
      version: VERSION,
      seed: SEED,
      quiet: true,
    });
    ({ vs, addedHere } = await sharedWindow());
  });
  after(() => server?.stop());

  const input = (): Parameters<typeof fillConnectionForm>[1] => ({
    name: 'E2E Milvus',
    uri: `http://${server.address}`,
    auth: 'password',
    username: 'root',
    password: 'Wrong-password-1',
  });

  // The smoke check of the VSIX (it installs, and its view opens), made on this file's launch before anything is added.
  test('the VSIX installs and its Connections view opens in the Milvus container, with its welcome content', async () => {
    const pane = await openOurView(vs.page);
    await pane.locator('.welcome-view-content').first().waitFor({ state: 'visible', timeout: 30_000 });
    await vs.screenshot('smoke-our-view');
    // With one view in the container VS Code hides the pane header and names the view in the sidebar title instead.
    const sidebar = await vs.page.locator('.part.sidebar').innerText();
    assert.match(sidebar, /milvus/i, 'the sidebar shows our view container');
    assert.match(sidebar, /connections/i, 'the sidebar shows our Connections view');
    assert.ok((await pane.locator('.pane-body').innerText()).trim().length > 0, 'the view shows its welcome content');
  });

  test("a wrong password: Test shows the server's refusal in #form-error and every field keeps its input", () =>
    withFailureShot(vs, 'connection-1', async () => {
      const { page } = vs;
      await openOurView(page);
      const form = await openConnectionForm(page);
      await fillConnectionForm(form, input());
      const outcome = await testConnection(form);
      await vs.screenshot('connection-wrong-password');
      assert.match(
        outcome.error,
        /^Wrong username or password for root@127\.0\.0\.1:\d+\. Correct the username or password in this form\./,
        `the error names the problem and the fix, in this form: "${outcome.error}"`,
      );
      assert.equal(outcome.status, '', 'no success status next to the error');
      assert.ok(!outcome.error.includes('Wrong-password-1'), 'the error does not echo the password');
      const expected = input();
      assert.equal(await form.locator('#name').inputValue(), expected.name);
      assert.equal(await form.locator('#uri').inputValue(), expected.uri);
      assert.equal(await form.locator('#auth').inputValue(), 'password');
      assert.equal(await form.locator('#username').inputValue(), 'root');
      assert.equal(
        await form.locator('#password').inputValue(),
        'Wrong-password-1',
        'the password field keeps what was typed',
      );
    }));

  test('the right password: Test shows the server version in #form-status, Save adds the connection to the tree', () =>
    withFailureShot(vs, 'connection-2', async () => {
      const { page } = vs;
      // The same form, still open after the refusal: only the password is corrected.
      const form = webviewFrame(page);
      await form.locator('#password').fill(ROOT_PASSWORD);
      const outcome = await testConnection(form);
      assert.equal(outcome.error, '', 'no error after the right password');
      assert.match(
        outcome.status,
        new RegExp(`Milvus ${escapeRegExp(VERSION)}`),
        `the status shows the version: "${outcome.status}"`,
      );
      assert.match(outcome.status, /as root/);
      await vs.screenshot('connection-test-ok');
      await saveConnection(page, form);
      const row = treeRow(page, 'E2E Milvus');
      await row.waitFor({ state: 'visible', timeout: 30_000 });
      addedHere('E2E Milvus');
    }));

  test('expanding the connection lists the seeded users with their roles under Users', () =>
    withFailureShot(vs, 'connection-3', async () => {
      const { page } = vs;
      await openOurView(page);
      await expand(page, 'E2E Milvus');
      await expand(page, 'Users');
      const expected: Record<string, string> = {
        root: 'superuser · unrestricted',
        alice: 'reader',
        bob: 'reader, writer',
        carol: 'no roles',
      };
      for (const [user, roles] of Object.entries(expected)) {
        const row = treeRow(page, user);
        await row.waitFor({ state: 'visible', timeout: 30_000 });
        assert.equal(await rowDescription(row), roles, `${user}'s roles in the tree`);
      }
      await expand(page, 'Roles');
      for (const role of ['admin', 'public', 'reader', 'writer'])
        await treeRow(page, role).waitFor({ state: 'visible', timeout: 30_000 });
      await vs.screenshot('connection-tree-users-roles');
      assert.equal(await notification(page, /error|failed/i).count(), 0, 'no error notification');
    }));

  test('a second connection by the same name is refused as the name is typed, and Save is not offered (issue 23)', () =>
    withFailureShot(vs, 'connection-4', async () => {
      const { page } = vs;
      const form = await openConnectionForm(page);
      await fillConnectionForm(form, {
        ...input(),
        name: 'e2e milvus',
        username: 'alice',
        password: 'Alice-e2e-pass1',
      });
      const error = form.locator('#name-error');
      await error.filter({ hasText: /already exists/ }).waitFor({ timeout: 30_000 });
      assert.equal(
        (await error.innerText()).trim(),
        'A connection named "E2E Milvus" already exists. Choose another name.',
      );
      assert.equal(await form.locator('#name').getAttribute('aria-invalid'), 'true');
      assert.equal(await form.locator('#save').isDisabled(), true, 'Save is offered for a name that is taken');
      await form.locator('#name').fill('E2E Milvus as alice');
      await saveConnection(page, form);
      await treeRow(page, 'E2E Milvus as alice').waitFor({ state: 'visible', timeout: 30_000 });
      addedHere('E2E Milvus as alice');
    }));

  test('Change My Password as carol, who has no roles: old password, new one twice; the connection keeps working (issue 23)', () =>
    withFailureShot(vs, 'connection-5', async () => {
      const { page } = vs;
      const row = await addConnection(page, {
        ...input(),
        name: 'E2E carol',
        username: 'carol',
        password: 'Carol-e2e-pass3',
      });
      addedHere('E2E carol');
      await expand(page, 'E2E carol');
      await waitForDescription(row, /^carol@default/); // connected: the menu has the connected entries
      await contextMenu(row, 'Change My Password');
      const current = await answerInputBox(page, /^Current password of carol\./, 'Carol-e2e-pass3');
      assert.equal(current.password, true, 'the old password is typed into a password box');
      await answerInputBox(page, /^New password for carol/, 'Carol-e2e-new44');
      await answerInputBox(page, /^Type the new password for carol again/, 'Carol-e2e-new44');
      await waitForNotification(page, /Changed the password of carol\. The connection now uses the new password\./);
      assert.equal(await canLogIn(server.address, 'carol', 'Carol-e2e-new44'), true, 'the new password works');
      assert.equal(await canLogIn(server.address, 'carol', 'Carol-e2e-pass3'), false, 'the old one no longer does');
      assert.equal(await notification(page, /error|failed|not allowed/i).count(), 0, 'no error notification');
    }));
});
