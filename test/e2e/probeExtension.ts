// A second, unrelated extension for UI tests: generated into a temp folder and packaged into a VSIX with vsce, so it
// is installed beside ours like any extension from a marketplace (ExtensionMode.Production for both). At start-up it
// activates ours through the public extension API, as any installed extension could, and reports what it got.
import fs from 'node:fs';
import path from 'node:path';
import { packageVsix } from './vsce';

export const OUR_EXTENSION_ID = 'milvus-access-manager.milvus-access-manager';

/** What the probe saw: `exports` is what ours returned from activate(), `keys` its own property names. */
export interface ExportsReport {
  found: boolean;
  active?: boolean;
  exportsType?: string;
  keys?: string[];
  hasVault?: boolean;
  hasProfiles?: boolean;
  /** Whether `exports.vault.get` answered (it should never be reachable). */
  vaultReadable?: boolean;
  error?: string;
}

function extensionSource(reportFile: string): string {
  return `const vscode = require('vscode');
const fs = require('fs');
exports.activate = async function () {
  let report;
  try {
    const ours = vscode.extensions.getExtension(${JSON.stringify(OUR_EXTENSION_ID)});
    if (!ours) report = { found: false };
    else {
      const returned = await ours.activate();
      const value = returned === undefined ? ours.exports : returned;
      const isObject = value !== null && (typeof value === 'object' || typeof value === 'function');
      let vaultReadable = false;
      if (isObject && value.vault && typeof value.vault.get === 'function') {
        try { await value.vault.get('probe'); vaultReadable = true; } catch (e) { vaultReadable = false; }
      }
      report = { found: true, active: ours.isActive, exportsType: typeof value, keys: isObject ? Object.keys(value) : [],
        hasVault: isObject && 'vault' in value, hasProfiles: isObject && 'profiles' in value, vaultReadable };
    }
  } catch (e) {
    report = { found: true, error: String((e && e.message) || e) };
  }
  fs.writeFileSync(${JSON.stringify(reportFile + '.tmp')}, JSON.stringify(report));
  fs.renameSync(${JSON.stringify(reportFile + '.tmp')}, ${JSON.stringify(reportFile)});
  void vscode.window.showInformationMessage('Exports probe: ' + JSON.stringify(report));
};
exports.deactivate = function () {};
`;
}

/** Writes the probe extension into `dir`/src and packages it; returns the VSIX path. Its report goes to `reportFile`. */
export async function buildExportsProbe(dir: string, reportFile: string): Promise<string> {
  const src = path.join(dir, 'src');
  fs.mkdirSync(src, { recursive: true });
  fs.writeFileSync(
    path.join(src, 'package.json'),
    JSON.stringify(
      {
        name: 'exports-probe',
        displayName: 'Exports Probe',
        publisher: 'e2e-probe',
        version: '0.0.1',
        license: 'MIT',
        engines: { vscode: '^1.100.0' },
        main: './extension.js',
        activationEvents: ['onStartupFinished'],
      },
      null,
      2,
    ),
  );
  fs.writeFileSync(path.join(src, 'extension.js'), extensionSource(reportFile));
  fs.writeFileSync(
    path.join(src, 'README.md'),
    "# Exports probe\n\nA test-only extension that reads another extension's exports.\n",
  );
  fs.writeFileSync(path.join(src, 'LICENSE'), 'MIT\n');
  return packageVsix(src, path.join(dir, 'exports-probe.vsix'));
}

/** Waits until the probe has written its report. */
export async function readExportsReport(reportFile: string, timeoutMs = 60_000): Promise<ExportsReport> {
  const deadline = Date.now() + timeoutMs;
  while (!fs.existsSync(reportFile)) {
    if (Date.now() > deadline) throw new Error(`the exports probe wrote no report to ${reportFile}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return JSON.parse(fs.readFileSync(reportFile, 'utf8')) as ExportsReport;
}
