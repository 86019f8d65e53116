// The shape of src/ that ARCHITECTURE.md promises, read from ARCHITECTURE.md itself so that the page and this test
// cannot drift apart: no import circle (counting type-only imports), imports only down the layer table, and every file
// of src/core and src/commands in a concept folder (or a ground file). Also no import circle in test/ or scripts/.
// (This is the project's only cycle check: ESLint's import-x/no-cycle did the same for value imports only, and took
// 60% of the lint stage's time.)
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import ts from 'typescript';

const REPO = path.join(__dirname, '../../..');
const SRC = path.join(REPO, 'src');
const ARCHITECTURE = fs.readFileSync(path.join(REPO, 'ARCHITECTURE.md'), 'utf8');

/** The .ts files under `root`, relative to it, with `/` separators. */
function tsFiles(root: string): string[] {
  return fs
    .readdirSync(root, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.ts'))
    .map((f) => f.split(path.sep).join('/'));
}

/** What `file` imports, as written (`./x`, `vscode`), type-only imports included. */
function importsOf(file: string): string[] {
  return ts.preProcessFile(fs.readFileSync(file, 'utf8'), true, true).importedFiles.map((i) => i.fileName);
}

/** Every relative import of every .ts file under `root`, as absolute file paths. */
function importGraph(root: string): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  for (const file of tsFiles(root).map((f) => path.join(root, f))) {
    const deps = importsOf(file)
      .filter((name) => name.startsWith('.'))
      .map((name) => path.resolve(path.dirname(file), name))
      .map((base) => [`${base}.ts`, path.join(base, 'index.ts')].find((f) => fs.existsSync(f)))
      .filter((f): f is string => f !== undefined);
    graph.set(file, deps);
  }
  return graph;
}

/** The strongly connected components with more than one file (Tarjan): each is an import circle. */
function circles(graph: Map<string, string[]>): string[][] {
  let next = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const found: string[][] = [];
  const visit = (v: string): void => {
    index.set(v, next);
    low.set(v, next++);
    stack.push(v);
    for (const w of graph.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (stack.includes(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) === index.get(v)) {
      const component: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        component.push(w);
      } while (w !== v);
      if (component.length > 1 || graph.get(v)?.includes(v)) found.push(component);
    }
  };
  for (const v of graph.keys()) if (!index.has(v)) visit(v);
  return found;
}

test('the cycle finder sees a circle made of type-only imports', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cycles-'));
  fs.writeFileSync(path.join(dir, 'a.ts'), "import type { B } from './b';\nexport interface A { b?: B }\n");
  fs.writeFileSync(path.join(dir, 'b.ts'), "import { type A } from './a';\nexport interface B { a?: A }\n");
  fs.writeFileSync(path.join(dir, 'c.ts'), "import type { A } from './a';\nexport type C = A;\n");
  assert.equal(circles(importGraph(dir)).length, 1);
  fs.rmSync(dir, { recursive: true });
});

test('src/ has no import circle, type-only imports included', () => {
  const graph = importGraph(SRC);
  assert.ok(graph.size > 100, `${graph.size} files`);
  const found = circles(graph).map((c) => c.map((f) => path.relative(SRC, f)).join(' → '));
  assert.deepEqual(found, []);
});

test('test/ and scripts/ have no import circle either, type-only imports included', () => {
  const graph = new Map([...importGraph(path.join(REPO, 'test')), ...importGraph(path.join(REPO, 'scripts'))]);
  assert.ok(graph.size > 200, `${graph.size} files`);
  const found = circles(graph).map((c) => c.map((f) => path.relative(REPO, f)).join(' → '));
  assert.deepEqual(found, []);
});

/** The rows of the first Markdown table after the heading `## <heading>`, as cells (header and rule left out). */
function tableRows(doc: string, heading: string): string[][] {
  const lines = doc.split('\n');
  const start = lines.findIndex((l) => l.trim() === `## ${heading}`);
  assert.ok(start >= 0, `ARCHITECTURE.md has no "## ${heading}"`);
  const first = lines.findIndex((l, i) => i > start && l.startsWith('|'));
  const rows: string[][] = [];
  for (let i = first + 2; i < lines.length && lines[i].startsWith('|'); i++)
    rows.push(
      lines[i]
        .split('|')
        .slice(1, -1)
        .map((c) => c.trim()),
    );
  return rows;
}

