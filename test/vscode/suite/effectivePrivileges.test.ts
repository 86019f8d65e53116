// Show Effective Privileges in a real VS Code: the union of a user's roles (and public, §2.6 / §3.5), groups expanded,
// one SelectUser plus one SelectGrant per role, shown as a read-only Markdown document.
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { newSecret } from './extensionHelpers';
import { COMMANDS, fails, ok, rbacSuite } from './rbacHelpers';

interface Report {
  user: string;
  markdown: string;
  uri: string;
}

suite('users: effective privileges', () => {
  const fixture = rbacSuite('Effective root', {
    seed: {
      roles: ['reader', 'writer'],
      users: [
        { name: 'alice', password: newSecret('Alice'), roles: ['reader', 'writer'] },
        { name: 'ops', password: newSecret('Ops'), roles: ['admin'] },
      ],
      databases: ['db1'],
      collections: [{ name: 'books' }],
      privilegeGroups: [{ name: 'readers', privileges: ['Query', 'Search'] }],
      grants: [
        { role: 'reader', privilege: 'Query', objectType: 'Collection', objectName: 'books', dbName: 'default' },
        { role: 'reader', privilege: 'readers', objectType: 'Collection', objectName: '*', dbName: 'db1' },
        { role: 'writer', privilege: 'Query', objectType: 'Collection', objectName: 'books', dbName: 'default' },
        { role: 'writer', privilege: 'Insert', objectType: 'Collection', objectName: 'books', dbName: 'default' },
      ],
    },
  });

  test('alice: every role and public, groups expanded, opened as a Markdown document', async () => {
    const { api, milvus, root, read } = fixture;
    await read((a) => a.features());
    milvus.resetRpcCounts();
    const report = await ok<Report>(api, COMMANDS.showEffectivePrivileges, { id: root.id, user: 'alice' });
    assert.deepEqual(milvus.rpcCounts(), { SelectUser: 1, SelectGrant: 3, ListPrivilegeGroups: 1 }, 'one SelectGrant per role in effect');
    const { markdown } = report;
    assert.match(markdown, /^# Effective privileges of alice$/m);
    assert.match(markdown, /Roles in effect: reader, writer, public/);
    assert.match(markdown, /^\| Query \| default \| books \| reader, writer \|$/m);
    assert.match(markdown, /^\| Insert \| default \| books \| writer \|$/m);
    assert.match(markdown, /^\| Search \| db1 \| all \| reader \(group readers\) \|$/m);
    assert.match(markdown, /^\| DescribeCollection \| all \| all \| public \|$/m, 'public\'s initial grants (§3.5)');
    const editor = vscode.window.activeTextEditor;
    assert.equal(editor?.document.uri.toString(), report.uri);
    assert.equal(editor?.document.languageId, 'markdown');
    assert.equal(editor?.document.getText(), markdown);
    assert.ok(api.log.recent().some((line) => /Showed the effective privileges of "alice"/.test(line)));
  });

  test('a holder of admin is unrestricted; an unknown user is reported', async () => {
    const { api, root } = fixture;
    const report = await ok<Report>(api, COMMANDS.showEffectivePrivileges, { id: root.id, user: 'ops' });
    assert.match(report.markdown, /\*\*Unrestricted\.\*\* ops has the admin role/);
    await fails(api, COMMANDS.showEffectivePrivileges, { id: root.id, user: 'nobody' }, /There is no user "nobody"/);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });
});
