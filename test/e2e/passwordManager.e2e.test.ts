// Issue 11 (security 3), issues 21 and 23: no Milvus password may reach the browser's password store. The forms are
// checked in the real webview frame (no <form> element, no submit button, password inputs autocomplete="one-time-code",
// every other input "off"), then the connection form, the create-user form and VS Code's own password InputBoxes
// (Change Password) are used while Chromium's password-manager log (chrome://password-manager-internals) records what
// it decided. What the log shows, and what this test holds it to:
// - a real login <form> in the same profile (the positive control) reaches PENDING_PASSWORD_STATE and a decision to
//   offer saving ("Show password prompt"): the log is live and would show the same for our forms;
// - our forms and InputBoxes keep `type="password"` (masked, and announced as passwords by screen readers), so
//   Chromium parses them and, while a password is typed, enters PENDING_PASSWORD_STATE (its key icon): a page cannot
//   stop that without giving up the password field. It never decides to offer saving, for any of them.
// The whole log is saved to test-results/password-manager-internals.txt.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { FrameLocator, Page } from 'playwright-core';
import { REPO_ROOT } from '../../scripts/lib/codeServer';
import { startMilvusTestServer, type RunningTestServer } from '../milvus-server';
import { launchVsCode, openOurView, runCommand, webviewFrame, type VsCode } from './harness';
import {
  answerInputBox,
  CMD,
  fillConnectionForm,
  openConnectionForm,
  pick,
  testConnection,
  waitEnabled,
  waitForNotification,
  withFailureShot,
} from './uiSteps';

const ROOT_PASSWORD = 'Pwm-root-e2e-11';
const NEW_USER_PASSWORD = 'Pwm-erin-e2e-12';
const CHANGED_PASSWORD = 'Pwm-erin-e2e-13';
const CONTROL_PASSWORD = 'Control-site-pw-9';
const CONNECTION = 'E2E password manager';

const PENDING = /The new state of the UI:\s+PENDING_PASSWORD_STATE/g;
/** Chromium's own words when it decides to offer saving (SavePasswordProgressLogger's decision strings). */
const OFFER_TO_SAVE = /Show password prompt|Decision: (ASK|SAVE)/g;

interface FormFacts {
  forms: number;
  submitButtons: number;
  inputs: { id: string; type: string; autocomplete: string }[];
}

/** What a browser's password manager looks at, read from the live page in the webview frame. */
async function formFacts(form: FrameLocator): Promise<FormFacts> {
  return form.locator('body').evaluate((body) => ({
    forms: body.querySelectorAll('form').length,
    submitButtons: body.querySelectorAll('button[type=submit], input[type=submit], button:not([type])').length,
    inputs: [...body.querySelectorAll('input')]
      .filter((i) => i.type === 'text' || i.type === 'password')
      .map((i) => ({ id: i.id, type: i.type, autocomplete: i.getAttribute('autocomplete') ?? '' })),
  }));
}

function assertNoLoginForm(name: string, facts: FormFacts): void {
  assert.equal(
    facts.forms,
    0,
    `${name}: a <form> element (browsers treat a submitted <form> with a password as a login)`,
  );
  assert.equal(facts.submitButtons, 0, `${name}: a submit button`);
  assert.ok(
    facts.inputs.some((i) => i.type === 'password'),
    `${name}: the page has a password input`,
  );
  for (const input of facts.inputs) {
    const expected = input.type === 'password' ? 'one-time-code' : 'off';
    assert.equal(
      input.autocomplete,
      expected,
      `${name}: #${input.id} (${input.type}) has autocomplete="${input.autocomplete}"`,
    );
  }
}

/** Chromium's password-manager log page: it records every frame of the browser from when it opens. */
class PasswordManagerLog {
  private constructor(private readonly page: Page) {}

  static async open(vs: VsCode): Promise<PasswordManagerLog> {
    const page = await vs.page.context().newPage();
    await page.goto('chrome://password-manager-internals/');
    await vs.page.bringToFront();
    return new PasswordManagerLog(page);
  }

  text(): Promise<string> {
    return this.page.locator('body').innerText();
  }

  /** Where the log ends now: the next section starts here. */
  async mark(): Promise<number> {
    return (await this.text()).length;
  }

