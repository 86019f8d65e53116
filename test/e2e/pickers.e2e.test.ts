// Palette flows in a real VS Code (issue 11, items 5 and 6): every step of a multi-step flow says what it asks for, with
// the command's title and a step counter; Back returns to the previous step; a destructive picker matches names only;
// no destructive button is a modal's default; a role still in use is dropped only after its name is typed; several
// privileges are granted at once.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { RunningTestServer } from '../milvus-server';
import type { AdminApi } from '../../src/core/adminApi';
import { runCommand, type VsCode } from './harness';
import {
  CMD,
  filterQuickPick,
  modalDefaultButton,
  pick,
  pickMany,
  quickInputBack,
  quickInputTitle,
  serverSession,
  waitForInputBox,
  waitForNotification,
  waitForQuickPick,
  withFailureShot,
} from './uiSteps';
import { openRootSession, type RootSession } from './rootSession';

const CONNECTION = 'E2E Pickers';
const ROOT_PASSWORD = 'Pickers-root-e2e-7';
const SEED = {
  databases: ['default', 'analytics'],
  collections: [{ db: 'default', name: 'articles' }],
  roles: [{ name: 'dba', description: 'Database admins: admin tasks on every database' }, 'auditor', 'spare'],
  grants: [{ role: 'dba', privilege: 'DatabaseAdmin', dbName: 'default', objectName: '*' }],
  users: [{ name: 'dave', password: 'Dave-e2e-pass1', roles: ['dba'] }],
};

