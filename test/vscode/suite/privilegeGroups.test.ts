import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ConnectionProfile, PrivilegeGroup } from '../../../src/core/types';
import type { MilvusAccessManagerApi } from '../../../src/extension';
import type { RunningTestServer } from '../../milvus-server';
import { addConnection, childByLabel, item, label, rootProfile } from './extensionHelpers';
import { answer, COMMANDS, countCalls, fails, ok, server, rbacSuite } from './rbacHelpers';

const UNIMPLEMENTED = 12;

suite('privilege groups: create, add/remove privileges, drop', () => {
  let api: MilvusAccessManagerApi;
  let milvus: RunningTestServer;
  let rootPassword: string;
  let root: ConnectionProfile;
  let read: ReturnType<typeof server>;
  const group = async (name: string): Promise<PrivilegeGroup | undefined> =>
    (await read((a) => a.listPrivilegeGroups())).find((g) => g.name === name);

  const fixture = rbacSuite('Groups root', {
    seed: { roles: ['searcher'], collections: [{ name: 'books' }] },
  });
  const { created } = fixture;
  suiteSetup(() => {
    ({ api, milvus, rootPassword, root, read } = fixture);
  });

  test('create a group with privileges', async () => {
    const result = await ok<PrivilegeGroup>(api, COMMANDS.createPrivilegeGroup, {
      id: root.id,
      group: 'readers',
      privileges: ['Query', 'Search'],
    });
    assert.deepEqual([...result.privileges].sort(), ['Query', 'Search']);
    assert.deepEqual([...((await group('readers'))?.privileges ?? [])].sort(), ['Query', 'Search']);
    assert.equal((await group('readers'))?.builtIn, false);
  });

  test('invalid and built-in names are refused before sending; a duplicate by the server', async () => {
    const calls = await countCalls(milvus, 'CreatePrivilegeGroup', async () => {
      await fails(api, COMMANDS.createPrivilegeGroup, { id: root.id, group: 'bad$name' }, /privilege group name/i);
      await fails(api, COMMANDS.createPrivilegeGroup, { id: root.id, group: 'ClusterAdmin' }, /built-in/);
      await fails(api, COMMANDS.createPrivilegeGroup, { id: root.id, group: 'Query' }, /built-in/);
    });
    assert.equal(calls, 0);
    await fails(api, COMMANDS.createPrivilegeGroup, { id: root.id, group: 'readers' }, /readers/);
  });

  test('adding privileges sends only the new ones; removing works from a privilege node', async () => {
    milvus.resetRpcCounts();
    const after = await ok<PrivilegeGroup>(api, COMMANDS.addPrivilegesToGroup, {
      id: root.id,
      group: 'readers',
      privileges: ['Search', 'Insert'],
    });
    assert.equal(milvus.rpcCounts().OperatePrivilegeGroup, 1);
    assert.deepEqual([...after.privileges].sort(), ['Insert', 'Query', 'Search']);

    const connection = api.tree.connectionNode(root.id);
    assert.ok(connection);
    const folder = await childByLabel(api, connection, 'Privilege groups');
    const readers = await childByLabel(api, folder, 'readers');
    assert.equal(item(api, readers).contextValue, 'privilegeGroup.custom');
    const insert = await childByLabel(api, readers, 'Insert');
    assert.equal(item(api, insert).contextValue, 'privilege.custom');
    const removed = await vscode.commands.executeCommand<PrivilegeGroup>(COMMANDS.removePrivilegesFromGroup, insert);
    assert.deepEqual([...(removed?.privileges ?? [])].sort(), ['Query', 'Search']);
    const refreshed = await childByLabel(api, folder, 'readers');
    assert.deepEqual(
      (await api.tree.getChildren(refreshed)).map((n) => label(api, n)).sort(),
      ['Query', 'Search'],
      'the folder was refreshed',
    );
  });

  test('mixing levels is refused by the server with its message', async () => {
    await fails(
      api,
      COMMANDS.addPrivilegesToGroup,
      { id: root.id, group: 'readers', privileges: ['CreateDatabase'] },
      /level/,
    );
  });

  test('built-in groups are read-only', async () => {
    const calls = await countCalls(milvus, 'OperatePrivilegeGroup', async () => {
      await fails(
        api,
        COMMANDS.addPrivilegesToGroup,
        { id: root.id, group: 'CollectionReadOnly', privileges: ['Insert'] },
        /built-in/,
      );
      await fails(api, COMMANDS.dropPrivilegeGroup, { id: root.id, group: 'ClusterAdmin', confirm: true }, /built-in/);
    });
    assert.equal(calls, 0);
  });

  test('a group in use is not dropped, and the message names the role', async () => {
    await ok(api, COMMANDS.grantPrivilege, {
      id: root.id,
      role: 'searcher',
      privilege: 'readers',
      dbName: 'default',
      collectionName: 'books',
    });
    const message = await fails(
      api,
      COMMANDS.dropPrivilegeGroup,
      { id: root.id, group: 'readers', confirm: true },
      /searcher/,
    );
    assert.match(message, /books/);
    assert.ok(await group('readers'));
  });

  test('drop asks first; after revoking, it drops on confirmation', async () => {
    const asked = answer(api, undefined);
    const calls = await countCalls(milvus, 'DropPrivilegeGroup', async () =>
      vscode.commands.executeCommand(COMMANDS.dropPrivilegeGroup, { id: root.id, group: 'readers' }),
    );
    assert.equal(calls, 0);
    assert.match(asked[0] ?? '', /Drop the privilege group "readers"/);
    await ok(api, COMMANDS.revokePrivilege, {
      id: root.id,
      role: 'searcher',
      privilege: 'readers',
      dbName: 'default',
      collectionName: 'books',
      confirm: true,
    });
    answer(api, 'Drop Group');
    assert.equal(await ok(api, COMMANDS.dropPrivilegeGroup, { id: root.id, group: 'readers' }), true);
    assert.equal(await group('readers'), undefined);
    answer(api, undefined);
  });

  test('a server without privilege groups: no folder, and the command explains', async () => {
    const old = await addConnection(rootProfile(milvus, 'Groups old server'), { password: rootPassword });
    created.push(old.id);
    await vscode.commands.executeCommand('milvusAccessManager.connect', { id: old.id });
    // The four feature probes answer UNIMPLEMENTED, as a Milvus 2.4 server would.
    milvus.failNext(4, UNIMPLEMENTED);
    const features = await api.connections.run(old.id, (a) => a.features());
    assert.equal(features.privilegeGroups, false);
    const connection = api.tree.connectionNode(old.id);
    assert.ok(connection);
    assert.deepEqual(
      (await api.tree.getChildren(connection)).map((n) => label(api, n)),
      ['Users', 'Roles'],
    );
    const calls = await countCalls(milvus, 'CreatePrivilegeGroup', () =>
      fails(api, COMMANDS.createPrivilegeGroup, { id: old.id, group: 'never' }, /does not support privilege groups/),
    );
    assert.equal(calls, 0);
  });
});
