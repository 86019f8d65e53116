import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launchVsCode, openOurView, type VsCode } from './harness';

describe('e2e smoke: the VSIX installs and its view opens in code-server', () => {
  let vs: VsCode;
  before(async () => {
    vs = await launchVsCode();
  });
  after(async () => {
    await vs?.close();
  });

  test('our Connections view shows its welcome content or the connection tree', async () => {
    const pane = await openOurView(vs.page);
    const content = pane.locator('.welcome-view-content, [role="treeitem"]').first();
    await content.waitFor({ state: 'visible', timeout: 30_000 });
    await vs.screenshot('smoke-our-view');
    // With one view in the container VS Code hides the pane header and names the view in the sidebar title instead.
    const sidebar = await vs.page.locator('.part.sidebar').innerText();
    assert.match(sidebar, /milvus/i, 'the sidebar shows our view container');
    assert.match(sidebar, /connections/i, 'the sidebar shows our Connections view');
    const body = (await pane.locator('.pane-body').innerText()).trim();
    assert.ok(body.length > 0, 'the view shows its welcome content or connections');
  });
});
