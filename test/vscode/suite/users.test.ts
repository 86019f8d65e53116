import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ConnectionProfile } from '../../../src/core/types';
import type { MilvusAccessManagerApi } from '../../../src/extension';
import type { RunningTestServer } from '../../milvus-server';
import { addConnection, CMD, label, newSecret, rootProfile, waitFor } from './extensionHelpers';
import { acceptPicks, answer, COMMANDS, countCalls, fails, ok, run, server, rbacSuite } from './rbacHelpers';

interface Report {
  user: string;
  roles: string[];
  changes: { role: string; action: string; ok: boolean; error?: string }[];
}

suite('users: create, change password, drop, edit roles', () => {
  let api: MilvusAccessManagerApi;
  let milvus: RunningTestServer;
  let rootPassword: string;
  let root: ConnectionProfile;
  let read: ReturnType<typeof server>;
  const passwords = { alice: '', bob: '', carol: '', eve: '' };

  for (const name of Object.keys(passwords) as (keyof typeof passwords)[]) passwords[name] = newSecret(name);
  const fixture = rbacSuite('Users root', {
    superUsers: ['root'],
    seed: {
      roles: ['reader', 'writer', 'ops'],
      users: [
        { name: 'alice', password: passwords.alice, roles: ['reader'] },
        { name: 'bob', password: passwords.bob },
        { name: 'carol', password: passwords.carol, roles: ['admin'] },
        { name: 'eve', password: passwords.eve },
      ],
    },
  });
  const { created } = fixture;
  suiteSetup(() => {
    ({ api, milvus, rootPassword, root, read } = fixture);
  });

  async function connectionAs(user: keyof typeof passwords | 'dave', password: string): Promise<ConnectionProfile> {
    const profile = await addConnection({ ...rootProfile(milvus, `Users as ${user}`), username: user }, { password });
    created.push(profile.id);
    return profile;
  }

  test('createUser with roles creates the user, binds each role, and re-reads', async () => {
    const password = newSecret('New');
    const report = await ok<Report>(api, COMMANDS.createUser, {
      id: root.id,
      username: 'newbie',
      password,
      roles: ['reader', 'writer'],
      description: 'A new user',
    });
    assert.deepEqual([...report.roles].sort(), ['reader', 'writer']);
    assert.deepEqual(
      report.changes.map((c) => [c.role, c.action, c.ok]),
      [
        ['reader', 'add', true],
        ['writer', 'add', true],
      ],
    );
    const user = await read((a) => a.describeUser('newbie'));
    assert.deepEqual([...(user?.roles ?? [])].sort(), ['reader', 'writer']);
    assert.equal(user?.description, 'A new user');
    assert.ok(!api.log.recent().some((line) => line.includes(password)), 'the password reached the log');
    assert.ok(api.log.recent().some((line) => /Created user "newbie"/.test(line)));
  });

  test('a duplicate user is refused with a sentence', async () => {
    const message = await fails(
      api,
      COMMANDS.createUser,
      { id: root.id, username: 'alice', password: newSecret('Dup') },
      /already exists/,
    );
    assert.match(message, /alice/);
  });

  test('an invalid username or password is refused before anything is sent', async () => {
    const calls = await countCalls(milvus, 'CreateCredential', async () => {
      await fails(api, COMMANDS.createUser, { id: root.id, username: '1abc', password: newSecret('Pw') }, /letter/i);
      await fails(api, COMMANDS.createUser, { id: root.id, username: 'shorty', password: 'abc' }, /at least 6/);
    });
    assert.equal(calls, 0);
  });

  test('a binding that fails is reported item by item; the user is still created', async () => {
    const report = await ok<Report>(api, COMMANDS.createUser, {
      id: root.id,
      username: 'halfway',
      password: newSecret('Half'),
      roles: ['reader', 'nosuchrole'],
    });
    assert.deepEqual(report.roles, ['reader']);
    const failed = report.changes.find((c) => c.role === 'nosuchrole');
    assert.equal(failed?.ok, false);
    assert.match(failed?.error ?? '', /role/i);
    assert.ok(await read((a) => a.describeUser('halfway')));
  });

  test('without a username, createUser opens the form; closing it creates nothing', async () => {
    const before = (await read((a) => a.listUsersWithRoles())).length;
    const pending = vscode.commands.executeCommand(COMMANDS.createUser, { id: root.id });
    let tab: vscode.Tab | undefined;
    for (let i = 0; i < 100 && !tab; i++) {
      tab = vscode.window.tabGroups.all
        .flatMap((g) => g.tabs)
        .find((t) => t.input instanceof vscode.TabInputWebview && t.label === `Create user · ${root.name}`);
      if (!tab) await new Promise((r) => setTimeout(r, 50));
    }
    assert.ok(tab, 'the create-user form did not open');
    await vscode.window.tabGroups.close(tab);
    assert.equal(await pending, undefined);
    assert.equal((await read((a) => a.listUsersWithRoles())).length, before);
  });

  test('a user changes its own password: stored secret updated, connection reconnects with it', async () => {
    const bob = await connectionAs('bob', passwords.bob);
    await vscode.commands.executeCommand(CMD.connect, { id: bob.id });
    const next = newSecret('BobNew');
    assert.equal(
      await ok(api, COMMANDS.changePassword, {
        id: bob.id,
        user: 'bob',
        oldPassword: passwords.bob,
        newPassword: next,
      }),
      true,
    );
    assert.deepEqual(await api.vault.get(bob.id), { password: next });
    assert.equal(api.connections.status(bob.id).state, 'connected');
    await api.connections.run(bob.id, (a) => a.describeUser('bob'));
    const profile = { ...bob, name: 'probe' };
    await api.connections.test(profile, { password: next });
    await assert.rejects(api.connections.test(profile, { password: passwords.bob }));
    passwords.bob = next;
  });

  test('a wrong old password is explained and changes nothing', async () => {
    // root is a superuser on this server, whose old password is never checked: alice changes her own.
    const alice = await connectionAs('alice', passwords.alice);
    const message = await fails(
      api,
      COMMANDS.changePassword,
      { id: alice.id, user: 'alice', oldPassword: newSecret('Wrong'), newPassword: newSecret('Alice2') },
      /not correct/,
    );
    assert.deepEqual(await api.vault.get(alice.id), { password: passwords.alice });
    assert.match(message, /alice/);
    await api.connections.test({ ...root, name: 'alice probe', username: 'alice' }, { password: passwords.alice });
  });

  test('a superuser resets a password without the old one', async () => {
    const next = newSecret('EveNew');
    assert.equal(
      await ok(api, COMMANDS.changePassword, { id: root.id, user: 'eve', reset: true, newPassword: next }),
      true,
    );
    await api.connections.test({ ...root, name: 'eve probe', username: 'eve' }, { password: next });
    passwords.eve = next;
    assert.deepEqual(await api.vault.get(root.id), { password: rootPassword }, "root's stored secret is untouched");
  });

  test('a reset by a user who is not a superuser is refused with an explanation', async () => {
    const carol = await connectionAs('carol', passwords.carol);
    await fails(
      api,
      COMMANDS.changePassword,
      { id: carol.id, user: 'alice', reset: true, newPassword: newSecret('Alice3') },
      /superUsers/,
    );
  });

  test('a too short new password is refused before sending', async () => {
    const calls = await countCalls(milvus, 'UpdateCredential', () =>
      fails(
        api,
        COMMANDS.changePassword,
        { id: root.id, user: 'alice', reset: true, newPassword: 'abc' },
        /at least 6/,
      ),
    );
    assert.equal(calls, 0);
  });

  test('drop asks first and drops nothing when the question is dismissed', async () => {
    await ok(api, COMMANDS.createUser, { id: root.id, username: 'doomed', password: newSecret('Doomed') });
    const asked = answer(api, undefined);
    const calls = await countCalls(milvus, 'DeleteCredential', async () =>
      vscode.commands.executeCommand(COMMANDS.dropUser, { id: root.id, user: 'doomed' }),
    );
    assert.equal(calls, 0);
    assert.equal(asked.length, 1);
    assert.match(asked[0], /Drop the user "doomed"/);
    assert.ok(await read((a) => a.describeUser('doomed')), 'the user must still exist');
  });

  test('drop after confirming in the modal, and with confirm: true', async () => {
    answer(api, 'Drop User');
    assert.equal(await ok(api, COMMANDS.dropUser, { id: root.id, user: 'doomed' }), true);
    assert.equal(await read((a) => a.describeUser('doomed')), undefined);
    answer(api, undefined);
    assert.equal(await ok(api, COMMANDS.dropUser, { id: root.id, user: 'halfway', confirm: true }), true);
    assert.equal(await read((a) => a.describeUser('halfway')), undefined);
  });

  test('root cannot be dropped: a clear refusal, nothing sent', async () => {
    const calls = await countCalls(milvus, 'DeleteCredential', () =>
      fails(api, COMMANDS.dropUser, { id: root.id, user: 'root', confirm: true }, /root/),
    );
    assert.equal(calls, 0);
    assert.ok((await read((a) => a.listUsersWithRoles())).some((u) => u.name === 'root'));
  });

  test('dropping the connected user needs a second confirmation, then disconnects', async () => {
    const carol =
      api.profiles.list().find((p) => p.name === 'Users as carol') ?? (await connectionAs('carol', passwords.carol));
    await vscode.commands.executeCommand(CMD.connect, { id: carol.id });
    const asked = answer(api, undefined);
    await vscode.commands.executeCommand(COMMANDS.dropUser, { id: carol.id, user: 'carol', confirm: true });
    assert.equal(asked.length, 1);
    assert.match(asked[0], /logs in as/);
    assert.ok(await read((a) => a.describeUser('carol')), 'carol must still exist');
    answer(api, 'Drop My Own User');
    assert.equal(await ok(api, COMMANDS.dropUser, { id: carol.id, user: 'carol', confirm: true }), true);
    assert.equal(await read((a) => a.describeUser('carol')), undefined);
    assert.equal(api.connections.status(carol.id).state, 'disconnected');
    answer(api, undefined);
  });

  test('editing roles applies only the difference (OperateUserRole calls) and reports it', async () => {
    const edit = (roles: string[]): Promise<Report> =>
      ok<Report>(api, COMMANDS.editUserRoles, { id: root.id, user: 'alice', roles });
    let report: Report | undefined;
    assert.equal(
      await countCalls(milvus, 'OperateUserRole', async () => (report = await edit(['reader', 'writer']))),
      1,
    );
    assert.deepEqual(
      report?.changes.map((c) => [c.role, c.action, c.ok]),
      [['writer', 'add', true]],
    );
    assert.equal(await countCalls(milvus, 'OperateUserRole', async () => (report = await edit(['writer', 'ops']))), 2);
    assert.deepEqual(
      report?.changes.map((c) => [c.role, c.action]),
      [
        ['ops', 'add'],
        ['reader', 'remove'],
      ],
    );
    assert.deepEqual([...(report?.roles ?? [])].sort(), ['ops', 'writer']);
    assert.equal(await countCalls(milvus, 'OperateUserRole', async () => (report = await edit(['ops', 'writer']))), 0);
    assert.deepEqual(report?.changes, []);
    assert.deepEqual([...((await read((a) => a.describeUser('alice')))?.roles ?? [])].sort(), ['ops', 'writer']);
  });

  test('from the palette, the role picker starts with the current roles checked (Enter changes nothing)', async () => {
    const before = [...((await read((a) => a.describeUser('alice')))?.roles ?? [])].sort();
    assert.ok(before.length > 0);
    let report: Report | undefined;
    const calls = await countCalls(
      milvus,
      'OperateUserRole',
      async () => (report = await acceptPicks<Report>(COMMANDS.editUserRoles, { id: root.id, user: 'alice' })),
    );
    assert.equal(calls, 0);
    assert.deepEqual(report?.changes, []);
    assert.deepEqual([...(report?.roles ?? [])].sort(), before);
  });

  test('Edit Roles offers every role but public, which every user holds already (issue 23 item 12)', async () => {
    const shown = new Promise<vscode.QuickPick<vscode.QuickPickItem>>((resolve) => {
      const listener = api.onDidShowPick((picker) => {
        listener.dispose();
        resolve(picker);
      });
    });
    const running = run(api, COMMANDS.editUserRoles, { id: root.id, user: 'alice' });
    const picker = await shown;
    await waitFor(() => !picker.busy && picker.items.length > 0, 'the roles to load');
    const offered = picker.items.map((i) => i.label);
    picker.hide();
    await running;
    assert.ok(offered.includes('reader') && offered.includes('admin'), offered.join(', '));
    assert.ok(!offered.includes('public'), `public is offered: ${offered.join(', ')}`);
  });

  test('the Users folder shows a created user without refreshing by hand', async () => {
    const connection = api.tree.connectionNode(root.id);
    assert.ok(connection);
    const users = (await api.tree.getChildren(connection)).find((n) => label(api, n) === 'Users');
    assert.ok(users);
    await api.tree.getChildren(users);
    await ok(api, COMMANDS.createUser, { id: root.id, username: 'visible', password: newSecret('Vis') });
    assert.ok((await api.tree.getChildren(users)).some((n) => label(api, n) === 'visible'));
  });

  test('a user without privileges is refused by the server (permission denied)', async () => {
    const eve = await connectionAs('eve', passwords.eve);
    const message = await fails(api, COMMANDS.createUser, {
      id: eve.id,
      username: 'sneaky',
      password: newSecret('Sneaky'),
    });
    assert.equal((api.commandErrors.last?.error as { kind?: string }).kind, 'permission', message);
    assert.equal(await read((a) => a.describeUser('sneaky')), undefined);
  });
});
