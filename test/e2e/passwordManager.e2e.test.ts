// Issue 11, security 3: submitting a webview form must not make the browser offer to save a Milvus password. Each
// form page (connection, create user) is checked in the real webview frame: no <form> element, no submit button, every
// password input says autocomplete="one-time-code" and every text input "off". Then both forms are submitted (the
// connection form with Enter in the password field, as a person might) while Chromium's own password-manager log
// (chrome://password-manager-internals) records what it decided: it must never decide to show a save prompt. The log is saved to test-results/.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import type { FrameLocator, Page } from 'playwright-core';
import { REPO_ROOT } from '../../scripts/lib/codeServer';
import { startMilvusTestServer, type RunningTestServer } from '../milvus-server';
import { launchVsCode, openOurView, runCommand, webviewFrame, type VsCode } from './harness';
import {
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
const CONNECTION = 'E2E password manager';

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

/** Chromium's password-manager log page; it records the decisions for every frame of the browser from when it opens. */
async function openPasswordManagerLog(vs: VsCode): Promise<Page | undefined> {
  const logPage = await vs.page.context().newPage();
  try {
    await logPage.goto('chrome://password-manager-internals/');
    await vs.page.bringToFront();
    return logPage;
  } catch {
    await logPage.close();
    return undefined;
  }
}

describe('e2e: webview forms give browsers no password to save', () => {
  let server: RunningTestServer;
  let vs: VsCode;
  let logPage: Page | undefined;
  before(async () => {
    server = await startMilvusTestServer({ port: 0, auth: true, rootPassword: ROOT_PASSWORD, quiet: true });
    vs = await launchVsCode();
    logPage = await openPasswordManagerLog(vs);
  });
  after(async () => {
    await vs?.close();
    await server?.stop();
  });

  test('connection form and create-user form: no login form, and submitting them prompts no save', () =>
    withFailureShot(vs, 'password-manager', async () => {
      const { page } = vs;
      await openOurView(page);
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

      assert.ok(logPage, 'chrome://password-manager-internals could not be opened');
      {
        await page.waitForTimeout(1_000); // the password manager decides after the submission settles
        const log = await logPage.locator('body').innerText();
        fs.mkdirSync(path.join(REPO_ROOT, 'test-results'), { recursive: true });
        fs.writeFileSync(path.join(REPO_ROOT, 'test-results', 'password-manager-internals.txt'), log);
        assert.ok(
          !log.includes(ROOT_PASSWORD) && !log.includes(NEW_USER_PASSWORD),
          'the password-manager log shows a password',
        );
        assert.doesNotMatch(
          log,
          /Show password prompt/,
          'Chromium offered to save a Milvus password (test-results/password-manager-internals.txt)',
        );
        assert.match(log, /\S/, 'the password-manager log recorded nothing, so the check above proves nothing');
      }
    }));
});
