// Zilliz Cloud in the sidebar and the commands (docs/milvus-behaviour.md §10), against the test server's flavours: on
// Dedicated the built-ins carry the flags that hide their destructive items and the commands refuse before sending;
// on Serverless the access-control folders point to the Zilliz Cloud console and send nothing.
import assert from 'node:assert/strict';
import type * as vscode from 'vscode';
import { describeServer } from '../../../src/core/milvus/describe';
import type { Flavor, ServerInfo } from '../../../src/core/types';
import type { TreeNode } from '../../../src/tree/nodes/treeNode';
import { addConnection, childByLabel, item, label, newSecret, rootProfile } from './extensionHelpers';
import { COMMANDS, answer, fails, ok, serverSuite, type ServerSuite } from './rbacHelpers';

/** A connection as db_admin (the cluster's own administrator, with the suite's root password) marked `flavor`. */
async function connectAsDbAdmin(fixture: ServerSuite, flavor: Flavor): Promise<{ id: string; connection: TreeNode }> {
  const profile = await addConnection(rootProfile(fixture.server, flavor, { username: 'db_admin', flavor }), {
    password: fixture.rootPassword,
  });
  fixture.created.push(profile.id);
  const connection = fixture.api.tree.connectionNode(profile.id);
  assert.ok(connection);
  return { id: profile.id, connection };
}

/** The contextValues of a connection's folders (Users, Roles, Privilege groups), in tree order. */
async function folderContexts(fixture: ServerSuite, connection: TreeNode): Promise<unknown[]> {
  const folders = await fixture.api.tree.getChildren(connection);
  return folders.map((f) => item(fixture.api, f).contextValue);
}

const ACCESS_RPCS = ['SelectUser', 'SelectRole', 'ListPrivilegeGroups', 'SelectGrant', 'BackupRBAC'];

suite('zilliz: Dedicated protects its built-in user and roles', () => {
  const fixture = serverSuite({
    flavor: 'zilliz-dedicated',
    seed: {
      roles: ['analyst'],
      users: [{ name: 'ann_1', password: 'Ann-pass-1', roles: ['analyst', 'db_ro'] }],
    },
  });
  let id: string;
  let connection: TreeNode;

  suiteSetup(async () => {
    ({ id, connection } = await connectAsDbAdmin(fixture, 'zilliz-dedicated'));
    await fixture.api.tree.getChildren(connection);
  });

  test('db_admin is flagged builtin (no Drop User); others are not', async () => {
    const { api } = fixture;
    const users = await api.tree.getChildren(await childByLabel(api, connection, 'Users'));
    const byName = new Map(users.map((u) => [label(api, u), item(api, u).contextValue]));
    assert.equal(byName.get('db_admin'), 'user.builtin.self');
    assert.equal(byName.get('ann_1'), 'user');
    const tooltip = (item(api, connection).tooltip as vscode.MarkdownString).value;
    assert.match(tooltip, /Zilliz Cloud Dedicated cluster/);
  });

  test('Test Connection names the product: Zilliz Cloud (Dedicated), not Milvus', async () => {
    const info = await ok<ServerInfo>(fixture.api, COMMANDS.testConnection, { id });
    assert.equal(info.flavor, 'zilliz-dedicated');
    assert.match(
      describeServer(info),
      /^Connected to Zilliz Cloud \(Dedicated, compatible with Milvus v[\d.]+\) as db_admin /,
    );
  });

  test('the Privilege groups folder offers no Create (user-defined groups are refused); Users and Roles do', async () => {
    assert.deepEqual(await folderContexts(fixture, connection), [
      'folder.users',
      'folder.roles',
      'folder.privilegeGroups.noCreate',
    ]);
  });

  test('the built-in roles are locked (no Grant), their grants too (no Revoke); db_admin keeps its membership', async () => {
    const { api } = fixture;
    const rolesFolder = await childByLabel(api, connection, 'Roles');
    const roles = await api.tree.getChildren(rolesFolder);
    const byName = new Map(roles.map((r) => [label(api, r), r]));
    assert.deepEqual([...byName.keys()].sort(), ['analyst', 'db_admin', 'db_ro', 'db_rw']);
    assert.equal(item(api, byName.get('db_rw') as TreeNode).contextValue, 'role.builtin.locked');
    assert.equal(item(api, byName.get('analyst') as TreeNode).contextValue, 'role');
    const [members, grants] = await api.tree.getChildren(byName.get('db_rw'));
    assert.ok(members && grants);
    const rwGrants = await api.tree.getChildren(grants);
    assert.deepEqual(
      rwGrants.map((g) => item(api, g).contextValue),
      ['grant.locked'],
    );
    const [adminMembers] = await api.tree.getChildren(byName.get('db_admin'));
    assert.ok(adminMembers);
    assert.deepEqual(
      (await api.tree.getChildren(adminMembers)).map((m) => item(api, m).contextValue),
      ['member.locked'],
    );
    const [roMembers] = await api.tree.getChildren(byName.get('db_ro'));
    assert.ok(roMembers);
    assert.deepEqual(
      (await api.tree.getChildren(roMembers)).map((m) => item(api, m).contextValue),
      ['member'],
      "ann_1's membership of db_ro may be removed",
    );
  });

  test('commands refuse before asking or sending: drop db_admin, grants to built-in roles, single privileges', async () => {
    const { api, server } = fixture;
    const asked = answer(api, 'Drop');
    server.resetRpcCounts();
    await fails(api, COMMANDS.dropUser, { id, user: 'db_admin' }, /db_admin .*cannot be dropped.*Nothing was sent/);
    await fails(api, COMMANDS.grantPrivilege, { id, role: 'db_rw', privilege: 'DatabaseAdmin' }, /built-in role/);
    await fails(
      api,
      COMMANDS.grantPrivilege,
      { id, role: 'analyst', privilege: 'Search', dbName: 'default' },
      /built-in privilege groups only; "Search" is not one/,
    );
    await fails(api, COMMANDS.removeRoleMember, { id, role: 'db_admin', user: 'db_admin' }, /keeps its db_admin role/);
    await fails(api, COMMANDS.createPrivilegeGroup, { id, group: 'g1' }, /no user-defined privilege groups/);
    const counts = server.rpcCounts();
    assert.deepEqual(
      ['DeleteCredential', 'OperatePrivilegeV2', 'OperatePrivilege', 'OperateUserRole', 'CreatePrivilegeGroup'].filter(
        (m) => counts[m],
      ),
      [],
    );
    assert.deepEqual(asked, [], 'no confirmation was asked');
    answer(api, undefined);
    await ok(api, COMMANDS.grantPrivilege, { id, role: 'analyst', privilege: 'DatabaseReadOnly', dbName: 'default' });
  });
});