describe('e2e: palette flows (step titles, Back, name-only destructive pickers, safe confirmations, multi-grant)', () => {
  let server: RunningTestServer;
  let vs: VsCode;
  let session: RootSession | undefined;
  const onServer = async <T>(read: (api: AdminApi) => Promise<T>): Promise<T> => {
    const api = await serverSession(server.address, 'root', ROOT_PASSWORD);
    try {
      return await read(api);
    } finally {
      await api.close();
    }
  };
  const roleNames = (): Promise<string[]> =>
    onServer(async (api) => (await api.listRolesWithUsers()).map((r) => r.name).sort());
  const page = (): VsCode['page'] => vs.page;
  const escape = (): Promise<void> => page().keyboard.press('Escape');

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

  test('Drop Role: each step names what it asks; typing "admin" does not offer dba through its description', () =>
    withFailureShot(vs, 'pickers-1', async () => {
      await runCommand(page(), CMD.dropRole);
      assert.deepEqual(await waitForQuickPick(page(), /^Select the connection$/), [CONNECTION]);
      assert.equal(await quickInputTitle(page()), 'Drop Role (1/2)');
      await vs.screenshot('pickers-drop-role-step1');
      await pick(page(), /^Select the connection$/, CONNECTION);
      assert.deepEqual(await waitForQuickPick(page(), /^Select the role to drop$/), ['auditor', 'dba', 'spare']);
      assert.equal(await quickInputTitle(page()), 'Drop Role (2/2)');
      assert.deepEqual(
        await filterQuickPick(page(), 'admin'),
        [],
        'no role is named like "admin" (dba only mentions it in its description)',
      );
      await vs.screenshot('pickers-drop-role-filter-admin');
      assert.deepEqual(await filterQuickPick(page(), 'dba'), ['dba']);
      await escape();
      assert.ok((await roleNames()).includes('dba'));
    }));

  test('Drop Role of a role in use: the default button only leads on, Enter Enter drops nothing, a wrong name is refused', () =>
    withFailureShot(vs, 'pickers-2', async () => {
      await runCommand(page(), CMD.dropRole);
      await pick(page(), /^Select the connection$/, CONNECTION);
      await pick(page(), /^Select the role to drop$/, 'dba');
      const button = await modalDefaultButton(page());
      await vs.screenshot('pickers-drop-role-modal');
      assert.equal(button.focused, 'Revoke All and Drop…', 'the focused button asks for the typed name next');
      assert.equal(button.primary, 'Revoke All and Drop…');
      await page().keyboard.press('Enter');
      const input = await waitForInputBox(page(), /Type "dba" to confirm/);
      assert.equal(await quickInputTitle(page()), 'Drop Role "dba"');
      await page().keyboard.press('Enter');
      // The refusal is shown only once the extension has handled that Enter: wait for it, not for a fixed time.
      await waitForInputBox(page(), /Type "dba" exactly to confirm/);
      assert.ok(await input.isVisible(), 'Enter on the empty box is refused: the box stays open');
      await input.fill('db');
      await page().keyboard.press('Enter');
      await waitForInputBox(page(), /Type "dba" exactly/);
      await vs.screenshot('pickers-drop-role-typed-name-refused');
      assert.ok((await roleNames()).includes('dba'), 'Enter, Enter and a wrong name drop nothing');
      // The same box takes the exact name: had an Enter before been taken, the box would be gone and nothing dropped.
      await input.fill('dba');
      await page().keyboard.press('Enter');
      await waitForNotification(page(), /Dropped role dba and its 1 grant\./);
      assert.ok(!(await roleNames()).includes('dba'), 'the exact name drops it');
      assert.equal(server.rpcCounts().DropRole, 1, 'one DropRole in all');
    }));

  test("Drop Role of an unused role: the modal's default button keeps it", () =>
    withFailureShot(vs, 'pickers-3', async () => {
      await runCommand(page(), CMD.dropRole);
      await pick(page(), /^Select the connection$/, CONNECTION);
      await pick(page(), /^Select the role to drop$/, 'spare');
      const button = await modalDefaultButton(page());
      await vs.screenshot('pickers-drop-unused-role-modal');
      assert.deepEqual(button, { focused: 'Keep Role', primary: 'Keep Role' });
      await page().keyboard.press('Enter');
      await page().locator('.monaco-dialog-box').waitFor({ state: 'hidden' });
      assert.ok((await roleNames()).includes('spare'), 'Enter keeps the role');
    }));

  test('Grant Privilege: six counted steps with Back, then several privileges at once', () =>
    withFailureShot(vs, 'pickers-4', async () => {
      await runCommand(page(), CMD.grantPrivilege);
      await waitForQuickPick(page(), /^Select the connection$/);
      assert.equal(await quickInputTitle(page()), 'Grant Privilege (1/6)');
      await pick(page(), /^Select the connection$/, CONNECTION);
      await waitForQuickPick(page(), /^Select the role to grant privileges to$/);
      assert.equal(await quickInputTitle(page()), 'Grant Privilege (2/6)');
      await pick(page(), /role to grant/, 'auditor');
      await pick(page(), /level of the privilege/, 'Collection');
      await waitForQuickPick(page(), /^Select the database$/);
      assert.equal(await quickInputTitle(page()), 'Grant Privilege (4/6)');
      await vs.screenshot('pickers-grant-step4');
      await quickInputBack(page());
      await waitForQuickPick(page(), /level of the privilege/);
      assert.equal(await quickInputTitle(page()), 'Grant Privilege (3/6)', 'Back returns to the level');
      await pick(page(), /level of the privilege/, 'Database');
      await waitForQuickPick(page(), /^Select the database$/);
      assert.equal(
        await quickInputTitle(page()),
        'Grant Privilege (4/6)',
        'the total does not change with the level (issue 23 item 10)',
      );
      await pick(page(), /^Select the database$/, 'analytics');
      const privileges = /database-level privileges or groups to grant/;
      await waitForQuickPick(page(), privileges);
      assert.equal(
        await quickInputTitle(page()),
        'Grant Privilege (6/6)',
        'the collection step is skipped, not uncounted',
      );
      await pickMany(page(), privileges, ['DatabaseReadOnly', 'DatabaseReadWrite'], () =>
        vs.screenshot('pickers-grant-several'),
      );
      await waitForNotification(page(), /Granted DatabaseReadOnly, DatabaseReadWrite on database analytics to auditor/);
      const grants = await onServer((api) => api.listGrants('auditor'));
      assert.deepEqual(grants.map((g) => [g.privilege, g.dbName, g.objectName]).sort(), [
        ['DatabaseReadOnly', 'analytics', '*'],
        ['DatabaseReadWrite', 'analytics', '*'],
      ]);
    }));
  test('Grant Privilege: a database the list does not show is typed into the filter and used (§5.4)', () =>
    withFailureShot(vs, 'pickers-5', async () => {
      await runCommand(page(), CMD.grantPrivilege);
      await pick(page(), /^Select the connection$/, CONNECTION);
      await pick(page(), /role to grant/, 'auditor');
      await pick(page(), /level of the privilege/, 'Database');
      await waitForQuickPick(page(), /^Select the database$/);
      assert.deepEqual(await filterQuickPick(page(), 'analy'), ['analytics'], 'a listed name matches: nothing added');
      const refused = await filterQuickPick(page(), '1bad');
      assert.match(refused[0] ?? '', /^Cannot use “1bad”$/, "an invalid name shows the rule's message instead");
      await page().keyboard.press('Enter');
      // Enter on it does not leave the step: the next text goes into the same picker (had Enter been taken, this
      // filter would be typed into the privilege step, and the server would hold a grant on "1bad": checked below).
      const typed = await filterQuickPick(page(), 'notlisted_db');
      assert.equal(await quickInputTitle(page()), 'Grant Privilege (4/6)', 'Enter on it does not leave the step');
      assert.equal(typed[0], 'Use “notlisted_db”', 'the typed name is offered first');
      await vs.screenshot('pickers-use-typed-database');
      await page().keyboard.press('Enter');
      const privileges = /database-level privileges or groups to grant/;
      await pickMany(page(), privileges, ['DatabaseReadOnly']);
      await waitForNotification(page(), /Granted DatabaseReadOnly on database notlisted_db to auditor/);
      const grants = await onServer((api) => api.listGrants('auditor'));
      assert.ok(grants.some((g) => g.privilege === 'DatabaseReadOnly' && g.dbName === 'notlisted_db'));
      assert.ok(!grants.some((g) => g.dbName === '1bad'), 'nothing was granted on the refused name');
    }));

  test('Grant Privilege: a typed filter and Enter take the one privilege it leaves, with nothing checked (issue 23 item 8)', () =>
    withFailureShot(vs, 'pickers-6', async () => {
      await runCommand(page(), CMD.grantPrivilege);
      await pick(page(), /^Select the connection$/, CONNECTION);
      await pick(page(), /role to grant/, 'spare');
      await pick(page(), /level of the privilege/, 'Database');
      await pick(page(), /^Select the database$/, 'analytics');
      const privileges = /database-level privileges or groups to grant/;
      await waitForQuickPick(page(), privileges);
      assert.deepEqual(await filterQuickPick(page(), 'readonly'), ['DatabaseReadOnly'], 'the filter leaves one');
      await page().keyboard.press('Enter');
      await waitForNotification(page(), /Granted DatabaseReadOnly on database analytics to spare/);
      const grants = await onServer((api) => api.listGrants('spare'));
      assert.deepEqual(
        grants.map((g) => [g.privilege, g.dbName]),
        [['DatabaseReadOnly', 'analytics']],
      );
    }));
});
