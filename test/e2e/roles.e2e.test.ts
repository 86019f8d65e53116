// Roles and privileges in a real VS Code (issue 4): grant a privilege through the QuickPick chain level -> database ->
// collection -> privilege, revoke it from the grant's context menu, drop a role through the confirmation dialog.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { RunningTestServer } from '../milvus-server';
import { runCommand, type VsCode } from './harness';
import {
  CMD,
  answerInputBox,
  answerModal,
  pickMany,
  contextMenu,
  expand,
  pick,
  rowDescription,
  serverSession,
  treeRow,
  waitForDescription,
  quickPickRows,
  waitForNotification,
  waitForQuickPick,
  withFailureShot,
} from './uiSteps';
import { openRootSession, type RootSession } from './rootSession';
import type { Grant } from '../../src/core/types';

const CONNECTION = 'E2E Roles';
const ROOT_PASSWORD = 'Roles-root-e2e-5';
const SEED = {
  databases: ['default', 'analytics'],
  collections: [
    { db: 'default', name: 'articles' },
    { db: 'default', name: 'images' },
    { db: 'analytics', name: 'events' },
  ],
  roles: ['auditor', 'temp'],
  grants: [{ role: 'temp', privilege: 'Search', dbName: 'default', objectName: 'images' }],
  users: [{ name: 'dave', password: 'Dave-e2e-pass1', roles: ['temp'] }],
};

describe('e2e: roles (grant and revoke a privilege, drop a role)', () => {
  let server: RunningTestServer;
  let vs: VsCode;
  const grantsOf = async (role: string): Promise<Grant[]> => {
    const api = await serverSession(server.address, 'root', ROOT_PASSWORD);
    try {
      return await api.listGrants(role);
    } finally {
      await api.close();
    }
  };

  let session: RootSession | undefined;
  before(async () => {
    session = await openRootSession({
      seed: SEED,
      rootPassword: ROOT_PASSWORD,
      connection: CONNECTION,
      folder: 'Roles',
    });
    ({ server, vs } = session);
    await expand(vs.page, 'auditor');
    await treeRow(vs.page, 'No grants').waitFor({ timeout: 30_000 });
  });
  after(async () => {
    await session?.close();
  });

  test("grant: from the role's context menu, pick level, database, collection and privilege; the grant shows under the role", () =>
    withFailureShot(vs, 'roles-1', async () => {
      const { page } = vs;
      await contextMenu(treeRow(page, 'auditor'), 'Grant Privilege');
      await pick(page, /level of the privilege/, 'Collection');
      const databases = await waitForQuickPick(page, /Select the database/);
      assert.deepEqual(
        databases.filter((d) => !d.startsWith('Other')),
        ['*', 'default', 'analytics'],
        "the server's databases, plus * for all",
      );
      await pick(page, /Select the database/, 'default');
      const collections = await waitForQuickPick(page, /collection in default/);
      assert.deepEqual(
        collections.filter((c) => !c.startsWith('Other')),
        ['*', 'articles', 'images'],
        'the collections of default, plus *',
      );
      await pick(page, /collection in default/, 'articles');
      const privileges = await waitForQuickPick(page, /collection-level privileges or groups/);
      await vs.screenshot('role-grant-privilege-quickpick');
      await vs.screenshot('readme-grant-privilege', { x: 0, y: 0, width: 1010, height: 410 });
      assert.ok(
        privileges.includes('Query') && privileges.includes('Search'),
        'collection-level privileges are offered',
      );
      assert.ok(privileges.includes('CollectionReadOnly'), 'built-in collection-level groups are offered');
      // The list is virtualised: look for a cluster-level privilege by filtering, not in the rendered rows.
      await page.locator('.quick-input-widget input.input').fill('CreateDatabase');
      await quickPickRows(page).first().waitFor({ state: 'hidden', timeout: 10_000 });
      assert.equal(
        await quickPickRows(page).count(),
        0,
        'a cluster-level privilege is not offered at collection level',
      );
      await page.locator('.quick-input-widget input.input').fill('');
      await pickMany(page, /collection-level privileges or groups/, ['Query']);
      await waitForNotification(page, /Granted Query on collection default.articles to auditor/);
      const grant = treeRow(page, 'Query');
      await grant.waitFor({ timeout: 30_000 });
      assert.equal(await rowDescription(grant), 'collection default.articles');
      await vs.screenshot('role-grant-in-tree');
      const onServer = await grantsOf('auditor');
      assert.deepEqual(
        onServer.map((g) => [g.privilege, g.dbName, g.objectType, g.objectName]),
        [['Query', 'default', 'Collection', 'articles']],
      );
    }));

  test("revoke: from the grant's context menu, after the confirmation; the grant leaves the tree and the server", () =>
    withFailureShot(vs, 'roles-2', async () => {
      const { page } = vs;
      await contextMenu(treeRow(page, 'Query'), 'Revoke Privilege');
      const asked = await answerModal(page, /^Revoke$/);
      assert.match(asked, /Revoke Query on collection default.articles from role "auditor"\?/);
      await waitForNotification(page, /Revoked Query on collection default.articles from auditor/);
      await treeRow(page, 'Query').waitFor({ state: 'detached', timeout: 30_000 });
      await treeRow(page, 'No grants').waitFor({ timeout: 30_000 });
      assert.deepEqual(await grantsOf('auditor'), []);
    }));

  test('drop role: built-in roles are not offered; a role with grants asks to revoke them all, names its members, then is gone', () =>
    withFailureShot(vs, 'roles-3', async () => {
      const { page } = vs;
      assert.equal(await rowDescription(treeRow(page, 'temp')), '1 member');
      await runCommand(page, CMD.dropRole);
      await pick(page, /^Select the connection$/, CONNECTION);
      const offered = await waitForQuickPick(page, /role to drop/);
      assert.deepEqual(offered, ['auditor', 'temp'], 'admin and public are not offered');
      await pick(page, /role to drop/, 'temp');
      await page.locator('.monaco-dialog-box').waitFor({ timeout: 30_000 });
      await vs.screenshot('role-drop-confirmation');
      await vs.screenshot('readme-drop-role', { x: 0, y: 0, width: 1000, height: 600 });
      const asked = await answerModal(page, /^Revoke All and Drop…$/);
      await answerInputBox(page, /Type "temp" to confirm/, 'temp');
      assert.match(asked, /Role "temp" on "E2E Roles" still has 1 grant\. Revoke all and drop it\?/);
      assert.match(asked, /Search on collection default.images/, 'the dialog lists the grant');
      assert.match(asked, /dave/, 'the dialog names the member who loses the role');
      await waitForNotification(page, /Dropped role temp and its 1 grants?/);
      await treeRow(page, 'temp').waitFor({ state: 'detached', timeout: 30_000 });
      await treeRow(page, 'auditor').waitFor();
      const api = await serverSession(server.address, 'root', ROOT_PASSWORD);
      try {
        assert.deepEqual((await api.listRolesWithUsers()).map((r) => r.name).sort(), ['admin', 'auditor', 'public']);
        assert.deepEqual((await api.describeUser('dave'))?.roles, [], 'dave no longer has the role');
      } finally {
        await api.close();
      }
      await expand(page, 'Users');
      await waitForDescription(treeRow(page, 'dave'), /^no roles$/);
    }));
});
