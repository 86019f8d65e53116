// Accessibility of the webviews in a real VS Code (issue 14 item 6): the connection form, the create-user form and the
// access report pass axe-core with no serious or critical violation in a light, a dark and a high-contrast theme; every
// control is reached with Tab and operated with Enter or Space; field errors are tied to their field (aria-invalid,
// aria-describedby) and announced (live regions).
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { Frame, Page } from 'playwright-core';
import { runCommand, type VsCode } from './harness';
import {
  describedBy,
  describeFindings,
  focusById,
  focused,
  isAnnounced,
  seriousViolations,
  tabOrder,
  webviewDocument,
} from './a11y';
import { CMD, contextMenu, pick, serverSession, treeRow, withFailureShot } from './uiSteps';
import { openRootSession, type RootSession } from './rootSession';

const CONNECTION = 'E2E A11y';
const ROOT_PASSWORD = 'A11y-root-e2e-5';
const SEED = {
  roles: ['auditor', 'reader', 'writer'],
  users: [{ name: 'alice', password: 'Alice-e2e-pass1', roles: ['reader'] }],
  collections: [{ name: 'books' }],
  grants: [
    { role: 'reader', privilege: 'Query', objectType: 'Collection' as const, objectName: 'books', dbName: 'default' },
  ],
};

/** The themes every page is checked in, with the class VS Code puts on the webview's body for each. */
const THEMES = [
  ['Light Modern', 'vscode-light'],
  ['Dark Modern', 'vscode-dark'],
  ['Dark High Contrast', 'vscode-high-contrast'],
  ['Light High Contrast', 'vscode-high-contrast-light'],
] as const;

