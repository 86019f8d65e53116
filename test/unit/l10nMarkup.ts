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
