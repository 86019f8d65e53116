// Show Effective Privileges, Can User Do… and Who Can… in a real VS Code: the union of a user's roles (and public, §2.6 /
// §3.5), groups expanded, every grant named by the scope the tree shows (src/core/access/grantScope.ts), shown as a rendered
// webview report; one SelectUser plus one SelectGrant per role, never one RPC per user.
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { CanAnswer } from '../../../src/core/access/query';
import type { EffectivePrivilegesReport } from '../../../src/commands/access/effective';
import type { WhoCanReport } from '../../../src/commands/access/queries';
import { childByLabel, item, label, newSecret } from './extensionHelpers';
import { COMMANDS, fails, ok, rbacSuite } from './rbacHelpers';

function webviewTabs(): string[] {
  return vscode.window.tabGroups.all
    .flatMap((g) => g.tabs)
    .filter((t) => t.input instanceof vscode.TabInputWebview)
    .map((t) => t.label);
}

/** The tab of a webview panel shows up shortly after the panel is created. */
async function webviewTabOpens(title: string): Promise<void> {
  for (let i = 0; i < 150 && !webviewTabs().includes(title); i++) await new Promise((r) => setTimeout(r, 100));
  const tabs = vscode.window.tabGroups.all
    .flatMap((g) => g.tabs)
    .map((t) => `${t.label} (${t.input?.constructor.name ?? 'none'})`);
  assert.ok(webviewTabs().includes(title), `tabs: ${tabs.join(', ')}`);
}