describe('e2e: accessibility of the webviews (axe-core, keyboard, announced errors)', () => {
  let vs: VsCode;
  let session: RootSession | undefined;
  before(async () => {
    session = await openRootSession({
      seed: SEED,
      rootPassword: ROOT_PASSWORD,
      connection: CONNECTION,
      folder: 'Users',
    });
    vs = session.vs;
  });
  after(async () => {
    await session?.close();
  });

  /** Picks a colour theme the way a person does: Preferences: Color Theme, type its name, Enter. */
  async function setTheme(page: Page, theme: string): Promise<void> {
    await runCommand(page, 'Preferences: Color Theme');
    const input = page.locator('.quick-input-widget input.input');
    await input.fill(theme);
    await page
      .locator('.quick-input-list .monaco-list-row', { hasText: theme })
      .first()
      .waitFor({ state: 'visible', timeout: 10_000 });
    await page.keyboard.press('Enter');
  }

  /** axe-core in each theme, then back to light. */
  async function assertAxeClean(frame: Frame, what: string): Promise<void> {
    for (const [theme, bodyClass] of [...THEMES, THEMES[0]]) {
      await setTheme(vs.page, theme);
      await frame.locator(`body.${bodyClass}`).waitFor({ state: 'attached', timeout: 30_000 });
      const findings = await seriousViolations(frame);
      assert.deepEqual(findings, [], `${what} in ${theme}:\n${describeFindings(findings)}`);
    }
  }

  async function assertErrorAnnounced(frame: Frame, id: string): Promise<void> {
    const error = frame.locator(`#${id}-error`);
    await error.filter({ hasText: /\S/ }).waitFor({ timeout: 10_000 });
    assert.equal(await frame.locator(`#${id}`).getAttribute('aria-invalid'), 'true', `#${id} is marked invalid`);
    assert.ok((await describedBy(frame, id)).includes(`${id}-error`), `#${id} is described by its error line`);
    assert.ok(await isAnnounced(frame, `${id}-error`), `#${id}-error is a live region`);
  }

  async function closeEditors(page: Page): Promise<void> {
    await runCommand(page, 'View: Close All Editors');
  }

  test('connection form: Tab reaches every control in order, selects and checkboxes work from the keyboard, errors are announced, axe finds nothing serious', () =>
    withFailureShot(vs, 'a11y-1', async () => {
      const { page } = vs;
      await closeEditors(page);
      await runCommand(page, CMD.addConnection);
      await page.locator('iframe.webview:visible').first().waitFor({ timeout: 30_000 });
      const frame = await webviewDocument(page);
      await frame.locator('#name').waitFor({ state: 'visible', timeout: 30_000 });

      // Test and Save stay disabled (and out of the Tab order) until the form is complete.
      await focusById(frame, 'name');
      assert.deepEqual(await tabOrder(page, frame, 10), [
        'uri',
        'database',
        'flavor',
        'auth',
        'username',
        'password',
        'tls',
        'ruleProfile',
        'sessionOnly',
        'askSecret',
      ]);
      await page.keyboard.press('Shift+Tab');
      assert.equal(await focused(frame), 'sessionOnly', 'Shift+Tab goes back');
      await page.keyboard.press('Space');
      assert.equal(await frame.locator('#sessionOnly').isChecked(), true, 'Space ticks the checkbox');
      await page.keyboard.press('Space');

      // A select changes with the arrow keys and reveals its fields, which Tab then reaches.
      await focusById(frame, 'tls');
      await page.keyboard.press('ArrowDown');
      await page.keyboard.press('ArrowDown');
      assert.equal(await frame.locator('#tls').inputValue(), 'mutual');
      assert.deepEqual(await tabOrder(page, frame, 8), [
        'caPath',
        'caPath-browse',
        'certPath',
        'certPath-browse',
        'keyPath',
        'keyPath-browse',
        'serverName',
        'ruleProfile',
      ]);

      // Enter on a Browse button opens VS Code's file dialog; Escape closes it.
      await focusById(frame, 'certPath-browse');
      await page.keyboard.press('Enter');
      const fileDialog = page.locator('.quick-input-widget');
      await fileDialog.waitFor({ state: 'visible', timeout: 30_000 });
      await page.keyboard.press('Escape');
      await fileDialog.waitFor({ state: 'hidden', timeout: 10_000 });

      // Errors: a field left empty or wrong says so, tied to the field and in a live region.
      await focusById(frame, 'name');
      await page.keyboard.press('Tab'); // leaves the empty name
      await assertErrorAnnounced(frame, 'name');
      await focusById(frame, 'certPath');
      await page.keyboard.press('Tab');
      await assertErrorAnnounced(frame, 'certPath');
      await frame.locator('#database').fill('1db');
      await assertErrorAnnounced(frame, 'database');
      await assertAxeClean(frame, 'connection form with errors');

      // Complete it by keyboard and run Test with Enter: the outcome goes to an announced region.
      await frame.locator('#database').fill('default');
      await frame.locator('#name').fill('Keyboard');
      await frame.locator('#uri').fill(`http://${session?.server.address}`);
      await focusById(frame, 'tls');
      await page.keyboard.press('Home');
      assert.equal(await frame.locator('#tls').inputValue(), 'off');
      await frame.locator('#password').fill('Wrong-password-1');
      assert.equal(await frame.locator('#name').getAttribute('aria-invalid'), null, 'a fixed field is valid again');
      await focusById(frame, 'askSecret');
      assert.deepEqual(await tabOrder(page, frame, 2), ['test', 'save'], 'Test and Save come last');
      await page.keyboard.press('Shift+Tab');
      await page.keyboard.press('Enter');
      await frame.locator('#form-error').filter({ hasText: /\S/ }).waitFor({ timeout: 30_000 });
      assert.match(await frame.locator('#form-error').innerText(), /Wrong username or password/);
      assert.ok(await isAnnounced(frame, 'form-error'), 'the refusal is announced');
      assert.ok(await isAnnounced(frame, 'form-status'), 'the status line is announced');
      await closeEditors(page);
    }));

  test('create-user form: roles are checkboxes toggled with Space, every button works from the keyboard, errors are announced, axe finds nothing serious', () =>
    withFailureShot(vs, 'a11y-2', async () => {
      const { page } = vs;
      await closeEditors(page);
      await runCommand(page, CMD.createUser);
      await pick(page, /connection to create the user on/, CONNECTION);
      await page.locator('iframe.webview:visible').first().waitFor({ timeout: 30_000 });
      const frame = await webviewDocument(page);
      await frame.locator('#username').waitFor({ state: 'visible', timeout: 30_000 });

      await focusById(frame, 'username');
      const order = await tabOrder(page, frame, 7);
      assert.deepEqual(order.slice(0, 4), ['password', 'reveal', 'generate', 'confirm']);
      const roles = order.slice(4).filter((id) => id !== 'description');
      assert.deepEqual(roles.length, order.includes('description') ? 2 : 3, `each role is a Tab stop: ${order}`);

      // Errors while typing, tied to the field and announced.
      await frame.locator('#username').fill('1erin');
      await assertErrorAnnounced(frame, 'username');
      await frame.locator('#password').fill('abc');
      await assertErrorAnnounced(frame, 'password');
      assert.ok(await isAnnounced(frame, 'strength'), 'the strength hint is announced');
      await frame.locator('#confirm').fill('abd');
      await assertErrorAnnounced(frame, 'confirm');
      await assertAxeClean(frame, 'create-user form with errors');

      // The buttons, from the keyboard.
      await focusById(frame, 'generate');
      await page.keyboard.press('Enter');
      assert.ok((await frame.locator('#password').inputValue()).length >= 8, 'Enter on Generate fills a password');
      assert.equal(await frame.locator('#reveal').getAttribute('aria-pressed'), 'true', 'and shows it');
      await focusById(frame, 'reveal');
      await page.keyboard.press('Space');
      assert.equal(await frame.locator('#reveal').getAttribute('aria-pressed'), 'false', 'Space on Hide hides it');
      assert.equal(await frame.locator('#password').getAttribute('type'), 'password');
      await focusById(frame, 'copy');
      await page.keyboard.press('Enter');
      await frame.locator('#copy-status', { hasText: /Copied/ }).waitFor({ timeout: 10_000 });
      assert.ok(await isAnnounced(frame, 'copy-status'), 'the copy outcome is announced');

      // Roles: Space toggles one without touching the others.
      const box = (name: string) => frame.getByRole('checkbox', { name, exact: true });
      await box('auditor').focus();
      await page.keyboard.press('Space');
      await box('writer').focus();
      await page.keyboard.press('Space');
      assert.deepEqual(
        await frame.locator('#roles input:checked').evaluateAll((els) => els.map((e) => (e as HTMLInputElement).value)),
        ['auditor', 'writer'],
      );
      await page.keyboard.press('Space');
      assert.equal(await box('writer').isChecked(), false, 'Space again unchecks');
      assert.equal(await box('auditor').isChecked(), true, 'and leaves the other role checked');

      // Create with Enter on the button: the user exists on the server with the role.
      await frame.locator('#username').fill('kbuser');
      const submit = frame.locator('#submit');
      await submit.waitFor({ state: 'visible' });
      await frame.locator('#submit:enabled').waitFor({ timeout: 10_000 });
      await submit.focus();
      await page.keyboard.press('Enter');
      await page.locator('iframe.webview:visible').first().waitFor({ state: 'detached', timeout: 30_000 });
      const api = await serverSession(session?.server.address ?? '', 'root', ROOT_PASSWORD);
      try {
        const users = await api.listUsersWithRoles();
        assert.deepEqual(users.find((u) => u.name === 'kbuser')?.roles, ['auditor']);
      } finally {
        await api.close();
      }
    }));

  test('access report: the filter has the focus, Tab reaches Copy, Enter copies, the counts are announced, axe finds nothing serious', () =>
    withFailureShot(vs, 'a11y-3', async () => {
      const { page } = vs;
      await closeEditors(page);
      await contextMenu(treeRow(page, 'alice'), 'Show Effective Privileges');
      await page.locator('iframe.webview:visible').first().waitFor({ timeout: 30_000 });
      const frame = await webviewDocument(page);
      await frame.locator('h1').waitFor({ timeout: 30_000 });
      await frame.locator('#rows').waitFor();
      assert.equal(await focused(frame), 'filter', 'the filter has the focus when the report opens');
      await page.keyboard.type('books');
      await frame.locator('#count', { hasText: /^1 of \d+ rows$/ }).waitFor({ timeout: 10_000 });
      assert.ok(await isAnnounced(frame, 'count'), 'the row count is announced');
      await page.keyboard.type('zzz');
      await frame.locator('#no-match').waitFor({ state: 'visible', timeout: 10_000 });
      await assertAxeClean(frame, 'access report with no matching row');
      await frame.locator('#filter').fill('');
      await focusById(frame, 'filter');
      await page.keyboard.press('Tab');
      assert.equal(await focused(frame), 'copy');
      await page.keyboard.press('Enter');
      await frame.locator('#copy-status', { hasText: /Copied/ }).waitFor({ timeout: 10_000 });
      assert.ok(await isAnnounced(frame, 'copy-status'), 'the copy outcome is announced');
      await assertAxeClean(frame, 'access report');
      await closeEditors(page);
    }));
});
