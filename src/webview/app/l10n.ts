// Imported first by each page script: hands the translations the host put in the page to @vscode/l10n, so every
// l10n.t in the page (its own texts and the rule messages of src/core) reads the display language.
import * as l10n from '@vscode/l10n';

function pageBundle(): Record<string, string> {
  try {
    const parsed: unknown = JSON.parse(document.getElementById('l10n')?.textContent ?? '{}');
    if (typeof parsed !== 'object' || parsed === null) return {};
    return Object.fromEntries(Object.entries(parsed).filter((e): e is [string, string] => typeof e[1] === 'string'));
  } catch {
    return {};
  }
}

l10n.config({ contents: pageBundle() });
