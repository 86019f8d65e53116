import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ConnectionProfile, Grant } from '../../../src/core/types';
import type { MilvusAccessManagerApi } from '../../../src/extension';
import type { TreeNode } from '../../../src/tree/nodes/treeNode';
import type { RunningTestServer } from '../../milvus-server';
import { addConnection, childByLabel, item, label, newSecret, rootProfile } from './extensionHelpers';
import { acceptPicks, answer, COMMANDS, countCalls, fails, ok, server, rbacSuite } from './rbacHelpers';

const UNIMPLEMENTED = 12;

function has(grants: Grant[], privilege: string, dbName: string, objectName: string): boolean {
  return grants.some((g) => g.privilege === privilege && g.dbName === dbName && g.objectName === objectName);
}

suite('privileges: grant and revoke', () => {
  let api: MilvusAccessManagerApi;
  let milvus: RunningTestServer;
  let rootPassword: string;
  let root: ConnectionProfile;
  let read: ReturnType<typeof server>;
  const grants = (role = 'analyst'): Promise<Grant[]> => read((a) => a.listGrants(role));

  const noraPassword = newSecret('Nora');
  const fixture = rbacSuite('Privileges root', {
    seed: {
      roles: ['analyst', 'legacy'],
      users: [{ name: 'nora', password: noraPassword }],
      databases: ['db1'],
      collections: [{ name: 'books' }, { name: 'films', db: 'db1' }],
    },
  });
  const { created } = fixture;
  suiteSetup(() => {
    ({ api, milvus, rootPassword, root, read } = fixture);
  });

  test('a collection-level privilege on one collection', async () => {
    const target = await ok(api, COMMANDS.grantPrivilege, {
      id: root.id,
      role: 'analyst',
      privilege: 'Search',
      dbName: 'default',
      collectionName: 'books',
    });
    assert.deepEqual(target, { role: 'analyst', privilege: 'Search', dbName: 'default', collectionName: 'books' });
    const list = await grants();
    assert.ok(has(list, 'Search', 'default', 'books'));
    assert.equal(list.find((g) => g.privilege === 'Search')?.objectType, 'Collection');
    assert.equal(list.find((g) => g.privilege === 'Search')?.grantor, 'root');
  });

  test('built-in groups at each level go through the V2 API', async () => {
    milvus.resetRpcCounts();
    await ok(api, COMMANDS.grantPrivilege, { id: root.id, role: 'analyst', privilege: 'ClusterReadOnly' });
    await ok(api, COMMANDS.grantPrivilege, {
      id: root.id,
      role: 'analyst',
      privilege: 'DatabaseReadOnly',
      dbName: 'db1',
    });
    await ok(api, COMMANDS.grantPrivilege, {
      id: root.id,
      role: 'analyst',
      privilege: 'CollectionReadOnly',
      dbName: 'db1',
      collectionName: 'films',
    });
    assert.ok((milvus.rpcCounts().OperatePrivilegeV2 ?? 0) >= 3);
    assert.equal(milvus.rpcCounts().OperatePrivilege ?? 0, 0);
    const list = await grants();
    assert.ok(has(list, 'ClusterReadOnly', '*', '*'));
    assert.ok(has(list, 'DatabaseReadOnly', 'db1', '*'));
    assert.ok(has(list, 'CollectionReadOnly', 'db1', 'films'));
  });

  test('the server refuses what does not fit, and says why in a sentence', async () => {
    await fails(
      api,
      COMMANDS.grantPrivilege,
      { id: root.id, role: 'analyst', privilege: 'NoSuchPrivilege' },
      /NoSuchPrivilege/,
    );
    await fails(
      api,
      COMMANDS.grantPrivilege,
      { id: root.id, role: 'analyst', privilege: 'ClusterAdmin', dbName: 'db1' },
      /"ClusterAdmin" is a cluster-level group: grant it on all databases/,
    );
    await fails(api, COMMANDS.grantPrivilege, { id: root.id, role: 'nosuchrole', privilege: 'Search' }, /nosuchrole/);
  });

  test('from the palette: level, database, collection and privilege are picked from lists', async () => {
    // Enter on each picker: level Cluster (first), then the first cluster-level entry, the built-in ClusterReadOnly.
    const picked = await acceptPicks(COMMANDS.grantPrivilege, { id: root.id, role: 'legacy' });
    assert.deepEqual(picked, { role: 'legacy', privilege: 'ClusterReadOnly', dbName: '*', collectionName: '*' });
    assert.ok(has(await grants('legacy'), 'ClusterReadOnly', '*', '*'));
    await ok(api, COMMANDS.revokePrivilege, {
      id: root.id,
      role: 'legacy',
      privilege: 'ClusterReadOnly',
      confirm: true,
    });
  });

  test('several privileges at once: each is granted and reported; a refused one does not stop the others', async () => {
    type Report = {
      role: string;
      dbName: string;
      collectionName: string;
      results: { privilege: string; ok: boolean; error?: string }[];
    };
    const report = await ok<Report>(api, COMMANDS.grantPrivilege, {
      id: root.id,
      role: 'legacy',
      privileges: ['Query', 'NoSuchPrivilege', 'Insert'],
      dbName: 'db1',
      collectionName: 'films',
    });
    assert.deepEqual(
      report.results.map((r) => [r.privilege, r.ok]),
      [
        ['Query', true],
        ['NoSuchPrivilege', false],
        ['Insert', true],
      ],
    );
    assert.match(report.results[1]?.error ?? '', /NoSuchPrivilege/);
    const list = await grants('legacy');
    assert.ok(has(list, 'Query', 'db1', 'films') && has(list, 'Insert', 'db1', 'films'));
    await fails(
      api,
      COMMANDS.grantPrivilege,
      { id: root.id, role: 'legacy', privileges: ['Nope1', 'Nope2'] },
      /Could not grant Nope1.*Could not grant Nope2/,
    );
    for (const privilege of ['Query', 'Insert'])
      await ok(api, COMMANDS.revokePrivilege, {
        id: root.id,
        role: 'legacy',
        privilege,
        dbName: 'db1',
        collectionName: 'films',
        confirm: true,
      });
  });

  test('revoke asks first; dismissed, the grant stays', async () => {
    const asked = answer(api, undefined);
    const calls = await countCalls(milvus, 'OperatePrivilegeV2', async () =>
      vscode.commands.executeCommand(COMMANDS.revokePrivilege, {
        id: root.id,
        role: 'analyst',
        privilege: 'Search',
        dbName: 'default',
        collectionName: 'books',
      }),
    );
    assert.equal(calls, 0);
    assert.match(asked[0] ?? '', /Revoke Search on collection default.books from role "analyst"/);
    assert.match(asked[0] ?? '', /\[Keep Grant\|Revoke\]$/, 'the default (first) button keeps the grant');
    assert.ok(has(await grants(), 'Search', 'default', 'books'));
  });

  test("revoke from a grant node's context menu fills everything in and refreshes the role", async () => {
    const connection = api.tree.connectionNode(root.id);
    assert.ok(connection);
    const roles = await childByLabel(api, connection, 'Roles');
    const role = await childByLabel(api, await childByLabel(api, roles, 'analyst'), 'Grants');
    const children = await api.tree.getChildren(role);
    const node = children.find((n) => label(api, n) === 'CollectionReadOnly') as TreeNode;
    assert.ok(node);
    assert.equal(item(api, node).contextValue, 'grant');
    answer(api, 'Revoke');
    const revoked = await vscode.commands.executeCommand(COMMANDS.revokePrivilege, node);
    assert.deepEqual(revoked, {
      role: 'analyst',
      privilege: 'CollectionReadOnly',
      dbName: 'db1',
      collectionName: 'films',
    });
    assert.ok(!has(await grants(), 'CollectionReadOnly', 'db1', 'films'));
    assert.ok(
      !(await api.tree.getChildren(role)).some((n) => label(api, n) === 'CollectionReadOnly'),
      'the role node was refreshed',
    );
    answer(api, undefined);
  });

  test('revoke with confirm: true', async () => {
    await ok(api, COMMANDS.revokePrivilege, {
      id: root.id,
      role: 'analyst',
      privilege: 'ClusterReadOnly',
      confirm: true,
    });
    assert.ok(!has(await grants(), 'ClusterReadOnly', '*', '*'));
  });

  test('a user without privileges cannot grant (permission denied)', async () => {
    const nora = await addConnection(
      { ...rootProfile(milvus, 'Privileges as nora'), username: 'nora' },
      { password: noraPassword },
    );
    created.push(nora.id);
    await fails(api, COMMANDS.grantPrivilege, { id: nora.id, role: 'analyst', privilege: 'Query' });
    assert.equal((api.commandErrors.last?.error as { kind?: string }).kind, 'permission');
    assert.ok(!has(await grants(), 'Query', '*', '*'));
  });

  test('a server without the V2 grant API gets V1 grants; groups are refused before sending', async () => {
    const v1 = await addConnection(rootProfile(milvus, 'Privileges V1'), { password: rootPassword });
    created.push(v1.id);
    await vscode.commands.executeCommand('milvusAccessManager.connect', { id: v1.id });
    // The next RPC (the V2 probe) answers UNIMPLEMENTED, as an old server would.
    milvus.failNext(1, UNIMPLEMENTED);
    milvus.resetRpcCounts();
    await ok(api, COMMANDS.grantPrivilege, {
      id: v1.id,
      role: 'legacy',
      privilege: 'Query',
      dbName: 'default',
      collectionName: 'books',
    });
    assert.equal(milvus.rpcCounts().OperatePrivilege, 1);
    assert.ok(has(await grants('legacy'), 'Query', 'default', 'books'));
    const calls = await countCalls(milvus, 'OperatePrivilege', () =>
      fails(
        api,
        COMMANDS.grantPrivilege,
        { id: v1.id, role: 'legacy', privilege: 'CollectionReadOnly', dbName: 'default', collectionName: 'books' },
        /old grant API/,
      ),
    );
    assert.equal(calls, 0);
    const features = await api.connections.run(v1.id, (a) => a.features());
    assert.equal(features.grantV2, false);
  });
});
