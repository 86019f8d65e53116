import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ConnectionProfile } from '../../../src/core/types';
import type { MilvusAccessManagerApi } from '../../../src/extension';
import type { RunningTestServer } from '../../milvus-server';
import { addConnection, item, label, newSecret, rootProfile } from './extensionHelpers';
import { answer, COMMANDS, countCalls, fails, ok, RBAC_COMMANDS, server, rbacSuite } from './rbacHelpers';

interface DropResult {
  role: string;
  grants: number;
  via: string;
}

suite('roles: create and drop', () => {
  let api: MilvusAccessManagerApi;
  let milvus: RunningTestServer;
  let root: ConnectionProfile;
  let read: ReturnType<typeof server>;
  let rootPassword: string;

  const fixture = rbacSuite('Roles root', {
    rootPassword: newSecret('RolesRoot'),
    seed: {
      roles: ['granted', 'member_only'],
      users: [{ name: 'ann', password: newSecret('Ann'), roles: ['member_only', 'granted'] }],
      databases: ['db1'],
      collections: [{ name: 'books' }],
      grants: [
        { role: 'granted', privilege: 'Query', objectType: 'Collection', objectName: 'books', dbName: 'default' },
        { role: 'granted', privilege: 'CreateCollection', dbName: 'db1' },
      ],
    },
  });
  const { created } = fixture;
  suiteSetup(() => {
    ({ api, milvus, rootPassword, root, read } = fixture);
  });

  const roleNames = async (): Promise<string[]> => (await read((a) => a.listRolesWithUsers())).map((r) => r.name);

  test('createRole creates a role with its description; the Roles folder shows it', async () => {
    const connection = api.tree.connectionNode(root.id);
    assert.ok(connection);
    const folder = (await api.tree.getChildren(connection)).find((n) => label(api, n) === 'Roles');
    assert.ok(folder);
    await api.tree.getChildren(folder);
    assert.equal(
      await ok(api, COMMANDS.createRole, { id: root.id, role: 'analyst', description: 'Reads reports' }),
      'analyst',
    );
    const role = (await read((a) => a.listRolesWithUsers())).find((r) => r.name === 'analyst');
    assert.equal(role?.description, 'Reads reports');
    const shown = (await api.tree.getChildren(folder)).find((n) => label(api, n) === 'analyst');
    assert.ok(shown, 'the Roles folder was refreshed');
    assert.equal(item(api, shown).contextValue, 'role');
    assert.ok(api.log.recent().some((line) => /Created role "analyst"/.test(line)));
  });

  test('a duplicate role is refused with a sentence', async () => {
    await fails(api, COMMANDS.createRole, { id: root.id, role: 'analyst' }, /already exists/);
  });

  test('an invalid role name is refused before anything is sent', async () => {
    const calls = await countCalls(milvus, 'CreateRole', () =>
      fails(api, COMMANDS.createRole, { id: root.id, role: '9lives' }, /first character|letter/i),
    );
    assert.equal(calls, 0);
    assert.ok(!(await roleNames()).includes('9lives'));
  });

  test('admin and public cannot be dropped: refusal, nothing sent', async () => {
    for (const role of ['admin', 'public']) {
      const calls = await countCalls(milvus, 'DropRole', () =>
        fails(api, COMMANDS.dropRole, { id: root.id, role, confirm: true }, /built-in/),
      );
      assert.equal(calls, 0);
    }
    assert.ok((await roleNames()).includes('admin'));
  });

  test('drop asks first; dismissed, nothing is dropped', async () => {
    const asked = answer(api, undefined);
    const calls = await countCalls(milvus, 'DropRole', async () =>
      vscode.commands.executeCommand(COMMANDS.dropRole, { id: root.id, role: 'member_only' }),
    );
    assert.equal(calls, 0);
    assert.equal(asked.length, 1);
    assert.match(asked[0], /Drop the role "member_only"/);
    assert.match(asked[0], /ann/, 'the members who lose the role are named');
    assert.ok((await roleNames()).includes('member_only'));
  });

  test('a role in use is dropped only after its name is typed: a wrong name drops nothing', async () => {
    api.confirmations.responder = (q) => (q.typeName !== undefined ? 'member_onl' : q.actions[0]);
    const calls = await countCalls(milvus, 'DropRole', async () =>
      vscode.commands.executeCommand(COMMANDS.dropRole, { id: root.id, role: 'member_only' }),
    );
    assert.equal(calls, 0);
    const [modal, typed] = api.confirmations.asked.slice(-2);
    assert.deepEqual(modal?.actions, ['Drop Role…'], 'the default button only leads to the typed-name step');
    assert.equal(typed?.typeName, 'member_only');
    assert.match(typed?.refused ?? '', /Type "member_only" exactly/);
    assert.ok((await roleNames()).includes('member_only'));
    answer(api, undefined);
  });

  test("a role without grants and members: the modal's default button keeps it", async () => {
    await ok(api, COMMANDS.createRole, { id: root.id, role: 'unused' });
    const asked = answer(api, undefined);
    await vscode.commands.executeCommand(COMMANDS.dropRole, { id: root.id, role: 'unused' });
    assert.deepEqual(asked, [
      'Drop the role "unused" on "Roles root"? It has no grants and no members. This cannot be undone. [Keep Role|Drop Role]',
    ]);
    api.confirmations.responder = (q) => q.actions[0];
    await vscode.commands.executeCommand(COMMANDS.dropRole, { id: root.id, role: 'unused' });
    assert.ok((await roleNames()).includes('unused'), 'the first (default) action keeps the role');
    answer(api, 'Drop Role');
    await ok(api, COMMANDS.dropRole, { id: root.id, role: 'unused' });
    assert.ok(!(await roleNames()).includes('unused'));
    answer(api, undefined);
  });

  test('a role without grants drops after confirming and typing its name; its members lose it', async () => {
    const asked = answer(api, 'Drop Role…');
    const result = await ok<DropResult>(api, COMMANDS.dropRole, { id: root.id, role: 'member_only' });
    assert.deepEqual(result, { role: 'member_only', grants: 0, via: 'none' });
    assert.equal(
      asked.at(-1),
      'Type "member_only" to confirm. 1 member loses it; this cannot be undone. [type: member_only]',
    );
    assert.ok(!(await roleNames()).includes('member_only'));
    assert.deepEqual((await read((a) => a.describeUser('ann')))?.roles, ['granted']);
    answer(api, undefined);
  });

  test('a role with grants: confirm alone is refused and lists the grants', async () => {
    const message = await fails(api, COMMANDS.dropRole, { id: root.id, role: 'granted', confirm: true }, /2 grants/);
    assert.match(message, /Query/);
    assert.match(message, /CreateCollection/);
    assert.ok((await roleNames()).includes('granted'));
  });

  test('a role with grants: the modal shows them and offers "Revoke All and Drop"', async () => {
    const asked = answer(api, undefined);
    await vscode.commands.executeCommand(COMMANDS.dropRole, { id: root.id, role: 'granted' });
    assert.equal(asked.length, 1);
    assert.match(asked[0], /Query on collection default.books/);
    assert.match(asked[0], /\[Revoke All and Drop…\]/);
    assert.ok((await roleNames()).includes('granted'), 'dismissed: nothing dropped');

    answer(api, 'Revoke All and Drop…');
    milvus.resetRpcCounts();
    const result = await ok<DropResult>(api, COMMANDS.dropRole, { id: root.id, role: 'granted' });
    assert.deepEqual(result, { role: 'granted', grants: 2, via: 'forceDrop' });
    assert.equal(milvus.rpcCounts().DropRole, 1);
    assert.ok(!(await roleNames()).includes('granted'));
    // Re-created under the same name, the role starts without the old grants.
    await ok(api, COMMANDS.createRole, { id: root.id, role: 'granted' });
    assert.deepEqual(await read((a) => a.listGrants('granted')), []);
    answer(api, undefined);
  });

  test('revokeGrants: true drops a role with grants without a modal', async () => {
    await ok(api, COMMANDS.grantPrivilege, {
      id: root.id,
      role: 'granted',
      privilege: 'Search',
      dbName: 'default',
      collectionName: 'books',
    });
    const result = await ok<DropResult>(api, COMMANDS.dropRole, {
      id: root.id,
      role: 'granted',
      confirm: true,
      revokeGrants: true,
    });
    assert.equal(result.via, 'forceDrop');
    assert.ok(!(await roleNames()).includes('granted'));
  });

  test('a server without descriptions: the role is created, the description is left out and logged', async () => {
    const old = await addConnection(rootProfile(milvus, 'Roles old server'), { password: rootPassword });
    created.push(old.id);
    await vscode.commands.executeCommand('milvusAccessManager.connect', { id: old.id });
    // The four feature probes answer UNIMPLEMENTED, as a server before 2.6.19 would (no AlterRole, no descriptions).
    milvus.failNext(4, 12);
    assert.equal((await api.connections.run(old.id, (a) => a.features())).descriptions, false);
    await ok(api, COMMANDS.createRole, { id: old.id, role: 'plain', description: 'dropped' });
    const role = (await read((a) => a.listRolesWithUsers())).find((r) => r.name === 'plain');
    assert.ok(role);
    assert.equal(role.description, undefined);
    assert.ok(api.log.recent().some((line) => /no role descriptions/.test(line)));
  });
});

