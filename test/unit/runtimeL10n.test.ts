// Every string that `npx @vscode/l10n-dev export ./src` extracts (vscode.l10n.t and @vscode/l10n's l10n.t calls, in
// the extension host, the webviews and src/core alike) has its Simplified Chinese translation in
// l10n/bundle.l10n.zh-cn.json, and the bundle holds nothing else, in sorted order (so merges stay line-local).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { getL10nJson as GetL10nJson } from '@vscode/l10n-dev';
import { ZH_CN_BUNDLE as BUNDLE } from './displayLanguage';
import { isChinese, sameMarkup } from './l10nMarkup';

const ROOT = path.resolve(__dirname, '..', '..', '..');

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return /\.tsx?$/.test(entry.name) && !entry.name.endsWith('.d.ts') ? [full] : [];
  });
}

let extraction: Promise<string[]> | undefined;

/** The keys l10n-dev extracts from src (parsed once per run: the parser is slow). */
function extracted(): Promise<string[]> {
  extraction ??= extract();
  return extraction;
}

interface TreeSitter {
  init(): Promise<void>;
  Language: { prototype: { query(source: string): unknown } };
}

/**
 * l10n-dev compiles the same tree-sitter queries again for each file it reads (the import query, then the l10n.t
 * query for the names imported), which took about 8 of the unit stage's 18 CPU seconds. A compiled query holds no state
 * between its `matches()` calls, so each query text is compiled once per grammar here and handed back after that.
 */
function compileEachQueryOnce(treeSitter: TreeSitter): void {
  const language = treeSitter.Language.prototype;
  const compile = language.query;
  const compiled = new WeakMap<object, Map<string, unknown>>();
  language.query = function (this: object, source: string): unknown {
    let queries = compiled.get(this);
    if (!queries) compiled.set(this, (queries = new Map()));
    if (!queries.has(source)) queries.set(source, compile.call(this, source));
    return queries.get(source);
  };
}

async function extract(): Promise<string[]> {
  // web-tree-sitter's own class, taken before l10n-dev loads: its initialisation replaces what the module exports.
  const treeSitter = createRequire(require.resolve('@vscode/l10n-dev'))('web-tree-sitter') as TreeSitter;
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded after web-tree-sitter, see above
  const { getL10nJson } = require('@vscode/l10n-dev') as { getL10nJson: typeof GetL10nJson };
  await treeSitter.init();
  compileEachQueryOnce(treeSitter);
  const files = sourceFiles(path.join(ROOT, 'src')).map((file) => ({
    contents: fs.readFileSync(file, 'utf8'),
    extension: path.extname(file),
  }));
  return Object.keys(await getL10nJson(files));
}

describe('runtime localisation bundle (zh-cn)', () => {
  const bundle = JSON.parse(fs.readFileSync(BUNDLE, 'utf8')) as Record<string, string>;

  test('package.json points VS Code at the l10n folder', () => {
    const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { l10n?: string };
    assert.equal(manifest.l10n, './l10n');
  });

  test('every extracted string has a Chinese translation that keeps its placeholders', async () => {
    const keys = await extracted();
    assert.ok(keys.length > 200, `only ${keys.length} strings extracted: is l10n-dev still finding vscode.l10n.t?`);
    const missing = keys.filter((key) => !bundle[key]?.trim());
    assert.deepEqual(missing, [], 'add these to l10n/bundle.l10n.zh-cn.json');
    for (const key of keys) {
      isChinese(key, bundle[key], JSON.stringify(key));
      sameMarkup(key, bundle[key], key);
    }
  });

  test('the bundle holds only extracted strings, sorted by key', async () => {
    const keys = new Set(await extracted());
    const stray = Object.keys(bundle).filter((key) => !keys.has(key));
    assert.deepEqual(stray, [], 'strings no longer in the source: remove them from the bundle');
    const order = Object.keys(bundle);
    assert.deepEqual(order, [...order].sort(), 'keep the bundle sorted by key');
  });
});