suite('users: effective privileges, can and who can', () => {
  const fixture = rbacSuite('Effective root', {
    seed: {
      roles: ['reader', 'writer'],
      users: [
        { name: 'alice', password: newSecret('Alice'), roles: ['reader', 'writer'] },
        { name: 'ops', password: newSecret('Ops'), roles: ['admin'] },
        { name: 'eve', password: newSecret('Eve') },
      ],
      databases: ['db1'],
      collections: [{ name: 'books' }, { name: 'films', db: 'db1' }],
      privilegeGroups: [{ name: 'readers', privileges: ['Query', 'Search'] }],
      grants: [
        { role: 'reader', privilege: 'Query', objectType: 'Collection', objectName: 'books', dbName: 'default' },
        { role: 'reader', privilege: 'readers', objectType: 'Global', objectName: '*', dbName: 'db1' },
        { role: 'writer', privilege: 'Query', objectType: 'Collection', objectName: 'books', dbName: 'default' },
        // How V2 stores a built-in group granted on one collection (§4.3): object Global, the collection's name.
        {
          role: 'writer',
          privilege: 'CollectionReadWrite',
          objectType: 'Global',
          objectName: 'books',
          dbName: 'default',
        },
      ],
    },
  });

  suiteTeardown(() => vscode.commands.executeCommand('workbench.action.closeAllEditors'));

  test('the tree names a group grant on a collection by its collection, not "cluster" (issue 11, item 4)', async () => {
    const { api, root } = fixture;
    const connection = api.tree.connectionNode(root.id);
    assert.ok(connection);
    const writer = await childByLabel(api, await childByLabel(api, connection, 'Roles'), 'writer');
    const grants = await api.tree.getChildren(await childByLabel(api, writer, 'Grants'));
    const group = grants.find((g) => label(api, g) === 'CollectionReadWrite');
    assert.ok(group);
    assert.equal(item(api, group).description, 'collection default.books');
    assert.match(
      (item(api, group).tooltip as vscode.MarkdownString).value,
      /^\*\*CollectionReadWrite\*\* on collection default\\?\.books/,
    );
    const reader = await childByLabel(api, await childByLabel(api, connection, 'Roles'), 'reader');
    const readers = (await api.tree.getChildren(await childByLabel(api, reader, 'Grants'))).find(
      (g) => label(api, g) === 'readers',
    );
    assert.ok(readers);
    assert.equal(item(api, readers).description, 'database db1');
  });

  test('alice: every role and public, groups expanded, opened as a rendered webview report (not a text document)', async () => {
    const { api, milvus, root, read } = fixture;
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await read((a) => a.features());
    milvus.resetRpcCounts();
    const report = await ok<EffectivePrivilegesReport>(api, COMMANDS.showEffectivePrivileges, {
      id: root.id,
      user: 'alice',
    });
    assert.deepEqual(
      milvus.rpcCounts(),
      { SelectUser: 1, SelectGrant: 3, ListPrivilegeGroups: 1 },
      'one SelectGrant per role in effect',
    );
    const rows = report.access.privileges.map((p) => `${p.privilege} | ${p.scope.label} | ${p.via.join(', ')}`);
    assert.ok(
      rows.includes('Query | collection default.books | reader, writer, writer (group CollectionReadWrite)'),
      rows.join('\n'),
    );
    assert.ok(rows.includes('Insert | collection default.books | writer (group CollectionReadWrite)'));
    assert.ok(rows.includes('Search | database db1 | reader (group readers)'));
    assert.ok(rows.includes('DescribeCollection | all collections | public'), "public's initial grants (§3.5)");
    assert.match(
      report.markdown,
      /^\| Insert \| collection default\.books \| writer \(group CollectionReadWrite\) \|$/m,
    );
    assert.equal(report.title, 'Effective privileges · alice');
    await webviewTabOpens('Effective privileges · alice');
    assert.equal(vscode.window.activeTextEditor, undefined, 'no Markdown source opened');
    assert.ok(api.log.recent().some((line) => /Showed the effective privileges of "alice"/.test(line)));
  });

  test('a holder of admin is unrestricted; an unknown user is reported', async () => {
    const { api, root } = fixture;
    const report = await ok<EffectivePrivilegesReport>(api, COMMANDS.showEffectivePrivileges, {
      id: root.id,
      user: 'ops',
    });
    assert.match(report.access.unrestricted ?? '', /ops has the admin role/);
    await fails(api, COMMANDS.showEffectivePrivileges, { id: root.id, user: 'nobody' }, /There is no user "nobody"/);
  });

  test('can alice do …? yes with the role and the grant, or no; root and admin holders are unrestricted', async () => {
    const { api, milvus, root } = fixture;
    milvus.resetRpcCounts();
    const yes = await ok<CanAnswer>(api, COMMANDS.canUserDo, {
      id: root.id,
      user: 'alice',
      privilege: 'Insert',
      dbName: 'default',
      collectionName: 'books',
    });
    assert.deepEqual(milvus.rpcCounts(), { SelectUser: 1, SelectGrant: 3, ListPrivilegeGroups: 1 });
    assert.equal(yes.allowed, true);
    assert.deepEqual(
      yes.reasons.map((r) => `${r.role}: ${r.grant.privilege} on ${r.scope.label}`),
      ['writer: CollectionReadWrite on collection default.books'],
    );
    const no = await ok<CanAnswer>(api, COMMANDS.canUserDo, {
      id: root.id,
      user: 'alice',
      privilege: 'Insert',
      dbName: 'db1',
      collectionName: 'films',
    });
    assert.equal(no.allowed, false);
    assert.deepEqual(no.reasons, []);
    assert.ok(
      api.log.recent().some((line) => /No: nothing allows alice to do Insert on collection db1\.films/.test(line)),
    );
    const viaGroup = await ok<CanAnswer>(api, COMMANDS.canUserDo, {
      id: root.id,
      user: 'alice',
      privilege: 'Search',
      dbName: 'db1',
      collectionName: 'films',
    });
    assert.deepEqual(
      viaGroup.reasons.map((r) => [r.role, r.through]),
      [['reader', 'readers']],
    );
    const rootAnswer = await ok<CanAnswer>(api, COMMANDS.canUserDo, {
      id: root.id,
      user: 'root',
      privilege: 'DropDatabase',
      dbName: 'db1',
      collectionName: '*',
    });
    assert.match(rootAnswer.unrestricted ?? '', /superuser/);
  });

  test('who can search db1.films? users through their roles, from one SelectUser and one SelectGrant per role; a webview report', async () => {
    const { api, milvus, root } = fixture;
    milvus.resetRpcCounts();
    const report = await ok<WhoCanReport>(api, COMMANDS.whoCan, {
      id: root.id,
      privilege: 'Search',
      dbName: 'db1',
      collectionName: 'films',
    });
    assert.deepEqual(
      milvus.rpcCounts(),
      { SelectUser: 1, SelectGrant: 3, ListPrivilegeGroups: 1 },
      'reader, writer, public; never one RPC per user',
    );
    assert.deepEqual(
      report.users
        .map(
          (u) =>
            `${u.user}: ${u.unrestricted ? 'unrestricted' : u.reasons.map((r) => `${r.role} ${r.grant.privilege} on ${r.scope.label}`).join('; ')}`,
        )
        .sort(),
      ['alice: reader readers on database db1', 'ops: unrestricted', 'root: unrestricted'],
    );
    await webviewTabOpens('Who can · Search');
    const everyone = await ok<WhoCanReport>(api, COMMANDS.whoCan, {
      id: root.id,
      privilege: 'IndexDetail',
      dbName: 'db1',
      collectionName: 'films',
    });
    assert.ok(
      everyone.users.some((u) => u.user === 'eve' && u.reasons.some((r) => r.role === 'public')),
      'public applies to everyone',
    );
  });
});
