// scripts/lib/codeServer.ts gives Chromium a --disable-features that must keep every feature Playwright disables, since
// Chromium honours only the last --disable-features: Playwright's own list, read from the playwright-core installed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { PLAYWRIGHT_DISABLED_FEATURES } from '../../scripts/lib/codeServer';

function playwrightDisabledFeatures(): string[] {
  const lib = path.join(path.dirname(require.resolve('playwright-core/package.json')), 'lib');
  for (const file of fs.readdirSync(lib).filter((f) => f.endsWith('.js'))) {
    const list = /\bdisabledFeatures = \[([^\]]*)\]/.exec(fs.readFileSync(path.join(lib, file), 'utf8'));
    if (list) return [...list[1].replace(/\/\/.*$/gm, '').matchAll(/"([^"]+)"/g)].map((m) => m[1]);
  }
  assert.fail(`no "disabledFeatures = [" in ${lib}/*.js: find where this Playwright lists the features it disables`);
}

test("the Chromium of the tests disables every feature Playwright's own --disable-features does", () => {
  const theirs = playwrightDisabledFeatures();
  assert.ok(theirs.length >= 10, `read ${theirs.length} features from Playwright`);
  assert.deepEqual(
    theirs.filter((f) => !PLAYWRIGHT_DISABLED_FEATURES.includes(f)),
    [],
    'copy these into PLAYWRIGHT_DISABLED_FEATURES (scripts/lib/codeServer.ts)',
  );
});