  /** The log from `from` on, once `pattern` occurs in it `count` times (a ceiling, not a speed requirement). */
  async waitFor(from: number, pattern: RegExp, count = 1, timeoutMs = 30_000): Promise<string> {
    const until = Date.now() + timeoutMs;
    for (;;) {
      const section = (await this.text()).slice(from);
      if ((section.match(pattern) ?? []).length >= count) return section;
      if (Date.now() > until)
        assert.fail(`the password-manager log did not show ${pattern} ${count}× within ${timeoutMs} ms`);
      await this.page.waitForTimeout(200);
    }
  }

  /** The log once it has stopped growing for `quietMs` (after a page closes, Chromium's last decisions arrive). */
  async settled(quietMs = 2_000, timeoutMs = 30_000): Promise<string> {
    const until = Date.now() + timeoutMs;
    let last = await this.text();
    let quietSince = Date.now();
    while (Date.now() - quietSince < quietMs) {
      if (Date.now() > until) assert.fail(`the password-manager log kept growing for ${timeoutMs} ms`);
      await this.page.waitForTimeout(200);
      const now = await this.text();
      if (now.length !== last.length) quietSince = Date.now();
      last = now;
    }
    return last;
  }

  async save(): Promise<string> {
    const text = await this.text();
    fs.mkdirSync(path.join(REPO_ROOT, 'test-results'), { recursive: true });
    fs.writeFileSync(path.join(REPO_ROOT, 'test-results', 'password-manager-internals.txt'), text);
    return text;
  }
}

