// Every sentence the extension shows goes through l10n (vscode.l10n.t in the host, @vscode/l10n's l10n.t in src/core
// and the webviews), so the Chinese UI has no English left in it. This finds English written straight into the places
// users read: notification and modal texts, QuickPick/InputBox/progress/tree fields, and the problem sentence of a
// MilvusError. The command line (src/cli) speaks English only and is not checked.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const SRC = path.join(ROOT, 'src');
const ENGLISH_ONLY = [path.join(SRC, 'cli')];

/** Calls whose string arguments are shown as they are, and from which argument on (a MilvusError's kind is not). */
const SHOWN_ARGUMENTS = new Map([
  ['showInformationMessage', 0],
  ['showWarningMessage', 0],
  ['showErrorMessage', 0],
  ['setStatusBarMessage', 0],
  ['MilvusError', 1],
  ['Diagnostic', 1],
  ['violation', 1],
]);

/** Fields (of option objects, items, tree items, quick inputs) that users read. */
const SHOWN_FIELDS = new Set([
  'title',
  'placeHolder',
  'placeholder',
  'prompt',
  'tooltip',
  'detail',
  'description',
  'label',
  'message',
  'validationMessage',
  'problem',
  'text',
  'inForm',
]);

/** A literal with at least one English word in it, once `${…}` parts and `$(codicon)` names are left out. */
function isEnglish(text: string): boolean {
  return /[A-Za-z]{2,}/.test(text.replace(/\$\([\w~-]+\)/g, ''));
}

function literalText(node: ts.Node): string | undefined {
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return node.text;
  if (ts.isTemplateExpression(node))
    return [node.head.text, ...node.templateSpans.map((s) => s.literal.text)].join(' ');
  if (ts.isConditionalExpression(node)) {
    return [literalText(node.whenTrue), literalText(node.whenFalse)].filter((t) => t !== undefined).join(' ');
  }
  return undefined;
}

function calleeName(call: ts.CallExpression | ts.NewExpression): string | undefined {
  const callee = call.expression;
  if (ts.isIdentifier(callee)) return callee.text;
  if (ts.isPropertyAccessExpression(callee)) return callee.name.text;
  return undefined;
}

function fieldName(name: ts.PropertyName | ts.Expression): string | undefined {
  if (ts.isIdentifier(name) || ts.isStringLiteral(name)) return name.text;
  if (ts.isPropertyAccessExpression(name)) return name.name.text;
  return undefined;
}

interface Finding {
  readonly where: string;
  readonly text: string;
}

function englishInFile(file: string): Finding[] {
  const source = ts.createSourceFile(file, fs.readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
  const findings: Finding[] = [];
  const flag = (node: ts.Node): void => {
    const text = literalText(node);
    if (text !== undefined && isEnglish(text)) {
      const { line } = source.getLineAndCharacterOfPosition(node.getStart());
      findings.push({ where: `${path.relative(ROOT, file)}:${line + 1}`, text: node.getText().slice(0, 80) });
    }
  };
  const visit = (node: ts.Node): void => {
    const shownFrom =
      ts.isCallExpression(node) || ts.isNewExpression(node) ? SHOWN_ARGUMENTS.get(calleeName(node) ?? '') : undefined;
    if (shownFrom !== undefined) {
      (node as ts.CallExpression).arguments.slice(shownFrom).forEach(flag);
    } else if (ts.isPropertyAssignment(node) && SHOWN_FIELDS.has(fieldName(node.name) ?? '')) {
      flag(node.initializer);
    } else if (
      ts.isBinaryExpression(node) &&
      node.operatorToken.kind === ts.SyntaxKind.EqualsToken &&
      SHOWN_FIELDS.has(fieldName(node.left) ?? '')
    ) {
      flag(node.right);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return findings;
}

function sourceFiles(dir: string): string[] {
  if (ENGLISH_ONLY.includes(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return /\.ts$/.test(entry.name) && !entry.name.endsWith('.d.ts') ? [full] : [];
  });
}

describe('UI text goes through l10n', () => {
  test('no English literal where users read it (wrap it in l10n.t / vscode.l10n.t)', () => {
    const findings = sourceFiles(SRC).flatMap(englishInFile);
    const lines = findings.map((f) => `${f.where} ${f.text}`);
    assert.equal(lines.length, 0, `${lines.length} English literals:\n${lines.join('\n')}`);
  });

  test('the check finds English in each kind of place it looks at', () => {
    const probe = path.join(ROOT, 'out', 'uiStringsProbe.ts');
    fs.writeFileSync(
      probe,
      [
        "void vscode.window.showErrorMessage('Cannot reach the server.');",
        'throw new MilvusError("server", `${where} failed the request`, {});',
        "const item = { label: 'Other database…', detail: ok ? 'Granted' : l10n.t('x') };",
        "quickPick.placeholder = 'Type a name';",
        "const fine = { label: l10n.t('Other database…'), description: `${name} (${db})`, tooltip: '$(key) *' };",
      ].join('\n'),
    );
    try {
      assert.deepEqual(
        englishInFile(probe).map((f) => f.where.replace(/^.*:/, 'line ')),
        ['line 1', 'line 2', 'line 3', 'line 3', 'line 4'],
      );
    } finally {
      fs.rmSync(probe);
    }
  });
});
