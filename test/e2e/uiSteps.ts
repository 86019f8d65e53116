// Shared UI steps for the e2e tests: the connection form, the tree, QuickPicks, InputBoxes and modal dialogs.
// Every step waits on what it needs to see (a selector, a text), never on a fixed delay.
import type { FrameLocator, Locator, Page } from 'playwright-core';
import { connectMilvus } from '../../src/core/milvus/connect';
import { MilvusError } from '../../src/core/errors/milvusError';
import type { AdminApi } from '../../src/core/adminApi';
import { modalButton, openOurView, runCommand, treeItem, webviewFrame, type VsCode } from './harness';

/** Palette titles, "<category>: <title>" from package.json; runCommand matches them as a prefix (titles may end in "…"). */
export const CMD = {
  addConnection: 'Milvus: Add Connection',
  refresh: 'Milvus: Refresh',
  createUser: 'Milvus: Create User',
  changePassword: 'Milvus: Change Password',
  dropUser: 'Milvus: Drop User',
  editUserRoles: 'Milvus: Edit Roles',
  createRole: 'Milvus: Create Role',
  dropRole: 'Milvus: Drop Role',
  grantPrivilege: 'Milvus: Grant Privilege',
  revokePrivilege: 'Milvus: Revoke Privilege',
} as const;

const UI_TIMEOUT = 30_000;

export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** A tree item whose label is exactly `label` (its accessible name starts with the label). */
export function treeRow(page: Page, label: string): Locator {
  return treeItem(page, new RegExp(`^${escapeRegExp(label)}(\\W|$)`));
}

/** The row's description (VS Code shows it dimmed after the label; e.g. a user's roles). */
export async function rowDescription(row: Locator): Promise<string> {
  return (await row.locator('.label-description').first().innerText()).trim();
}

/** Expands a collapsed tree item (waits for it first). */
export async function expand(page: Page, label: string): Promise<Locator> {
  const row = treeRow(page, label);
  await row.waitFor({ state: 'visible', timeout: UI_TIMEOUT });
  if ((await row.getAttribute('aria-expanded')) !== 'true') await row.locator('.monaco-tl-twistie').click();
  return row;
}

/** Waits until `row`'s description matches `pattern` (the tree refreshes asynchronously after a change). */
export async function waitForDescription(row: Locator, pattern: RegExp, timeout = UI_TIMEOUT): Promise<string> {
  const deadline = Date.now() + timeout;
  let last = '';
  while (Date.now() < deadline) {
    last = await rowDescription(row).catch(() => '');
    if (pattern.test(last)) return last;
    await row.page().waitForTimeout(100);
  }
  throw new Error(`tree item description "${last}" never matched ${pattern}`);
}

/** Right-clicks a tree item and chooses `item` from its context menu (package.json titles end in "…": prefix match). */
export async function contextMenu(row: Locator, item: string): Promise<void> {
  const page = row.page();
  const menu = page.locator('.monaco-menu').filter({ visible: true }).first();
  const entry = page
    .locator('.monaco-menu .action-item .action-label', { hasText: new RegExp(`^${escapeRegExp(item)}`) })
    .first();
  // VS Code ignores a click that lands right after the menu opened (a busy machine makes that likely): click until it closes.
  for (let attempt = 0; ; attempt++) {
    if (!(await entry.isVisible())) {
      await row.click({ button: 'right' });
      await entry.waitFor({ state: 'visible', timeout: UI_TIMEOUT });
    }
    await entry.hover();
    await entry.click();
    try {
      await menu.waitFor({ state: 'hidden', timeout: 2_000 });
      return;
    } catch (e) {
      if (attempt >= 4) throw new Error(`the context menu entry "${item}" did not take the click`, { cause: e });
    }
  }
}

// ---------------------------------------------------------------- connection form

export interface ConnectionInput {
  name: string;
  uri: string;
  auth: 'none' | 'password' | 'token';
  username?: string;
  password?: string;
  token?: string;
}

/** Opens the Add Connection form and returns its frame once the form is interactive. */
export async function openConnectionForm(page: Page): Promise<FrameLocator> {
  await runCommand(page, CMD.addConnection);
  const form = webviewFrame(page);
  await form.locator('#name').waitFor({ state: 'visible', timeout: UI_TIMEOUT });
  // The fields are in the page's HTML before its script runs, and the script's start writes the initial values over
  // them: input typed before that is lost (a fresh-clone run met a Test button that never enabled). Its first check
  // fills the hint of what is missing, which an empty form always has.
  await form.locator('#form-hint:not(:empty)').waitFor({ timeout: UI_TIMEOUT });
  return form;
}

