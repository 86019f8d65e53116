// Every multi-step palette flow heads each step with "<Command> (n/total)", the total the same on every step (issue 23
// item 10). Each flow is walked from the palette through the QuickPicks and InputBoxes the test API passes on, answering
// each as a user would; the titles it showed are compared with the command's title from package.nls.json.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as vscode from 'vscode';
import { REPO, addConnection, newSecret, rootProfile } from './extensionHelpers';
import { answer, COMMANDS, rbacSuite } from './rbacHelpers';

type Picker = vscode.QuickPick<vscode.QuickPickItem & { value?: unknown }>;
/** A label to pick, several labels to check (a multi-select), or `{ type }` for an InputBox. */
type Answer = string | string[] | { type: string };

const NLS = JSON.parse(fs.readFileSync(path.join(REPO, 'package.nls.json'), 'utf8')) as Record<string, string>;

/** The command's palette title without its ellipsis, e.g. "Grant Privilege". */
function titleOf(command: string): string {
  const key = `command.${command.replace(/^milvusAccessManager\./, '')}.title`;
  const title = NLS[key];
  assert.ok(title, `no ${key} in package.nls.json`);
  return title.replace(/…$/, '');
}

/** What VS Code's title bar shows for a QuickPick or InputBox of a flow. */
function shownTitle(input: vscode.QuickPick<vscode.QuickPickItem> | vscode.InputBox): string {
  return input.step === undefined ? `${input.title ?? ''}` : `${input.title ?? ''} (${input.step}/${input.totalSteps})`;
}

