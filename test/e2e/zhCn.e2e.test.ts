// Simplified Chinese UI (issue 14, item 5): code-server in the zh-cn display language (see languagePack.ts for how,
// offline) shows the manifest's texts (view name, command titles) from package.nls.zh-cn.json and the runtime texts
// (tree, QuickPick, error) from l10n/bundle.l10n.zh-cn.json. English stays the default: every other e2e test runs in
// English and finds the English texts.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { REPO_ROOT } from '../../scripts/lib/codeServer';
import { startMilvusTestServer, type RunningTestServer } from '../milvus-server';
import { launchVsCode, openOurView, runCommand, webviewFrame, type VsCode } from './harness';
import {
  contextMenu,
  expand,
  pick,
  quickInputTitle,
  treeRow,
  waitForNotification,
  waitForQuickPick,
  withFailureShot,
} from './uiSteps';

const CONNECTION = 'Milvus 本地';
/** Saved with a password login but no stored password: connecting fails with our own sentence. */
const NO_SECRET = 'Milvus 无密码';

describe('e2e: the zh-cn display language', () => {
  let server: RunningTestServer;
  let vs: VsCode;
  before(async () => {
    server = await startMilvusTestServer({
      port: 0,
      seedFile: path.join(REPO_ROOT, 'scripts', 'demo-seed.json'),
      quiet: true,
    });
    const uri = `http://${server.address}`;
    vs = await launchVsCode({
      locale: 'zh-cn',
      seedConnections: [
        { name: CONNECTION, uri, database: 'default', auth: 'none', tls: { mode: 'off' } },
        { name: NO_SECRET, uri, database: 'default', auth: 'password', username: 'alice', tls: { mode: 'off' } },
      ],
    });
  });
  after(async () => {
    await vs?.close();
    await server?.stop();
  });

  test('the tree: view name, folders, a role and its sections in Chinese', () =>
    withFailureShot(vs, 'zh-cn-tree', async () => {
      const { page } = vs;
      await openOurView(page, /连接/);
      await expand(page, CONNECTION);
      await treeRow(page, '用户').waitFor({ state: 'visible', timeout: 60_000 });
      await treeRow(page, '权限组').waitFor({ state: 'visible' });
      await expand(page, '角色');
      await expand(page, 'writer');
      await treeRow(page, '成员（1）').waitFor({ state: 'visible' });
      await treeRow(page, '授权').waitFor({ state: 'visible' });
      await vs.screenshot('zh-cn-tree');
    }));

  test('a palette flow: Chinese command title, step title, placeholders and items', () =>
    withFailureShot(vs, 'zh-cn-grant', async () => {
      const { page } = vs;
      await runCommand(page, 'Milvus: 授予权限');
      await pick(page, /^选择连接/, CONNECTION);
      await pick(page, /^选择要授予权限的角色$/, 'reader');
      const levels = await waitForQuickPick(page, /^选择权限的级别$/);
      assert.deepEqual(levels, ['集群', '数据库', '集合']);
      assert.match(await quickInputTitle(page), /^授予权限/);
      await vs.screenshot('zh-cn-grant-level');
      await page.keyboard.press('Escape');
    }));

  test('an error in Chinese: connecting without a stored password says what to do', () =>
    withFailureShot(vs, 'zh-cn-error', async () => {
      const { page } = vs;
      await runCommand(page, 'Milvus: 连接');
      await pick(page, /^选择要打开的连接$/, NO_SECRET);
      const text = await waitForNotification(page, /没有为“Milvus 无密码”存储密码。/);
      // The problem and its remedy (core/remedies.ts) are both Chinese: no English sentence is left once the
      // connection's name is taken out, not even a run of two Latin words.
      assert.match(text, /^没有为“Milvus 无密码”存储密码。\s*请编辑连接并在其中输入。/);
      const prose = text.replaceAll(NO_SECRET, '');
      assert.doesNotMatch(prose, /[A-Za-z]{2,}[\s,.;:'’]+[A-Za-z]{2,}/, `English left in the toast: ${text}`);
    }));

  test('a report in Chinese: the role and the group a privilege comes through, and no English row text', () =>
    withFailureShot(vs, 'zh-cn-report', async () => {
      const { page } = vs;
      // An earlier test left Roles open, with bob as a member of writer: close it, so the only bob is the user.
      const roles = treeRow(page, '角色');
      if ((await roles.getAttribute('aria-expanded')) === 'true') await roles.locator('.monaco-tl-twistie').click();
      await expand(page, '用户');
      await contextMenu(treeRow(page, 'bob'), '查看有效权限');
      const report = webviewFrame(page);
      await report.locator('h1', { hasText: 'bob 的有效权限' }).waitFor({ timeout: 30_000 });
      assert.deepEqual(await report.locator('#rows th').allInnerTexts(), ['权限', '范围', '来源']);
      const cells = await report.locator('#rows td').allInnerTexts();
      assert.ok(cells.includes('writer（权限组 CollectionReadWrite）'), cells.join(' | '));
      assert.deepEqual(
        cells.filter((cell) => /\(group |all privileges|collection |database /.test(cell)),
        [],
        'English left in the rows',
      );
      await vs.screenshot('zh-cn-effective-privileges');
    }));
});
