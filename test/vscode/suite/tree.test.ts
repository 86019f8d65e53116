import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { MilvusAccessManagerApi } from '../../../src/extension';
import type { TreeNode } from '../../../src/tree/nodes/treeNode';
import type { RunningTestServer } from '../../milvus-server';
import {
  addConnection,
  childByLabel,
  CMD,
  item,
  label,
  newSecret,
  rootProfile,
  setSetting,
  startServer,
} from './extensionHelpers';
import { serverSuite } from './rbacHelpers';

suite('tree: users, roles, grants and privilege groups match the server', () => {
  let api: MilvusAccessManagerApi;
  let server: RunningTestServer;
  let rootPassword: string;
  let connection: TreeNode;
  const userPassword = newSecret('User');
  const carolPassword = newSecret('Carol');
  const fixture = serverSuite({
    seed: {
      users: [
        { name: 'alice', password: userPassword, roles: ['reader', 'writer'] },
        { name: 'bob', password: userPassword, roles: ['reader'] },
        { name: 'carol', password: carolPassword },
      ],
      roles: ['reader', 'writer'],
      databases: ['db2'],
      collections: [{ name: 'books' }],
      grants: [
        { role: 'reader', privilege: 'Query', objectType: 'Collection', objectName: 'books', dbName: 'default' },
        { role: 'writer', privilege: 'Insert', objectType: 'Collection', objectName: '*', dbName: 'db2' },
      ],
      privilegeGroups: [{ name: 'ops', privileges: ['Query', 'Search'] }],
    },
  });
  const { created } = fixture;

  suiteSetup(async () => {
    ({ api, server, rootPassword } = fixture);
    const profile = await addConnection(rootProfile(server, 'Tree root'), { password: rootPassword });
    created.push(profile.id);
    const node = api.tree.connectionNode(profile.id);
    assert.ok(node);
    connection = node;
  });

  suiteTeardown(async () => {
    await setSetting('pageSize', undefined);
  });

  test('expanding a connection connects and shows the three folders', async () => {
    const roots = await api.tree.getChildren();
    assert.ok(roots.includes(connection));
    const folders = await api.tree.getChildren(connection);
    assert.deepEqual(
      folders.map((f) => label(api, f)),
      ['Users', 'Roles', 'Privilege groups'],
    );
    assert.deepEqual(
      folders.map((f) => item(api, f).contextValue),
      ['folder.users', 'folder.roles', 'folder.privilegeGroups'],
    );
    const connItem = item(api, connection);
    assert.equal(connItem.contextValue, 'connectedConnection');
    assert.match(String(connItem.description), /root@default/);
    const tooltip = connItem.tooltip as vscode.MarkdownString;
    assert.match(tooltip.value, /v2\.6/);
    assert.match(tooltip.value, /TLS: off/);
  });

  test('users with their roles, from exactly one SelectUser call', async () => {
    const users = await childByLabel(api, connection, 'Users');
    api.tree.refresh(users);
    server.resetRpcCounts();
    const children = await api.tree.getChildren(users);
    assert.equal(server.rpcCounts().SelectUser, 1);
    assert.deepEqual(
      children.map((c) => label(api, c)),
      ['alice', 'bob', 'carol', 'root'],
    );
    const byName = new Map(children.map((c) => [label(api, c), item(api, c)]));
    assert.deepEqual(String(byName.get('alice')?.description).split(', ').sort(), ['reader', 'writer']);
    assert.equal(byName.get('bob')?.description, 'reader');
    assert.equal(byName.get('carol')?.description, 'no roles');
    assert.equal(byName.get('root')?.description, 'superuser · unrestricted', 'root has no roles but no limits either');
    assert.equal(byName.get('root')?.contextValue, 'user.root.self');
    assert.equal(byName.get('alice')?.contextValue, 'user');
    await api.tree.getChildren(users);
    assert.equal(server.rpcCounts().SelectUser, 1, 'children are cached');
  });

  test('roles with member counts, from exactly one SelectRole call; built-ins marked', async () => {
    const roles = await childByLabel(api, connection, 'Roles');
    server.resetRpcCounts();
    const children = await api.tree.getChildren(roles);
    assert.equal(server.rpcCounts().SelectRole, 1);
    assert.deepEqual(
      children.map((c) => label(api, c)),
      ['admin', 'public', 'reader', 'writer'],
    );
    const byName = new Map(children.map((c) => [label(api, c), item(api, c)]));
    assert.equal(byName.get('reader')?.description, '2 members');
    assert.equal(byName.get('writer')?.description, '1 member');
    assert.equal(
      byName.get('public')?.description,
      'every user · built-in',
      'public holds every user, not "0 members"',
    );
    assert.equal(byName.get('admin')?.description, '0 members · all privileges');
    assert.equal(byName.get('admin')?.contextValue, 'role.builtin');
    assert.equal(byName.get('public')?.contextValue, 'role.builtin');
    assert.equal(byName.get('reader')?.contextValue, 'role');
  });

  test('a role lists its grants in every database; refreshing it refetches only its grants', async () => {
    const roles = await childByLabel(api, connection, 'Roles');
    const readerRole = await childByLabel(api, roles, 'reader');
    const reader = await childByLabel(api, readerRole, 'Grants');
    const writer = await childByLabel(api, await childByLabel(api, roles, 'writer'), 'Grants');
    const readerGrants = await api.tree.getChildren(reader);
    assert.deepEqual(
      readerGrants.map((g) => label(api, g)),
      ['Query'],
    );
    assert.match(String(item(api, readerGrants[0]).description), /default.*books/);
    assert.equal(item(api, readerGrants[0]).contextValue, 'grant');
    const writerGrants = await api.tree.getChildren(writer);
    assert.deepEqual(
      writerGrants.map((g) => label(api, g)),
      ['Insert'],
    );
    assert.match(String(item(api, writerGrants[0]).description), /db2/);

    server.resetRpcCounts();
    await vscode.commands.executeCommand(CMD.refresh, readerRole);
    await api.tree.getChildren(readerRole);
    await api.tree.getChildren(reader);
    await api.tree.getChildren(writer);
    await api.tree.getChildren(roles);
    const calls = Object.fromEntries(Object.entries(server.rpcCounts()).filter(([, n]) => n > 0));
    assert.deepEqual(calls, { SelectGrant: 1 });
  });

  test('a new user shows after refreshing the Users folder', async () => {
    const users = await childByLabel(api, connection, 'Users');
    await api.connections.run(connection.connectionId ?? '', (admin) => admin.createUser('dave', newSecret('Dave')));
    assert.ok(!(await api.tree.getChildren(users)).some((c) => label(api, c) === 'dave'), 'cached until refreshed');
    await vscode.commands.executeCommand(CMD.refresh, users);
    assert.ok((await api.tree.getChildren(users)).some((c) => label(api, c) === 'dave'));
  });

  test('privilege groups: custom first, built-ins marked, privileges as children', async () => {
    const groups = await childByLabel(api, connection, 'Privilege groups');
    const children = await api.tree.getChildren(groups);
    assert.equal(label(api, children[0]), 'ops');
    assert.equal(item(api, children[0]).contextValue, 'privilegeGroup.custom');
    assert.ok(children.length > 1);
    for (const builtIn of children.slice(1)) assert.equal(item(api, builtIn).contextValue, 'privilegeGroup.builtin');
    assert.ok(children.some((c) => label(api, c) === 'ClusterReadOnly'));
    const privileges = await api.tree.getChildren(children[0]);
    assert.deepEqual(privileges.map((p) => label(api, p)).sort(), ['Query', 'Search']);
  });

  test('a user without privileges sees "no access" nodes, not a broken tree', async () => {
    const profile = await addConnection(
      { ...rootProfile(server, 'Tree carol'), username: 'carol' },
      { password: carolPassword },
    );
    created.push(profile.id);
    const node = api.tree.connectionNode(profile.id);
    assert.ok(node);
    const users = await childByLabel(api, node, 'Users');
    const children = await api.tree.getChildren(users);
    assert.equal(children.length, 1);
    assert.equal(item(api, children[0]).contextValue, 'message.noAccess');
    assert.match(label(api, children[0]), /^No access/);
    assert.equal(api.connections.status(profile.id).state, 'connected', 'a permission error keeps the connection');
  });

  test('long lists are paged at the pageSize setting', async () => {
    const userPassword = newSecret('Paged');
    const { server: big, rootPassword: bigRoot } = await startServer({
      seed: {
        users: Array.from({ length: 25 }, (_, i) => ({
          name: `u${String(i).padStart(2, '0')}`,
          password: userPassword,
        })),
      },
    });
    try {
      await setSetting('pageSize', 10);
      const profile = await addConnection(rootProfile(big, 'Tree paging'), { password: bigRoot });
      created.push(profile.id);
      const node = api.tree.connectionNode(profile.id);
      assert.ok(node);
      const users = await childByLabel(api, node, 'Users');
      big.resetRpcCounts();
      let children = await api.tree.getChildren(users);
      assert.equal(children.length, 11);
      const more = children[10];
      assert.equal(item(api, more).contextValue, 'showMore');
      assert.equal(item(api, more).command?.command, CMD.showMore);
      await vscode.commands.executeCommand(CMD.showMore, more);
      children = await api.tree.getChildren(users);
      assert.equal(children.length, 21);
      await vscode.commands.executeCommand(CMD.showMore, children[20]);
      children = await api.tree.getChildren(users);
      assert.equal(children.length, 26, '25 users and root, no more "show more"');
      assert.equal(big.rpcCounts().SelectUser, 1, 'paging does not refetch');
    } finally {
      await setSetting('pageSize', undefined);
      await big.stop();
    }
  });

  test('10,000 users: one SelectUser call, rendered a page at a time', async () => {
    const userPassword = newSecret('Many');
    const users = Array.from({ length: 10_000 }, (_, i) => ({
      name: `user${String(i).padStart(5, '0')}`,
      password: userPassword,
    }));
    const { server: big, rootPassword: bigRoot } = await startServer({ maxUsers: 20_000, seed: { users } });
    try {
      const profile = await addConnection(rootProfile(big, 'Tree 10k'), { password: bigRoot });
      created.push(profile.id);
      const node = api.tree.connectionNode(profile.id);
      assert.ok(node);
      const folder = await childByLabel(api, node, 'Users');
      big.resetRpcCounts();
      const started = performance.now();
      const children = await api.tree.getChildren(folder);
      const firstPageMs = performance.now() - started;
      assert.equal(children.length, 501, 'default page of 500 plus "show more"');
      assert.equal(big.rpcCounts().SelectUser, 1);
      const more = performance.now();
      await vscode.commands.executeCommand(CMD.showMore, children[500]);
      assert.equal((await api.tree.getChildren(folder)).length, 1001);
      console.log(
        `    10,000 users: first page ${firstPageMs.toFixed(0)} ms (incl. the RPC), next page ${(performance.now() - more).toFixed(0)} ms`,
      );
    } finally {
      await big.stop();
    }
  });
});
