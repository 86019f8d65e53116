import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import * as vscode from 'vscode';
import { getApi, REPO } from './extensionHelpers';

/** SDK code in the module cache: our SDK bundle, or the SDK package itself (its proto JSON, used by the test server, excepted). */
function loadedSdkModules(): string[] {
  return Object.keys(require.cache).filter(
    (file) => /[\\/]dist[\\/]milvus-sdk\.js$/.test(file) || (/milvus2-sdk-node/.test(file) && !/proto-json/.test(file)),
  );
}

suite('activation', () => {
  test('activates without loading the SDK', async () => {
    assert.deepEqual(loadedSdkModules(), [], 'SDK loaded before activation');
    const api = await getApi();
    assert.deepEqual(loadedSdkModules(), [], 'activation loaded the SDK');
    assert.ok(api.activationMs >= 0);
    assert.ok(
      api.log.recent().some((line) => /Activated in [\d.]+ ms/.test(line)),
      'activation time is logged',
    );
    console.log(`    activate() took ${api.activationMs.toFixed(1)} ms`);
  });

  test('contributes only view, command and JSON-language activation, and every command is registered', async () => {
    const manifest = JSON.parse(fs.readFileSync(path.join(REPO, 'package.json'), 'utf8')) as {
      activationEvents: string[];
      contributes: { commands: { command: string }[] };
    };
    assert.ok(!manifest.activationEvents.includes('*'));
    // Opening a JSON file activates it too (the RBAC file diagnostics); activation stays cheap and loads no SDK.
    const lazy = (e: string): boolean =>
      e.startsWith('onView:') || e.startsWith('onCommand:') || e === 'onLanguage:json' || e === 'onLanguage:jsonc';
    assert.ok(manifest.activationEvents.every(lazy), manifest.activationEvents.join(', '));
    await getApi();
    const registered = new Set(await vscode.commands.getCommands(true));
    for (const { command } of manifest.contributes.commands)
      assert.ok(registered.has(command), `${command} is not registered`);
  });
});
