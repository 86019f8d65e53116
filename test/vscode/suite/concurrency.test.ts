// Two things at once on one connection: concurrent writes through the shared client, a refresh while a write is in
// flight, and concurrent connects. The server's state and the tree must both end right.
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { MilvusAccessManagerApi } from '../../../src/extension';
import type { TreeNode } from '../../../src/tree/nodes/treeNode';
import type { RunningTestServer } from '../../milvus-server';
import { addConnection, childByLabel, CMD, item, label, newSecret, rootProfile } from './extensionHelpers';
import { serverSuite } from './rbacHelpers';

suite('concurrency: two actions at once on one connection', () => {
  let api: MilvusAccessManagerApi;
  let server: RunningTestServer;
  let rootPassword: string;
  let id: string;
  const fixture = serverSuite({ seed: { roles: ['reader', 'writer'] } });
  const { created } = fixture;

  suiteSetup(async () => {
    ({ api, server, rootPassword } = fixture);
    const profile = await addConnection(rootProfile(server, 'Concurrency'), { password: rootPassword });
    created.push(profile.id);
    id = profile.id;
  });

  async function folder(name: 'Users' | 'Roles'): Promise<TreeNode> {
    const connection = api.tree.connectionNode(id);
    assert.ok(connection);
    return childByLabel(api, connection, name);
  }

  async function refreshedLabels(node: TreeNode): Promise<string[]> {
    api.tree.refresh(node);
    return (await api.tree.getChildren(node)).map((c) => label(api, c));
  }

  /** What the server itself holds (read through a fresh call, not the tree's cache). */
  async function serverUsers(): Promise<Map<string, string[]>> {
    const users = await api.connections.run(id, (admin) => admin.listUsersWithRoles());
    return new Map(users.map((u) => [u.name, [...u.roles].sort()]));
  }

  test('connect called twice at once creates one client (one Connect RPC)', async () => {
    await api.connections.disconnect(id, false);
    server.setLatency(200);
    server.resetRpcCounts();
    try {
      const [a, b, c] = await Promise.all([
        api.connections.connect(id),
        api.connections.connect(id),
        vscode.commands.executeCommand<{ user?: string }>(CMD.connect, { id }),
      ]);
      assert.equal(a, b, 'both callers got the same client');
      assert.equal(c?.user, 'root', api.commandErrors.last?.message);
    } finally {
      server.setLatency(0);
    }
    assert.equal(server.rpcCounts().Connect, 1);
    assert.equal(api.connections.status(id).state, 'connected');
  });

  test('two createUser at once both land, and the tree shows both', async () => {
    server.setLatency(150);
    try {
      await Promise.all([
        api.connections.run(id, (admin) => admin.createUser('cc_alice', newSecret('CcA'))),
        api.connections.run(id, (admin) => admin.createUser('cc_bob', newSecret('CcB'))),
      ]);
    } finally {
      server.setLatency(0);
    }
    const users = await serverUsers();
    assert.ok(users.has('cc_alice') && users.has('cc_bob'), [...users.keys()].join(', '));
    const shown = await refreshedLabels(await folder('Users'));
    assert.ok(shown.includes('cc_alice') && shown.includes('cc_bob'), shown.join(', '));
  });

  test('two grantRole at once on one user both land, and the tree shows both roles', async () => {
    server.setLatency(150);
    try {
      await Promise.all([
        api.connections.run(id, (admin) => admin.grantRole('cc_alice', 'reader')),
        api.connections.run(id, (admin) => admin.grantRole('cc_alice', 'writer')),
      ]);
    } finally {
      server.setLatency(0);
    }
    assert.deepEqual((await serverUsers()).get('cc_alice'), ['reader', 'writer']);
    const users = await folder('Users');
    await refreshedLabels(users);
    const alice = await childByLabel(api, users, 'cc_alice');
    assert.deepEqual(String(item(api, alice).description).split(', ').sort(), ['reader', 'writer']);
  });

  test('a refresh during a write: the next refresh shows the state after the write', async () => {
    const users = await folder('Users');
    server.setLatency(400);
    let during: string[];
    try {
      const write = api.connections.run(id, (admin) => admin.createUser('cc_carol', newSecret('CcC')));
      // Whatever this refresh sees (before or after the write), it must not fail or break the tree.
      during = await refreshedLabels(users);
      await write;
    } finally {
      server.setLatency(0);
    }
    assert.ok(during.includes('root'), during.join(', '));
    const after = await refreshedLabels(users);
    assert.ok(after.includes('cc_carol'), after.join(', '));
    assert.ok((await serverUsers()).has('cc_carol'));
  });

  test('two refreshes at once give the same, complete list', async () => {
    const users = await folder('Users');
    server.setLatency(150);
    let first: TreeNode[];
    let second: TreeNode[];
    try {
      api.tree.refresh(users);
      const a = api.tree.getChildren(users);
      api.tree.refresh(users);
      const b = api.tree.getChildren(users);
      [first, second] = await Promise.all([a, b]);
    } finally {
      server.setLatency(0);
    }
    const expected = ['cc_alice', 'cc_bob', 'cc_carol', 'root'];
    assert.deepEqual(
      first.map((n) => label(api, n)),
      expected,
    );
    assert.deepEqual(
      second.map((n) => label(api, n)),
      expected,
    );
  });

  test('create and drop of different roles at once: both land', async () => {
    await api.connections.run(id, (admin) => admin.createRole('cc_gone'));
    server.setLatency(150);
    try {
      await Promise.all([
        api.connections.run(id, (admin) => admin.createRole('cc_new')),
        api.connections.run(id, (admin) => admin.dropRole('cc_gone')),
      ]);
    } finally {
      server.setLatency(0);
    }
    const roles = await refreshedLabels(await folder('Roles'));
    assert.ok(roles.includes('cc_new'), roles.join(', '));
    assert.ok(!roles.includes('cc_gone'), roles.join(', '));
  });
});
