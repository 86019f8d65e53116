import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ServerInfo } from '../../../src/core/types';
import type { MilvusAccessManagerApi } from '../../../src/extension';
import type { RunningTestServer } from '../../milvus-server';
import {
  addConnection,
  CMD,
  deadPort,
  getApi,
  newSecret,
  rejectsWithKind,
  removeConnection,
  rootProfile,
  waitFor,
} from './extensionHelpers';
import { serverSuite } from './rbacHelpers';

const PROFILES_KEY = 'milvusAccessManager.connections.v1';

suite('connections: add, edit, duplicate, remove, connect', () => {
  let server: RunningTestServer;
  let rootPassword: string;
  const fixture = serverSuite({ version: 'v2.6.19' });
  const { created } = fixture;
  suiteSetup(() => {
    ({ server, rootPassword } = fixture);
  });

  let api: MilvusAccessManagerApi;
  suiteSetup(async () => {
    api = await getApi();
  });

  function storedJson(): string {
    return JSON.stringify(api.globalState.get(PROFILES_KEY) ?? null);
  }

  test('add stores the profile in global state and the password only in the vault', async () => {
    // A stray secret field on the profile must be dropped, not stored.
    const sneaky = { ...rootProfile(server, 'Conn add'), password: rootPassword, token: rootPassword } as ReturnType<
      typeof rootProfile
    >;
    const profile = await addConnection(sneaky, { password: rootPassword });
    created.push(profile.id);
    const stored = api.globalState.get<{ version: number; profiles: { id: string; name: string }[] }>(PROFILES_KEY);
    assert.equal(stored?.version, 1);
    assert.ok(stored?.profiles.some((p) => p.id === profile.id && p.name === 'Conn add'));
    assert.ok(!storedJson().includes(rootPassword), 'password found in global state');
    assert.ok(!/password"\s*:|token"\s*:/.test(storedJson()), 'a secret field found in global state');
    assert.deepEqual(await api.vault.get(profile.id), { password: rootPassword });
  });

  test('edit changes fields, keeps the secret unless a new one is given', async () => {
    const profile = await addConnection(rootProfile(server, 'Conn edit'), { password: rootPassword });
    created.push(profile.id);
    const edited = await vscode.commands.executeCommand<{ name: string; database: string }>(CMD.edit, {
      id: profile.id,
      profile: { name: 'Conn edited', database: 'db1' },
    });
    assert.equal(edited?.name, 'Conn edited');
    assert.equal(api.profiles.get(profile.id)?.database, 'db1');
    assert.deepEqual(await api.vault.get(profile.id), { password: rootPassword });
    const other = newSecret('Edit');
    await vscode.commands.executeCommand(CMD.edit, { id: profile.id, secret: { password: other } });
    assert.deepEqual(await api.vault.get(profile.id), { password: other });
    assert.ok(!storedJson().includes(other));
  });

  test('duplicate copies the profile and its secret under a new id', async () => {
    const profile = await addConnection(rootProfile(server, 'Conn dup'), { password: rootPassword });
    created.push(profile.id);
    const copy = await vscode.commands.executeCommand<{ id: string; name: string }>(CMD.duplicate, { id: profile.id });
    assert.ok(copy);
    created.push(copy.id);
    assert.notEqual(copy.id, profile.id);
    assert.equal(copy.name, 'Conn dup (copy)');
    assert.deepEqual(await api.vault.get(copy.id), { password: rootPassword });
  });

  test('remove deletes the profile and its secret', async () => {
    const profile = await addConnection(rootProfile(server, 'Conn remove'), { password: rootPassword });
    assert.equal(await vscode.commands.executeCommand(CMD.remove, { id: profile.id, confirm: true }), true);
    assert.equal(api.profiles.get(profile.id), undefined);
    assert.ok(!storedJson().includes(profile.id));
    assert.equal(await api.vault.get(profile.id), undefined);
  });

  test('connect reports the server, reuses the client, disconnect closes it', async () => {
    const profile = await addConnection(rootProfile(server, 'Conn connect'), { password: rootPassword });
    created.push(profile.id);
    server.resetRpcCounts();
    const info = await vscode.commands.executeCommand<ServerInfo>(CMD.connect, { id: profile.id });
    assert.equal(info?.version, 'v2.6.19');
    assert.equal(info?.user, 'root');
    assert.equal(api.connections.status(profile.id).state, 'connected');
    const again = await api.connections.connect(profile.id);
    assert.equal(again.info.version, 'v2.6.19');
    assert.equal(server.rpcCounts().Connect, 1, 'second connect reused the client');
    const node = api.tree.connectionNode(profile.id);
    assert.ok(node);
    assert.equal(api.tree.getTreeItem(node).contextValue, 'connectedConnection');
    await vscode.commands.executeCommand(CMD.disconnect, { id: profile.id });
    assert.equal(api.connections.status(profile.id).state, 'disconnected');
    assert.equal(api.tree.getTreeItem(node).contextValue, 'disconnectedConnection');
  });

  test('test command connects with the saved profile and reports the version', async () => {
    const profile = await addConnection(rootProfile(server, 'Conn test'), { password: rootPassword });
    created.push(profile.id);
    const info = await vscode.commands.executeCommand<ServerInfo>(CMD.test, { id: profile.id });
    assert.equal(info?.version, 'v2.6.19');
    assert.equal(api.connections.status(profile.id).state, 'disconnected', 'test does not keep a client');
  });

  test('a wrong password gives a clear error and keeps the profile', async () => {
    const wrong = newSecret('Wrong');
    const profile = await addConnection(rootProfile(server, 'Conn wrong pw'), { password: wrong });
    created.push(profile.id);
    const result = await vscode.commands.executeCommand(CMD.connect, { id: profile.id });
    assert.equal(result, undefined);
    const failure = api.commandErrors.last;
    assert.equal(failure?.command, CMD.connect);
    assert.match(failure?.message ?? '', /password|credential|auth/i);
    assert.ok(!failure?.message.includes(wrong), 'the error message contains the password');
    assert.equal(api.connections.status(profile.id).state, 'failed');
    assert.ok(api.profiles.get(profile.id), 'profile kept');
    await rejectsWithKind(api.connections.connect(profile.id), 'auth');
    const node = api.tree.connectionNode(profile.id);
    assert.ok(node);
    const children = await api.tree.getChildren(node);
    assert.equal(children.length, 1);
    assert.equal(api.tree.getTreeItem(children[0]).contextValue, 'message.error');
  });

  test('a dead port gives a clear "unreachable" error', async () => {
    const port = await deadPort();
    const profile = await addConnection(
      { ...rootProfile(server, 'Conn dead'), uri: `http://127.0.0.1:${port}` },
      { password: rootPassword },
    );
    created.push(profile.id);
    const error = await rejectsWithKind(api.connections.connect(profile.id), 'unreachable');
    assert.match(error.message, new RegExp(String(port)));
    assert.ok(!error.message.includes(rootPassword));
    assert.ok(api.profiles.get(profile.id));
  });

  test('after the server goes away, the next action reconnects', async () => {
    const profile = await addConnection(rootProfile(server, 'Conn reconnect'), { password: rootPassword });
    created.push(profile.id);
    await api.connections.connect(profile.id);
    await server.stop();
    try {
      const error = await api.connections
        .run(profile.id, (admin) => admin.listUsersWithRoles())
        .then(
          () => undefined,
          (e: Error & { kind: string }) => e,
        );
      assert.ok(error, 'listing must fail while the server is down');
      assert.ok(['unreachable', 'timeout'].includes(error.kind), `kind ${error.kind}`);
      assert.equal(api.connections.isConnected(profile.id), false);
    } finally {
      await server.start();
    }
    // grpc-js may still be backing off from the refused connection for a moment; each attempt is a fresh "next action".
    let users: { name: string }[] | undefined;
    let lastError: unknown;
    for (let attempt = 0; attempt < 20 && !users; attempt++) {
      users = await api.connections
        .run(profile.id, (admin) => admin.listUsersWithRoles())
        .catch((e: unknown) => {
          lastError = e;
          return undefined;
        });
      if (!users) await new Promise((r) => setTimeout(r, 250));
    }
    assert.ok(users, `no reconnect: ${String(lastError)}`);
    assert.ok(users.some((u) => u.name === 'root'));
    assert.equal(api.connections.status(profile.id).state, 'connected');
  });

  test('a session-only connection never reaches global state or the secret store', async () => {
    const secret = newSecret('Session');
    const profile = await addConnection(
      { ...rootProfile(server, 'Conn session'), sessionOnly: true },
      { password: secret },
    );
    created.push(profile.id);
    assert.ok(!storedJson().includes(profile.id));
    assert.ok(api.profiles.get(profile.id));
    assert.deepEqual(await api.vault.get(profile.id, true), { password: secret });
    assert.equal(await api.vault.get(profile.id, false), undefined);
  });

  test('without arguments, add opens the connection form (a webview) and resolves when it closes', async () => {
    const pending = vscode.commands.executeCommand(CMD.add);
    let tab: vscode.Tab | undefined;
    for (let i = 0; i < 100 && !tab; i++) {
      tab = vscode.window.tabGroups.all
        .flatMap((g) => g.tabs)
        .find((t) => t.input instanceof vscode.TabInputWebview && t.label === 'Add Milvus Connection');
      if (!tab) await new Promise((r) => setTimeout(r, 50));
    }
    assert.ok(tab, 'the Add Connection form did not open');
    await vscode.window.tabGroups.close(tab);
    assert.equal(await pending, undefined, 'closing the form unsaved adds nothing');
  });

  test('a name another connection has is refused by add, edit and duplicate, whatever its case (issue 23)', async () => {
    const first = await addConnection(rootProfile(server, 'Conn unique'), { password: rootPassword });
    created.push(first.id);
    const second = await addConnection(
      { ...rootProfile(server, 'Conn other'), username: 'alice' },
      { password: rootPassword },
    );
    created.push(second.id);
    const before = api.profiles.list().length;
    const refusal = /^A connection named "Conn unique" already exists\. Choose another name\./;
    const lastError = (): string => api.commandErrors.last?.message ?? '';
    api.commandErrors.last = undefined;
    const added = await vscode.commands.executeCommand(CMD.add, {
      profile: { ...rootProfile(server, ' conn UNIQUE '), username: 'alice' },
      secret: { password: rootPassword },
    });
    assert.equal(added, undefined, 'a second "Conn unique" was added');
    assert.match(lastError(), refusal);
    assert.equal(api.profiles.list().length, before);
    api.commandErrors.last = undefined;
    await vscode.commands.executeCommand(CMD.edit, { id: second.id, profile: { name: 'Conn unique' } });
    assert.match(lastError(), refusal);
    assert.equal(api.profiles.get(second.id)?.name, 'Conn other');
    api.commandErrors.last = undefined;
    await vscode.commands.executeCommand(CMD.duplicate, { id: second.id, name: 'Conn unique' });
    assert.match(lastError(), refusal);
    assert.equal(api.profiles.list().length, before);
    // Renaming a connection to its own name (or its own name in another case) is no clash.
    const renamed = await vscode.commands.executeCommand<{ name: string }>(CMD.edit, {
      id: first.id,
      profile: { name: 'Conn Unique' },
    });
    assert.equal(renamed?.name, 'Conn Unique');
  });

  test('every connection picker row says who logs in where, so two connections to one server differ', async () => {
    const mine = await addConnection(
      { ...rootProfile(server, 'Conn picker alice'), username: 'alice', database: 'db1' },
      { password: rootPassword },
    );
    created.push(mine.id);
    const shown = new Promise<vscode.QuickPick<vscode.QuickPickItem>>((resolve) => {
      const listener = api.onDidShowPick((picker) => {
        listener.dispose();
        resolve(picker);
      });
    });
    const pending = vscode.commands.executeCommand(CMD.test);
    const picker = await shown;
    const row = picker.items.find((i) => i.label === 'Conn picker alice');
    const rootRow = picker.items.find((i) => i.label === 'Conn unique' || i.label === 'Conn Unique');
    picker.hide();
    await pending;
    assert.equal(row?.description, `alice@db1 · http://${server.address}`);
    assert.equal(rootRow?.description, `root@default · http://${server.address}`);
  });

  test('invalid input is refused before anything is stored', async () => {
    const before = api.profiles.list().length;
    const result = await vscode.commands.executeCommand(CMD.add, {
      profile: { name: 'Bad', uri: 'http://exa mple:1' },
    });
    assert.equal(result, undefined);
    assert.match(api.commandErrors.last?.message ?? '', /space/i);
    assert.equal(api.profiles.list().length, before);
  });
});

