// The language-model tools in a real VS Code (issue 22, item 4), called the way an assistant calls them: through
// vscode.lm.invokeTool outside a chat request (no toolInvocationToken), answered from the test server through the real
// SDK. Read-only: every answer names its connection, offers a change only as a plan, and holds no password.
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { LM_TOOLS } from '../../../src/lmTools/names';
import { newSecret } from './extensionHelpers';
import { rbacSuite } from './rbacHelpers';

const ALICE = newSecret('Alice');
const MANY = newSecret('Many');
const NAME = 'LM root';

function textOf(result: vscode.LanguageModelToolResult): string {
  return result.content
    .map((part) => (part instanceof vscode.LanguageModelTextPart ? part.value : (part as { value?: string }).value))
    .join('');
}

suite('language model tools', () => {
  const fixture = rbacSuite(NAME, {
    seed: {
      roles: ['reader', 'lonely', 'many'],
      users: [
        { name: 'alice', password: ALICE, roles: ['reader'] },
        { name: 'bob', password: newSecret('Bob') },
        // One password for all: the test server hashes it once.
        ...Array.from({ length: 101 }, (_, i) => ({
          name: `u${String(i).padStart(3, '0')}`,
          password: MANY,
          roles: ['many'],
        })),
      ],
      collections: [{ name: 'books' }],
      grants: [
        { role: 'reader', privilege: 'Search', objectType: 'Collection', objectName: 'books', dbName: 'default' },
        { role: 'many', privilege: 'Query', objectType: 'Collection', objectName: 'books', dbName: 'default' },
        { role: 'lonely', privilege: 'Query', objectType: 'Collection', objectName: 'gone', dbName: 'default' },
      ],
    },
  });
  const answers: string[] = [];

  async function invoke(name: string, input: object): Promise<string> {
    const text = textOf(await vscode.lm.invokeTool(name, { input, toolInvocationToken: undefined }));
    answers.push(text);
    return text;
  }

  const grantsOf = async (role: string): Promise<string[]> =>
    (await fixture.read((a) => a.listGrants(role))).map((g) => `${g.privilege}@${g.dbName}.${g.objectName}`).sort();

  test('the five tools are contributed and registered, with tags and an input schema', () => {
    const ours = vscode.lm.tools.filter((t) => (Object.values(LM_TOOLS) as string[]).includes(t.name));
    assert.deepEqual(ours.map((t) => t.name).sort(), Object.values(LM_TOOLS).sort());
    for (const tool of ours) {
      assert.ok(tool.tags.includes('milvus'), `${tool.name}: ${tool.tags.join(', ')}`);
      assert.match(tool.description, /Read-only/);
      assert.equal((tool.inputSchema as { type?: string } | undefined)?.type, 'object');
    }
    assert.deepEqual(Object.keys(fixture.api.lmTools).sort(), Object.values(LM_TOOLS).sort());
  });

  test('prepareInvocation says in a few words what the tool does', async () => {
    const tool = fixture.api.lmTools[LM_TOOLS.whoCan];
    assert.ok(tool?.prepareInvocation);
    const prepared = await tool.prepareInvocation(
      { input: { privilege: 'Search', connection: NAME } },
      new vscode.CancellationTokenSource().token,
    );
    assert.equal(prepared?.invocationMessage, `Asking ${NAME} who can do Search…`);
  });

  test('who can: alice through reader, root unrestricted, bob not; the answer names the connection', async () => {
    const text = await invoke(LM_TOOLS.whoCan, { privilege: 'Search', collection: 'books', connection: NAME });
    assert.match(text, /^Answered from the connection "LM root" \(Milvus v[\d.]+\); nothing was changed\./);
    assert.match(text, /2 users may do Search on collection default\.books:/);
    assert.match(text, /- alice: role reader: Search on collection default\.books/);
    assert.match(text, /- root: root is the built-in superuser/);
    assert.doesNotMatch(text, /bob/);
  });

  test('who can, with more users than an answer lists: the first 100, and how many more', async () => {
    const text = await invoke(LM_TOOLS.whoCan, { privilege: 'Query', collection: 'books', connection: NAME });
    assert.match(text, /102 users may do Query on collection default\.books:/);
    assert.equal(text.split('\n').filter((l) => l.startsWith('- ')).length, 100);
    assert.match(text, /… and 2 more \(the first 100 are shown; the report in the extension lists all\)\./);
  });

  test('can user do: yes through the grant; no, with the smallest grant offered as a plan and nothing sent', async () => {
    await fixture.read((a) => a.listDatabases()); // the suite's connection is now the active one
    const yes = await invoke(LM_TOOLS.canUserDo, { user: 'alice', privilege: 'PrivilegeSearch', collection: 'books' });
    assert.match(yes, /Answered from the connection "LM root"/);
    assert.match(yes, /Yes: alice may do Search on collection default\.books, through role reader/);
    const no = await invoke(LM_TOOLS.canUserDo, { user: 'alice', privilege: 'Insert', collection: 'books' });
    assert.match(no, /No: nothing allows alice to do Insert on collection default\.books/);
    assert.match(no, /Proposed change for "LM root", as an RBAC plan \(not applied/);
    assert.match(no, /Role reader\n {2}\+ grant Insert on collection default\.books to role reader/);
    assert.deepEqual(await grantsOf('reader'), ['Search@default.books']);
  });

  test('effective privileges: every privilege of alice with its scope and role', async () => {
    const text = await invoke(LM_TOOLS.effectivePrivileges, { user: 'alice', connection: NAME });
    assert.match(text, /# Effective privileges of alice/);
    assert.match(text, /\| Search \| collection default\.books \| reader \|/);
  });

  test('explain a denial: from a refusal text and from a user and an operation', async () => {
    const fromText = await invoke(LM_TOOLS.explainDenial, {
      errorText: 'PrivilegeInsert: permission deny to alice in the `default` database',
      collection: 'books',
      connection: NAME,
    });
    assert.match(fromText, /alice may not do Insert \(Milvus v[\d.]+\)\./);
    assert.match(fromText, /\+ grant Insert on collection default\.books to role reader/);
    assert.match(fromText, /Explain a Permission Error… in the Milvus view and chooses Grant the Fix…/);
    const fromOperation = await invoke(LM_TOOLS.explainDenial, {
      user: 'alice',
      operation: 'search',
      collection: 'books',
      connection: NAME,
    });
    assert.match(fromOperation, /alice may do search/);
    assert.doesNotMatch(fromOperation, /Proposed change/);
    assert.deepEqual(await grantsOf('reader'), ['Search@default.books']);
  });

  test('RBAC health: the findings, and their fixes as one plan that is not applied', async () => {
    const text = await invoke(LM_TOOLS.rbacHealth, { connection: NAME });
    assert.match(text, /Answered from the connection "LM root"/);
    assert.match(text, /Grant on a missing collection \| Query on collection default\.gone \(role lonely\)/);
    assert.match(text, /User without roles \| user bob/);
    assert.match(text, /- revoke Query on collection default\.gone from role lonely/);
    assert.deepEqual(await grantsOf('lonely'), ['Query@default.gone']);
  });

  test('errors the model can act on: an unknown connection lists the saved ones; an unknown privilege is named', async () => {
    await assert.rejects(invoke(LM_TOOLS.rbacHealth, { connection: 'nowhere' }), (e: Error) =>
      /There is no saved connection named "nowhere"\. Saved connections: .*"LM root"/.test(e.message),
    );
    await assert.rejects(invoke(LM_TOOLS.whoCan, { privilege: 'Serch', connection: NAME }), (e: Error) =>
      /Milvus has no privilege named "Serch"; did you mean "Search"\?/.test(e.message),
    );
  });

  test('no answer holds a password', () => {
    assert.ok(answers.length >= 8, `${answers.length} answers`);
    for (const secret of [fixture.rootPassword, ALICE, MANY]) assert.ok(answers.every((a) => !a.includes(secret)));
  });
});
