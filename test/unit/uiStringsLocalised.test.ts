// Every sentence the extension shows goes through l10n (vscode.l10n.t in the host, @vscode/l10n's l10n.t in src/core
// and the webviews), so the Chinese UI has no English left in it. This finds English written straight into the places
// users read (englishFinder.ts): notification and modal texts, QuickPick/InputBox/progress/tree fields and items,
// Markdown tooltips, validation messages, the problem sentence of a MilvusError, the values put into a translated
// sentence, and the project's wrappers of these. The command line (src/cli) speaks English only and is not checked.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { EnglishFinder } from './englishFinder';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const SRC = path.join(ROOT, 'src');
const ENGLISH_ONLY = [path.join(SRC, 'cli')];

function sourceFiles(dir: string): string[] {
  if (ENGLISH_ONLY.includes(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return /\.ts$/.test(entry.name) && !entry.name.endsWith('.d.ts') ? [full] : [];
  });
}

/** The lines of `probe` (a file written for the test) where the check finds English. */
function linesFound(probe: readonly string[], helper?: readonly string[]): string[] {
  const dir = fs.mkdtempSync(path.join(ROOT, 'out', 'uiStringsProbe-'));
  try {
    const file = path.join(dir, 'probe.ts');
    fs.writeFileSync(file, probe.join('\n'));
    if (helper) fs.writeFileSync(path.join(dir, 'helper.ts'), helper.join('\n'));
    return new EnglishFinder(dir)
      .findings([file])
      .map((f) => f.where.replace(/^probe\.ts:/, 'line ').replace(/^helper\.ts:/, 'helper line '))
      .sort();
  } finally {
    fs.rmSync(dir, { recursive: true });
  }
}

