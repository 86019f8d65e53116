// Connections that ask for their password on each connect and never store it (ConnectionProfile.askSecret).
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ConnectionProfile } from '../../../src/core/types';
import type { MilvusAccessManagerApi } from '../../../src/extension';
import type { RunningTestServer } from '../../milvus-server';
import { addConnection, childByLabel, CMD, item, label, newSecret, rootProfile } from './extensionHelpers';
import { serverSuite } from './rbacHelpers';

const PROFILES_KEY = 'milvusAccessManager.connections.v1';
const CHANGE_PASSWORD = 'milvusAccessManager.changePassword';

suite('askSecret: ask for the password on each connect, never store it', () => {
  let api: MilvusAccessManagerApi;
  let server: RunningTestServer;
  let rootPassword: string;
  /** Every secret this suite typed or handed over; none may be persisted. */
  const typed: string[] = [];
  /** What the prompt answers next (undefined = Escape). */
  let answer: string | undefined;

  const davePassword = newSecret('AskDave');
  const fixture = serverSuite({ seed: { users: [{ name: 'dave', password: davePassword }] } });
  const { created } = fixture;
  suiteSetup(() => {
    ({ api, server, rootPassword } = fixture);
    typed.push(rootPassword, davePassword);
    api.secretPrompts.responder = () => answer;
  });

  suiteTeardown(async () => {
    api.secretPrompts.responder = undefined;
  });

  async function askingConnection(
    name: string,
    extra: Parameters<typeof rootProfile>[2] = {},
  ): Promise<ConnectionProfile> {
    // A secret handed over with the profile (as the form's Test carries it) must not be stored either.
    const handed = newSecret('AskHanded');
    typed.push(handed);
    const profile = await addConnection(rootProfile(server, name, { askSecret: true, ...extra }), { password: handed });
    created.push(profile.id);
    return profile;
  }

  const asked = (): number => api.secretPrompts.asked.length;
  /** Read through a function: after `last = undefined` TypeScript would narrow the property for good. */
  const lastError = (): MilvusAccessManagerApi['commandErrors']['last'] => api.commandErrors.last;
  const storedJson = (): string => JSON.stringify(api.globalState.get(PROFILES_KEY) ?? null);

  async function assertNothingStored(id: string): Promise<void> {
    assert.equal(await api.vault.get(id, false), undefined, 'a secret is in the secret backend');
    for (const secret of typed) assert.ok(!storedJson().includes(secret), 'a secret is in global state');
  }

  test('adding keeps the flag in global state and stores no secret anywhere', async () => {
    const profile = await askingConnection('Ask add');
    assert.equal(profile.askSecret, true);
    const stored = api.globalState.get<{ profiles: ConnectionProfile[] }>(PROFILES_KEY);
    assert.equal(stored?.profiles.find((p) => p.id === profile.id)?.askSecret, true);
    await assertNothingStored(profile.id);
    assert.equal(await api.vault.get(profile.id), undefined, 'nothing remembered before the first connect');
    assert.doesNotMatch(storedJson(), /password"\s*:|token"\s*:/);
    const tooltip = item(api, api.tree.connectionNode(profile.id) ?? assert.fail('no node'))
      .tooltip as vscode.MarkdownString;
    assert.match(tooltip.value, /Password asked on connect/);
  });

  test('connect asks once, the tree lists users; after Disconnect it does not ask again', async () => {
    const profile = await askingConnection('Ask conn');
    answer = rootPassword;
    const before = asked();
    const info = await vscode.commands.executeCommand<{ user?: string }>(CMD.connect, { id: profile.id });
    assert.equal(info?.user, 'root', api.commandErrors.last?.message);
    assert.equal(asked(), before + 1);
    const request = api.secretPrompts.asked[asked() - 1];
    assert.deepEqual(request, {
      connectionId: profile.id,
      kind: 'password',
      prompt: `Password for root@${server.address} (Ask conn)`,
    });

    const node = api.tree.connectionNode(profile.id) ?? assert.fail('no node');
    const users = await api.tree.getChildren(await childByLabel(api, node, 'Users'));
    assert.ok(users.some((u) => label(api, u) === 'root'));
    assert.ok(users.some((u) => label(api, u) === 'dave'));

    await vscode.commands.executeCommand(CMD.disconnect, { id: profile.id });
    assert.equal(api.connections.isConnected(profile.id), false);
    await vscode.commands.executeCommand(CMD.connect, { id: profile.id });
    assert.equal(api.connections.isConnected(profile.id), true);
    assert.equal(asked(), before + 1, 'the answer is kept for this session');
    const tested = await vscode.commands.executeCommand<{ user?: string }>(CMD.test, { id: profile.id });
    assert.equal(tested?.user, 'root');
    assert.equal(asked(), before + 1, 'Test uses the remembered answer too');
    await assertNothingStored(profile.id);
    assert.deepEqual(await api.vault.get(profile.id, true), { password: rootPassword }, 'kept in memory only');
  });

  /** Runs `body` with the prompt answering `answers` in turn (then Escape). */
  async function answering(answers: (string | undefined)[], body: () => Promise<void>): Promise<void> {
    const queue = [...answers];
    api.secretPrompts.responder = () => queue.shift();
    try {
      await body();
    } finally {
      api.secretPrompts.responder = () => answer;
    }
  }

  test('a wrong answer is refused and asked for again at once, saying so; the right one connects', async () => {
    const profile = await askingConnection('Ask wrong');
    const wrong = newSecret('AskWrong');
    typed.push(wrong);
    api.commandErrors.last = undefined;
    const before = asked();
    await answering([wrong, rootPassword], async () => {
      const info = await vscode.commands.executeCommand<{ user?: string }>(CMD.connect, { id: profile.id });
      assert.equal(info?.user, 'root', lastError()?.message);
    });
    assert.equal(asked(), before + 2, 'asked twice');
    const [first, second] = api.secretPrompts.asked.slice(before);
    assert.equal(first.refused, undefined);
    assert.equal(second.refused, true);
    assert.equal(
      second.prompt,
      `The server refused that password. Try again: Password for root@${server.address} (Ask wrong)`,
    );
    assert.equal(lastError(), undefined, 'an error was reported');
    assert.equal(api.connections.status(profile.id).state, 'connected');
    assert.deepEqual(
      await api.vault.get(profile.id, true),
      { password: rootPassword },
      'the accepted answer is kept in memory',
    );
    await assertNothingStored(profile.id);
  });

  test('Escape at the repeated prompt ends the connect quietly: not connected, no further prompt', async () => {
    const profile = await askingConnection('Ask wrong escape');
    const wrong = newSecret('AskWrong');
    typed.push(wrong);
    api.commandErrors.last = undefined;
    const before = asked();
    await answering([wrong, undefined], async () => {
      assert.equal(await vscode.commands.executeCommand(CMD.connect, { id: profile.id }), undefined);
    });
    assert.equal(asked(), before + 2);
    assert.equal(lastError(), undefined, 'an error was reported');
    assert.deepEqual(api.connections.status(profile.id), { state: 'disconnected', manual: true });
    assert.equal(await api.vault.get(profile.id, true), undefined, 'the wrong answer is dropped');
    const node = api.tree.connectionNode(profile.id) ?? assert.fail('no node');
    assert.deepEqual(
      (await api.tree.getChildren(node)).map((c) => label(api, c)),
      ['Disconnected. Click to connect.'],
    );
    assert.equal(asked(), before + 2, 'asked again without the user asking to connect');
  });

  test('answers that keep being refused are not asked for forever: the refusal is reported in the end', async () => {
    const profile = await askingConnection('Ask always wrong');
    const wrong = newSecret('AskWrong');
    typed.push(wrong);
    api.commandErrors.last = undefined;
    const before = asked();
    await answering(Array<string>(50).fill(wrong), async () => {
      assert.equal(await vscode.commands.executeCommand(CMD.connect, { id: profile.id }), undefined);
    });
    const times = asked() - before;
    assert.ok(times > 2 && times < 10, `asked ${times} times`);
    assert.match(
      lastError()?.message ?? '',
      /^Wrong username or password for root@[^ ]+\. Connect again to enter the password\.$/,
    );
    assert.equal(api.connections.status(profile.id).state, 'failed');
    assert.equal(await api.vault.get(profile.id, true), undefined, 'the wrong answer is dropped');
  });

  test('Escape cancels quietly: no connection, no error, the node shows disconnected', async () => {
    const profile = await askingConnection('Ask escape');
    answer = undefined;
    api.commandErrors.last = undefined;
    const before = asked();
    assert.equal(await vscode.commands.executeCommand(CMD.connect, { id: profile.id }), undefined);
    assert.equal(asked(), before + 1);
    assert.equal(lastError(), undefined, 'an error was reported');
    assert.equal(api.connections.isConnected(profile.id), false);
    assert.deepEqual(api.connections.status(profile.id), { state: 'disconnected', manual: true });
    const node = api.tree.connectionNode(profile.id) ?? assert.fail('no node');
    assert.equal(item(api, node).contextValue, 'disconnectedConnection');
    const children = await api.tree.getChildren(node);
    assert.deepEqual(
      children.map((c) => [label(api, c), item(api, c).contextValue]),
      [['Disconnected. Click to connect.', 'message.info']],
    );
    assert.equal(asked(), before + 1, 'the tree does not ask again by itself');

    // Expanding a fresh node asks; Escape there leaves the same quiet message.
    const other = await askingConnection('Ask escape tree');
    const otherNode = api.tree.connectionNode(other.id) ?? assert.fail('no node');
    const otherChildren = await api.tree.getChildren(otherNode);
    assert.equal(asked(), before + 2);
    assert.deepEqual(
      otherChildren.map((c) => item(api, c).contextValue),
      ['message.info'],
    );
    assert.equal(api.connections.status(other.id).state, 'disconnected');
    await assert.rejects(api.connections.connect(other.id), { name: 'SecretPromptCancelled' });
    assert.equal(lastError(), undefined);
  });

  test('switching a saved connection to ask-on-connect deletes its stored secret; switching back stores one', async () => {
    const profile = await addConnection(rootProfile(server, 'Ask switch'), { password: rootPassword });
    created.push(profile.id);
    assert.deepEqual(await api.vault.get(profile.id, false), { password: rootPassword });
    await vscode.commands.executeCommand(CMD.edit, { id: profile.id, profile: { askSecret: true } });
    assert.equal(api.profiles.get(profile.id)?.askSecret, true);
    await assertNothingStored(profile.id);
    answer = rootPassword;
    const before = asked();
    await vscode.commands.executeCommand(CMD.connect, { id: profile.id });
    assert.equal(asked(), before + 1);
    assert.equal(api.connections.isConnected(profile.id), true);

    await vscode.commands.executeCommand(CMD.edit, {
      id: profile.id,
      profile: { askSecret: false },
      secret: { password: rootPassword },
    });
    assert.equal(api.profiles.get(profile.id)?.askSecret, undefined);
    assert.deepEqual(await api.vault.get(profile.id, false), { password: rootPassword });
  });

  test('auth "none" drops the flag', async () => {
    const profile = await addConnection(rootProfile(server, 'Ask none', { auth: 'none', askSecret: true }));
    created.push(profile.id);
    assert.equal(profile.askSecret, undefined);
  });

  test("the connection's own password change is kept in memory, never stored", async () => {
    const profile = await askingConnection('Ask dave', { username: 'dave' });
    answer = davePassword;
    await vscode.commands.executeCommand(CMD.connect, { id: profile.id });
    assert.equal(api.connections.isConnected(profile.id), true, api.commandErrors.last?.message);
    const next = newSecret('AskDaveNew');
    typed.push(next);
    const changed = await vscode.commands.executeCommand(CHANGE_PASSWORD, {
      id: profile.id,
      user: 'dave',
      oldPassword: davePassword,
      newPassword: next,
    });
    assert.equal(changed, true, api.commandErrors.last?.message);
    await assertNothingStored(profile.id);
    assert.deepEqual(await api.vault.get(profile.id, true), { password: next });
    assert.equal(api.connections.isConnected(profile.id), true, 'reconnected with the new password without asking');
  });

  test('no typed password in global state, settings or the log', async () => {
    const settings = vscode.Uri.joinPath(api.globalStorageUri, '..', '..', 'settings.json');
    const settingsText = Buffer.from(await vscode.workspace.fs.readFile(settings)).toString('utf8');
    const state = api.globalState
      .keys()
      .map((key) => JSON.stringify(api.globalState.get(key)))
      .join('\n');
    const log = api.log.recent().join('\n');
    for (const secret of typed) {
      for (const [where, text] of [
        ['global state', state],
        ['settings.json', settingsText],
        ['log', log],
      ] as const) {
        assert.ok(!text.includes(secret), `a typed secret is in ${where}`);
      }
    }
    assert.match(log, /was cancelled: no password or token was entered/);
  });
});
