// Figures in the docs come from `npm run bench -- --write docs/dev/performance-figures.md`, never typed by hand
// (issue 21, part 2): the recorded page is the bench's own rendering, and no other page states a bundle or VSIX size
// that disagrees with it.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { GENERATED_MARK } from '../../scripts/bench/figuresDoc';
import { fmtBytes } from '../../scripts/bench/stats';

const REPO = path.resolve(__dirname, '..', '..', '..');
const FIGURES = path.join('docs', 'dev', 'performance-figures.md');

function markdownPages(): string[] {
  const pages = ['README.md', 'CONTRIBUTING.md', 'ARCHITECTURE.md', 'CHANGELOG.md'];
  const walk = (dir: string): void => {
    for (const entry of fs.readdirSync(path.join(REPO, dir), { withFileTypes: true })) {
      const rel = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(rel);
      else if (entry.name.endsWith('.md')) pages.push(rel);
    }
  };
  walk('docs');
  return pages.filter((page) => fs.existsSync(path.join(REPO, page)) && page !== FIGURES);
}

/** The sizes on a line that talks about a bundle or the VSIX, leaving out goals ("≤ 1 MB"). */
function statedSizes(line: string): string[] {
  if (!/extension\.js|milvus-sdk\.js|\bbundles?\b|\bVSIX\b/i.test(line)) return [];
  const sizes: string[] = [];
  for (const m of line.matchAll(/(≤|<=|>=|≥|at most|under|below)?\s*(\d[\d,]*(?:\.\d+)?)\s?(KB|kB|KiB|MB|MiB|B)\b/g)) {
    if (m[1] === undefined) sizes.push(`${m[2]} ${m[3]}`);
  }
  return sizes;
}

describe('docs: figures come from a bench run', () => {
  const figuresPath = path.join(REPO, FIGURES);

  test(`${FIGURES} was written by the bench and not edited since`, () => {
    assert.ok(fs.existsSync(figuresPath), `${FIGURES} is missing: run npm run bench -- --write ${FIGURES}`);
    const page = fs.readFileSync(figuresPath, 'utf8');
    assert.ok(page.startsWith(GENERATED_MARK), `${FIGURES} does not start with the bench's mark`);
    // Each size is written as the bench formats it, with the exact byte count behind it.
    const sizes = [...page.matchAll(/([\d.]+ (?:KB|MB)) \(([\d,]+) B\)/g)];
    assert.ok(sizes.length >= 3, `${FIGURES} holds ${sizes.length} sizes, expected the two bundles and the VSIX`);
    for (const [, shown, bytes] of sizes)
      assert.equal(fmtBytes(Number(bytes.replace(/,/g, ''))), `${shown} (${bytes} B)`, 'a size edited by hand');
  });

  test('no other page states a bundle or VSIX size of its own', () => {
    const recorded = fs.existsSync(figuresPath) ? fs.readFileSync(figuresPath, 'utf8') : '';
    const stale: string[] = [];
    for (const page of markdownPages()) {
      fs.readFileSync(path.join(REPO, page), 'utf8')
        .split('\n')
        .forEach((line, i) => {
          for (const size of statedSizes(line))
            if (!recorded.includes(size)) stale.push(`${page}:${i + 1}: ${size} (${line.trim().slice(0, 80)})`);
        });
    }
    assert.deepEqual(stale, [], `sizes typed by hand; link to ${FIGURES} instead`);
  });

  test('the check sees a hand-typed size and lets a goal pass', () => {
    assert.deepEqual(statedSizes('| `dist/extension.js` | 237 KB / 1.19 MB |'), ['237 KB', '1.19 MB']);
    assert.deepEqual(statedSizes('VSIX 481 KB (398 KB before)'), ['481 KB', '398 KB']);
    assert.deepEqual(statedSizes('extension bundle ≤ 1.3 MB, VSIX ≤ 1 MB'), []);
    assert.deepEqual(statedSizes('a 64 KB message'), []);
  });
});