async function until(check: () => boolean, what: string): Promise<void> {
  for (let i = 0; !check(); i++) {
    if (i > 300) assert.fail(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

const settle = (): Promise<void> => new Promise((r) => setTimeout(r, 250));
const accept = (): Thenable<unknown> => vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');

suite('step titles: every multi-step flow says "<Command> (n/total)" on every step', () => {
  const fixture = rbacSuite('Titles root', {
    version: 'v2.6.19',
    seed: {
      roles: ['titled', 'spare'],
      databases: ['db1'],
      collections: [{ name: 'books' }],
      users: [
        { name: 'alice', password: newSecret('Alice'), roles: ['titled'] },
        { name: 'bob', password: newSecret('Bob') },
      ],
      privilegeGroups: [{ name: 'grp1', privileges: ['CreateDatabase', 'ListDatabases'] }],
      grants: [{ role: 'titled', privilege: 'DatabaseReadOnly', objectType: 'Global', objectName: '*', dbName: 'db1' }],
    },
  });

  /**
   * Runs `command` from the palette (or with `arg`, e.g. a file from the explorer) and answers its steps in order; a
   * step beyond the answers is dismissed. Returns the title every step showed.
   */
  async function walk(command: string, answers: readonly Answer[], arg?: unknown): Promise<string[]> {
    const { api } = fixture;
    const titles: string[] = [];
    const queue = [...answers];
    const failures: string[] = [];
    const step = async (input: Picker | vscode.InputBox, isPick: boolean): Promise<void> => {
      titles.push(shownTitle(input));
      const next = queue.shift();
      if (next === undefined) {
        input.hide();
        return;
      }
      if (!isPick) {
        const box = input as vscode.InputBox;
        box.value = typeof next === 'object' && !Array.isArray(next) ? next.type : String(next);
        await accept();
        return;
      }
      const picker = input as Picker;
      await until(() => !picker.busy && picker.items.length > 0, `the items of "${picker.placeholder ?? ''}"`);
      if (typeof next === 'object' && !Array.isArray(next)) {
        failures.push(`a QuickPick ("${picker.placeholder ?? ''}") where an InputBox was expected`);
        picker.hide();
        return;
      }
      const labels = Array.isArray(next) ? next : [next];
      const chosen = labels.map((l) => picker.items.find((i) => i.label === l));
      if (chosen.some((c) => c === undefined)) {
        failures.push(`no ${labels.join(', ')} in ${picker.items.map((i) => i.label).join(', ')}`);
        picker.hide();
        return;
      }
      const items = chosen as vscode.QuickPickItem[];
      // The workbench learns of a choice made here a moment later; Enter before that would take the previous one.
      if (picker.canSelectMany) picker.selectedItems = items;
      else {
        picker.value = items[0].label;
        await settle();
        picker.activeItems = items;
      }
      await settle();
      await accept();
    };
    const listeners = [
      api.onDidShowPick((p) => void step(p as Picker, true)),
      api.onDidShowInput((b) => void step(b, false)),
    ];
    try {
      await vscode.commands.executeCommand(command, ...(arg === undefined ? [] : [arg]));
    } finally {
      for (const l of listeners) l.dispose();
    }
    assert.deepEqual(failures, []);
    return titles;
  }

  /** "Title (1/n)" … "Title (k/n)" for the given step numbers. */
  const steps = (command: string, total: number, ...numbers: number[]): string[] =>
    numbers.map((n) => `${titleOf(command)} (${n}/${total})`);

  let connection: string;
  suiteSetup(() => {
    connection = fixture.root.name;
    answer(fixture.api, undefined); // every confirmation is answered Cancel: nothing destructive happens
  });

  test('Create Role: connection, name, description', async () => {
    const titles = await walk(COMMANDS.createRole, [connection, 'titled_new', { type: 'made by the titles test' }]);
    assert.deepEqual(titles, steps(COMMANDS.createRole, 3, 1, 2, 3));
  });

  test('Grant Privilege: the total stays 6 whatever the level; a skipped step keeps its number', async () => {
    const database = await walk(COMMANDS.grantPrivilege, [
      connection,
      'spare',
      'Database',
      'db1',
      ['DatabaseReadOnly'],
    ]);
    assert.deepEqual(database, steps(COMMANDS.grantPrivilege, 6, 1, 2, 3, 4, 6));
    const cluster = await walk(COMMANDS.grantPrivilege, [connection, 'spare', 'Cluster', ['ClusterReadOnly']]);
    assert.deepEqual(cluster, steps(COMMANDS.grantPrivilege, 6, 1, 2, 3, 6));
    const other = await walk(COMMANDS.grantPrivilege, [
      connection,
      'spare',
      'Collection',
      'default',
      'Other collection…',
      { type: 'typed_collection' },
      ['Query'],
    ]);
    assert.deepEqual(other, steps(COMMANDS.grantPrivilege, 6, 1, 2, 3, 4, 5, 5, 6), 'a typed name is part of its step');
  });

  test('Revoke Privilege, Drop Role, Duplicate Role, Edit Role Description', async () => {
    assert.deepEqual(
      await walk(COMMANDS.revokePrivilege, [connection, 'titled', 'DatabaseReadOnly']),
      steps(COMMANDS.revokePrivilege, 3, 1, 2, 3),
    );
    assert.deepEqual(await walk(COMMANDS.dropRole, [connection, 'spare']), steps(COMMANDS.dropRole, 2, 1, 2));
    assert.deepEqual(
      await walk(COMMANDS.duplicateRole, [connection, 'titled', { type: 'titled_copy' }]),
      steps(COMMANDS.duplicateRole, 3, 1, 2, 3),
    );
    assert.deepEqual(
      await walk(COMMANDS.editRoleDescription, [connection, 'titled', { type: 'described' }]),
      steps(COMMANDS.editRoleDescription, 3, 1, 2, 3),
    );
  });

  test('Add Member and Remove Member', async () => {
    assert.deepEqual(
      await walk(COMMANDS.addRoleMembers, [connection, 'spare', ['bob']]),
      steps(COMMANDS.addRoleMembers, 3, 1, 2, 3),
    );
    assert.deepEqual(
      await walk(COMMANDS.removeRoleMember, [connection, 'spare', 'bob']),
      steps(COMMANDS.removeRoleMember, 3, 1, 2, 3),
    );
  });

  test('privilege groups: create, add to, remove from', async () => {
    assert.deepEqual(
      await walk(COMMANDS.createPrivilegeGroup, [connection, { type: 'grp2' }, 'Cluster', ['CreateDatabase']]),
      steps(COMMANDS.createPrivilegeGroup, 4, 1, 2, 3, 4),
    );
    assert.deepEqual(
      await walk(COMMANDS.addPrivilegesToGroup, [connection, 'grp2', ['ListDatabases']]),
      steps(COMMANDS.addPrivilegesToGroup, 4, 1, 2, 4),
      'the level of a group that has one is not asked',
    );
    assert.deepEqual(
      await walk(COMMANDS.removePrivilegesFromGroup, [connection, 'grp2', ['ListDatabases']]),
      steps(COMMANDS.removePrivilegesFromGroup, 3, 1, 2, 3),
    );
  });

  test('users: Edit Roles, Edit User Description, Drop User, Show Effective Privileges; Filter', async () => {
    assert.deepEqual(
      await walk(COMMANDS.editUserRoles, [connection, 'alice', ['titled']]),
      steps(COMMANDS.editUserRoles, 3, 1, 2, 3),
    );
    assert.deepEqual(
      await walk(COMMANDS.editUserDescription, [connection, 'alice', { type: 'alice, described' }]),
      steps(COMMANDS.editUserDescription, 3, 1, 2, 3),
    );
    assert.deepEqual(await walk(COMMANDS.dropUser, [connection, 'bob']), steps(COMMANDS.dropUser, 2, 1, 2));
    assert.deepEqual(
      await walk(COMMANDS.showEffectivePrivileges, [connection, 'alice']),
      steps(COMMANDS.showEffectivePrivileges, 2, 1, 2),
    );
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    assert.deepEqual(
      await walk(COMMANDS.showSnapshots, [connection]),
      steps(COMMANDS.showSnapshots, 3, 1),
      'no snapshot yet: the flow ends after its first step, counted out of three',
    );
    assert.deepEqual(
      await walk(COMMANDS.filterFolder, [connection, 'Users', { type: 'al' }]),
      steps(COMMANDS.filterFolder, 3, 1, 2, 3),
    );
  });

  test('Change Password: 6 steps; a reset skips the current password, oneself the way', async () => {
    const secret = newSecret('Alice');
    assert.deepEqual(
      await walk(COMMANDS.changePassword, [connection, 'alice', 'Reset without the old password', { type: secret }]),
      steps(COMMANDS.changePassword, 6, 1, 2, 3, 5, 6),
      'the confirmation is dismissed: nothing is changed',
    );
    assert.deepEqual(
      await walk(COMMANDS.changePassword, [connection, 'alice', 'Enter the old password', { type: 'old' }]),
      steps(COMMANDS.changePassword, 6, 1, 2, 3, 4, 5),
    );
    assert.deepEqual(
      await walk(COMMANDS.changePassword, [connection, 'root', { type: 'old' }]),
      steps(COMMANDS.changePassword, 6, 1, 2, 4, 5),
      'one’s own password: no question how',
    );
    assert.deepEqual(
      await walk(COMMANDS.changeMyPassword, [connection, { type: 'old' }, { type: secret }]),
      steps(COMMANDS.changeMyPassword, 4, 1, 2, 3, 4),
    );
  });

  test('Can User Do… and Who Can…: the total stays whatever the privilege’s level', async () => {
    assert.deepEqual(
      await walk(COMMANDS.canUserDo, [connection, 'alice', 'Query', 'default', 'books']),
      steps(COMMANDS.canUserDo, 5, 1, 2, 3, 4, 5),
    );
    assert.deepEqual(
      await walk(COMMANDS.canUserDo, [connection, 'alice', 'DescribeDatabase', 'db1']),
      steps(COMMANDS.canUserDo, 5, 1, 2, 3, 4),
    );
    assert.deepEqual(
      await walk(COMMANDS.canUserDo, [connection, 'alice', 'CreateDatabase']),
      steps(COMMANDS.canUserDo, 5, 1, 2, 3),
      'a cluster-level privilege asks no database: the flow ends after step 3 of 5',
    );
    assert.deepEqual(
      await walk(COMMANDS.whoCan, [connection, 'Query', 'default', 'books']),
      steps(COMMANDS.whoCan, 4, 1, 2, 3, 4),
    );
    assert.deepEqual(await walk(COMMANDS.whoCan, [connection, 'CreateDatabase']), steps(COMMANDS.whoCan, 4, 1, 2));
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  test('Compare Two Connections: both connections are steps of one flow', async () => {
    const second = await addConnection(rootProfile(fixture.server, 'Titles second'), {
      password: fixture.rootPassword,
    });
    fixture.created.push(second.id);
    assert.deepEqual(
      await walk(COMMANDS.compareConnections, [connection, second.name]),
      steps(COMMANDS.compareConnections, 2, 1, 2),
    );
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  test('Apply RBAC from File, Show RBAC Plan, Apply RBAC File to Connections: connection(s), then mode', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'titles-'));
    const file = vscode.Uri.file(path.join(dir, 'titles.rbac.json'));
    fs.writeFileSync(file.fsPath, '{}');
    // The mode step is dismissed: nothing is read or planned.
    assert.deepEqual(await walk(COMMANDS.applyRbac, [connection], file), steps(COMMANDS.applyRbac, 2, 1, 2));
    assert.deepEqual(await walk(COMMANDS.planRbac, [connection], file), steps(COMMANDS.planRbac, 2, 1, 2));
    assert.deepEqual(
      await walk(COMMANDS.applyRbacToConnections, [[connection]], file),
      steps(COMMANDS.applyRbacToConnections, 2, 1, 2),
    );
  });
});
