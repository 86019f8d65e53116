import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import * as vscode from 'vscode';

const manifest = JSON.parse(
  fs.readFileSync(path.resolve(__dirname, '..', '..', '..', '..', 'package.json'), 'utf8'),
) as {
  publisher: string;
  name: string;
};
const EXTENSION_ID = `${manifest.publisher}.${manifest.name}`;

suite('smoke: the harness runs our extension in a real VS Code', () => {
  test('runs in a Node 20 extension host', () => {
    assert.match(process.versions.node, /^20\./);
    assert.equal(process.env.MILVUS_AM_TEST, '1');
  });

  test(`${EXTENSION_ID} is installed and activates`, async () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(ext, `extension ${EXTENSION_ID} not found`);
    await ext.activate();
    assert.equal(ext.isActive, true);
  });
});
