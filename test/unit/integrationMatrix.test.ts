// scripts/test.sh runs each integration file on every release of its matrix or only on the newest, by two lists in the
// script itself. Every file must be in exactly one of them, and the choice must fit the file: a newest-only file may
// not expect anything that varies with the release (ERA, refusalText, described outside NEWEST_ONLY suites), and an
// every-release file must look at the release somewhere (else its runs on older releases test nothing new).
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';

const ROOT = path.join(__dirname, '../../..');
const TEST_SH = fs.readFileSync(path.join(ROOT, 'scripts/test.sh'), 'utf8');
const INTEGRATION = path.join(ROOT, 'test/integration');

/** The words of the one-line bash array `NAME=(a b c)` in test.sh. */
function bashList(script: string, name: string): string[] {
  const line = new RegExp(`^${name}=\\((.*)\\)$`, 'm').exec(script);
  assert.ok(line, `scripts/test.sh has no one-line ${name}=(…)`);
  return line[1].split(/\s+/).filter(Boolean);
}

interface Lists {
  every: string[];
  newest: string[];
}

/** Release-dependent expectations (helpers.ts): what ERA says, the era's refusal text, a description where kept. */
const RELEASE_DEPENDENT = /\bERA\.|\brefusalText\(|\bdescribed\(/;
const LOOKS_AT_RELEASE = /\bERA\.|\brefusalText\(|\bdescribed\(|\bMATRIX_VERSION\b/;

/** What is wrong with the lists for `files` (base name → source text). */
function misclassified(lists: Lists, files: ReadonlyMap<string, string>): string[] {
  const found: string[] = [];
  const all = [...lists.every, ...lists.newest];
  for (const name of new Set(all.filter((n, i) => all.indexOf(n) !== i))) found.push(`${name} is listed twice`);
  for (const name of all) if (!files.has(name)) found.push(`${name} is listed but test/integration has no such file`);
  for (const [name, text] of files) {
    if (!all.includes(name)) found.push(`${name} is in neither list`);
    // A suite marked NEWEST_ONLY is skipped on older releases anyway: what it expects may name the release.
    const unguarded = text
      .split(/^describe\(/m)
      .filter((part, i) => i === 0 || !part.slice(0, part.indexOf('=>')).includes('NEWEST_ONLY'))
      .join('');
    if (lists.newest.includes(name) && RELEASE_DEPENDENT.test(unguarded))
      found.push(`${name} runs on the newest release only, but expects what the release decides`);
    if (lists.every.includes(name) && !LOOKS_AT_RELEASE.test(text))
      found.push(`${name} runs on every release, but nothing in it depends on the release`);
  }
  return found;
}

function integrationFiles(): Map<string, string> {
  return new Map(
    fs
      .readdirSync(INTEGRATION)
      .filter((f) => f.endsWith('.test.ts'))
      .map((f) => [f.replace(/\.test\.ts$/, ''), fs.readFileSync(path.join(INTEGRATION, f), 'utf8')]),
  );
}

const LISTS: Lists = {
  every: bashList(TEST_SH, 'INTEGRATION_EVERY_RELEASE'),
  newest: bashList(TEST_SH, 'INTEGRATION_NEWEST_RELEASE'),
};

test('every integration file runs on every release or on the newest only, and the choice fits the file', () => {
  assert.deepEqual(misclassified(LISTS, integrationFiles()), []);
  assert.ok(LISTS.every.includes('eras') && LISTS.newest.includes('connect'));
});

test('the matrix is a one-line list of releases, oldest first, so the newest is its last', () => {
  const line = /^MATRIX_VERSIONS=\(\$\{MILVUS_MATRIX:-([^}]*)\}\)$/m.exec(TEST_SH);
  assert.ok(line, 'MATRIX_VERSIONS=(${MILVUS_MATRIX:-…}) on one line');
  const versions = line[1].split(/\s+/).filter(Boolean);
  const key = (v: string): number[] => v.replace(/^v/, '').split('.').map(Number);
  const sorted = [...versions].sort((a, b) => {
    const [x, y] = [key(a), key(b)];
    return x[0] - y[0] || x[1] - y[1] || x[2] - y[2];
  });
  assert.deepEqual(versions, sorted);
  assert.ok(versions.length >= 2, versions.join(' '));
});

test('the check sees a file in no list, one listed twice or missing, and a choice that does not fit', () => {
  const files = new Map([
    ['a', "describe('x', () => { assert.equal(code, ERA.merr ? 1100 : 65535); });"],
    ['b', "describe('y', NEWEST_ONLY, () => { assert.equal(code, ERA.merr ? 1100 : 65535); });"],
    ['c', "test('z', () => { assert.ok(true); });"],
    ['d', "test('w', () => {});"],
  ]);
  assert.deepEqual(misclassified({ every: ['c'], newest: ['a', 'b', 'b', 'gone'] }, files).sort(), [
    'a runs on the newest release only, but expects what the release decides',
    'b is listed twice',
    'c runs on every release, but nothing in it depends on the release',
    'd is in neither list',
    'gone is listed but test/integration has no such file',
  ]);
});
