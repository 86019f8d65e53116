// Compare with Server in a real VS Code UI (issue 13): open a *.milvus-rbac.json file of the workspace, click the diff
// action in its title bar, pick the connection, and VS Code's diff editor shows the server's model on the left and the
// file on the right.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import type { VsCode } from './harness';
import { contextMenu, pick, treeRow, waitForNotification, withFailureShot } from './uiSteps';
import { openRootSession, type RootSession } from './rootSession';

const CONNECTION = 'E2E Compare';
const ROOT_PASSWORD = 'Compare-root-e2e-7';
const FILE = 'team.milvus-rbac.json';

function rbacFile(roles: string[]): string {
  const doc = {
    format: 'milvus-access-manager/rbac',
    version: 1,
    exportedAt: '2026-01-01T00:00:00.000Z',
    source: { address: 'http://127.0.0.1:19530', serverVersion: 'v2.6.19' },
    roles: roles.map((name) => ({ name })),
    privilegeGroups: [],
    grants: [],
    userRoles: [],
  };
  return `${JSON.stringify(doc, null, 2)}\n`;
}

describe('e2e: Compare with Server opens the diff editor with both sides', () => {
  let session: RootSession | undefined;
  let vs: VsCode;
  before(async () => {
    session = await openRootSession({
      seed: { roles: ['shared', 'server_only'] },
      rootPassword: ROOT_PASSWORD,
      connection: CONNECTION,
      folder: 'Roles',
    });
    vs = session.vs;
    fs.writeFileSync(path.join(vs.workspaceDir, FILE), rbacFile(['file_only', 'shared']));
  });
  after(async () => {
    await session?.close();
  });

  test('the file’s title-bar diff action, then the connection: server left, file right', () =>
    withFailureShot(vs, 'rbac-compare', async () => {
      const { page } = vs;
      // Quick Open the file by name (the palette without ">").
      await page.keyboard.press('F1');
      const input = page.locator('.quick-input-widget input.input');
      await input.waitFor({ state: 'visible' });
      await input.fill(FILE);
      const row = page.locator('.quick-input-list .monaco-list-row', { hasText: FILE }).first();
      await row.waitFor({ state: 'visible', timeout: 30_000 });
      await page.keyboard.press('Enter');
      await page.locator('.tab', { hasText: FILE }).first().waitFor({ state: 'visible', timeout: 30_000 });

      const action = page.locator('.editor-actions .action-label[aria-label*="Compare with Server"]').first();
      await action.waitFor({ state: 'visible', timeout: 30_000 });
      await action.click();
      await pick(page, /Select the connection to compare the file with/, CONNECTION);

      const diff = page.locator('.monaco-diff-editor').first();
      await diff.waitFor({ state: 'visible', timeout: 30_000 });
      const original = diff.locator('.editor.original .view-lines');
      const modified = diff.locator('.editor.modified .view-lines');
      await original.filter({ hasText: 'server_only' }).waitFor({ timeout: 30_000 });
      const left = (await original.innerText()).replace(/\u00a0/g, ' ');
      const right = (await modified.innerText()).replace(/\u00a0/g, ' ');
      assert.match(left, /"format": "milvus-access-manager\/rbac"/);
      assert.match(left, /"name": "server_only"/);
      assert.doesNotMatch(left, /file_only/);
      assert.match(right, /"name": "file_only"/);
      assert.doesNotMatch(right, /server_only/);
      const tab = page.locator('.tab.active').first();
      assert.match((await tab.innerText()).replace(/\s+/g, ' '), /E2E Compare \(server\) ↔ team\.milvus-rbac\.json/);
      await vs.screenshot('rbac-compare-with-server');
    }));

  test('Export RBAC suggests <connection>.milvus-rbac.json, so the export gets the schema and the Compare button', () =>
    withFailureShot(vs, 'rbac-export-name', async () => {
      const { page } = vs;
      await contextMenu(treeRow(page, CONNECTION), 'Export RBAC to File');
      // code-server's save dialog is a quick input holding the suggested path.
      const input = page.locator('.quick-input-widget input.input');
      await page
        .locator('.quick-input-widget', { hasText: /Export the RBAC of E2E Compare/ })
        .waitFor({ state: 'visible', timeout: 30_000 });
      // The dialog shows the folder first and fills in the file name a moment later (CI once read the folder alone).
      const name = /\/E2E-Compare\.milvus-rbac\.json$/;
      let suggested = await input.inputValue();
      for (const deadline = Date.now() + 10_000; !name.test(suggested) && Date.now() < deadline;) {
        await page.waitForTimeout(100);
        suggested = await input.inputValue();
      }
      assert.match(suggested, name, `suggested: ${suggested}`);
      await page.keyboard.press('Enter');
      await waitForNotification(page, /Exported .* to E2E-Compare\.milvus-rbac\.json/);
      assert.ok(fs.existsSync(path.join(vs.workspaceDir, 'E2E-Compare.milvus-rbac.json')));
    }));
});
