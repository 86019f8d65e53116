// Role members as tree children (Add Member… / Remove Member), labels that say what built-ins really grant, and the
// name filter on the Users / Roles / Privilege groups folders. All against the test server, counting its RPCs.
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { TreeNode } from '../../../src/tree/nodes/treeNode';
import { childByLabel, item, label, newSecret, setSetting } from './extensionHelpers';
import { answer, COMMANDS, ok, rbacSuite, run } from './rbacHelpers';

const password = newSecret('Member');
const MANY = Array.from({ length: 25 }, (_, i) => ({ name: `user${String(i).padStart(2, '0')}`, password }));

suite('members, labels and filters in the tree', () => {
  const s = rbacSuite('Members root', {
    seed: {
      users: [
        { name: 'alice', password, roles: ['reader', 'writer'] },
        { name: 'bob', password, roles: ['reader'] },
        { name: 'carol', password },
        { name: 'dora', password, roles: ['admin'] },
        ...MANY,
      ],
      roles: ['reader', 'writer'],
      collections: [{ name: 'books' }],
      grants: [
        { role: 'reader', privilege: 'Query', objectType: 'Collection', objectName: 'books', dbName: 'default' },
      ],
    },
  });

  const connection = (): TreeNode => {
    const node = s.api.tree.connectionNode(s.root.id);
    assert.ok(node);
    return node;
  };
  const labels = async (node: TreeNode): Promise<string[]> =>
    (await s.api.tree.getChildren(node)).map((c) => label(s.api, c));
  const folder = (name: string): Promise<TreeNode> => childByLabel(s.api, connection(), name);
  const role = async (name: string): Promise<TreeNode> => childByLabel(s.api, await folder('Roles'), name);
  const section = async (roleName: string, prefix: string): Promise<TreeNode> => {
    const found = (await s.api.tree.getChildren(await role(roleName))).find((c) => label(s.api, c).startsWith(prefix));
    assert.ok(found, `no ${prefix} section under ${roleName}`);
    return found;
  };
  const calls = (method: string): number => s.milvus.rpcCounts()[method] ?? 0;
  const rolesOnServer = async (user: string): Promise<string[]> =>
    [...((await s.read((a) => a.describeUser(user)))?.roles ?? [])].sort();

  // Small pages, so paging under a filter is exercised; set before any folder is built.
  suiteSetup(() => setSetting('pageSize', 10));
  suiteTeardown(() => setSetting('pageSize', undefined));

  test('a role shows "Members (n)" and "Grants"; members cost no RPC beyond the one SelectRole, grants one SelectGrant', async () => {
    const roles = await folder('Roles');
    s.api.tree.refresh(roles);
    s.milvus.resetRpcCounts();
    const reader = await childByLabel(s.api, roles, 'reader');
    assert.deepEqual(await labels(reader), ['Members (2)', 'Grants']);
    const members = await section('reader', 'Members');
    assert.equal(item(s.api, members).contextValue, 'section.members');
    assert.equal(item(s.api, members).collapsibleState, vscode.TreeItemCollapsibleState.Expanded);
    const memberNodes = await s.api.tree.getChildren(members);
    assert.deepEqual(
      memberNodes.map((m) => label(s.api, m)),
      ['alice', 'bob'],
    );
    assert.ok(memberNodes.every((m) => item(s.api, m).contextValue === 'member'));
    assert.equal(calls('SelectRole'), 1);
    assert.equal(calls('SelectGrant'), 0, 'members come with the roles listing');
    assert.equal(calls('SelectUser'), 0);
    assert.deepEqual(await labels(await section('reader', 'Grants')), ['Query']);
    assert.equal(calls('SelectGrant'), 1);
    assert.equal(calls('SelectRole'), 1);
  });

  test('public says "every user", admin "all privileges"; root and admin holders are unrestricted', async () => {
    const roles = await folder('Roles');
    const byName = new Map((await s.api.tree.getChildren(roles)).map((c) => [label(s.api, c), item(s.api, c)]));
    assert.equal(byName.get('public')?.description, 'every user · built-in');
    assert.match(
      (byName.get('public')?.tooltip as vscode.MarkdownString).value,
      /Every user holds this role implicitly/,
    );
    assert.equal(byName.get('admin')?.description, '1 member · all privileges');
    const publicMembers = await section('public', 'Members');
    assert.equal(label(s.api, publicMembers), 'Members (every user)');
    assert.equal(item(s.api, publicMembers).contextValue, 'section.members.public', 'no Add Member on public');
    assert.deepEqual(await labels(publicMembers), ['Every user holds public; none is bound explicitly']);

    const users = new Map(
      (await s.api.tree.getChildren(await folder('Users'))).map((c) => [label(s.api, c), item(s.api, c)]),
    );
    assert.equal(users.get('root')?.description, 'superuser · unrestricted');
    assert.match((users.get('root')?.tooltip as vscode.MarkdownString).value, /passes every privilege check/);
    assert.equal(users.get('dora')?.description, 'admin · unrestricted');
    assert.equal(users.get('carol')?.description, 'no roles');
  });

  test('Add Member binds each user on the server, then re-reads once and updates only the role and those users', async () => {
    const users = await folder('Users');
    const carolBefore = (await s.api.tree.getChildren(users)).find((c) => label(s.api, c) === 'carol');
    await s.api.tree.getChildren(await section('writer', 'Grants'));
    s.milvus.resetRpcCounts();
    const report = await ok<{ members: string[]; changes: { user: string; ok: boolean }[] }>(
      s.api,
      COMMANDS.addRoleMembers,
      {
        id: s.root.id,
        role: 'reader',
        users: ['carol', 'dora'],
      },
    );
    assert.deepEqual(
      report.changes.map((c) => [c.user, c.ok]),
      [
        ['carol', true],
        ['dora', true],
      ],
    );
    assert.deepEqual([...report.members].sort(), ['alice', 'bob', 'carol', 'dora']);
    assert.deepEqual(await rolesOnServer('carol'), ['reader']);
    assert.deepEqual(await rolesOnServer('dora'), ['admin', 'reader']);
    assert.equal(calls('OperateUserRole'), 2);
    s.milvus.resetRpcCounts();

    assert.equal(item(s.api, await role('reader')).description, '4 members');
    assert.equal(label(s.api, await section('reader', 'Members')), 'Members (4)');
    assert.deepEqual(await labels(await section('reader', 'Members')), ['alice', 'bob', 'carol', 'dora']);
    const userItems = new Map((await s.api.tree.getChildren(users)).map((c) => [label(s.api, c), c]));
    assert.equal(userItems.get('carol'), carolBefore, 'the user node is updated in place');
    assert.equal(item(s.api, userItems.get('carol') as TreeNode).description, 'reader');
    assert.equal(item(s.api, userItems.get('dora') as TreeNode).description, 'admin, reader · unrestricted');
    await s.api.tree.getChildren(await section('writer', 'Grants'));
    assert.deepEqual(
      { SelectRole: calls('SelectRole'), SelectUser: calls('SelectUser'), SelectGrant: calls('SelectGrant') },
      { SelectRole: 0, SelectUser: 0, SelectGrant: 0 },
      'the tree shows the change without listing again',
    );
  });

  test('Remove Member asks first with the harmless button as the default; Keep changes nothing, Remove unbinds', async () => {
    const dora = (await s.api.tree.getChildren(await section('reader', 'Members'))).find(
      (m) => label(s.api, m) === 'dora',
    );
    assert.ok(dora);
    const asked = answer(s.api, 'Keep Member');
    s.milvus.resetRpcCounts();
    assert.equal(await run(s.api, COMMANDS.removeRoleMember, dora), undefined);
    assert.equal(s.api.commandErrors.last, undefined, 'keeping is not an error');
    assert.equal(calls('OperateUserRole'), 0);
    assert.match(asked[0] ?? '', /Remove dora from role "reader"/);
    assert.deepEqual(
      s.api.confirmations.asked.at(-1)?.actions,
      ['Keep Member', 'Remove Member'],
      'the first button (Enter) keeps the member',
    );
    assert.deepEqual(await rolesOnServer('dora'), ['admin', 'reader']);

    answer(s.api, 'Remove Member');
    const report = await ok<{ members: string[] }>(s.api, COMMANDS.removeRoleMember, dora);
    assert.deepEqual([...report.members].sort(), ['alice', 'bob', 'carol']);
    assert.deepEqual(await rolesOnServer('dora'), ['admin']);
    assert.deepEqual(await labels(await section('reader', 'Members')), ['alice', 'bob', 'carol']);
    const doraUser = await childByLabel(s.api, await folder('Users'), 'dora');
    assert.equal(item(s.api, doraUser).description, 'admin · unrestricted');
    answer(s.api, undefined);
  });

  test('Add Member on public explains that everyone holds it, and sends nothing', async () => {
    s.milvus.resetRpcCounts();
    assert.equal(
      await run(s.api, COMMANDS.addRoleMembers, { id: s.root.id, role: 'public', users: ['carol'] }),
      undefined,
    );
    assert.equal(calls('OperateUserRole'), 0);
    assert.deepEqual(await rolesOnServer('carol'), ['reader']);
  });

  test('Filter… on Users shows only matches (any case), paged; Clear Filter restores; no listing RPC', async () => {
    const users = await folder('Users');
    assert.equal((await s.api.tree.getChildren(users)).length, 11, 'first page of 10 and "Show more"');
    s.milvus.resetRpcCounts();

    assert.equal(await ok(s.api, COMMANDS.filterFolder, { id: s.root.id, folder: 'users', filter: 'SER1' }), 'SER1');
    assert.equal(item(s.api, users).description, 'filter: SER1');
    assert.equal(item(s.api, users).contextValue, 'folder.users.filtered');
    assert.deepEqual(
      await labels(users),
      Array.from({ length: 10 }, (_, i) => `user1${i}`),
    );

    await ok(s.api, COMMANDS.filterFolder, { id: s.root.id, folder: 'users', filter: 'user' });
    let children = await s.api.tree.getChildren(users);
    assert.equal(children.length, 11, '25 matches: a page of 10 and "Show more"');
    assert.equal(item(s.api, children[10]).description, '10 of 25');
    await vscode.commands.executeCommand('milvusAccessManager.showMore', children[10]);
    children = await s.api.tree.getChildren(users);
    assert.equal(children.length, 21);
    await vscode.commands.executeCommand('milvusAccessManager.showMore', children[20]);
    children = await s.api.tree.getChildren(users);
    assert.deepEqual(
      children.map((c) => label(s.api, c)),
      MANY.map((u) => u.name),
      'all 25 matches, nothing else',
    );

    await ok(s.api, COMMANDS.filterFolder, { id: s.root.id, folder: 'users', filter: 'zzz' });
    const [none] = await s.api.tree.getChildren(users);
    assert.match(label(s.api, none), /Nothing matches "zzz"/);
    assert.equal(item(s.api, none).command?.command, COMMANDS.clearFilter);
    await vscode.commands.executeCommand(COMMANDS.clearFilter, ...(item(s.api, none).command?.arguments ?? []));
    assert.equal(item(s.api, users).description, undefined);
    assert.equal(item(s.api, users).contextValue, 'folder.users');
    children = await s.api.tree.getChildren(users);
    assert.equal(children.length, 11);
    assert.equal(
      item(s.api, children[10]).description,
      '10 of 30',
      'every user again: 25 + alice, bob, carol, dora, root',
    );
    assert.equal(calls('SelectUser'), 0, 'filtering works on the listing already fetched');
  });

  test('Filter… on Roles and Privilege groups; Clear Filter from the folder node', async () => {
    const roles = await folder('Roles');
    await ok(s.api, COMMANDS.filterFolder, { id: s.root.id, folder: 'roles', filter: 'Read' });
    assert.deepEqual(await labels(roles), ['reader']);
    await vscode.commands.executeCommand(COMMANDS.clearFilter, roles);
    assert.deepEqual(await labels(roles), ['admin', 'public', 'reader', 'writer']);
    const groups = await folder('Privilege groups');
    await ok(s.api, COMMANDS.filterFolder, { id: s.root.id, folder: 'privilegeGroups', filter: 'clusterread' });
    assert.deepEqual(await labels(groups), ['ClusterReadOnly', 'ClusterReadWrite']);
    await vscode.commands.executeCommand(COMMANDS.clearFilter, groups);
  });
});
