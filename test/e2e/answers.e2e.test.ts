// Issue 22 in a real VS Code: Explain a Permission Error… from a user's menu and Check RBAC Health from the
// connection's menu, each a rendered report. They also make the README's screenshots: `npm run screenshots` runs this
// file with MAM_README_SCREENSHOTS=1, which copies explain.png and health-report.png into media/screenshots/.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { runCommand, webviewFrame, type VsCode } from './harness';
import { contextMenu, pick, treeRow, withFailureShot } from './uiSteps';
import { openRootSession, type RootSession } from './rootSession';

const CONNECTION = 'Production';
const README_SHOTS = path.resolve(__dirname, '..', '..', '..', 'media', 'screenshots');
const SEED = {
  roles: ['reader', 'ops', 'auditor'],
  users: [
    { name: 'alice', password: 'Alice-e2e-pass1', roles: ['reader'] },
    { name: 'bob', password: 'Bob-e2e-pass1', roles: [] },
    { name: 'carol', password: 'Carol-e2e-pass1', roles: ['ops'] },
  ],
  collections: [{ name: 'books' }, { name: 'books_v2' }],
  aliases: [{ alias: 'shelf', collection: 'books_v2' }],
  grants: [
    { role: 'reader', privilege: 'Query', objectType: 'Collection' as const, objectName: 'books', dbName: 'default' },
    { role: 'reader', privilege: 'Search', objectType: 'Collection' as const, objectName: 'shelf', dbName: 'default' },
    { role: 'reader', privilege: 'Query', objectType: 'Collection' as const, objectName: 'drafts', dbName: 'default' },
    { role: 'ops', privilege: 'ClusterAdmin', objectType: 'Global' as const, objectName: '*', dbName: '*' },
    { role: 'auditor', privilege: 'DescribeCollection', objectType: 'Global' as const, objectName: '*', dbName: '*' },
  ],
};

/**
 * Saves the window's top part as test-results/screenshots/<name>.png, and into media/screenshots/ when asked. The side
 * bar is hidden meanwhile, so the report's table shows every column.
 */
async function shot(vs: VsCode, name: string, height: number): Promise<void> {
  const { page } = vs;
  await runCommand(page, 'Notifications: Clear All Notifications');
  const sideBar = page.locator('#workbench\\.parts\\.sidebar');
  await runCommand(page, 'View: Close Primary Side Bar');
  await sideBar.waitFor({ state: 'hidden', timeout: 10_000 });
  const file = await vs.screenshot(name, { x: 0, y: 0, width: 1400, height });
  await runCommand(page, 'View: Toggle Primary Side Bar Visibility');
  await sideBar.waitFor({ state: 'visible', timeout: 10_000 });
  if (process.env.MAM_README_SCREENSHOTS === '1') fs.copyFileSync(file, path.join(README_SHOTS, `${name}.png`));
}

describe('e2e: answers (explain a denial, RBAC health)', () => {
  let vs: VsCode;
  let session: RootSession | undefined;
  before(async () => {
    session = await openRootSession({
      seed: SEED,
      rootPassword: 'Answers-root-e2e-1',
      connection: CONNECTION,
      folder: 'Users',
    });
    ({ vs } = session);
    await treeRow(vs.page, 'alice').waitFor({ timeout: 30_000 });
  });
  after(async () => {
    await session?.close();
  });

  test('explain: alice is denied search on books; the report names the privilege, the roles, and the fix', () =>
    withFailureShot(vs, 'answers-1', async () => {
      const { page } = vs;
      await contextMenu(treeRow(page, 'alice'), 'Explain a Permission Error');
      await pick(page, /Which operation was refused/, 'search');
      await pick(page, /Select the database/, 'default');
      await pick(page, /Select the collection in default/, 'books');
      await page.locator('.tab', { hasText: 'Explain · search' }).waitFor({ state: 'visible', timeout: 30_000 });
      const report = webviewFrame(page);
      const main = report.locator('main');
      await main.locator('h1').waitFor({ timeout: 30_000 });
      const text = await main.innerText();
      assert.match(text, /Roles of alice: reader/);
      assert.match(text, /Search/);
      assert.match(text, /collection default\.books/);
      await report.locator('h1').click();
      await shot(vs, 'explain', 300);
    }));

  test('health: the report lists the alias grant, the missing collection, the admin grant, the idle role and the user without roles', () =>
    withFailureShot(vs, 'answers-2', async () => {
      const { page } = vs;
      await contextMenu(treeRow(page, CONNECTION), 'Check RBAC Health');
      await page
        .locator('.tab', { hasText: `RBAC health · ${CONNECTION}` })
        .waitFor({ state: 'visible', timeout: 30_000 });
      const report = webviewFrame(page);
      const rows = report.locator('#rows tbody tr');
      await rows.first().waitFor({ timeout: 30_000 });
      const titles = (await rows.locator('td:first-child').allInnerTexts()).map((t) => t.trim());
      for (const title of [
        'Admin-level grant outside the policy',
        'Grant on a missing collection',
        'Grant on an alias',
        'Role without members',
        'User without roles',
      ])
        assert.ok(titles.includes(title), `${title} in ${JSON.stringify(titles)}`);
      const alias = rows.filter({ hasText: 'Grant on an alias' });
      assert.match(await alias.innerText(), /shelf is an alias of collection books_v2/);
      assert.match(await alias.innerText(), /books_v2/);
      await report.locator('h1').click();
      await shot(vs, 'health-report', 420);
    }));
});