describe('UI text goes through l10n', () => {
  test('no English literal where users read it (wrap it in l10n.t / vscode.l10n.t)', () => {
    const findings = new EnglishFinder(ROOT).findings(sourceFiles(SRC));
    const lines = findings.map((f) => `${f.where} ${f.text}`);
    assert.equal(lines.length, 0, `${lines.length} English literals:\n${lines.join('\n')}`);
  });

  test('the check finds English in each kind of place it looks at', () => {
    assert.deepEqual(
      linesFound([
        "void vscode.window.showErrorMessage('Cannot reach the server.');",
        'throw new MilvusError("server", `${where} failed the request`, {});',
        "const item = { label: 'Other database…', detail: ok ? 'Granted' : l10n.t('x') };",
        "quickPick.placeholder = 'Type a name';",
        "const fine = { label: l10n.t('Other database…'), description: `${name} (${db})`, tooltip: '$(key) *' };",
      ]),
      ['line 1', 'line 2', 'line 3', 'line 3', 'line 4'],
    );
  });

  // Each probe plants English the check used not to see (on the lines marked `// English`) beside lines it must pass.
  const PROBES: [string, string[]][] = [
    [
      'concatenation',
      [
        "void vscode.window.showErrorMessage(l10n.t('Failed.') + ' Try again'); // English",
        "void vscode.window.showErrorMessage(l10n.t('Failed.') + ' ' + detail);",
      ],
    ],
    [
      'a constant or identifier argument',
      [
        "const RETRY = 'Retry'; // English",
        "const CANCEL = l10n.t('Cancel');",
        'function f(message: string) {',
        "  const local = 'Nothing was sent'; // English",
        '  return vscode.window.showErrorMessage(message, RETRY, CANCEL, local);',
        '}',
      ],
    ],
    [
      'a ?? fallback',
      [
        "const item = { label: name ?? 'Unnamed', description: name ?? '' }; // English",
        'const other = { label: a ?? b };',
      ],
    ],
    [
      'string items to showQuickPick',
      [
        "void vscode.window.showQuickPick(['Yes', 'No'], { placeHolder: l10n.t('x') }); // English",
        "void vscode.window.showQuickPick(names, { placeHolder: l10n.t('x') });",
      ],
    ],
    [
      "new TreeItem('…')",
      [
        "const item = new vscode.TreeItem('Loading users', vscode.TreeItemCollapsibleState.None); // English",
        'const named = new vscode.TreeItem(name, vscode.TreeItemCollapsibleState.None);',
      ],
    ],
    [
      "new MarkdownString('…') and its appends",
      [
        "const tip = new vscode.MarkdownString('**Roles**: none'); // English",
        "tip.appendMarkdown('\\n\\nNo grants'); // English",
        "tip.appendMarkdown(`**${escape(name)}**: ${l10n.t('none')}`);",
      ],
    ],
    [
      'validateInput returns',
      [
        "void vscode.window.showInputBox({ validateInput: (v) => (v ? undefined : 'Type a name') }); // English",
        "function check(v: string) { if (!v) return 'Required'; return undefined; } // English",
        'void vscode.window.showInputBox({ validateInput: check });',
        "void vscode.window.showInputBox({ validateInput: (v) => (v ? undefined : l10n.t('Type a name')) });",
      ],
    ],
    [
      'confirmations.ask and the other confirmations',
      [
        "await services.confirmations.ask(l10n.t('Drop?'), 'It cannot be undone', l10n.t('Drop')); // English",
        "await services.confirmations.requireDestructive(l10n.t('Drop?'), undefined, 'Drop', l10n.t('Keep')); // English",
        "await services.confirmations.require(l10n.t('Drop?'), detail, l10n.t('Drop'));",
      ],
    ],
    [
      'target.run',
      [
        "await target.run('Dropping the role…', (api) => api.dropRole(name)); // English",
        "await target.run(l10n.t('Dropping the role…'), (api) => api.dropRole('Dropping'));",
      ],
    ],
    [
      'a value put into a translated sentence',
      [
        "void vscode.window.showErrorMessage(l10n.t('{0} at {at}', 'nothing', { at: 'the top level' })); // English",
        "void vscode.window.showErrorMessage(l10n.t('{0} at {at}', name, { at: l10n.t('the top level') }));",
      ],
    ],
    [
      'a sentence a helper returns',
      [
        "function why(n: number): string { return n === 0 ? 'must be a list.' : l10n.t('x'); } // English",
        "const item = { detail: why(1), label: ['All', l10n.t('y')].join(', ') }; // English",
        "const rows = { rows: list.map((p) => [p.name, p.level === 'x' ? 'every level' : p.level]) }; // English",
      ],
    ],
    [
      "a class's own getter, field or method",
      [
        'class Node {',
        "  private readonly empty = 'No users'; // English",
        "  get label(): string { return this.empty || 'Users'; } // English",
        "  private describe(): string { return l10n.t('Users'); }",
        '  item() { return new vscode.TreeItem(this.label).description = this.describe(); }',
        '}',
      ],
    ],
    [
      "a webview page's text",
      [
        "setText('count', 'No rows'); // English",
        "status.textContent = 'Copied'; // English",
        "setText('count', rowCount(n));",
      ],
    ],
  ];
  for (const [kind, probe] of PROBES) {
    test(`the check finds English in ${kind}, and only there`, () => {
      const marked = probe.flatMap((line, i) => (line.endsWith('// English') ? [`line ${i + 1}`] : []));
      assert.deepEqual([...new Set(linesFound(probe))], marked, probe.join('\n'));
    });
  }

  test('the check follows a name to the constant or helper another file exports', () => {
    assert.deepEqual(
      linesFound(
        [
          "import { HEADING, label } from './helper';",
          "const items = { title: HEADING, label: label('x'), description: l10n.t('{0}', label('y')) };",
        ],
        [
          "export const HEADING = 'Effective privileges';",
          "export function label(p: string) { return p === '*' ? 'all privileges' : p; }",
        ],
      ),
      ['helper line 1', 'helper line 2'],
    );
  });

  test('names that are parameters or computed, and l10n.t calls, are not English', () => {
    assert.deepEqual(
      linesFound([
        "const RETRY = l10n.t('Retry');",
        'function f(message: string, RETRY2: string) {',
        '  void vscode.window.showErrorMessage(message, RETRY, RETRY2, `${message}`);',
        "  return { label: message ?? RETRY, tooltip: new vscode.MarkdownString(escape(message)), detail: [message].join(' ') };",
        '}',
      ]),
      [],
    );
  });
});