suite('zilliz: Serverless folders point to the console', () => {
  const fixture = serverSuite({ flavor: 'zilliz-serverless' });
  let id: string;
  let connection: TreeNode;

  suiteSetup(async () => {
    ({ id, connection } = await connectAsDbAdmin(fixture, 'zilliz-serverless'));
  });

  test('Users, Roles and Privilege groups each show one hint with a link, and no access-control RPC is sent', async () => {
    const { api, server } = fixture;
    const folders = await api.tree.getChildren(connection);
    server.resetRpcCounts();
    for (const name of ['Users', 'Roles', 'Privilege groups']) {
      const folder = folders.find((f) => label(api, f) === name);
      assert.ok(folder, `${name} folder (${folders.map((f) => label(api, f)).join(', ')})`);
      const children = await api.tree.getChildren(folder);
      assert.equal(children.length, 1, name);
      const hint = item(api, children[0] as TreeNode);
      assert.match(label(api, children[0] as TreeNode), /managed in the Zilliz Cloud console/);
      assert.equal(hint.contextValue, 'message.info');
      assert.equal(hint.command?.command, 'vscode.open');
      assert.equal(String(hint.command?.arguments?.[0]), 'https://cloud.zilliz.com/');
    }
    const counts = server.rpcCounts();
    assert.deepEqual(
      ACCESS_RPCS.filter((m) => counts[m]),
      [],
    );
  });

  test('the three folders carry noCreate (no create item in their menus)', async () => {
    assert.deepEqual(await folderContexts(fixture, connection), [
      'folder.users.noCreate',
      'folder.roles.noCreate',
      'folder.privilegeGroups.noCreate',
    ]);
  });

  test('commands refuse with the same message', async () => {
    const { api } = fixture;
    await fails(api, COMMANDS.createRole, { id, role: 'r1' }, /managed in the Zilliz Cloud console/);
    await fails(api, COMMANDS.dropUser, { id, user: 'someone', confirm: true }, /managed in the Zilliz Cloud console/);
    await fails(
      api,
      COMMANDS.createUser,
      { id, username: 'u1', password: newSecret('U1') },
      /managed in the Zilliz Cloud console/,
    );
    await fails(api, COMMANDS.createPrivilegeGroup, { id, group: 'g1' }, /managed in the Zilliz Cloud console/);
  });
});