/** Fills the connection form like a person: text fields, then the auth method, then the fields it reveals. */
export async function fillConnectionForm(form: FrameLocator, input: ConnectionInput): Promise<void> {
  await form.locator('#name').fill(input.name);
  await form.locator('#uri').fill(input.uri);
  await form.locator('#auth').selectOption(input.auth);
  if (input.auth === 'password') {
    await form.locator('#username').fill(input.username ?? '');
    await form.locator('#password').fill(input.password ?? '');
  } else if (input.auth === 'token') {
    await form.locator('#token').fill(input.token ?? '');
  }
}

/** Clicks Test and waits for the outcome: the status line (success) or the error banner (failure). */
export async function testConnection(form: FrameLocator): Promise<{ status: string; error: string }> {
  const test = form.locator('#test');
  await waitEnabled(test);
  await test.click();
  const status = form.locator('#form-status');
  const error = form.locator('#form-error');
  await form
    .locator('#form-status:not(:empty):not(:text("Testing")), #form-error:not(:empty)')
    .first()
    .waitFor({ timeout: UI_TIMEOUT });
  return { status: (await status.innerText()).trim(), error: (await error.innerText()).trim() };
}

/** Clicks Save; the panel closes on success. */
export async function saveConnection(page: Page, form: FrameLocator): Promise<void> {
  const save = form.locator('#save');
  await waitEnabled(save);
  await save.click();
  await page.locator('iframe.webview:visible').first().waitFor({ state: 'detached', timeout: UI_TIMEOUT });
}

/** Adds a connection through the form (Test must pass first) and waits for it in the tree. */
export async function addConnection(page: Page, input: ConnectionInput): Promise<Locator> {
  const form = await openConnectionForm(page);
  await fillConnectionForm(form, input);
  const outcome = await testConnection(form);
  if (outcome.error) throw new Error(`Test of "${input.name}" failed: ${outcome.error}`);
  await saveConnection(page, form);
  await openOurView(page);
  const row = treeRow(page, input.name);
  await row.waitFor({ state: 'visible', timeout: UI_TIMEOUT });
  return row;
}

export async function waitEnabled(button: Locator, timeout = UI_TIMEOUT): Promise<void> {
  await button.waitFor({ state: 'visible', timeout });
  const deadline = Date.now() + timeout;
  while (!(await button.isEnabled())) {
    if (Date.now() > deadline) throw new Error('button stayed disabled');
    await button.page().waitForTimeout(50);
  }
}

// ---------------------------------------------------------------- quick input (QuickPick / InputBox)

function quickInput(page: Page): Locator {
  return page.locator('.quick-input-widget');
}

/** The visible rows of the open QuickPick. */
export function quickPickRows(page: Page): Locator {
  return page.locator('.quick-input-widget .quick-input-list .monaco-list-row');
}

// A row's label; its description and detail rows reuse .label-name (and keep stale text while hidden).
const ROW_LABEL = '.quick-input-list-rows > .quick-input-list-row:first-child .label-name';

/** The row whose label is exactly `label`. */
export function quickPickRow(page: Page, label: string): Locator {
  return quickPickRows(page)
    .filter({ has: page.locator(ROW_LABEL, { hasText: new RegExp(`^\\s*${escapeRegExp(label)}\\s*$`) }) })
    .first();
}

/** Waits for a QuickPick whose placeholder matches, then returns the labels it offers. */
export async function waitForQuickPick(page: Page, placeholder: RegExp): Promise<string[]> {
  const input = quickInput(page).locator('input.input');
  await input.waitFor({ state: 'visible', timeout: UI_TIMEOUT });
  const deadline = Date.now() + UI_TIMEOUT;
  while (!placeholder.test((await input.getAttribute('placeholder')) ?? '')) {
    if (Date.now() > deadline)
      throw new Error(`no QuickPick with placeholder ${placeholder}; saw "${await input.getAttribute('placeholder')}"`);
    await page.waitForTimeout(50);
  }
  // Items may still be loading (the picker shows its busy bar meanwhile).
  await quickPickRows(page).first().waitFor({ state: 'visible', timeout: UI_TIMEOUT });
  return quickPickRows(page).evaluateAll(
    (rows, selector) => rows.map((row) => row.querySelector(selector)?.textContent?.trim() ?? ''),
    ROW_LABEL,
  );
}

