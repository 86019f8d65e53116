// Role members and the activity-bar icon in a real VS Code (issue 11): the icon is ours (not the old eye), a role lists
// its members, Add Member… binds through a multi-select QuickPick, Remove Member asks with a harmless default (Enter
// keeps the member), and the built-ins' labels say what they really grant.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import type { RunningTestServer } from '../milvus-server';
import type { VsCode } from './harness';
import {
  answerInputBox,
  answerModal,
  contextMenu,
  expand,
  pickMany,
  rowDescription,
  serverSession,
  treeRow,
  waitForDescription,
  waitForNotification,
  withFailureShot,
} from './uiSteps';
import { openRootSession, type RootSession } from './rootSession';
import { REPO_ROOT } from '../../scripts/lib/codeServer';

const CONNECTION = 'E2E Members';
const ROOT_PASSWORD = 'Members-root-e2e-7';
const SEED = {
  roles: ['reader'],
  users: [
    { name: 'alice', password: 'Alice-e2e-pass1', roles: ['reader'] },
    { name: 'bob', password: 'Bob-e2e-pass22' },
  ],
};

describe('e2e: role members and the activity-bar icon', () => {
  let server: RunningTestServer;
  let vs: VsCode;
  let session: RootSession | undefined;
  const rolesOf = async (user: string): Promise<string[]> => {
    const api = await serverSession(server.address, 'root', ROOT_PASSWORD);
    try {
      return [...((await api.describeUser(user))?.roles ?? [])].sort();
    } finally {
      await api.close();
    }
  };

  before(async () => {
    session = await openRootSession({
      seed: SEED,
      rootPassword: ROOT_PASSWORD,
      connection: CONNECTION,
      folder: 'Roles',
    });
    ({ server, vs } = session);
  });
  after(async () => {
    await session?.close();
  });

  test('the activity bar shows our shield icon (media/milvus.svg), not the old eye', () =>
    withFailureShot(vs, 'members-1', async () => {
      const { page } = vs;
      const tab = page.getByRole('tab', { name: /Milvus/ }).first();
      const label = tab.locator('.action-label');
      const mask = await label.evaluate((el) => {
        const style = getComputedStyle(el);
        return style.maskImage || style.webkitMaskImage || style.backgroundImage;
      });
      const url = /url\("?([^")]+)"?\)/.exec(mask)?.[1];
      assert.ok(url !== undefined && url.includes('milvus.svg'), `the tab's icon is ${mask}`);
      const served = await page.evaluate(async (u) => (await fetch(u)).text(), url);
      assert.equal(served.trim(), fs.readFileSync(path.join(REPO_ROOT, 'media', 'milvus.svg'), 'utf8').trim());
      const box = await tab.boundingBox();
      assert.ok(box);
      await vs.screenshot('activity-bar-icon', {
        x: 0,
        y: Math.max(0, box.y - 60),
        width: 300,
        height: box.height + 120,
      });
    }));

  test('a role lists its members; public says every user, root says unrestricted', () =>
    withFailureShot(vs, 'members-2', async () => {
      const { page } = vs;
      assert.equal(await rowDescription(treeRow(page, 'public')), 'every user · built-in');
      await expand(page, 'reader');
      await treeRow(page, 'Members (1)').waitFor({ timeout: 30_000 });
      await treeRow(page, 'alice').waitFor({ timeout: 30_000 });
      await treeRow(page, 'No grants').waitFor({ timeout: 30_000 });
      await vs.screenshot('role-members-in-tree');
      await expand(page, 'Users');
      assert.equal(await rowDescription(treeRow(page, 'root')), 'superuser · unrestricted');
      await treeRow(page, 'Users').locator('.monaco-tl-twistie').click();
    }));

  test('Add Member… from the role menu: a multi-select of users not in the role; the member shows and is bound', () =>
    withFailureShot(vs, 'members-3', async () => {
      const { page } = vs;
      await contextMenu(treeRow(page, 'reader'), 'Add Member');
      await pickMany(page, /users to add to reader/, ['bob'], () => vs.screenshot('role-add-member-quickpick'));
      await waitForNotification(page, /Added bob to reader/);
      await treeRow(page, 'Members (2)').waitFor({ timeout: 30_000 });
      await treeRow(page, 'bob').waitFor({ timeout: 30_000 });
      assert.deepEqual(await rolesOf('bob'), ['reader']);
    }));

  test('Remove Member: Enter on the confirmation keeps the member; Remove Member unbinds it', () =>
    withFailureShot(vs, 'members-4', async () => {
      const { page } = vs;
      await contextMenu(treeRow(page, 'bob'), 'Remove Member');
      const box = page.locator('.monaco-dialog-box');
      await box.waitFor({ timeout: 30_000 });
      await vs.screenshot('role-remove-member-confirmation');
      await page.keyboard.press('Enter');
      await box.waitFor({ state: 'hidden', timeout: 30_000 });
      assert.deepEqual(await rolesOf('bob'), ['reader'], 'Enter pressed the harmless default');

      await contextMenu(treeRow(page, 'bob'), 'Remove Member');
      const asked = await answerModal(page, /^Remove Member$/);
      assert.match(asked, /Remove bob from role "reader"/);
      await waitForNotification(page, /Removed bob from reader/);
      await treeRow(page, 'Members (1)').waitFor({ timeout: 30_000 });
      assert.deepEqual(await rolesOf('bob'), []);
    }));

  test('Filter… on Users shows only the matching users and says so; Clear Filter shows all again', () =>
    withFailureShot(vs, 'members-5', async () => {
      const { page } = vs;
      await treeRow(page, 'reader').locator('.monaco-tl-twistie').click(); // collapse: alice is also a member row there
      await expand(page, 'Users');
      await treeRow(page, 'bob').waitFor({ timeout: 30_000 });
      await contextMenu(treeRow(page, 'Users'), 'Filter');
      await answerInputBox(page, /whose name contains/, 'ALI');
      await waitForDescription(treeRow(page, 'Users'), /^filter: ALI$/);
      await treeRow(page, 'bob').waitFor({ state: 'detached', timeout: 30_000 });
      await treeRow(page, 'alice').waitFor({ timeout: 30_000 });
      await treeRow(page, 'Users').hover();
      await vs.screenshot('tree-filtered-users', { x: 0, y: 0, width: 700, height: 400 });
      await contextMenu(treeRow(page, 'Users'), 'Clear Filter');
      await treeRow(page, 'bob').waitFor({ timeout: 30_000 });
      assert.equal(await rowDescription(treeRow(page, 'Users')).catch(() => ''), '');
    }));
});
