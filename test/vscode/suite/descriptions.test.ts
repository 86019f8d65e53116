import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ConnectionProfile } from '../../../src/core/types';
import type { MilvusAccessManagerApi } from '../../../src/extension';
import type { TreeNode } from '../../../src/tree/nodes/treeNode';
import type { RunningTestServer } from '../../milvus-server';
import { addConnection, childByLabel, CMD, item, newSecret, rootProfile } from './extensionHelpers';
import { acceptPicks, COMMANDS, countCalls, fails, ok, server, rbacSuite } from './rbacHelpers';

interface DescriptionEdit {
  name: string;
  description: string;
  changed: boolean;
}

/** Runs a command and presses Escape on every QuickPick or InputBox it shows; resolves with the command's result. */
async function escapeInputs<T>(command: string, arg: unknown): Promise<T | undefined> {
  let done = false;
  const pending = Promise.resolve(vscode.commands.executeCommand<T | undefined>(command, arg)).finally(
    () => (done = true),
  );
  for (let tries = 0; !done && tries < 100; tries++) {
    await new Promise((r) => setTimeout(r, 150));
    if (!done) await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
  }
  return pending;
}

function tooltip(api: MilvusAccessManagerApi, node: TreeNode): string {
  const t = item(api, node).tooltip;
  return typeof t === 'string' ? t : (t?.value ?? '');
}

