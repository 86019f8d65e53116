// The Milvus test server is an oracle, not a mirror of the client: no file under test/milvus-server may import from the
// extension's source (a rule or catalogue entry copied from there could never fail a test), not even a type.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import ts from 'typescript';

const ROOT = path.join(__dirname, '../../..');
const SERVER = path.join(ROOT, 'test/milvus-server');
const SOURCE = path.join(ROOT, 'src');

/** Each `file → import` under `root` whose target resolves inside `forbidden`, counting type-only imports and requires. */
function importsInto(root: string, forbidden: string): string[] {
  const found: string[] = [];
  const files = fs.readdirSync(root, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts'));
  for (const file of files.map((f) => path.join(root, f))) {
    const { importedFiles } = ts.preProcessFile(fs.readFileSync(file, 'utf8'), true, true);
    for (const { fileName } of importedFiles) {
      if (!fileName.startsWith('.')) continue;
      const target = path.resolve(path.dirname(file), fileName);
      if (target === forbidden || target.startsWith(forbidden + path.sep)) {
        found.push(`${path.relative(ROOT, file)} → ${fileName}`);
      }
    }
  }
  return found;
}

test('the checker sees value, type-only and require imports into a folder', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'independence-'));
  try {
    fs.mkdirSync(path.join(dir, 'server/sub'), { recursive: true });
    fs.mkdirSync(path.join(dir, 'src'));
    fs.writeFileSync(path.join(dir, 'server/a.ts'), "import { x } from '../src/x';\n");
    fs.writeFileSync(path.join(dir, 'server/sub/b.ts'), "import type { Y } from '../../src/y';\n");
    fs.writeFileSync(path.join(dir, 'server/c.ts'), "const z = require('../src/z');\n");
    fs.writeFileSync(path.join(dir, 'server/d.ts'), "import { ok } from './c';\n");
    assert.equal(importsInto(path.join(dir, 'server'), path.join(dir, 'src')).length, 3);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('no file under test/milvus-server imports from src/', () => {
  assert.deepEqual(importsInto(SERVER, SOURCE), []);
});

test('no file under test/milvus-server even names src/ (comments and READMEs included)', () => {
  const named = fs
    .readdirSync(SERVER, { recursive: true, encoding: 'utf8' })
    .filter((f) => fs.statSync(path.join(SERVER, f)).isFile())
    .filter((f) => fs.readFileSync(path.join(SERVER, f), 'utf8').includes('src/'));
  assert.deepEqual(named, []);
});
