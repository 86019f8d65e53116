// Issue 11, security 1: another installed extension must not reach our secret vault (or profiles, connections...)
// through `vscode.extensions.getExtension(ours).exports`. A second extension, installed from a VSIX beside ours as a
// user would install one (both in ExtensionMode.Production), activates ours and reports what the exports hold.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { launchVsCode, type VsCode } from './harness';
import { buildExportsProbe, readExportsReport, type ExportsReport } from './probeExtension';
import { waitForNotification, withFailureShot } from './uiSteps';

describe('e2e: another installed extension finds no test API in our exports', () => {
  let scratch: string;
  let reportFile: string;
  let vs: VsCode;
  before(async () => {
    scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'mam-e2e-probe-'));
    reportFile = path.join(scratch, 'exports-report.json');
    const probe = await buildExportsProbe(scratch, reportFile);
    vs = await launchVsCode({ extraVsix: [probe] });
  });
  after(async () => {
    await vs?.close();
    if (scratch) fs.rmSync(scratch, { recursive: true, force: true });
  });

  test('the probe activates ours and gets no vault, no profiles, nothing at all', async () => {
    await withFailureShot(vs, 'exports-probe', async () => {
      await waitForNotification(vs.page, /Exports probe:/, 60_000); // the probe ran in this window
      const report: ExportsReport = await readExportsReport(reportFile);
      assert.equal(report.error, undefined, `activating ours failed: ${report.error}`);
      assert.equal(report.found, true, 'the probe sees our extension');
      assert.equal(report.active, true, 'ours is active (the probe activated it)');
      assert.equal(report.hasVault, false, `exports hold the vault (keys: ${report.keys?.join(', ')})`);
      assert.equal(report.hasProfiles, false, 'exports hold the profiles');
      assert.equal(report.vaultReadable, false, 'a stored secret is readable through the exports');
      assert.equal(
        report.exportsType,
        'undefined',
        `exports are a ${report.exportsType} with keys ${report.keys?.join(', ')}`,
      );
    });
  });
});