suite('descriptions: edit the description of a role or a user', () => {
  let api: MilvusAccessManagerApi;
  let milvus: RunningTestServer;
  let rootPassword: string;
  let root: ConnectionProfile;
  let read: ReturnType<typeof server>;
  const danaPassword = newSecret('Dana');

  const fixture = rbacSuite('Descriptions root', {
    rootPassword: newSecret('DescRoot'),
    seed: {
      roles: [{ name: 'analyst', description: 'Reads reports' }],
      users: [{ name: 'dana', password: danaPassword, roles: ['analyst'], description: 'Dana from sales' }],
    },
  });
  const { created } = fixture;
  suiteSetup(() => {
    ({ api, milvus, rootPassword, root, read } = fixture);
  });

  /** A user or role node, after listing its folder (so that commands refresh it). */
  async function node(connectionId: string, folderLabel: 'Users' | 'Roles', name: string): Promise<TreeNode> {
    const connection = api.tree.connectionNode(connectionId);
    assert.ok(connection);
    return childByLabel(api, await childByLabel(api, connection, folderLabel), name);
  }

  const roleDescription = async (name: string): Promise<string | undefined> =>
    (await read((a) => a.listRolesWithUsers())).find((r) => r.name === name)?.description;
  const userDescription = async (name: string): Promise<string | undefined> =>
    (await read((a) => a.describeUser(name)))?.description;

  test('role: the node shows its description; from the node the InputBox holds the current text, and Enter sends nothing', async () => {
    const analyst = await node(root.id, 'Roles', 'analyst');
    assert.equal(item(api, analyst).contextValue, 'role');
    assert.match(tooltip(api, analyst), /Reads reports/);
    api.commandErrors.last = undefined;
    let result: DescriptionEdit | undefined;
    const calls = await countCalls(
      milvus,
      'AlterRole',
      async () => (result = await acceptPicks<DescriptionEdit>(COMMANDS.editRoleDescription, analyst)),
    );
    assert.equal(api.commandErrors.last, undefined);
    assert.deepEqual(result, { name: 'analyst', description: 'Reads reports', changed: false });
    assert.equal(calls, 0);
  });

  test('role: Escape on the InputBox sends nothing and keeps the description', async () => {
    const analyst = await node(root.id, 'Roles', 'analyst');
    api.commandErrors.last = undefined;
    const calls = await countCalls(milvus, 'AlterRole', async () =>
      assert.equal(await escapeInputs(COMMANDS.editRoleDescription, analyst), undefined),
    );
    assert.equal(calls, 0);
    assert.equal(api.commandErrors.last, undefined, 'cancelling is not an error');
    assert.equal(await roleDescription('analyst'), 'Reads reports');
  });

  test('role: a new description is one AlterRole; the role node is refreshed and its tooltip shows it', async () => {
    const analyst = await node(root.id, 'Roles', 'analyst');
    let result: DescriptionEdit | undefined;
    const calls = await countCalls(milvus, 'AlterRole', async () => {
      result = await ok<DescriptionEdit>(api, COMMANDS.editRoleDescription, {
        id: root.id,
        role: 'analyst',
        description: '  Reads the sales reports ',
      });
    });
    assert.equal(calls, 1);
    assert.deepEqual(result, { name: 'analyst', description: 'Reads the sales reports', changed: true });
    assert.equal(await roleDescription('analyst'), 'Reads the sales reports');
    const shown = await node(root.id, 'Roles', 'analyst');
    assert.equal(shown, analyst, 'the same node, updated in place');
    assert.match(tooltip(api, shown), /Reads the sales reports/);
    assert.ok(api.log.recent().some((line) => /Changed the description of role "analyst"/.test(line)));
  });

  test('role: more than 1024 bytes is refused before anything is sent', async () => {
    const calls = await countCalls(milvus, 'AlterRole', () =>
      fails(
        api,
        COMMANDS.editRoleDescription,
        { id: root.id, role: 'analyst', description: 'x'.repeat(1025) },
        /at most 1024 bytes/,
      ),
    );
    assert.equal(calls, 0);
    assert.equal(await roleDescription('analyst'), 'Reads the sales reports');
  });

  test('role: built-in roles are not offered by the picker and are refused by name', async () => {
    // Palette way: the picker lists admin, analyst, public alphabetically; Enter takes the first one it offers.
    const picked = await acceptPicks<DescriptionEdit>(COMMANDS.editRoleDescription, { id: root.id });
    assert.equal(picked?.name, 'analyst');
    const calls = await countCalls(milvus, 'AlterRole', () =>
      fails(api, COMMANDS.editRoleDescription, { id: root.id, role: 'admin', description: 'x' }, /built-in/),
    );
    assert.equal(calls, 0);
  });

  test("role: the server's refusal is shown as a sentence; its own text is kept for the log", async () => {
    await fails(
      api,
      COMMANDS.editRoleDescription,
      { id: root.id, role: 'ghost_role', description: 'x' },
      /^The role does not exist\. Refresh the tree/,
    );
    assert.match(
      (api.commandErrors.last?.error as { details?: { serverMessage?: string } }).details?.serverMessage ?? '',
      /failed to check if alter role: role not exists/,
    );
  });

  test('user: from the node the InputBox holds the current text; Enter or Escape sends nothing', async () => {
    const dana = await node(root.id, 'Users', 'dana');
    assert.equal(item(api, dana).contextValue, 'user');
    assert.match(tooltip(api, dana), /Dana from sales/);
    let result: DescriptionEdit | undefined;
    let calls = await countCalls(
      milvus,
      'UpdateCredential',
      async () => (result = await acceptPicks<DescriptionEdit>(COMMANDS.editUserDescription, dana)),
    );
    assert.deepEqual(result, { name: 'dana', description: 'Dana from sales', changed: false });
    assert.equal(calls, 0);
    api.commandErrors.last = undefined;
    calls = await countCalls(milvus, 'UpdateCredential', async () =>
      assert.equal(await escapeInputs(COMMANDS.editUserDescription, dana), undefined),
    );
    assert.equal(calls, 0);
    assert.equal(api.commandErrors.last, undefined);
  });

  test('user: a new description changes only the description; the node tooltip shows it', async () => {
    const dana = await node(root.id, 'Users', 'dana');
    const calls = await countCalls(milvus, 'UpdateCredential', () =>
      ok(api, COMMANDS.editUserDescription, { id: root.id, user: 'dana', description: 'Dana from support' }),
    );
    assert.equal(calls, 1);
    assert.deepEqual(await read((a) => a.describeUser('dana')), {
      name: 'dana',
      roles: ['analyst'],
      description: 'Dana from support',
    });
    await api.connections.test({ ...root, name: 'dana probe', username: 'dana' }, { password: danaPassword });
    assert.match(tooltip(api, await node(root.id, 'Users', 'dana')), /Dana from support/);
    assert.match(tooltip(api, dana), /Dana from support/);
  });

  test('user: an empty text removes the description', async () => {
    const result = await ok<DescriptionEdit>(api, COMMANDS.editUserDescription, {
      id: root.id,
      user: 'dana',
      description: '',
    });
    assert.deepEqual(result, { name: 'dana', description: '', changed: true });
    assert.equal(await userDescription('dana'), undefined);
    assert.doesNotMatch(tooltip(api, await node(root.id, 'Users', 'dana')), /Dana from support/);
  });

  test('user: too long is refused before sending; a missing user is explained', async () => {
    const calls = await countCalls(milvus, 'UpdateCredential', () =>
      fails(
        api,
        COMMANDS.editUserDescription,
        { id: root.id, user: 'dana', description: 'é'.repeat(513) },
        /at most 1024 bytes; this one is 1026/,
      ),
    );
    assert.equal(calls, 0);
    await fails(
      api,
      COMMANDS.editUserDescription,
      { id: root.id, user: 'nobody', description: 'x' },
      /^The user does not exist\./,
    );
  });

  test('a server before 2.6.19: the nodes hide Edit Description, and the commands explain without sending', async () => {
    const old = await addConnection(rootProfile(milvus, 'Descriptions old server'), { password: rootPassword });
    created.push(old.id);
    await vscode.commands.executeCommand(CMD.connect, { id: old.id });
    // The four feature probes answer UNIMPLEMENTED, as a server before 2.6.19 would (no AlterRole, no descriptions).
    milvus.failNext(4, 12);
    const features = await api.connections.run(old.id, (a) => a.features());
    assert.equal(features.alterRole, false);
    assert.equal(features.descriptions, false);
    assert.equal(item(api, await node(old.id, 'Roles', 'analyst')).contextValue, 'role.noDescriptionEdit');
    assert.equal(item(api, await node(old.id, 'Roles', 'admin')).contextValue, 'role.builtin.noDescriptionEdit');
    assert.equal(item(api, await node(old.id, 'Users', 'dana')).contextValue, 'user.noDescriptionEdit');
    assert.equal(item(api, await node(old.id, 'Users', 'root')).contextValue, 'user.root.self.noDescriptionEdit');
    milvus.resetRpcCounts();
    await fails(
      api,
      COMMANDS.editRoleDescription,
      { id: old.id, role: 'analyst', description: 'x' },
      /does not support role descriptions/,
    );
    await fails(
      api,
      COMMANDS.editUserDescription,
      { id: old.id, user: 'dana', description: 'x' },
      /does not support user descriptions/,
    );
    const counts = milvus.rpcCounts();
    assert.equal(counts.AlterRole ?? 0, 0);
    assert.equal(counts.UpdateCredential ?? 0, 0);
  });
});