/** A plain login site (the positive control): a <form> posting a username and a password, and a page after it. */
async function startLoginSite(): Promise<{ url: string; close(): Promise<void> }> {
  const server = http.createServer((req, res) => {
    res.setHeader('content-type', 'text/html; charset=utf-8');
    if (req.method === 'POST') {
      req.resume();
      req.on('end', () => res.end('<!doctype html><title>Signed in</title><p id="done">Signed in</p>'));
      return;
    }
    res.end(
      '<!doctype html><title>Sign in</title><form method="post" action="/signed-in">' +
        '<input id="user" name="user" autocomplete="username">' +
        '<input id="pw" name="pw" type="password" autocomplete="current-password">' +
        '<button id="go" type="submit">Sign in</button></form>',
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    // Chromium keeps its connections to the site open: close() alone waited for them for about 97 s.
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

const count = (text: string, pattern: RegExp): number => (text.match(pattern) ?? []).length;

describe('e2e: no Milvus password reaches the browser password store', () => {
  let server: RunningTestServer;
  let vs: VsCode;
  let log: PasswordManagerLog;
  /** Where the log of the Milvus forms and prompts starts (after the positive control). */
  let milvusFrom = 0;
  before(async () => {
    server = await startMilvusTestServer({ port: 0, auth: true, rootPassword: ROOT_PASSWORD, quiet: true });
    vs = await launchVsCode({ ownBrowser: true }); // the password manager keeps its data in a profile on disk
    log = await PasswordManagerLog.open(vs);
  });
  after(async () => {
    if (log) await log.save().catch(() => undefined);
    await vs?.close();
    await server?.stop();
  });

  test('positive control: a real login <form> in the same profile is offered for saving', () =>
    withFailureShot(vs, 'password-manager-control', async () => {
      const site = await startLoginSite();
      const page = await vs.page.context().newPage();
      try {
        const from = await log.mark();
        await page.goto(site.url);
        await page.locator('#user').fill('alice');
        await page.locator('#pw').fill(CONTROL_PASSWORD);
        await page.locator('#go').click();
        await page.locator('#done').waitFor();
        const section = await log.waitFor(from, OFFER_TO_SAVE);
        assert.ok(count(section, PENDING) >= 1, 'the control reached PENDING_PASSWORD_STATE');
      } finally {
        await page.close();
        await site.close();
        await vs.page.bringToFront();
      }
    }));

  test('connection form: a login-like page to Chromium, pending while typed, never offered for saving', () =>
    withFailureShot(vs, 'password-manager-connection', async () => {
      const { page } = vs;
      await openOurView(page);
      const from = await log.mark();
      milvusFrom = from;
      const connectionForm = await openConnectionForm(page);
      await fillConnectionForm(connectionForm, {
        name: CONNECTION,
        uri: `http://${server.address}`,
        auth: 'password',
        username: 'root',
        password: ROOT_PASSWORD,
      });
      await connectionForm.locator('#auth').selectOption('token'); // reveal the token input too, then back
      await connectionForm.locator('#auth').selectOption('password');
      assertNoLoginForm('connection form', await formFacts(connectionForm));
      const outcome = await testConnection(connectionForm);
      assert.equal(outcome.error, '', 'Test passes');
      // Enter in the password field saves, as a form's implicit submission would.
      await waitEnabled(connectionForm.locator('#save'));
      await connectionForm.locator('#password').press('Enter');
      await page.locator('iframe.webview:visible').first().waitFor({ state: 'detached', timeout: 30_000 });
      // The frame going away is what Chromium takes as the submission; its verdict follows that line.
      const section = await log.waitFor(from, /OnDynamicFormSubmission/);
      assert.match(
        section,
        /Password element :\s+password/,
        'Chromium parsed the form (so the check below means something)',
      );
      assert.ok(count(section, PENDING) >= 1, 'Chromium entered PENDING_PASSWORD_STATE while the password was typed');
      assert.equal(count(section, OFFER_TO_SAVE), 0, 'Chromium offered to save the connection password');
      assert.ok(!section.includes(ROOT_PASSWORD), 'the password-manager log shows the password');
    }));

  test('create-user form: the same', () =>
    withFailureShot(vs, 'password-manager-user', async () => {
      const { page } = vs;
      const from = await log.mark();
      await runCommand(page, CMD.createUser);
      await pick(page, /connection to create the user on/, CONNECTION);
      const userForm: FrameLocator = webviewFrame(page);
      await userForm.locator('#username').waitFor({ state: 'visible', timeout: 30_000 });
      assertNoLoginForm('create-user form', await formFacts(userForm));
      await userForm.locator('#username').fill('erin');
      await userForm.locator('#password').fill(NEW_USER_PASSWORD);
      await userForm.locator('#confirm').fill(NEW_USER_PASSWORD);
      await waitEnabled(userForm.locator('#submit'));
      await userForm.locator('#submit').click();
      await waitForNotification(page, /erin/);
      const section = await log.waitFor(from, /OnDynamicFormSubmission/);
      assert.match(section, /New password element :\s+password/, 'Chromium parsed the form');
      assert.ok(count(section, PENDING) >= 1, 'Chromium entered PENDING_PASSWORD_STATE while the password was typed');
      assert.equal(count(section, OFFER_TO_SAVE), 0, "Chromium offered to save the new user's password");
      assert.ok(!section.includes(NEW_USER_PASSWORD), 'the password-manager log shows the password');
    }));

  test("VS Code's password InputBoxes (Change Password): pending while typed, never offered for saving", () =>
    withFailureShot(vs, 'password-manager-inputbox', async () => {
      const { page } = vs;
      const from = await log.mark();
      await runCommand(page, CMD.changePassword);
      await pick(page, /connection|user whose password/i, CONNECTION);
      await pick(page, /user whose password to change/, 'erin');
      await pick(page, /How should erin's password be changed/, 'Enter the old password');
      assert.deepEqual(await answerInputBox(page, /Current password of erin/, NEW_USER_PASSWORD), { password: true });
      assert.deepEqual(await answerInputBox(page, /New password for erin/, CHANGED_PASSWORD), { password: true });
      assert.deepEqual(await answerInputBox(page, /Type the new password for erin again/, CHANGED_PASSWORD), {
        password: true,
      });
      await waitForNotification(page, /Changed the password of erin/);
      // The three boxes are one reused <input> of the workbench page: Chromium sees a password typed into it.
      const section = await log.waitFor(from, PENDING);
      assert.equal(count(section, OFFER_TO_SAVE), 0, 'Chromium offered to save a password typed into an InputBox');
      for (const secret of [NEW_USER_PASSWORD, CHANGED_PASSWORD])
        assert.ok(!section.includes(secret), 'the password-manager log shows the password');
    }));

  test("closing VS Code's tab: Chromium's last word on every Milvus password is still not to offer saving", async () => {
    assert.ok(milvusFrom > 0, 'the form tests ran first');
    await vs.page.close(); // every frame goes: Chromium settles whatever it still held as pending
    const section = (await log.settled()).slice(milvusFrom);
    await log.save();
    assert.equal(count(section, OFFER_TO_SAVE), 0, 'Chromium offered to save a Milvus password');
    assert.ok(count(section, PENDING) >= 3, 'each of the three Milvus inputs put Chromium in PENDING_PASSWORD_STATE');
    for (const secret of [ROOT_PASSWORD, NEW_USER_PASSWORD, CHANGED_PASSWORD])
      assert.ok(!section.includes(secret), 'the password-manager log shows a Milvus password');
  });
});
