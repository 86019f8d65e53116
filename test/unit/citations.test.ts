// Every `§x.y` that code, tests and scripts cite must be a heading of docs/milvus-behaviour.md (a heading
// `§1.3–1.4` counts for both), and the sections that state version boundaries cite Milvus's source on every row.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';

const ROOT = path.join(__dirname, '../../..');
const DOC = fs.readFileSync(path.join(ROOT, 'docs/milvus-behaviour.md'), 'utf8');
const CITATION = /§(\d+(?:\.\d+)*)/g;

/** Section numbers that are headings; `§1.3–1.4` gives 1.3 and 1.4. */
export function headingSections(doc: string): Set<string> {
  const found = new Set<string>();
  for (const line of doc.split('\n')) {
    const m = /^#+ §(\d+(?:\.\d+)*)(?:[–-](\d+(?:\.\d+)*))?/.exec(line);
    if (!m) continue;
    found.add(m[1]);
    if (m[2]) found.add(m[2]);
  }
  return found;
}

function sourceFiles(dir: string): string[] {
  return fs
    .readdirSync(path.join(ROOT, dir), { recursive: true, encoding: 'utf8' })
    .filter((f) => /\.(ts|js|mjs|sh|md|json)$/.test(f) && !f.includes('node_modules'))
    .map((f) => path.join(dir, f));
}

/** `file:line §x.y` for each citation whose section is not a heading. */
export function danglingCitations(files: readonly string[], headings: ReadonlySet<string>): string[] {
  const bad: string[] = [];
  for (const file of files) {
    const lines = fs.readFileSync(path.join(ROOT, file), 'utf8').split('\n');
    lines.forEach((line, i) => {
      for (const m of line.matchAll(CITATION)) if (!headings.has(m[1])) bad.push(`${file}:${i + 1} §${m[1]}`);
    });
  }
  return bad;
}

/** The body rows of the tables under a heading (up to the next heading of the same or a higher level). */
function tableRows(doc: string, section: string): string[] {
  const lines = doc.split('\n');
  const start = lines.findIndex((l) => new RegExp(`^#+ §${section.replace('.', '\\.')}[ –]`).test(l));
  const level = /^#+/.exec(lines[start])?.[0].length ?? 0;
  const rows: string[] = [];
  for (const line of lines.slice(start + 1)) {
    const h = /^#+/.exec(line);
    if (h && h[0].length <= level) break;
    if (line.startsWith('|') && !/^\|[-|]+\|$/.test(line)) rows.push(line);
  }
  return rows.slice(1);
}

test('the heading reader sees single sections and ranges', () => {
  assert.deepEqual([...headingSections('## §1 A\n### §1.3–1.4 B\ntext §9\n')], ['1', '1.3', '1.4']);
});

test('every § cited in src/, test/ and scripts/ is a heading of docs/milvus-behaviour.md', () => {
  const files = ['src', 'test', 'scripts'].flatMap(sourceFiles);
  assert.ok(files.length > 100);
  assert.deepEqual(danglingCitations(files, headingSections(DOC)), []);
});

test('every row of §3.3, §3.4, §6 and §9 cites a Milvus source file at a tag, a PR or an issue', () => {
  const cites = /`[\w./-]+\.(go|proto|yaml)@[\w.-]+`|`@v\d[\w.-]*`|`@2024-11`|PR #\d+|issue #\d+|milvus-proto `v\d/;
  for (const section of ['3.3', '3.4', '6', '9']) {
    const rows = tableRows(DOC, section);
    assert.ok(rows.length > 0, `§${section} has a table`);
    for (const row of rows) assert.match(row, cites, `§${section}: ${row.slice(0, 80)}`);
  }
});
