// The starting point of the RBAC UI suites: a seeded test server, and a VS Code with a root connection to it added
// through the form. The suites that run in one process share one window, because a launch (window, workbench, extension
// host, our view) costs about 17 CPU seconds: scripts/test.sh runs those files in one process (E2E_ONE_WINDOW). Before
// the next suite, the window is taken back to what a fresh one shows: nothing open over it, no editor or notification,
// and no connection. It is closed after the process's last test. A suite that adds its connections itself takes the
// window from sharedWindow() and names each connection it added, so that the next suite removes them.
import { after } from 'node:test';
import type { Page } from 'playwright-core';
import { startMilvusTestServer, type RunningTestServer, type SeedData } from '../milvus-server';
import { launchVsCode, openOurView, runCommand, type VsCode } from './harness';
import { addConnection, answerModal, expand, pick } from './uiSteps';

export interface RootSession {
  server: RunningTestServer;
  vs: VsCode;
  /** Stops the test server; the window stays for the next suite of this process. */
  close(): Promise<void>;
}

/** The window this process's suites share, and the connections the last of them added to it. */
let shared: { vs: VsCode; connections: string[] } | undefined;

// At the top level, so a hook of the root test: it runs after every suite of the process.
after(async () => {
  await shared?.vs.close();
  shared = undefined;
});

/** The words of the Connections view's welcome (package.nls.json), shown when there is no connection. */
const NO_CONNECTION = 'No Milvus connection yet.';

/**
 * Removes `connections` the way a user does (Milvus: Remove Connection, the connection, then Remove in the modal) and
 * clears what the last suite may have left open, until the Connections view shows its welcome: any other connection left
 * behind fails here. Not through the context menu: the last suite stopped its test server, and a row that turns
 * "unreachable" meanwhile is drawn again under the pointer, which once took a right-click's menu away before its click.
 */
async function clearWindow(page: Page, connections: string[]): Promise<void> {
  await page.keyboard.press('Escape');
  await page.keyboard.press('Escape');
  await runCommand(page, 'View: Close All Editors');
  await runCommand(page, 'Notifications: Clear All Notifications');
  const pane = await openOurView(page);
  for (const connection of connections) {
    await runCommand(page, 'Milvus: Remove Connection');
    await pick(page, /connection to remove/, connection);
    await answerModal(page, 'Remove');
  }
  await pane.getByText(NO_CONNECTION).waitFor({ state: 'visible', timeout: 30_000 });
}

/**
 * The process's window, cleared of what the last suite left (a new window for the first suite), and `addedHere`: the
 * suite calls it with the name of each connection once it shows in the tree, so that the next suite removes them.
 */
export async function sharedWindow(): Promise<{ vs: VsCode; addedHere: (connection: string) => void }> {
  const previous = shared;
  shared = undefined; // a window whose clearing failed is not handed to the next suite
  let vs = previous?.vs;
  try {
    if (previous) await clearWindow(previous.vs.page, previous.connections);
    vs ??= await launchVsCode();
  } catch (error) {
    await vs?.close();
    throw error;
  }
  const connections: string[] = [];
  shared = { vs, connections };
  return { vs, addedHere: (connection) => connections.push(connection) };
}

/**
 * A seeded test server (auth on), and the process's window (a new one for its first suite) with a root connection to
 * the server added through the form and expanded, then `folder` expanded.
 */
export async function openRootSession(opts: {
  seed: SeedData;
  rootPassword: string;
  connection: string;
  folder: string;
}): Promise<RootSession> {
  const server = await startMilvusTestServer({
    port: 0,
    auth: true,
    rootPassword: opts.rootPassword,
    seed: opts.seed,
    quiet: true,
  });
  let vs: VsCode | undefined;
  try {
    const window = await sharedWindow();
    vs = window.vs;
    await openOurView(vs.page);
    await addConnection(vs.page, {
      name: opts.connection,
      uri: `http://${server.address}`,
      auth: 'password',
      username: 'root',
      password: opts.rootPassword,
    });
    window.addedHere(opts.connection);
    await expand(vs.page, opts.connection);
    await expand(vs.page, opts.folder);
    return { server, vs, close: () => server.stop() };
  } catch (error) {
    await vs?.close();
    shared = undefined; // a window whose set-up failed is not handed to the next suite
    await server.stop();
    throw error;
  }
}
