// What the tree shows between one action and the next without a Refresh (issue 23, items 11 and 13): Edit Connection
// that supplies a missing password connects the node; folders the user expanded are expanded again after a reconnect;
// a role with more than a few grants lists them grouped by scope, and a revoke from inside a group refreshes the role.
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { TreeNode } from '../../../src/tree/nodes/treeNode';
import { addConnection, childByLabel, CMD, item, label, rootProfile, waitFor } from './extensionHelpers';
import { answer, COMMANDS, rbacSuite } from './rbacHelpers';

const SCOPED = [
  { privilege: 'CreateDatabase', objectType: 'Global', objectName: '*', dbName: '*' },
  { privilege: 'ListDatabases', objectType: 'Global', objectName: '*', dbName: '*' },
  { privilege: 'DescribeDatabase', objectType: 'Global', objectName: '*', dbName: 'db1' },
  { privilege: 'CreateCollection', objectType: 'Global', objectName: '*', dbName: 'db1' },
  { privilege: 'Insert', objectType: 'Collection', objectName: 'books', dbName: 'default' },
  { privilege: 'Query', objectType: 'Collection', objectName: 'books', dbName: 'default' },
  { privilege: 'Search', objectType: 'Collection', objectName: 'books', dbName: 'default' },
] as const;

suite('tree state: missing password supplied, expansion after a reconnect, grants by scope', () => {
  const fixture = rbacSuite('Tree state root', {
    seed: {
      roles: ['wide', 'narrow'],
      databases: ['db1'],
      collections: [{ name: 'books' }],
      grants: [
        ...SCOPED.map((g) => ({ role: 'wide', ...g })),
        {
          role: 'narrow',
          privilege: 'Query',
          objectType: 'Collection' as const,
          objectName: 'books',
          dbName: 'default',
        },
        {
          role: 'narrow',
          privilege: 'DescribeDatabase',
          objectType: 'Global' as const,
          objectName: '*',
          dbName: 'db1',
        },
      ],
    },
  });
  const labels = async (node: TreeNode): Promise<string[]> =>
    (await fixture.api.tree.getChildren(node)).map((n) => label(fixture.api, n));
  const roleGrants = async (role: string): Promise<TreeNode> => {
    const { api, root } = fixture;
    const connection = api.tree.connectionNode(root.id);
    assert.ok(connection);
    return childByLabel(api, await childByLabel(api, await childByLabel(api, connection, 'Roles'), role), 'Grants');
  };

  test('Edit Connection that supplies the missing password connects the node without a Refresh (item 11)', async () => {
    const { api, server, rootPassword, created } = fixture;
    const profile = await addConnection(rootProfile(server, 'Tree state no password'));
    created.push(profile.id);
    const node = api.tree.connectionNode(profile.id);
    assert.ok(node);
    const before = await labels(node);
    assert.equal(api.connections.status(profile.id).state, 'failed', `children: ${before.join(', ')}`);
    await vscode.commands.executeCommand(CMD.edit, { id: profile.id, secret: { password: rootPassword } });
    assert.notEqual(api.connections.status(profile.id).state, 'failed', 'the failure about the old secret is kept');
    assert.deepEqual(await labels(node), ['Users', 'Roles', 'Privilege groups']);
    assert.equal(api.connections.status(profile.id).state, 'connected');
  });

  test('a folder the user expanded is expanded again after a reconnect (item 11)', async () => {
    const { api, root } = fixture;
    const connection = api.tree.connectionNode(root.id);
    assert.ok(connection);
    await api.treeView.reveal(connection, { expand: true });
    const roles = await childByLabel(api, connection, 'Roles');
    await api.treeView.reveal(roles, { expand: true });
    await waitFor(
      () => item(api, roles).collapsibleState === vscode.TreeItemCollapsibleState.Expanded,
      'the extension to learn that Roles was expanded',
    );
    await vscode.commands.executeCommand(CMD.disconnect, { id: root.id });
    await vscode.commands.executeCommand(CMD.connect, { id: root.id });
    const again = await childByLabel(api, connection, 'Roles');
    assert.notEqual(again, roles, 'the reconnect built the folders again');
    assert.equal(item(api, again).collapsibleState, vscode.TreeItemCollapsibleState.Expanded);
    assert.equal(
      item(api, await childByLabel(api, connection, 'Users')).collapsibleState,
      vscode.TreeItemCollapsibleState.Collapsed,
      'a folder never expanded stays collapsed',
    );
  });

  test('more than a few grants are grouped by scope; a few stay one list with the scope beside each (item 13)', async () => {
    const { api } = fixture;
    const wide = await roleGrants('wide');
    assert.deepEqual(await labels(wide), ['cluster', 'database db1', 'collection default.books']);
    const [cluster, db1, books] = await api.tree.getChildren(wide);
    assert.equal(item(api, cluster).description, '2 grants');
    assert.deepEqual(await labels(cluster), ['CreateDatabase', 'ListDatabases']);
    assert.deepEqual(await labels(db1), ['CreateCollection', 'DescribeDatabase']);
    const inBooks = await api.tree.getChildren(books);
    assert.deepEqual(
      inBooks.map((n) => label(api, n)),
      ['Insert', 'Query', 'Search'],
    );
    assert.equal(item(api, inBooks[0]).description, undefined, 'the group names the scope');
    assert.equal(item(api, inBooks[0]).contextValue, 'grant');

    const narrow = await api.tree.getChildren(await roleGrants('narrow'));
    assert.deepEqual(
      narrow.map((n) => [label(api, n), item(api, n).description]),
      [
        ['DescribeDatabase', 'database db1'],
        ['Query', 'collection default.books'],
      ],
    );
  });

  test('revoking a grant from inside a scope group refreshes the role (item 13)', async () => {
    const { api } = fixture;
    const wide = await roleGrants('wide');
    const books = (await api.tree.getChildren(wide))[2];
    const search = await childByLabel(api, books, 'Search');
    answer(api, 'Revoke');
    try {
      await vscode.commands.executeCommand(COMMANDS.revokePrivilege, search);
    } finally {
      answer(api, undefined);
    }
    const after = (await api.tree.getChildren(wide))[2];
    assert.deepEqual(await labels(after), ['Insert', 'Query']);
  });
});
