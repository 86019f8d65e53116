// No import circle in src/, counting type-only imports too (ESLint's import-x/no-cycle skips those).
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import ts from 'typescript';

const SRC = path.join(__dirname, '../../../src');

/** Every relative import of every .ts file under `root`, as absolute file paths. */
function importGraph(root: string): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  const files = fs.readdirSync(root, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts'));
  for (const file of files.map((f) => path.join(root, f))) {
    const { importedFiles } = ts.preProcessFile(fs.readFileSync(file, 'utf8'), true, true);
    const deps = importedFiles
      .map((i) => i.fileName)
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
