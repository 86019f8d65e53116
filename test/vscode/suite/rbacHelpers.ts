// Shared by the user, role, privilege and privilege-group suites: the suite set-up, running a command the way a test
// does, reading the server's state through the extension's own facade, and answering confirmations.
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { AdminApi } from '../../../src/core/adminApi';
import type { ConnectionProfile } from '../../../src/core/types';
import type { MilvusAccessManagerApi } from '../../../src/extension';
import type { RunningTestServer, TestServerOptions } from '../../milvus-server';
import { addConnection, getApi, removeConnection, rootProfile, startServer } from './extensionHelpers';

// A table of plain strings (no other imports), so loading it here adds no second copy of the extension's runtime code.
export { COMMANDS, RBAC_COMMANDS } from '../../../src/commands/kit/ids';

export interface RbacSuite {
  api: MilvusAccessManagerApi;
  milvus: RunningTestServer;
  rootPassword: string;
  root: ConnectionProfile;
  read: ReturnType<typeof server>;
}

export interface ServerSuite {
  api: MilvusAccessManagerApi;
  server: RunningTestServer;
  rootPassword: string;
  /** Connections the suite adds; the teardown removes them. */
  created: string[];
}

/**
 * Registers the suiteSetup and suiteTeardown of a suite that needs its own test server (authentication on, a fresh
 * root password, `options`) and returns its fixture, filled in once suiteSetup ran. The teardown lifts injected
 * latency, stops answering confirmations, removes the connections in `created` and stops the server.
 */
export function serverSuite(options: TestServerOptions = {}): ServerSuite {
  const fixture = { created: [] as string[] } as ServerSuite;
  suiteSetup(async () => {
    fixture.api = await getApi();
    Object.assign(fixture, await startServer(options));
  });
  suiteTeardown(async () => {
    fixture.server?.setLatency(0);
    if (fixture.api) fixture.api.confirmations.responder = undefined;
    for (const id of fixture.created) await removeConnection(id);
    await fixture.server?.stop();
  });
  return fixture;
}

/**
 * serverSuite() plus a root connection named `name`, and every confirmation answered with Cancel until a test says
 * otherwise. Connections a test adds go into `created`, so the teardown removes them too.
 */
export function rbacSuite(name: string, options: TestServerOptions): RbacSuite & ServerSuite {
  const fixture = serverSuite(options) as RbacSuite & ServerSuite;
  suiteSetup(async () => {
    fixture.milvus = fixture.server;
    fixture.root = await addConnection(rootProfile(fixture.server, name), { password: fixture.rootPassword });
    fixture.created.push(fixture.root.id);
    answer(fixture.api, undefined);
    fixture.read = server(fixture.api, fixture.root.id);
  });
  return fixture;
}

/** Runs a command; a failed command resolves undefined and leaves its message in commandErrors.last. */
export async function run<T>(api: MilvusAccessManagerApi, command: string, arg?: unknown): Promise<T | undefined> {
  api.commandErrors.last = undefined;
  return vscode.commands.executeCommand<T | undefined>(command, arg);
}

/** Runs a command that must succeed. */
export async function ok<T>(api: MilvusAccessManagerApi, command: string, arg?: unknown): Promise<T> {
  const result = await run<T>(api, command, arg);
  assert.equal(api.commandErrors.last, undefined, `${command} failed: ${api.commandErrors.last?.message}`);
  assert.notEqual(result, undefined, `${command} resolved undefined`);
  return result as T;
}

/** Runs a command that must fail; returns its error message. */
export async function fails(
  api: MilvusAccessManagerApi,
  command: string,
  arg: unknown,
  pattern?: RegExp,
): Promise<string> {
  const result = await run(api, command, arg);
  assert.equal(result, undefined, `${command} should have failed`);
  const message = api.commandErrors.last?.message;
  assert.ok(message, `${command} resolved undefined without an error`);
  if (pattern) assert.match(message, pattern);
  return message;
}

/** The server's state, read through the extension's facade on a connection. */
export function server(
  api: MilvusAccessManagerApi,
  id: string,
): <T>(read: (admin: AdminApi) => Promise<T>) => Promise<T> {
  return (read) => api.connections.run(id, read);
}

/** Calls to `method` while `action` runs. */
export async function countCalls(
  test: RunningTestServer,
  method: string,
  action: () => Promise<unknown>,
): Promise<number> {
  test.resetRpcCounts();
  await action();
  return test.rpcCounts()[method] ?? 0;
}

/**
 * Answers every modal with `reply` (undefined = Cancel) and, when `reply` is an action, the typed-name step with the
 * name it asks for; returns the questions asked from now on (a typed-name step as "... [type: <name>]").
 */
export function answer(api: MilvusAccessManagerApi, reply: string | undefined): string[] {
  const asked: string[] = [];
  api.confirmations.responder = (q) => {
    if (q.typeName !== undefined) {
      asked.push(`${q.message} [type: ${q.typeName}]`);
      return reply === undefined ? undefined : q.typeName;
    }
    asked.push(`${q.message} ${q.detail ?? ''} [${q.actions.join('|')}]`);
    return reply;
  };
  return asked;
}

/**
 * Runs a command the palette way (without the fields it asks for) and presses Enter on every QuickPick it shows, which
 * accepts the highlighted item (or, in a multi-select, the checked ones); resolves with the command's result.
 */
export async function acceptPicks<T>(command: string, arg: unknown): Promise<T | undefined> {
  let done = false;
  const pending = Promise.resolve(vscode.commands.executeCommand<T | undefined>(command, arg)).finally(
    () => (done = true),
  );
  for (let tries = 0; !done && tries < 100; tries++) {
    await new Promise((r) => setTimeout(r, 150));
    if (!done) await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
  }
  return pending;
}
