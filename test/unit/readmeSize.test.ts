// README.md is the Marketplace page of the people who install the extension (issue 21, part 2): at most 15,000 bytes,
// developer material in CONTRIBUTING.md and docs/. Merges that each added a line took it over twice unnoticed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';

const README = path.resolve(__dirname, '..', '..', '..', 'README.md');
const LIMIT = 15_000;

test(`README.md is at most ${LIMIT} bytes`, () => {
  const bytes = fs.statSync(README).size;
  assert.ok(bytes <= LIMIT, `README.md is ${bytes} bytes; move developer material to CONTRIBUTING.md or docs/`);
});