/** The `code` spans of a table cell. */
const codeSpans = (cell: string): string[] => [...cell.matchAll(/`([^`]+)`/g)].map((m) => m[1]);

interface Layer {
  name: string;
  /** Folders or files relative to src/ (`core`, `webview/app`, `extension.ts`). */
  paths: string[];
  /** The layers it may import from, itself included. */
  mayImport: Set<string>;
  /** Its row says "never `vscode`". */
  noVscode: boolean;
}

/** The layer table of ARCHITECTURE.md ("## Layers"): Layer | Folder | Job | May import. */
function layersOf(doc: string): Layer[] {
  const layers: Layer[] = [];
  for (const [name, folder, job, may] of tableRows(doc, 'Layers')) {
    const names = new Set(layers.map((l) => l.name));
    const mayImport = new Set([name]);
    for (const word of may.split(',').map((w) => w.replace(/\bonly$/, '').trim())) {
      if (word === 'all of the above') names.forEach((n) => mayImport.add(n));
      else if (word === 'all') mayImport.add('*');
      else if (names.has(word) || word === name) mayImport.add(word);
      else assert.equal(word, 'vscode', `layer ${name} may import "${word}", which is no layer above it`);
    }
    const paths = codeSpans(folder).map((p) => p.replace(/^src\//, ''));
    layers.push({ name, paths, mayImport, noVscode: /never `vscode`/.test(`${job} ${may}`) });
  }
  return layers;
}

/** The layer a file (relative to src/) belongs to: the row with the longest folder that holds it. */
function layerOf(file: string, layers: readonly Layer[]): Layer | undefined {
  let best: { layer: Layer; length: number } | undefined;
  for (const layer of layers)
    for (const p of layer.paths)
      if ((file === p || file.startsWith(`${p}/`)) && p.length > (best?.length ?? -1))
        best = { layer, length: p.length };
  return best?.layer;
}

/** Every import under `root` that runs against the layer table, and every file that belongs to no layer. */
function layerViolations(root: string, layers: readonly Layer[]): string[] {
  const found: string[] = [];
  for (const file of tsFiles(root)) {
    const from = layerOf(file, layers);
    if (!from) {
      found.push(`${file} is in no layer of the table`);
      continue;
    }
    for (const name of importsOf(path.join(root, file))) {
      if (name === 'vscode' && from.noVscode) found.push(`${file} (${from.name}) imports vscode`);
      if (!name.startsWith('.')) continue;
      const target = path
        .relative(root, path.resolve(root, path.dirname(file), name))
        .split(path.sep)
        .join('/');
      const to = layerOf(target, layers) ?? layerOf(`${target}.ts`, layers);
      if (to && !from.mayImport.has('*') && !from.mayImport.has(to.name))
        found.push(`${file} (${from.name}) imports ${target} (${to.name})`);
    }
  }
  return found;
}

/** The concept folders and ground files of ARCHITECTURE.md's "## Folders inside the layers", relative to src/. */
function conceptsOf(doc: string): { folders: string[]; ground: string[] } {
  const folders: string[] = [];
  const ground: string[] = [];
  for (const [folder, contents] of tableRows(doc, 'Folders inside the layers')) {
    const spans = codeSpans(folder);
    if (folder.includes('(root)')) {
      ground.push(
        ...codeSpans(contents)
          .filter((f) => f.endsWith('.ts'))
          .map((f) => `${spans[0]}${f}`),
      );
      continue;
    }
    const parent = spans[0].replace(/[^/]+\/$/, '');
    for (const span of spans) folders.push(span.split('/').length > 2 ? span : `${parent}${span}`);
  }
  return { folders: folders.map((f) => f.replace(/\/$/, '')), ground };
}

/** Files of src/core and src/commands outside every concept folder, folders the page does not name, and vice versa. */
function conceptViolations(root: string, doc: string): string[] {
  const { folders, ground } = conceptsOf(doc);
  const found: string[] = [];
  for (const top of ['core', 'commands']) {
    if (!fs.existsSync(path.join(root, top))) continue;
    for (const file of tsFiles(path.join(root, top)).map((f) => `${top}/${f}`))
      if (!ground.includes(file) && !folders.some((f) => file.startsWith(`${f}/`)))
        found.push(`${file} is outside every concept folder`);
    for (const entry of fs.readdirSync(path.join(root, top), { withFileTypes: true }))
      if (entry.isDirectory() && !folders.includes(`${top}/${entry.name}`))
        found.push(`${top}/${entry.name}/ is not in the table`);
  }
  for (const named of [...folders, ...ground])
    if (!fs.existsSync(path.join(root, named))) found.push(`${named} is in the table but not in src/`);
  return found;
}

test('the layer table reads as ARCHITECTURE.md writes it', () => {
  const layers = layersOf(ARCHITECTURE);
  assert.deepEqual(
    layers.map((l) => l.name),
    [
      'core',
      'log',
      'storage',
      'connections',
      'tree',
      'webview',
      'rbacEditor',
      'lmTools',
      'commands',
      'entry',
      'command line',
    ],
  );
  assert.deepEqual([...layers[0].mayImport], ['core']);
  assert.ok(layers[0].noVscode && layers[10].noVscode && !layers[2].noVscode);
  assert.ok(layers[8].mayImport.has('rbacEditor') && !layers[8].mayImport.has('entry'));
  assert.ok(layers[7].mayImport.has('rbacEditor') && !layers[7].mayImport.has('tree'));
  const { folders, ground } = conceptsOf(ARCHITECTURE);
  assert.ok(folders.includes('core/rbac') && folders.includes('commands/rbacFiles'), folders.join(', '));
  assert.ok(ground.includes('core/adminApi.ts'), ground.join(', '));
});

test('the layer and folder checks see planted violations', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'layers-'));
  const put = (file: string, text: string): void => {
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    fs.writeFileSync(path.join(dir, file), text);
  };
  try {
    put('core/types.ts', 'export type T = 1;\n');
    put('core/rbac/plan.ts', "import type { S } from '../../storage/store';\nexport type P = S;\n");
    put('core/stray.ts', "import * as vscode from 'vscode';\nexport const v = vscode;\n");
    put('storage/store.ts', "import type { T } from '../core/types';\nexport type S = T;\n");
    put('tree/view.ts', "import type { C } from '../commands/kit/run';\nexport type V = C;\n");
    put('commands/kit/run.ts', "import type { S } from '../../storage/store';\nexport type C = S;\n");
    put('commands/loose.ts', 'export {};\n');
    put('commands/odd/x.ts', 'export {};\n');
    put('stray.ts', 'export {};\n');
    assert.deepEqual(layerViolations(dir, layersOf(ARCHITECTURE)).sort(), [
      'core/rbac/plan.ts (core) imports storage/store (storage)',
      'core/stray.ts (core) imports vscode',
      'stray.ts is in no layer of the table',
      'tree/view.ts (tree) imports commands/kit/run (commands)',
    ]);
    const concepts = conceptViolations(dir, ARCHITECTURE);
    for (const expected of [
      'core/stray.ts is outside every concept folder',
      'commands/loose.ts is outside every concept folder',
      'commands/odd/x.ts is outside every concept folder',
      'commands/odd/ is not in the table',
      'core/milvus is in the table but not in src/',
    ])
      assert.ok(concepts.includes(expected), `${expected}\n${concepts.join('\n')}`);
    assert.ok(!concepts.some((c) => c.startsWith('core/types.ts') || c.startsWith('core/rbac/plan.ts')));
  } finally {
    fs.rmSync(dir, { recursive: true });
  }
});

test("src/ imports only down ARCHITECTURE.md's layer table, and every file is in a layer", () => {
  assert.deepEqual(layerViolations(SRC, layersOf(ARCHITECTURE)), []);
});

test('every file of src/core and src/commands is in a concept folder of ARCHITECTURE.md, or a ground file', () => {
  assert.deepEqual(conceptViolations(SRC, ARCHITECTURE), []);
});