suite('connections: seedConnections setting', () => {
  test('seeds are added once, by name and URI, without secrets', async () => {
    const api = await getApi();
    const seed = { name: 'Seeded demo', uri: 'http://127.0.0.1:19599', auth: 'password', username: 'root' };
    const count = (): number => api.profiles.list().filter((p) => p.name === seed.name).length;
    try {
      await vscode.workspace
        .getConfiguration('milvusAccessManager')
        .update('seedConnections', [seed], vscode.ConfigurationTarget.Global);
      await waitFor(() => count() > 0, 'the seed to be added');
      assert.equal(count(), 1);
      // Seeds are applied in order, one seeding at a time: once the marker after the duplicates is added, the
      // duplicates have been dealt with (no fixed wait that a slow machine could outlast).
      const marker = { ...seed, name: 'Seeded marker' };
      await vscode.workspace
        .getConfiguration('milvusAccessManager')
        .update('seedConnections', [seed, { ...seed }, marker], vscode.ConfigurationTarget.Global);
      await waitFor(() => api.profiles.list().some((p) => p.name === marker.name), 'the marker seed to be added');
      assert.equal(count(), 1, 'seeding is idempotent');
      const profile = api.profiles.list().find((p) => p.name === seed.name);
      assert.equal(profile?.username, 'root');
      if (!process.env.MILVUS_DEMO_PASSWORD_FILE) assert.equal(await api.vault.get(profile?.id ?? ''), undefined);
    } finally {
      await vscode.workspace
        .getConfiguration('milvusAccessManager')
        .update('seedConnections', undefined, vscode.ConfigurationTarget.Global);
      for (const p of api.profiles.list().filter((x) => x.name === seed.name || x.name === 'Seeded marker'))
        await removeConnection(p.id);
    }
  });

  test('a seed may set sessionOnly, askSecret and ruleProfile; a seed with a secret or a bad field is skipped, by path', async () => {
    const api = await getApi();
    const config = (): vscode.WorkspaceConfiguration => vscode.workspace.getConfiguration('milvusAccessManager');
    const session = {
      name: 'Seeded session',
      uri: 'http://127.0.0.1:19598',
      auth: 'password',
      username: 'root',
      sessionOnly: true,
      askSecret: true,
      ruleProfile: 'milvus-2.4',
    };
    const notASecret = 'Seeded-Pw-9zq';
    const seeds = [
      session,
      { name: 'Seeded with password', uri: 'http://127.0.0.1:19597', password: notASecret },
      { name: 'Seeded bad auth', uri: 'http://127.0.0.1:19596', auth: 'kerberos' },
    ];
    const skipped = [
      'seedConnections[1]: unknown field "password". This seed is skipped.',
      'seedConnections[2].auth: must be one of "none", "password" or "token". This seed is skipped.',
    ];
    const logged = (line: string): boolean => api.log.recent().some((l) => l.endsWith(line));
    try {
      await config().update('seedConnections', seeds, vscode.ConfigurationTarget.Global);
      for (let i = 0; i < 40 && !skipped.every(logged); i++) await new Promise((r) => setTimeout(r, 50));
      for (const line of skipped) assert.ok(logged(line), `${line}\n${api.log.recent().slice(-5).join('\n')}`);
      const profile = api.profiles.list().find((p) => p.name === session.name);
      assert.equal(profile?.sessionOnly, true);
      assert.equal(profile?.askSecret, true);
      assert.equal(profile?.ruleProfile, 'milvus-2.4');
      assert.ok(
        !JSON.stringify(api.globalState.get(PROFILES_KEY) ?? null).includes(session.name),
        'a session-only seed never reaches global state',
      );
      assert.deepEqual(
        api.profiles.list().filter((p) => p.name.startsWith('Seeded ') && p.name !== session.name),
        [],
      );
      assert.ok(!api.log.recent().some((l) => l.includes(notASecret)));
    } finally {
      await config().update('seedConnections', undefined, vscode.ConfigurationTarget.Global);
      for (const p of api.profiles.list().filter((x) => x.name.startsWith('Seeded '))) await removeConnection(p.id);
    }
  });
});
