// Least-privilege users in a real VS Code (docs/milvus-behaviour.md §5.4, §2.6): connected as a user holding only
// collection-level grants or only DatabaseReadOnly, the tree explains in a sentence what the user may not list, and the
// database and collection pickers offer what the server shows the user plus a way to use a name it does not list.
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { CanAnswer } from '../../../src/core/access/query';
import type { ConnectionProfile } from '../../../src/core/types';
import type { MilvusAccessManagerApi } from '../../../src/extension';
import { addConnection, item, label, newSecret, rootProfile, waitFor } from './extensionHelpers';
import { COMMANDS, run, serverSuite } from './rbacHelpers';
import { leastPrivilegeSeed } from '../../fixtures/leastPrivilege';

type Picker = vscode.QuickPick<vscode.QuickPickItem & { value?: unknown }>;

/** The next QuickPick a flow shows, once its items are loaded. */
function nextPick(api: MilvusAccessManagerApi): Promise<Picker> {
  return new Promise((resolve) => {
    const listener = api.onDidShowPick((picker) => {
      listener.dispose();
      void waitFor(() => !picker.busy && picker.items.length > 0, 'the picker to load').then(() =>
        resolve(picker as Picker),
      );
    });
  });
}

const labels = (picker: Picker): string[] => picker.items.map((i) => i.label);

/** Types `text` into the picker's filter and waits until the first item is `first`. */
async function typeInto(picker: Picker, text: string, first: RegExp): Promise<vscode.QuickPickItem> {
  picker.value = text;
  await waitFor(() => first.test(picker.items[0]?.label ?? ''), `an item ${first} for "${text}"`);
  return picker.items[0] as vscode.QuickPickItem;
}

/** Highlights `label` (or the first item) and presses Enter. */
async function accept(picker: Picker, label?: string): Promise<void> {
  const chosen = label === undefined ? picker.items[0] : picker.items.find((i) => i.label === label);
  assert.ok(chosen, `no item "${label}" in ${labels(picker).join(', ')}`);
  picker.activeItems = [chosen];
  await waitFor(() => picker.activeItems[0] === chosen, 'the item to be highlighted');
  await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
}

