// Faults as the user meets them: a dead server, a restart mid-session, a slow server (timeout and Cancel), credentials
// that stop working while connected, and TLS mistakes. Each test asserts the message the user is shown (the command's
// error notification, which the registry also leaves in commandErrors.last, or the tree's message node) and that the
// saved profile and its secret survive.
import assert from 'node:assert/strict';
import path from 'node:path';
import * as vscode from 'vscode';
import type { ConnectionProfile, ConnectionSecret } from '../../../src/core/types';
import type { MilvusAccessManagerApi } from '../../../src/extension';
import type { ProfileInput } from '../../../src/storage/profileStore';
import type { TreeNode } from '../../../src/tree/nodes/treeNode';
import { makeCerts, type TestCerts } from '../../fixtures/certs';
import type { RunningTestServer } from '../../milvus-server';
import {
  addConnection,
  childByLabel,
  CMD,
  deadPort,
  getApi,
  label,
  newSecret,
  removeConnection,
  rootProfile,
  setSetting,
  sleep,
  startServer,
  waitFor,
} from './extensionHelpers';
import { serverSuite } from './rbacHelpers';

suite('faults: what the user sees when the server or the credentials fail', () => {
  let api: MilvusAccessManagerApi;
  let server: RunningTestServer;
  let rootPassword: string;
  let rootId: string;

  const opsPassword = newSecret('Ops');
  const fixture = serverSuite({
    superUsers: ['root'],
    seed: {
      users: [
        { name: 'ops', password: opsPassword, roles: ['admin'] },
        { name: 'temp', password: opsPassword, roles: ['admin'] },
      ],
    },
  });
  const { created } = fixture;

  suiteSetup(async () => {
    ({ api, server, rootPassword } = fixture);
    rootId = (await add(rootProfile(server, 'Faults admin'), { password: rootPassword })).id;
  });

  suiteTeardown(async () => {
    await setSetting('requestTimeoutMs', undefined);
  });

  async function add(profile: ProfileInput, secret?: ConnectionSecret): Promise<ConnectionProfile> {
    const saved = await addConnection(profile, secret);
    created.push(saved.id);
    return saved;
  }

  function lastMessage(): string | undefined {
    return api.commandErrors.last?.message;
  }

  /** Runs a command the way a menu would, and returns its result and the message it showed (if it failed). */
  async function run(command: string, args: unknown): Promise<{ result: unknown; message: string | undefined }> {
    api.commandErrors.last = undefined;
    const result = await vscode.commands.executeCommand(command, args);
    const failure = api.commandErrors.last as { command: string; message: string } | undefined;
    if (failure) assert.equal(failure.command, command);
    return { result, message: failure?.message };
  }

  /** The profile is unchanged and the secret is still stored. */
  async function assertKept(profile: ConnectionProfile, secret: ConnectionSecret): Promise<void> {
    assert.deepEqual(api.profiles.get(profile.id), profile, 'the saved profile changed or vanished');
    assert.deepEqual(
      await api.vault.get(profile.id, profile.sessionOnly),
      secret,
      'the stored secret changed or vanished',
    );
  }

  /** The labels of a node's children after a refresh of it (what the user sees on "Refresh"). */
  async function refreshed(node: TreeNode): Promise<string[]> {
    api.tree.refresh(node);
    return (await api.tree.getChildren(node)).map((c) => label(api, c));
  }

  async function usersFolder(id: string): Promise<TreeNode> {
    const connection = api.tree.connectionNode(id);
    assert.ok(connection);
    return childByLabel(api, connection, 'Users');
  }

  test('server not running: "cannot reach" with what to check; profile and secret kept', async () => {
    const port = await deadPort();
    const secret = { password: rootPassword };
    const profile = await add({ ...rootProfile(server, 'Fault dead port'), uri: `http://127.0.0.1:${port}` }, secret);
    const { result, message } = await run(CMD.connect, { id: profile.id });
    assert.equal(result, undefined);
    assert.equal(
      message,
      `Cannot reach Milvus at 127.0.0.1:${port}. Check that the server is running and that the address, port and TLS setting are right.`,
    );
    assert.equal(api.connections.status(profile.id).state, 'unreachable');
    const connection = api.tree.connectionNode(profile.id);
    assert.ok(connection);
    assert.deepEqual(
      (await api.tree.getChildren(connection)).map((c) => label(api, c)),
      [`${message} Refresh to try again.`],
    );
    await assertKept(profile, secret);
  });

  test('server stopped and restarted mid-session: the tree shows the outage, then recovers on refresh', async () => {
    const secret = { password: rootPassword };
    const profile = await add(rootProfile(server, 'Fault restart'), secret);
    assert.ok(await vscode.commands.executeCommand(CMD.connect, { id: profile.id }));
    const folder = await usersFolder(profile.id);
    assert.ok((await refreshed(folder)).includes('ops'));

    // The folder node is taken before the stop: the channel watch may flag the connection unreachable at once.
    await server.stop();
    let outage: string[];
    try {
      outage = await refreshed(folder);
    } finally {
      await server.start();
    }
    assert.deepEqual(outage, [
      `Cannot reach Milvus at ${server.address}. Check that the server is running and that the address, port and TLS setting are right.`,
    ]);
    assert.equal(api.connections.isConnected(profile.id), false, 'the broken client was dropped');

    // One refresh of the connection (the view's refresh button) is enough: it reconnects and lists the users again.
    const { result, message } = await run(CMD.refresh, { id: profile.id });
    assert.equal(message, undefined);
    assert.equal(result, undefined);
    const users = await api.tree.getChildren(await usersFolder(profile.id));
    assert.deepEqual(
      users.map((u) => label(api, u)),
      ['ops', 'root', 'temp'],
    );
    assert.equal(api.connections.status(profile.id).state, 'connected');
    await assertKept(profile, secret);
  });

  test('every RPC slower than the timeout: connect settles with a clear timeout message', async () => {
    const secret = { password: rootPassword };
    const profile = await add(rootProfile(server, 'Fault slow connect'), secret);
    await setSetting('requestTimeoutMs', 1500);
    server.setLatency(4000);
    try {
      const { result, message } = await run(CMD.connect, { id: profile.id });
      assert.equal(result, undefined);
      assert.equal(
        message,
        `Milvus at ${server.address} did not answer within 1500 ms. Check the network and the server, or raise the request timeout.`,
      );
      assert.equal(api.connections.status(profile.id).state, 'failed');
    } finally {
      server.setLatency(0);
      await setSetting('requestTimeoutMs', undefined);
    }
    await assertKept(profile, secret);
    // The next try, with the server fast again, connects.
    const info = await vscode.commands.executeCommand<{ user?: string }>(CMD.connect, { id: profile.id });
    assert.equal(info?.user, 'root', lastMessage());
  });

  test('a server that turns slow while connected: the tree says so, and recovers on refresh', async () => {
    const secret = { password: rootPassword };
    const profile = await add(rootProfile(server, 'Fault slow list'), secret);
    await setSetting('requestTimeoutMs', 1500);
    assert.ok(await vscode.commands.executeCommand(CMD.connect, { id: profile.id }));
    const users = await usersFolder(profile.id);
    server.setLatency(4000);
    let slow: string[];
    try {
      slow = await refreshed(users);
    } finally {
      server.setLatency(0);
    }
    await setSetting('requestTimeoutMs', undefined);
    assert.deepEqual(slow, [
      `Milvus at ${server.address} did not answer within 1500 ms. Check the network and the server, or raise the request timeout.`,
    ]);
    await vscode.commands.executeCommand(CMD.refresh, { id: profile.id });
    assert.deepEqual(
      (await api.tree.getChildren(await usersFolder(profile.id))).map((u) => label(api, u)),
      ['ops', 'root', 'temp'],
    );
    await assertKept(profile, secret);
  });

  test('Cancel on the "Connecting…" notification ends the command at once; the next connect starts afresh', async () => {
    const secret = { password: rootPassword };
    const profile = await add(rootProfile(server, 'Fault cancel'), secret);
    await setSetting('requestTimeoutMs', 4000);
    server.setLatency(8000);
    try {
      await vscode.commands.executeCommand('notifications.clearAll');
      api.commandErrors.last = undefined;
      let settled = false;
      const pending = Promise.resolve(vscode.commands.executeCommand(CMD.connect, { id: profile.id })).finally(() => {
        settled = true;
      });
      await waitFor(() => api.connections.status(profile.id).state === 'connecting', 'the connect attempt to start');
      // The progress notification is the newest one; its primary action is Cancel. Press it (as a user would) until
      // the command settles: the notification reaches the workbench a moment after the command starts.
      for (let i = 0; i < 40 && !settled; i++) {
        await vscode.commands.executeCommand('notification.acceptPrimaryAction');
        await Promise.race([pending, sleep(100)]);
      }
      assert.equal(await pending, undefined);
      // Had Cancel not worked, the command would have ended with the timeout message instead.
      assert.equal(lastMessage(), undefined, 'the command failed instead of being cancelled');
      assert.equal(api.connections.status(profile.id).state, 'disconnected');
      assert.equal(api.connections.isConnected(profile.id), false);
    } finally {
      server.setLatency(0);
    }
    // Not joined to the abandoned attempt (which is still waiting for its slow answer): a new, fast one.
    const info = await vscode.commands.executeCommand<{ user?: string }>(CMD.connect, { id: profile.id });
    await setSetting('requestTimeoutMs', undefined);
    assert.equal(info?.user, 'root', lastMessage());
    await assertKept(profile, secret);
  });

  test('wrong password: the message says so and how to fix it; profile and secret kept', async () => {
    const secret = { password: newSecret('WrongPw') };
    const profile = await add(rootProfile(server, 'Fault wrong password'), secret);
    const { result, message } = await run(CMD.connect, { id: profile.id });
    assert.equal(result, undefined);
    assert.equal(
      message,
      `Wrong username or password for root@${server.address}. Edit the connection to fix the credentials.`,
    );
    await assertKept(profile, secret);
  });

  test('password changed by someone else while connected: the next action asks to update the stored password', async () => {
    const secret = { password: opsPassword };
    const profile = await add(rootProfile(server, 'Fault changed password', { username: 'ops' }), secret);
    assert.ok(await vscode.commands.executeCommand(CMD.connect, { id: profile.id }));
    assert.ok((await refreshed(await usersFolder(profile.id))).includes('ops'));

    // Another administrator (a separate client, logged in as root) resets ops's password.
    const newPassword = newSecret('OpsNew');
    await api.connections.run(rootId, (admin) => admin.updatePassword('ops', undefined, newPassword));

    const expected = `Wrong username or password for ops@${server.address}. Edit the connection to fix the credentials.`;
    assert.deepEqual(await refreshed(await usersFolder(profile.id)), [expected]);
    assert.equal(api.connections.isConnected(profile.id), false, 'the refused client was dropped');
    const { message } = await run(CMD.connect, { id: profile.id });
    assert.equal(message, expected);
    await assertKept(profile, secret);

    // Doing what the message says works.
    await vscode.commands.executeCommand(CMD.edit, { id: profile.id, secret: { password: newPassword } });
    const info = await vscode.commands.executeCommand<{ user?: string }>(CMD.connect, { id: profile.id });
    assert.equal(info?.user, 'ops', lastMessage());
  });

  test('user dropped while connected: the next action reports the refused login; profile and secret kept', async () => {
    const secret = { password: opsPassword };
    const profile = await add(rootProfile(server, 'Fault dropped user', { username: 'temp' }), secret);
    assert.ok(await vscode.commands.executeCommand(CMD.connect, { id: profile.id }));
    assert.ok((await refreshed(await usersFolder(profile.id))).includes('temp'));

    await api.connections.run(rootId, (admin) => admin.dropUser('temp'));

    const expected = `Wrong username or password for temp@${server.address}. Edit the connection to fix the credentials.`;
    assert.deepEqual(await refreshed(await usersFolder(profile.id)), [expected]);
    const { message } = await run(CMD.connect, { id: profile.id });
    assert.equal(message, expected);
    await assertKept(profile, secret);
  });
});

