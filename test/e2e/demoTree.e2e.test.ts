// What `npm start` promises, end to end: a seeded connection (password from the mode-600 file MILVUS_DEMO_PASSWORD_FILE
// names, never in settings) to a test server with the demo data shows that server's users and roles in the tree, and
// the password is in no command line or environment of code-server or anything it started (terminals inherit those).
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { startMilvusTestServer, type RunningTestServer } from '../milvus-server';
import { REPO_ROOT } from '../../scripts/lib/codeServer';
import { launchVsCode, notification, openOurView, treeItem, type VsCode } from './harness';
import { processesExposing } from './processSecrets';

const ROOT_PASSWORD = 'Demo-root-e2e-1';

async function expand(page: Page, label: RegExp): Promise<void> {
  const item = treeItem(page, label);
  await item.waitFor({ state: 'visible', timeout: 30_000 });
  if ((await item.getAttribute('aria-expanded')) !== 'true') await item.locator('.monaco-tl-twistie').click();
}

describe("e2e: the demo connection shows the server's users and roles", () => {
  let server: RunningTestServer;
  let vs: VsCode;
  let secretDir: string;
  before(async () => {
    secretDir = fs.mkdtempSync(path.join(os.tmpdir(), 'mam-e2e-demo-'));
    const passwordFile = path.join(secretDir, 'demo-password');
    fs.writeFileSync(passwordFile, ROOT_PASSWORD, { mode: 0o600 });
    server = await startMilvusTestServer({
      port: 0,
      auth: true,
      rootPassword: ROOT_PASSWORD,
      seedFile: path.join(REPO_ROOT, 'scripts', 'demo-seed.json'),
      quiet: true,
    });
    vs = await launchVsCode({
      seedConnections: [
        {
          name: 'Demo Milvus (test server)',
          uri: `http://${server.address}`,
          database: 'default',
          auth: 'password',
          username: 'root',
          tls: { mode: 'off' },
        },
      ],
      env: { MILVUS_DEMO_PASSWORD_FILE: passwordFile },
    });
  });
  after(async () => {
    await vs?.close();
    await server?.stop();
    if (secretDir) fs.rmSync(secretDir, { recursive: true, force: true });
  });

  test('expanding the connection lists alice..dave under Users and reader/writer/dba under Roles', async () => {
    const { page } = vs;
    await openOurView(page);
    await treeItem(page, /Demo Milvus \(test server\)/).waitFor({ timeout: 30_000 });
    // Click like a person, not at once: an instant click hid a refresh race once the extension had settled
    // ("Element with id conn:…/users is already registered", Users stayed empty).
    await page.waitForTimeout(2_000);
    try {
      await expand(page, /Demo Milvus \(test server\)/);
      await expand(page, /^Users/);
      for (const user of ['alice', 'bob', 'carol', 'dave'])
        await treeItem(page, new RegExp(`^${user}\\b`)).waitFor({ timeout: 30_000 });
      await expand(page, /^Roles/);
      for (const role of ['reader', 'writer', 'dba'])
        await treeItem(page, new RegExp(`^${role}\\b`)).waitFor({ timeout: 30_000 });
    } finally {
      await vs.screenshot('demo-tree');
    }
    assert.equal(await notification(page, /error|failed|already registered/i).count(), 0, 'no error notification');
    const settings = fs.readFileSync(path.join(vs.userDataDir, 'User', 'settings.json'), 'utf8');
    assert.ok(!settings.includes(ROOT_PASSWORD), 'the password is not in settings.json');
    const { checked, hits } = processesExposing(vs.codeServerPid, ROOT_PASSWORD);
    assert.ok(checked >= 4, `code-server and its extension host were checked (${checked} files)`);
    assert.deepEqual(hits, [], 'the password is in a command line or environment under code-server');
  });
});