suite('least-privilege users (§5.4): tree and pickers', () => {
  const password = newSecret('Least');
  const fixture = serverSuite({
    seed: leastPrivilegeSeed(password),
  });
  let colly: ConnectionProfile;
  let dbby: ConnectionProfile;

  suiteSetup(async () => {
    const as = async (user: string): Promise<ConnectionProfile> => {
      const profile = await addConnection(
        { ...rootProfile(fixture.server, `Least ${user}`), username: user },
        { password },
      );
      fixture.created.push(profile.id);
      return profile;
    };
    colly = await as('colly');
    dbby = await as('dbby');
  });
  teardown(() => vscode.commands.executeCommand('workbench.action.closeQuickOpen'));

  for (const user of ['colly', 'dbby'])
    test(`tree as ${user}: the connection expands; each folder it may not list says so in a sentence`, async () => {
      const { api } = fixture;
      const id = user === 'colly' ? colly.id : dbby.id;
      const connection = api.tree.connectionNode(id);
      assert.ok(connection);
      api.commandErrors.last = undefined;
      const folders = await api.tree.getChildren(connection);
      assert.deepEqual(
        folders.map((f) => label(api, f)),
        ['Users', 'Roles', 'Privilege groups'],
      );
      const needs = { Users: 'SelectUser', Roles: 'SelectOwnership', 'Privilege groups': 'ListPrivilegeGroups' };
      for (const folder of folders) {
        const children = await api.tree.getChildren(folder);
        assert.equal(children.length, 1);
        const node = children[0];
        assert.ok(node);
        const message = item(api, node);
        const text = label(api, node);
        const privilege = needs[label(api, folder) as keyof typeof needs];
        assert.match(text, new RegExp(`^No access: ${user} lacks the ${privilege} privilege`));
        assert.doesNotMatch(text, /permission deny|\bPrivilege[A-Z]/, `no raw server text: ${text}`);
        // All three are cluster-level: the database the server's text names is only the connection's (issue 23).
        assert.doesNotMatch(text, /database/, `a cluster-level privilege named with a database: ${text}`);
        assert.equal(message.contextValue, 'message.noAccess');
      }
      assert.equal(api.commandErrors.last, undefined, 'expanding the tree raised no command error');
    });

  test('Can colly do Search…? the pickers offer db1 and c1, c2 only, and a typed collection name is used', async () => {
    const { api } = fixture;
    let shown = nextPick(api);
    let settled = false;
    const answer = run<CanAnswer>(api, COMMANDS.canUserDo, {
      id: colly.id,
      user: 'colly',
      privilege: 'Search',
    }).finally(() => (settled = true));
    const databases = await shown;
    assert.deepEqual(labels(databases), ['db1', 'Other database…']);
    shown = nextPick(api);
    await accept(databases, 'db1');
    const collections = await shown;
    assert.deepEqual(labels(collections), ['*', 'c1', 'c2', 'Other collection…']);
    const refused = await typeInto(collections, '1c', /Cannot use “1c”/);
    assert.match(refused.detail ?? '', /collection name/i, "the rule's message");
    await accept(collections);
    // Enter on the refused name does nothing: the picker stays, and the answer below is about c3, typed into the same
    // picker afterwards (had that Enter been taken, the command would have answered about 1c).
    assert.equal(settled, false, 'Enter on the refused name does nothing: the picker stays');
    await typeInto(collections, 'c3', /^Use “c3”$/);
    await accept(collections);
    const result = await answer;
    assert.equal(api.commandErrors.last, undefined, api.commandErrors.last?.message);
    assert.deepEqual(result?.query, { privilege: 'Search', dbName: 'db1', collectionName: 'c3' });
    assert.equal(result?.allowed, false);
  });

  test('Can dbby do DescribeDatabase…? db1 is offered; a database typed in that is not listed is used', async () => {
    const { api } = fixture;
    const shown = nextPick(api);
    const pending = run<CanAnswer>(api, COMMANDS.canUserDo, {
      id: dbby.id,
      user: 'dbby',
      privilege: 'DescribeDatabase',
    });
    const databases = await shown;
    assert.deepEqual(labels(databases), ['db1', 'Other database…']);
    const changed = new Promise<void>((resolve) => {
      const listener = databases.onDidChangeValue((value) => {
        if (value !== 'db') return;
        listener.dispose();
        resolve();
      });
    });
    databases.value = 'db';
    await changed; // the flow's own listener, registered first, has seen 'db' too
    assert.deepEqual(labels(databases), ['db1', 'Other database…'], 'text a listed name contains adds no item');
    await typeInto(databases, 'notlisted_db', /^Use “notlisted_db”$/);
    await accept(databases);
    const result = await pending;
    assert.equal(api.commandErrors.last, undefined, api.commandErrors.last?.message);
    assert.deepEqual(result?.query, { privilege: 'DescribeDatabase', dbName: 'notlisted_db', collectionName: '*' });
    assert.equal(result?.allowed, false);

    const again = nextPick(api);
    const onDb1 = run<CanAnswer>(api, COMMANDS.canUserDo, { id: dbby.id, user: 'dbby', privilege: 'DescribeDatabase' });
    await accept(await again, 'db1');
    assert.equal((await onDb1)?.allowed, true, 'DatabaseReadOnly on db1 allows DescribeDatabase there');
  });

  test('dbby picks a collection of db1: none is listed, so the picker says so and a typed name is used', async () => {
    const { api } = fixture;
    let shown = nextPick(api);
    const pending = run<CanAnswer>(api, COMMANDS.canUserDo, { id: dbby.id, user: 'dbby', privilege: 'Query' });
    const databases = await shown;
    shown = nextPick(api);
    await accept(databases, 'db1');
    const collections = await shown;
    assert.deepEqual(labels(collections), ['*', 'Other collection…']);
    assert.equal(collections.items[1]?.description, 'the collection list is not visible to this user');
    await typeInto(collections, 'c1', /^Use “c1”$/);
    await accept(collections);
    assert.deepEqual((await pending)?.query, { privilege: 'Query', dbName: 'db1', collectionName: 'c1' });
  });

  test('Can colly do SelectOwnership…? a cluster-level privilege: no database is asked, the answer names none', async () => {
    const { api } = fixture;
    const shown: string[] = [];
    const listener = api.onDidShowPick((picker) => {
      shown.push(picker.placeholder ?? '');
      picker.hide();
    });
    try {
      const result = await run<CanAnswer>(api, COMMANDS.canUserDo, {
        id: colly.id,
        user: 'colly',
        privilege: 'SelectOwnership',
      });
      assert.deepEqual(shown, [], 'a picker was shown for a cluster-level privilege');
      assert.equal(api.commandErrors.last, undefined, api.commandErrors.last?.message);
      assert.equal(result?.allowed, false);
      const line = [...api.log.recent()]
        .reverse()
        .find((l) => l.includes('nothing allows colly to do SelectOwnership'));
      assert.match(line ?? '', /to do SelectOwnership on cluster\./);
      assert.doesNotMatch(line ?? '', /database/);
    } finally {
      listener.dispose();
    }
  });
});
