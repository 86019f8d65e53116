// What a translation must carry over unchanged: vscode.l10n placeholders ({0}, {name}), command links
// (command:…) and codicons ($(name)). Shared by the manifest and runtime bundle tests.
import assert from 'node:assert/strict';

const MARKUP = /\{[\w.]+\}|\(command:[^)\s]+\)|\$\([\w~-]+\)/g;

function markup(text: string): string[] {
  return (text.match(MARKUP) ?? []).sort();
}

export function sameMarkup(english: string, translation: string, key: string): void {
  assert.deepEqual(markup(translation), markup(english), `${key}: placeholders or links differ in "${translation}"`);
}

/** Names and code that stay as they are in Chinese. */
const KEPT = new Set([
  'Milvus',
  'TLS',
  'URI',
  'RBAC',
  'JSON',
  'API',
  'VS',
  'Code',
  'SecretStorage',
  'keytar',
  'admin',
  'Zilliz',
  'Cloud',
]);

/** Whether `english` has a word a Chinese translation must change (not only placeholders, code and names). */
export function hasWords(english: string): boolean {
  const prose = english.replace(MARKUP, ' ').replace(/`[^`]*`/g, ' ');
  return (prose.match(/[A-Za-z]{2,}/g) ?? []).some((word) => !KEPT.has(word));
}

/** Fails unless `translation` is Chinese wherever `english` has words to translate. */
export function isChinese(english: string, translation: string, key: string): void {
  if (hasWords(english)) assert.match(translation, /\p{Script=Han}/u, `${key} is not translated: "${translation}"`);
}