/** In the open QuickPick (placeholder matching), picks the item labelled `label`. */
export async function pick(page: Page, placeholder: RegExp, label: string): Promise<void> {
  await waitForQuickPick(page, placeholder);
  const input = quickInput(page).locator('input.input');
  await input.fill(label); // filter: long lists are virtualised, so the row may not be rendered otherwise
  const row = quickPickRow(page, label);
  await row.waitFor({ state: 'visible', timeout: UI_TIMEOUT });
  // Enter takes the highlighted row; a click could land on a hover left over the row (e.g. a link in a description).
  if (/\bfocused\b/.test((await row.getAttribute('class')) ?? '')) await page.keyboard.press('Enter');
  else await row.click();
  await row.waitFor({ state: 'hidden', timeout: UI_TIMEOUT });
}

/** In the open multi-select QuickPick, sets exactly `checked` to be checked, then accepts. Returns the labels first shown checked. */
export async function pickMany(
  page: Page,
  placeholder: RegExp,
  checked: readonly string[],
  beforeAccept?: () => Promise<unknown>,
): Promise<string[]> {
  const labels = await waitForQuickPick(page, placeholder);
  const initiallyChecked: string[] = [];
  for (const label of labels) {
    const row = quickPickRow(page, label);
    const isChecked = async (): Promise<boolean> => (await row.getAttribute('aria-checked')) === 'true';
    if (await isChecked()) initiallyChecked.push(label);
    const want = checked.includes(label);
    // A click can be lost while the list re-renders; check the row's state and click again until it matches.
    for (let attempt = 0; (await isChecked()) !== want; attempt++) {
      if (attempt >= 5) throw new Error(`could not ${want ? 'check' : 'uncheck'} "${label}"`);
      await row.locator('[role=checkbox]').first().click();
      await page
        .waitForFunction(
          ([el, expected]) => (el as Element).getAttribute('aria-checked') === String(expected),
          [await row.elementHandle(), want] as const,
          { timeout: 1_000 },
        )
        .catch(() => undefined);
    }
  }
  await beforeAccept?.();
  await quickInput(page).locator('.quick-input-action .monaco-button', { hasText: /^OK$/ }).click();
  await quickInput(page).waitFor({ state: 'hidden', timeout: UI_TIMEOUT });
  return initiallyChecked;
}

/** The title bar of the open QuickPick or InputBox: the flow's title and step counter, e.g. "Drop Role (1/2)". */
export async function quickInputTitle(page: Page): Promise<string> {
  return (await quickInput(page).locator('.quick-input-title').innerText()).trim();
}

/** Presses the Back button of a multi-step flow's QuickPick or InputBox. */
export async function quickInputBack(page: Page): Promise<void> {
  await quickInput(page).getByRole('button', { name: 'Back' }).click();
}

/** Types `text` into the open QuickPick's filter and returns the labels left once the list has settled. */
export async function filterQuickPick(page: Page, text: string): Promise<string[]> {
  await quickInput(page).locator('input.input').fill(text);
  let last = '';
  for (let stable = 0; stable < 5;) {
    await page.waitForTimeout(100);
    const now = (await quickPickRows(page).filter({ visible: true }).allInnerTexts()).join('\n');
    stable = now === last ? stable + 1 : 0;
    last = now;
  }
  return quickPickRows(page)
    .filter({ visible: true })
    .evaluateAll(
      (rows, selector) => rows.map((row) => row.querySelector(selector)?.textContent?.trim() ?? ''),
      ROW_LABEL,
    );
}

/** Answers an InputBox whose prompt matches; returns whether it was a password box. */
export async function answerInputBox(page: Page, prompt: RegExp, value: string): Promise<{ password: boolean }> {
  await waitForInputBox(page, prompt);
  const input = quickInput(page).locator('input.input');
  const password = (await input.getAttribute('type')) === 'password';
  await input.fill(value);
  await page.keyboard.press('Enter');
  return { password };
}