suite('faults: TLS mistakes', () => {
  let api: MilvusAccessManagerApi;
  let certs: TestCerts;
  let otherCerts: TestCerts;
  let tlsServer: RunningTestServer;
  let plainServer: RunningTestServer;
  let rootPassword: string;
  const created: string[] = [];

  suiteSetup(async () => {
    api = await getApi();
    certs = makeCerts();
    otherCerts = makeCerts();
    ({ server: tlsServer, rootPassword } = await startServer({
      tls: { mode: 1, certPath: certs.serverCert, keyPath: certs.serverKey },
    }));
    ({ server: plainServer } = await startServer({ rootPassword }));
  });

  suiteTeardown(async () => {
    for (const id of created) await removeConnection(id);
    await tlsServer?.stop();
    await plainServer?.stop();
    for (const c of [certs, otherCerts]) c?.remove();
  });

  /** Adds a connection with `tls`, runs Connect, and returns the message shown; asserts profile and secret are kept. */
  async function connectMessage(
    name: string,
    server: RunningTestServer,
    tls: ProfileInput['tls'],
    scheme = 'https',
  ): Promise<string> {
    const secret = { password: rootPassword };
    const profile = await addConnection(
      rootProfile(server, name, { uri: `${scheme}://${server.address}`, tls }),
      secret,
    );
    created.push(profile.id);
    api.commandErrors.last = undefined;
    const result = await vscode.commands.executeCommand(CMD.connect, { id: profile.id });
    assert.equal(result, undefined, `${name} connected`);
    const message = (api.commandErrors.last as { message: string } | undefined)?.message;
    assert.ok(message, `${name}: no message shown`);
    assert.deepEqual(api.profiles.get(profile.id), profile);
    assert.deepEqual(await api.vault.get(profile.id), secret);
    return message;
  }

  test('missing CA file: the message names the file', async () => {
    const missing = path.join(certs.dir, 'no-such-ca.pem');
    const message = await connectMessage('TLS missing CA', tlsServer, { mode: 'oneWay', caPath: missing });
    assert.equal(message, `The CA certificate file "${missing}" does not exist. Edit the connection's TLS settings.`);
  });

  test('missing client certificate file: the message names the file', async () => {
    const missing = path.join(certs.dir, 'no-such-client.pem');
    const message = await connectMessage('TLS missing cert', tlsServer, {
      mode: 'mutual',
      caPath: certs.ca,
      certPath: missing,
      keyPath: certs.clientKey,
    });
    assert.equal(
      message,
      `The client certificate file "${missing}" does not exist. Edit the connection's TLS settings.`,
    );
  });

  test('missing client key file: the message names the file', async () => {
    const missing = path.join(certs.dir, 'no-such-client.key');
    const message = await connectMessage('TLS missing key', tlsServer, {
      mode: 'mutual',
      caPath: certs.ca,
      certPath: certs.clientCert,
      keyPath: missing,
    });
    assert.equal(message, `The client key file "${missing}" does not exist. Edit the connection's TLS settings.`);
  });

  test('wrong CA: the handshake failure says the certificate is not from a trusted CA', async () => {
    const message = await connectMessage('TLS wrong CA', tlsServer, { mode: 'oneWay', caPath: otherCerts.ca });
    assert.match(
      message,
      new RegExp(`^The TLS handshake with Milvus at ${tlsServer.address.replace(/\./g, '\\.')} failed \\(.+\\)\\. `),
    );
    assert.ok(
      message.endsWith("The server's certificate is not signed by a trusted CA: select the CA file that issued it."),
      message,
    );
  });

  test('plain-text client against a TLS server: the message points at the TLS setting', async () => {
    const message = await connectMessage('TLS plain client', tlsServer, { mode: 'off' }, 'http');
    assert.equal(
      message,
      `Cannot reach Milvus at ${tlsServer.address}. Check that the server is running and that the address, port and TLS setting are right.`,
    );
  });

  test('TLS client against a plain-text server: the message says to turn TLS off', async () => {
    const message = await connectMessage('TLS to plain server', plainServer, { mode: 'oneWay', caPath: certs.ca });
    assert.match(
      message,
      new RegExp(`^The TLS handshake with Milvus at ${plainServer.address.replace(/\./g, '\\.')} failed \\(.+\\)\\. `),
    );
    assert.ok(
      message.endsWith('The server does not speak TLS on this port: turn TLS off, or check the port.'),
      message,
    );
  });
});
