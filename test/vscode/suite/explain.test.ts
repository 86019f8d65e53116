// Explain a Permission Error… in a real VS Code: a pasted refusal text is explained from the server's model, the report
// opens, and the smallest fix is granted through the grant command only after the confirmation says yes.
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ExplainResult } from '../../../src/commands/access/explainCommand';
import { newSecret } from './extensionHelpers';
import { COMMANDS, answer, ok, rbacSuite } from './rbacHelpers';

const TEXT = 'PrivilegeSelectOwnership: permission deny to alice in the `default` database';

suite('explain a permission error', () => {
  const fixture = rbacSuite('Explain root', {
    seed: {
      roles: ['reader'],
      users: [{ name: 'alice', password: newSecret('Alice'), roles: ['reader'] }],
      databases: ['db1'],
      grants: [{ role: 'reader', privilege: 'SelectOwnership', objectType: 'Global', objectName: '*', dbName: 'db1' }],
    },
  });

  suiteTeardown(() => vscode.commands.executeCommand('workbench.action.closeAllEditors'));

  const readerGrants = async (): Promise<string[]> =>
    (await fixture.read((a) => a.listGrants('reader'))).map((g) => `${g.privilege}@${g.dbName}.${g.objectName}`).sort();

  test('a refusal text: denied, the grant in db1 named, the fix cancelled sends nothing', async () => {
    const { api, root } = fixture;
    const asked = answer(api, undefined);
    const result = await ok<ExplainResult>(api, COMMANDS.explainPermissionError, {
      id: root.id,
      errorText: TEXT,
      applyFix: true,
    });
    assert.equal(result.explanation.allowed, false);
    assert.equal(result.explanation.question.user, 'alice');
    assert.deepEqual(
      result.explanation.steps[0]?.elsewhere.map((r) => r.grant.dbName),
      ['db1'],
    );
    assert.match(result.markdown, /cluster-level privilege/);
    assert.equal(result.granted, undefined);
    assert.equal(asked.length, 1);
    assert.match(asked[0] ?? '', /grant SelectOwnership on cluster to role reader\?/);
    assert.deepEqual(await readerGrants(), ['SelectOwnership@db1.*']);
  });

  test('the fix confirmed goes through the grant command; explained again, it is allowed', async () => {
    const { api, root } = fixture;
    answer(api, 'Grant');
    const result = await ok<ExplainResult>(api, COMMANDS.explainPermissionError, {
      id: root.id,
      errorText: TEXT,
      applyFix: true,
    });
    assert.deepEqual(result.granted, {
      role: 'reader',
      privilege: 'SelectOwnership',
      dbName: '*',
      collectionName: '*',
    });
    assert.deepEqual(await readerGrants(), ['SelectOwnership@*.*', 'SelectOwnership@db1.*']);
    answer(api, undefined);
    const again = await ok<ExplainResult>(api, COMMANDS.explainPermissionError, {
      id: root.id,
      user: 'alice',
      operation: 'listGrants',
      role: 'admin',
      dbName: 'default',
    });
    assert.equal(again.explanation.allowed, true);
  });
});

suite('RBAC health and upgrade impact', () => {
  const fixture = rbacSuite('Health root', {
    seed: {
      roles: ['lonely'],
      grants: [
        { role: 'lonely', privilege: 'Query', objectType: 'Collection', objectName: 'gone', dbName: 'default' },
        { role: 'aliased', privilege: 'Search', objectType: 'Collection', objectName: 'shelf', dbName: 'default' },
      ],
      users: [
        { name: 'bob', password: newSecret('Bob') },
        { name: 'dana', password: newSecret('Dana'), roles: ['aliased'] },
      ],
      collections: [{ name: 'books' }],
      aliases: [{ alias: 'shelf', collection: 'books' }],
    },
  });

  suiteTeardown(() => vscode.commands.executeCommand('workbench.action.closeAllEditors'));

  test('the findings, and a fix confirmed runs through the plan runner', async () => {
    const { api, root } = fixture;
    answer(api, 'Apply');
    const first = await ok<{ findings: { code: string }[] }>(api, COMMANDS.checkRbacHealth, { id: root.id });
    const index = first.findings.findIndex((f) => f.code === 'missingCollection');
    assert.ok(index >= 0, JSON.stringify(first.findings));
    await ok(api, COMMANDS.checkRbacHealth, { id: root.id, fixIndex: index });
    assert.deepEqual(await fixture.read((a) => a.listGrants('lonely')), []);
    answer(api, undefined);
  });

  test('a grant on an alias: its fix, confirmed, grants the same on the aliased collection', async () => {
    const { api, root } = fixture;
    answer(api, 'Apply');
    const first = await ok<{ findings: { code: string }[] }>(api, COMMANDS.checkRbacHealth, { id: root.id });
    const index = first.findings.findIndex((f) => f.code === 'aliasGrant');
    assert.ok(index >= 0, JSON.stringify(first.findings));
    await ok(api, COMMANDS.checkRbacHealth, { id: root.id, fixIndex: index });
    const grants = await fixture.read((a) => a.listGrants('aliased'));
    assert.ok(
      grants.some((g) => g.privilege === 'Search' && g.objectName === 'books' && g.dbName === 'default'),
      JSON.stringify(grants),
    );
    answer(api, undefined);
  });

  test('upgrade impact to 3.0.0 is computed and reported', async () => {
    const { api, root } = fixture;
    const impact = await ok<{ groups: { group: string }[]; markdown: string }>(api, COMMANDS.checkUpgradeImpact, {
      id: root.id,
      to: '3.0.0',
    });
    assert.ok(impact.groups.some((g) => g.group === 'DatabaseAdmin'));
    assert.match(impact.markdown, /Upgrade impact: Milvus/);
  });
});
