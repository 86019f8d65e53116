// The manifest's texts are %key% references with an English and a Simplified Chinese string each
// (package.nls.json, package.nls.zh-cn.json). After merging a branch that adds a command or a setting in plain
// English, this fails until `npm run --silent l10n:manifest` is re-run and the new keys are translated.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { manifestStrings, referencedKey, type JsonObject } from '../../scripts/l10n/manifestStrings';
import { convertManifest } from '../../scripts/l10n/manifest';
import { isChinese, sameMarkup } from './l10nMarkup';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const readJson = (name: string): JsonObject => JSON.parse(fs.readFileSync(path.join(ROOT, name), 'utf8')) as JsonObject;
const manifest = readJson('package.json');
const english = readJson('package.nls.json') as Record<string, string>;
const chinese = readJson('package.nls.zh-cn.json') as Record<string, string>;

describe('manifest localisation', () => {
  const strings = manifestStrings(manifest);

  test('every user-visible string of package.json is a %key% reference', () => {
    const plain = strings
      .filter((s) => referencedKey(s.value) === undefined)
      .map((s) => `${s.path.join('.')}: ${s.value}`);
    assert.deepEqual(plain, [], 'plain text in package.json: run `npm run --silent l10n:manifest`');
    assert.ok(strings.length > 40, `only ${strings.length} strings found: the walk over contributes is broken`);
  });

  test('every key has its English text and its zh-cn translation', () => {
    for (const { key } of strings) {
      assert.ok(english[key]?.trim(), `package.nls.json lacks ${key}`);
      assert.ok(chinese[key]?.trim(), `package.nls.zh-cn.json lacks ${key} ("${english[key]}")`);
    }
  });

  test('no stray keys: both tables hold exactly the keys in use', () => {
    const used = [...new Set(strings.map((s) => s.key))].sort();
    assert.deepEqual(Object.keys(english).sort(), used, 'package.nls.json');
    assert.deepEqual(Object.keys(chinese).sort(), used, 'package.nls.zh-cn.json');
  });

  test('translations are Chinese and keep placeholders and command links', () => {
    for (const [key, en] of Object.entries(english)) {
      const zh = chinese[key];
      if (zh === undefined) continue; // reported above
      isChinese(en, zh, key);
      sameMarkup(en, zh, key);
    }
  });
});

describe('l10n:manifest conversion', () => {
  const fixture = (): JsonObject => ({
    displayName: 'Demo',
    contributes: {
      commands: [
        { command: 'milvusAccessManager.a', title: 'Do A', category: 'Milvus' },
        { command: 'milvusAccessManager.b', title: 'Do B', category: 'Milvus', icon: '$(add)' },
      ],
      menus: { commandPalette: [{ command: 'milvusAccessManager.a', when: 'false' }] },
      views: { c: [{ id: 'milvusAccessManager.v', name: 'Things' }] },
      viewsWelcome: [{ view: 'milvusAccessManager.v', contents: 'None yet.\n[Add](command:milvusAccessManager.a)' }],
      walkthroughs: [{ id: 'start', title: 'Start', steps: [{ id: 's1', title: 'One', description: 'First.' }] }],
      configuration: {
        title: 'Demo',
        properties: {
          'milvusAccessManager.mode': {
            type: 'string',
            enum: ['x', 'y'],
            default: 'x',
            enumDescriptions: ['Ex', 'Why'],
            description: 'The mode.',
          },
        },
      },
    },
  });

  test('converts every text once, keeps ids, conditions and schema data, and shares the category key', () => {
    const m = fixture();
    const en: Record<string, string> = {};
    const result = convertManifest(m, en, {});
    assert.deepEqual(en, {
      'extension.displayName': 'Demo',
      'command.a.title': 'Do A',
      'command.b.title': 'Do B',
      'category.milvus': 'Milvus',
      'view.v.name': 'Things',
      'viewsWelcome.v.contents': 'None yet.\n[Add](command:milvusAccessManager.a)',
      'walkthrough.start.title': 'Start',
      'walkthrough.start.steps.s1.title': 'One',
      'walkthrough.start.steps.s1.description': 'First.',
      'config.title': 'Demo',
      'config.mode.enumDescriptions.x': 'Ex',
      'config.mode.enumDescriptions.y': 'Why',
      'config.mode.description': 'The mode.',
    });
    assert.equal(result.converted, 14);
    const c = m.contributes as { commands: JsonObject[]; menus: unknown; configuration: { properties: JsonObject } };
    assert.deepEqual(c.commands[1], {
      command: 'milvusAccessManager.b',
      title: '%command.b.title%',
      category: '%category.milvus%',
      icon: '$(add)',
    });
    assert.deepEqual(c.menus, (fixture().contributes as JsonObject).menus);
    assert.deepEqual((c.configuration.properties['milvusAccessManager.mode'] as JsonObject).enum, ['x', 'y']);
  });

  test('is idempotent, drops a translation whose English changed, and removes unused keys', () => {
    const m = fixture();
    const en: Record<string, string> = {};
    const zh: Record<string, string> = {};
    convertManifest(m, en, zh);
    zh['command.a.title'] = '执行 A';
    zh['command.b.title'] = '执行 B';
    const once = JSON.stringify(m);
    assert.deepEqual(convertManifest(m, en, zh), { converted: 0, used: Object.keys(en).sort(), notes: [] });
    assert.equal(JSON.stringify(m), once);

    const commands = (m.contributes as { commands: JsonObject[] }).commands;
    commands[0].title = 'Do A now'; // a merged branch rewords a title...
    commands.pop(); // ...and removes a command
    const result = convertManifest(m, en, zh);
    assert.equal(en['command.a.title'], 'Do A now');
    assert.equal(zh['command.a.title'], undefined, 'stale translation kept');
    assert.equal(en['command.b.title'], undefined);
    assert.equal(zh['command.b.title'], undefined);
    assert.deepEqual(result.notes, [
      'changed English, zh-cn translation dropped: command.a.title',
      'no longer used, removed: command.b.title',
    ]);
  });
});
