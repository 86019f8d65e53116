// A server that goes away while connected: Refresh finds out with a short health check instead of leaving the
// connection green, an idle connection notices by itself, and the user reads a sentence, never grpc-js's text.
// No timing is asserted: a short deadline is shown by a server that answers after 2.1 s (well within the request
// timeout) counting as unreachable, and "no retry" by one injected UNAVAILABLE answer being enough.
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { MilvusAccessManagerApi } from '../../../src/extension';
import type { RunningTestServer } from '../../milvus-server';
import { addConnection, CMD, item, label, rootProfile, waitFor } from './extensionHelpers';
import { serverSuite } from './rbacHelpers';

/** Texts grpc-js writes that must never reach a user. */
const RAW_GRPC = /Resolution note|No connection established|UNAVAILABLE|Deadline exceeded|ECONNREFUSED|LB pick/;

suite('health: a server that goes away', () => {
  let api: MilvusAccessManagerApi;
  let server: RunningTestServer;
  let rootPassword: string;
  const fixture = serverSuite();
  const { created } = fixture;
  suiteSetup(() => {
    ({ api, server, rootPassword } = fixture);
  });

  async function connected(name: string): Promise<string> {
    const profile = await addConnection(rootProfile(server, name), { password: rootPassword });
    created.push(profile.id);
    const info = await vscode.commands.executeCommand<{ user?: string }>(CMD.connect, { id: profile.id });
    assert.equal(info?.user, 'root', api.commandErrors.last?.message);
    return profile.id;
  }

  /** Runs Refresh on the connection as its inline button does; returns how long it took (reported, not asserted). */
  async function refresh(id: string): Promise<number> {
    api.commandErrors.last = undefined;
    const started = Date.now();
    await vscode.commands.executeCommand(CMD.refresh, { id });
    const elapsed = Date.now() - started;
    assert.equal(api.commandErrors.last, undefined, 'Refresh itself failed');
    return elapsed;
  }

  /** What the tree and the status bar show for an unreachable connection, and that none of it is grpc-js's text. */
  async function assertShownUnreachable(id: string, message: RegExp): Promise<void> {
    const status = api.connections.status(id);
    assert.equal(status.state, 'unreachable');
    assert.equal(api.connections.isConnected(id), false, 'the dead client was kept');
    assert.match(status.error?.message ?? '', message);
    const node = api.tree.connectionNode(id) ?? assert.fail('no node');
    const shown = item(api, node);
    assert.equal(shown.description, 'unreachable');
    assert.equal((shown.iconPath as vscode.ThemeIcon).id, 'debug-disconnect');
    assert.equal(shown.contextValue, 'disconnectedConnection', 'Connect is offered');
    const children = (await api.tree.getChildren(node)).map((c) => label(api, c));
    assert.equal(children.length, 1);
    assert.match(children[0], message);
    // The status bar shows the active connection's state and last error.
    assert.equal(api.connections.active?.profile.id, id);
    assert.equal(api.connections.active?.status.state, 'unreachable');
    const tooltip = (shown.tooltip as vscode.MarkdownString).value;
    for (const text of [status.error?.message ?? '', children[0], tooltip]) assert.doesNotMatch(text, RAW_GRPC);
  }

  async function assertRecovers(id: string): Promise<void> {
    await refresh(id);
    assert.equal(api.connections.status(id).state, 'connected', api.connections.status(id).error?.message);
    const node = api.tree.connectionNode(id) ?? assert.fail('no node');
    assert.deepEqual((await api.tree.getChildren(node)).map((c) => label(api, c)).slice(0, 2), ['Users', 'Roles']);
  }

  test('Refresh after the server stopped shows the connection unreachable when it returns; after the restart it reconnects', async () => {
    const id = await connected('Health refresh');
    await server.stop();
    let elapsed: number;
    try {
      elapsed = await refresh(id);
      await assertShownUnreachable(id, /^Cannot reach Milvus at 127\.0\.0\.1:\d+\. Check that the server is running/);
      // The raw text is kept for whoever reads the log.
      assert.ok(
        api.log.recent().some((line) => line.includes('ECONNREFUSED')),
        'the transport text is not in the log',
      );
    } finally {
      await server.start();
    }
    console.log(`      refresh after the server stopped returned in ${elapsed} ms`);
    await assertRecovers(id);
  });

  test('the health check is one short call: a single UNAVAILABLE answer, or an answer after 2.1 s, is unreachable', async () => {
    const id = await connected('Health short');
    server.resetRpcCounts();
    server.failNext(1);
    await refresh(id);
    assert.deepEqual(server.rpcCounts(), { GetVersion: 1 }, 'the health check was retried');
    await assertShownUnreachable(id, /^Cannot reach Milvus at /);
    await assertRecovers(id);

    // The request timeout is 15 s; the health check's deadline must be far shorter than 2.1 s to fail here.
    server.setLatency(2100);
    try {
      await refresh(id);
      await assertShownUnreachable(
        id,
        /did not answer a health check within \d+ ms\. Check that the server is running and reachable/,
      );
    } finally {
      server.setLatency(0);
    }
    await assertRecovers(id);
  });

  test('an idle connection notices the stopped server by itself; Refresh after the restart reconnects', async () => {
    const id = await connected('Health idle');
    await server.stop();
    try {
      // A generous ceiling, not a speed requirement: the channel watch (or keepalive) must flag it without any action.
      await waitFor(
        () => api.connections.status(id).state === 'unreachable',
        'the idle connection to be flagged',
        20_000,
      );
      await assertShownUnreachable(id, /^Cannot reach Milvus at /);
    } finally {
      await server.start();
    }
    await assertRecovers(id);
  });
});