suite('menus: destructive RBAC items never show on built-ins', () => {
  interface MenuItem {
    command: string;
    when: string;
  }

  /** Whether a tree item with this contextValue shows `item` (the when clauses here are `viewItem == x` or `viewItem =~ /re/`). */
  function shows(item: MenuItem, contextValue: string): boolean {
    const eq = /viewItem == ([\w.]+)/.exec(item.when);
    if (eq) return eq[1] === contextValue;
    const re = /viewItem =~ \/(.+)\/$/.exec(item.when);
    assert.ok(re, `unexpected when clause: ${item.when}`);
    return new RegExp(re[1]).test(contextValue);
  }

  function menuFor(contextValue: string): string[] {
    const ext = vscode.extensions.all.find((e) => e.id.toLowerCase() === 'milvus-access-manager.milvus-access-manager');
    assert.ok(ext);
    const items = (ext.packageJSON as { contributes: { menus: Record<string, MenuItem[]> } }).contributes.menus[
      'view/item/context'
    ];
    return [
      ...new Set(items.filter((i) => shows(i, contextValue)).map((i) => i.command.replace('milvusAccessManager.', ''))),
    ].sort();
  }

  test('users: root gets no Drop; others do', () => {
    assert.deepEqual(menuFor('user.root'), [
      'canUserDo',
      'changePassword',
      'editUserDescription',
      'editUserRoles',
      'explainPermissionError',
      'showEffectivePrivileges',
    ]);
    assert.deepEqual(menuFor('user.root.self'), [
      'canUserDo',
      'changePassword',
      'editUserDescription',
      'editUserRoles',
      'explainPermissionError',
      'showEffectivePrivileges',
    ]);
    assert.deepEqual(menuFor('user'), [
      'canUserDo',
      'changePassword',
      'dropUser',
      'editUserDescription',
      'editUserRoles',
      'explainPermissionError',
      'showEffectivePrivileges',
    ]);
    assert.deepEqual(menuFor('user.self'), [
      'canUserDo',
      'changePassword',
      'dropUser',
      'editUserDescription',
      'editUserRoles',
      'explainPermissionError',
      'showEffectivePrivileges',
    ]);
  });

  test('users on a server without descriptions: the same items minus Edit Description', () => {
    assert.deepEqual(menuFor('user.noDescriptionEdit'), [
      'canUserDo',
      'changePassword',
      'dropUser',
      'editUserRoles',
      'explainPermissionError',
      'showEffectivePrivileges',
    ]);
    assert.deepEqual(menuFor('user.self.noDescriptionEdit'), [
      'canUserDo',
      'changePassword',
      'dropUser',
      'editUserRoles',
      'explainPermissionError',
      'showEffectivePrivileges',
    ]);
    assert.deepEqual(menuFor('user.root.self.noDescriptionEdit'), [
      'canUserDo',
      'changePassword',
      'editUserRoles',
      'explainPermissionError',
      'showEffectivePrivileges',
    ]);
  });

  test('roles: built-in roles get no Drop and no Edit Description; grants get Revoke', () => {
    assert.deepEqual(menuFor('role.builtin'), ['addRoleMembers', 'duplicateRole', 'grantPrivilege', 'refresh']);
    assert.deepEqual(menuFor('role'), [
      'addRoleMembers',
      'dropRole',
      'duplicateRole',
      'editRoleDescription',
      'grantPrivilege',
      'refresh',
    ]);
    assert.deepEqual(menuFor('grant'), ['revokePrivilege', 'whoCan']);
    assert.deepEqual(menuFor('section.members'), ['addRoleMembers']);
    assert.deepEqual(menuFor('section.members.public'), [], 'everyone holds public: nothing to add');
    assert.deepEqual(menuFor('member'), ['removeRoleMember']);
  });

  test('Zilliz Cloud Dedicated: db_admin gets no Drop, built-in roles no Grant, their grants no Revoke, db_admin keeps its role', () => {
    assert.deepEqual(menuFor('user.builtin.self'), [
      'canUserDo',
      'changePassword',
      'editUserDescription',
      'editUserRoles',
      'explainPermissionError',
      'showEffectivePrivileges',
    ]);
    assert.deepEqual(menuFor('role.builtin.locked'), ['addRoleMembers', 'duplicateRole', 'refresh']);
    assert.deepEqual(menuFor('role.builtin.locked.noDescriptionEdit'), ['addRoleMembers', 'duplicateRole', 'refresh']);
    assert.deepEqual(menuFor('grant.locked'), ['whoCan']);
    assert.deepEqual(menuFor('member.locked'), []);
  });

  test('folders: the create item unless the flavour refuses it (noCreate: Zilliz Cloud); Filter and Refresh stay', () => {
    assert.deepEqual(menuFor('folder.users'), ['createUser', 'filterFolder', 'refresh']);
    assert.deepEqual(menuFor('folder.roles'), ['createRole', 'filterFolder', 'refresh']);
    assert.deepEqual(menuFor('folder.privilegeGroups'), ['createPrivilegeGroup', 'filterFolder', 'refresh']);
    assert.deepEqual(menuFor('folder.users.noCreate'), ['filterFolder', 'refresh']);
    assert.deepEqual(menuFor('folder.roles.filtered.noCreate'), ['clearFilter', 'filterFolder', 'refresh']);
    assert.deepEqual(menuFor('folder.privilegeGroups.noCreate'), ['filterFolder', 'refresh']);
  });

  test('roles on a server without AlterRole: the same items minus Edit Description', () => {
    assert.deepEqual(menuFor('role.noDescriptionEdit'), [
      'addRoleMembers',
      'dropRole',
      'duplicateRole',
      'grantPrivilege',
      'refresh',
    ]);
    assert.deepEqual(menuFor('role.builtin.noDescriptionEdit'), [
      'addRoleMembers',
      'duplicateRole',
      'grantPrivilege',
      'refresh',
    ]);
  });

  test('privilege groups: built-in groups and their privileges are read-only', () => {
    assert.deepEqual(menuFor('privilegeGroup.builtin'), []);
    assert.deepEqual(menuFor('privilege.builtin'), []);
    assert.deepEqual(menuFor('privilegeGroup.custom'), [
      'addPrivilegesToGroup',
      'dropPrivilegeGroup',
      'removePrivilegesFromGroup',
    ]);
    assert.deepEqual(menuFor('privilege.custom'), ['removePrivilegesFromGroup']);
  });

  test('every RBAC command is in the palette and in the command table', async () => {
    const all = await vscode.commands.getCommands(true);
    for (const id of Object.values(RBAC_COMMANDS)) assert.ok(all.includes(id), `${id} is not registered`);
    const ext = vscode.extensions.all.find((e) => e.id.toLowerCase() === 'milvus-access-manager.milvus-access-manager');
    const hidden = (
      (ext?.packageJSON as { contributes: { menus: { commandPalette?: MenuItem[] } } }).contributes.menus
        .commandPalette ?? []
    )
      .filter((m) => m.when === 'false')
      .map((m) => m.command);
    for (const id of Object.values(RBAC_COMMANDS)) assert.ok(!hidden.includes(id), `${id} is hidden from the palette`);
  });
});