/** Waits for an InputBox showing `prompt` (VS Code shows the prompt where validation messages go). */
export async function waitForInputBox(page: Page, prompt: RegExp): Promise<Locator> {
  await quickInput(page)
    .locator('.quick-input-message', { hasText: prompt })
    .waitFor({ state: 'visible', timeout: UI_TIMEOUT });
  return quickInput(page).locator('input.input');
}

/** The open InputBox's validation message (empty when none). */
export async function inputBoxMessage(page: Page): Promise<string> {
  return (await quickInput(page).locator('.quick-input-message').innerText()).trim();
}

// ---------------------------------------------------------------- notifications

const NOTIFICATION_TEXT =
  '.notification-toast .notification-list-item-message, .notifications-center .notification-list-item-message';

/**
 * Waits for a notification matching `pattern` and returns its text. A toast that arrives while a progress toast is
 * still fading out is sometimes not shown as a toast (VS Code); it is in the notification center, so after a few
 * seconds the center is opened and searched too.
 */
export async function waitForNotification(page: Page, pattern: RegExp, timeout = UI_TIMEOUT): Promise<string> {
  const started = Date.now();
  let centerOpen = false;
  while (Date.now() - started < timeout) {
    const texts = await page.locator(NOTIFICATION_TEXT).filter({ visible: true }).allInnerTexts();
    const hit = texts.find((text) => pattern.test(text));
    if (hit !== undefined) {
      if (centerOpen) await page.keyboard.press('Escape');
      return hit.trim();
    }
    if (!centerOpen && Date.now() - started > 3_000) {
      await runCommand(page, 'Notifications: Show Notifications');
      centerOpen = true;
    }
    await page.waitForTimeout(100);
  }
  throw new Error(`no notification matching ${pattern}`);
}

// ---------------------------------------------------------------- modal dialog

/** Waits for the modal dialog, returns its text, and clicks `button`. */
export async function answerModal(page: Page, button: string | RegExp): Promise<string> {
  const box = page.locator('.monaco-dialog-box');
  await box.waitFor({ state: 'visible', timeout: UI_TIMEOUT });
  const text = (await box.innerText()).trim();
  await modalButton(page, button).click();
  await box.waitFor({ state: 'hidden', timeout: UI_TIMEOUT });
  return text;
}

/** The open modal's default button: VS Code focuses it and draws it as the primary (the others are "secondary"). */
export async function modalDefaultButton(page: Page): Promise<{ focused: string; primary: string }> {
  const box = page.locator('.monaco-dialog-box');
  await box.waitFor({ state: 'visible', timeout: UI_TIMEOUT });
  await page.waitForFunction(
    () => document.activeElement?.closest('.monaco-dialog-box .dialog-buttons') !== null,
    undefined,
    { timeout: UI_TIMEOUT },
  );
  const focused = await page.evaluate(() => document.activeElement?.textContent?.trim() ?? '');
  const primary = (await box.locator('.dialog-buttons .monaco-button:not(.secondary)').first().innerText()).trim();
  return { focused, primary };
}

// ---------------------------------------------------------------- checks against the server, outside the UI

/** Connects to the test server over the real SDK (root, or the given user) to check what the UI did. */
export async function serverSession(address: string, username: string, password: string): Promise<AdminApi> {
  const profile = {
    id: 'e2e-check',
    name: 'e2e check',
    uri: `http://${address}`,
    database: 'default',
    auth: 'password' as const,
    username,
    tls: { mode: 'off' as const },
  };
  return connectMilvus(profile, { password }, { timeoutMs: 10_000 });
}

/**
 * Whether `username` can log in with `password`: false only when the server refuses the credentials; any other
 * failure (nothing listening, a server not ready, a timeout) is thrown, so it cannot pass for "cannot log in".
 */
export async function canLogIn(address: string, username: string, password: string): Promise<boolean> {
  let api: AdminApi;
  try {
    api = await serverSession(address, username, password);
  } catch (error) {
    if (error instanceof MilvusError && error.kind === 'auth') return false;
    throw error;
  }
  await api.close();
  return true;
}

/** Runs a test body and, when it fails, saves a screenshot `FAILED-<name>` before rethrowing. */
export async function withFailureShot(vs: VsCode, name: string, body: () => Promise<void>): Promise<void> {
  try {
    await body();
  } catch (error) {
    await vs.screenshot(`FAILED-${name}`).catch(() => undefined);
    throw error;
  }
}
