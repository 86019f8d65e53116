// Finds English written straight into the places users read (the check of uiStringsLocalised.test.ts). It reads the
// syntax only (a type-checked program of src takes ten seconds to build): a name is followed to the `const`, function or
// import it stands for in the enclosing scopes, so a sentence kept in a constant, built by concatenation, given as a
// `??` fallback or returned by a helper is seen where it is shown.
import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { hasWords } from './l10nMarkup';

/** Calls whose arguments are shown as they are, and from which argument on (a MilvusError's kind is not). */
const SHOWN_ARGUMENTS = new Map([
  ['showInformationMessage', 0],
  ['showWarningMessage', 0],
  ['showErrorMessage', 0],
  ['setStatusBarMessage', 0],
  ['showQuickPick', 0],
  ['TreeItem', 0],
  ['MarkdownString', 0],
  ['appendMarkdown', 0],
  ['appendText', 0],
  ['createWebviewPanel', 1],
  ['CodeAction', 0],
  ['MilvusError', 1],
  ['Diagnostic', 1],
  ['violation', 1],
  // The values put into a translated sentence (l10n.t's first argument is the key, checked by runtimeL10n).
  ['t', 1],
  // The project's own wrappers of the calls above.
  ['Flow', 0],
  ['pickOne', 1],
  ['pickMany', 1],
  ['withCancellableProgress', 0],
  ['withWriteProgress', 0],
  ['connectWithProgress', 2],
  // The webview pages' DOM helpers (src/webview/app/dom.ts).
  ['setText', 1],
  ['showFieldError', 1],
]);

/** Methods of the project's wrappers (`services.confirmations.ask`, `target.run`), on whatever they are called. */
const SHOWN_METHOD_ARGUMENTS = new Map([
  ['ask', 0],
  ['require', 0],
  ['requireDestructive', 0],
  ['requireTypedName', 0],
  ['run', 0],
  ['requireFeature', 1],
]);

/** Fields (of option objects, items, tree items, quick inputs) that users read, or that return what they read. */
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
  'consequence',
  'openLabel',
  'saveLabel',
  'validateInput',
  'validate',
  // An access report (src/webview/accessReportMarkup.ts AccessReportView), its Markdown copy included.
  'heading',
  'summary',
  'highlight',
  'columns',
  'rows',
  'empty',
  'markdown',
  'filterHint',
  // The webview pages' DOM.
  'textContent',
  'innerText',
  'ariaLabel',
]);

/** Names a sentence quotes as they are (a role, a setting), not words to translate. */
const NAMES = new Set(['public', 'common.security.superUsers']);

/** A literal with an English word to translate, once placeholders, codicons, `code` and kept names are left out. */
export function isEnglish(text: string): boolean {
  return !NAMES.has(text) && hasWords(text.replace(CODE, ' '));
}

/**
 * Setting keys, paths, URIs (a Markdown link's `command:` target included), privilege names (`UpdateUser`) and quoted
 * names or JSON, which stay as they are.
 */
const CODE = /\S*\w[./:_@-]\w\S*|\(command:[^)]*\)|\b[a-z]+[A-Z]\w*|\b[A-Z][a-z]+[A-Z]\w*|"[^"]*"/g;

export interface Finding {
  readonly where: string;
  readonly text: string;
}

type Declaration = ts.Expression | ts.FunctionDeclaration;

/** How far a name, a helper's return or a constant's parts are followed. */
const MAX_DEPTH = 6;

export class EnglishFinder {
  private readonly files = new Map<string, ts.SourceFile>();
  private readonly found = new Map<string, Finding>();

  constructor(private readonly root: string) {}

  /** Every English literal shown from these files, once each (where it is written). */
  findings(files: readonly string[]): Finding[] {
    for (const file of files) this.visit(this.source(file));
    return [...this.found.values()];
  }

  private source(file: string): ts.SourceFile {
    let source = this.files.get(file);
    if (!source) {
      source = ts.createSourceFile(file, fs.readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
      this.files.set(file, source);
    }
    return source;
  }

  private visit = (node: ts.Node): void => {
    // valibot's metadata is the JSON schema's, an English build artefact (src/core/rbac/fileSchema.ts).
    if (ts.isCallExpression(node) && calleeName(node) === 'metadata') return;
    if (ts.isCallExpression(node) || ts.isNewExpression(node)) {
      const from = shownFrom(node);
      for (const arg of from === undefined ? [] : (node.arguments ?? []).slice(from)) {
        if (ts.isObjectLiteralExpression(arg) && calleeName(node) === 't') this.shownValues(arg);
        else this.shown(arg, false);
      }
    } else if (ts.isPropertyAssignment(node) && SHOWN_FIELDS.has(fieldName(node.name) ?? '')) {
      this.shown(node.initializer, true);
    } else if (ts.isShorthandPropertyAssignment(node) && SHOWN_FIELDS.has(node.name.text)) {
      this.shown(node.name, true);
    } else if (
      ts.isBinaryExpression(node) &&
      node.operatorToken.kind === ts.SyntaxKind.EqualsToken &&
      SHOWN_FIELDS.has(fieldName(node.left) ?? '')
    ) {
      this.shown(node.right, true);
    }
    ts.forEachChild(node, this.visit);
  };

  /** The values of `l10n.t('…{name}', { name: … })`. */
  private shownValues(values: ts.ObjectLiteralExpression): void {
    for (const property of values.properties) {
      if (ts.isPropertyAssignment(property)) this.shown(property.initializer, false);
      else if (ts.isShorthandPropertyAssignment(property)) this.shown(property.name, false);
    }
  }

  /**
   * Records the English literals `node` can show. `returns`: a function there is shown through what it returns (a
   * `validateInput`, a valibot `message`); a function given to a call (`flow.run(body)`) is not.
   */
  private shown(node: ts.Node, returns: boolean, depth = 0, seen = new Set<ts.Node>()): void {
    if (depth > MAX_DEPTH || seen.has(node)) return;
    seen.add(node);
    const next = (child: ts.Node, fns = returns): void => this.shown(child, fns, depth + 1, seen);
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) {
      this.flag(node, node.text);
    } else if (ts.isTemplateExpression(node)) {
      this.flag(node, [node.head.text, ...node.templateSpans.map((s) => s.literal.text)].join(' '));
      for (const span of node.templateSpans) next(span.expression, false);
    } else if (ts.isConditionalExpression(node)) {
      next(node.whenTrue);
      next(node.whenFalse);
    } else if (ts.isBinaryExpression(node) && CONCATENATION.has(node.operatorToken.kind)) {
      next(node.left);
      next(node.right);
    } else if (
      ts.isParenthesizedExpression(node) ||
      ts.isAsExpression(node) ||
      ts.isNonNullExpression(node) ||
      ts.isSatisfiesExpression(node) ||
      ts.isAwaitExpression(node)
    ) {
      next(node.expression);
    } else if (ts.isArrayLiteralExpression(node)) {
      for (const element of node.elements) next(ts.isSpreadElement(element) ? element.expression : element, false);
    } else if (ts.isIdentifier(node)) {
      const declaration = this.declarationOf(node);
      if (declaration) next(declaration);
      for (const pushed of this.pushedOnto(node)) next(pushed, false);
    } else if (ts.isPropertyAccessExpression(node) || ts.isElementAccessExpression(node)) {
      for (const value of this.memberValues(node)) next(value, false);
    } else if (ts.isCallExpression(node)) {
      this.shownCall(node, next);
    } else if (returns && (ts.isArrowFunction(node) || ts.isFunctionExpression(node))) {
      for (const value of returnedValues(node)) next(value, false);
    } else if (returns && ts.isFunctionDeclaration(node)) {
      for (const value of returnedValues(node)) next(value, false);
    }
  }

  /** `lines.join('\n')` shows the lines; `describe(x)` shows what the helper returns; l10n.t shows its key (checked elsewhere). */
  private shownCall(node: ts.CallExpression, next: (child: ts.Node, fns?: boolean) => void): void {
    const callee = node.expression;
    if (ts.isPropertyAccessExpression(callee)) {
      if (callee.expression.kind === ts.SyntaxKind.ThisKeyword) {
        const method = classMember(callee, callee.name.text);
        if (method && (ts.isMethodDeclaration(method) || ts.isGetAccessor(method)))
          for (const value of returnedValues(method)) next(value, false);
      }
      if (JOINING.has(callee.name.text)) next(callee.expression, false);
      if (MAPPING.has(callee.name.text) && node.arguments[0]) next(node.arguments[0], true);
      return;
    }
    if (!ts.isIdentifier(callee)) return;
    const declaration = this.declarationOf(callee);
    if (declaration && (ts.isFunctionDeclaration(declaration) || ts.isArrowFunction(declaration)))
      for (const value of returnedValues(declaration)) next(value, false);
  }

  /** `X.y` / `X[k]` where X is a constant object or list, or `this.y` (a getter or an initialised field): its value(s). */
  private memberValues(node: ts.PropertyAccessExpression | ts.ElementAccessExpression): ts.Node[] {
    if (node.expression.kind === ts.SyntaxKind.ThisKeyword && ts.isPropertyAccessExpression(node)) {
      const member = classMember(node, node.name.text);
      if (member && ts.isGetAccessor(member)) return returnedValues(member);
      return member && ts.isPropertyDeclaration(member) && member.initializer ? [member.initializer] : [];
    }
    if (!ts.isIdentifier(node.expression)) return [];
    const holder = this.declarationOf(node.expression);
    if (!holder) return [];
    if (ts.isArrayLiteralExpression(holder) && ts.isElementAccessExpression(node)) return [...holder.elements];
    if (!ts.isObjectLiteralExpression(holder)) return [];
    const key = ts.isPropertyAccessExpression(node) ? node.name.text : undefined;
    return holder.properties.flatMap((p) =>
      ts.isPropertyAssignment(p) && (key === undefined || fieldName(p.name) === key) ? [p.initializer] : [],
    );
  }

  /** What `name` stands for where it is used: a `const`/`let` initializer, a function, or the export it imports. */
  private declarationOf(name: ts.Identifier): Declaration | undefined {
    for (let scope: ts.Node | undefined = name.parent; scope; scope = scope.parent) {
      if (ts.isFunctionLike(scope) && scope.parameters.some((p) => bindsName(p.name, name.text))) return undefined;
      if (ts.isSourceFile(scope) || ts.isBlock(scope) || ts.isModuleBlock(scope) || ts.isCaseClause(scope)) {
        const local = declaredIn(scope.statements, name.text);
        if (local) return local;
      }
      if (ts.isSourceFile(scope)) return this.imported(scope, name.text);
    }
    return undefined;
  }

  /** The exported declaration a relative `import { name }` brings in. */
  private imported(source: ts.SourceFile, local: string): Declaration | undefined {
    for (const statement of source.statements) {
      if (!ts.isImportDeclaration(statement) || !ts.isStringLiteral(statement.moduleSpecifier)) continue;
      const bindings = statement.importClause?.namedBindings;
      if (!bindings || !ts.isNamedImports(bindings)) continue;
      const element = bindings.elements.find((e) => e.name.text === local);
      if (!element) continue;
      const file = moduleFile(source.fileName, statement.moduleSpecifier.text);
      return file ? declaredIn(this.source(file).statements, (element.propertyName ?? element.name).text) : undefined;
    }
    return undefined;
  }

  /** The arguments of `name.push(…)` in name's file: a list of lines built up and then joined. */
  private pushedOnto(name: ts.Identifier): ts.Expression[] {
    const declaration = this.declarationOf(name);
    if (!declaration || !ts.isArrayLiteralExpression(declaration)) return [];
    const pushed: ts.Expression[] = [];
    const visit = (node: ts.Node): void => {
      if (
        ts.isCallExpression(node) &&
        ts.isPropertyAccessExpression(node.expression) &&
        node.expression.name.text === 'push' &&
        ts.isIdentifier(node.expression.expression) &&
        node.expression.expression.text === name.text &&
        this.declarationOf(node.expression.expression) === declaration
      )
        pushed.push(...node.arguments.map((a) => (ts.isSpreadElement(a) ? a.expression : a)));
      ts.forEachChild(node, visit);
    };
    visit(name.getSourceFile());
    return pushed;
  }

  private flag(node: ts.Node, text: string): void {
    if (!isEnglish(text)) return;
    const source = node.getSourceFile();
    const { line } = source.getLineAndCharacterOfPosition(node.getStart());
    const where = `${path.relative(this.root, source.fileName)}:${line + 1}`;
    this.found.set(`${where} ${node.getStart()}`, { where, text: node.getText().slice(0, 80) });
  }
}

const CONCATENATION = new Set([
  ts.SyntaxKind.PlusToken,
  ts.SyntaxKind.QuestionQuestionToken,
  ts.SyntaxKind.BarBarToken,
  ts.SyntaxKind.PlusEqualsToken,
]);

/** Calls that turn a list into the text shown. */
const JOINING = new Set(['join', 'concat', 'trim']);

/** Calls whose callback's results are what is shown (`rows: list.map((p) => [label(p), …])`). */
const MAPPING = new Set(['map', 'flatMap']);

function calleeName(call: ts.CallExpression | ts.NewExpression): string | undefined {
  const callee = call.expression;
  if (ts.isIdentifier(callee)) return callee.text;
  if (ts.isPropertyAccessExpression(callee)) return callee.name.text;
  return undefined;
}

function shownFrom(call: ts.CallExpression | ts.NewExpression): number | undefined {
  const callee = call.expression;
  if (ts.isIdentifier(callee)) return SHOWN_ARGUMENTS.get(callee.text);
  if (!ts.isPropertyAccessExpression(callee)) return undefined;
  return SHOWN_ARGUMENTS.get(callee.name.text) ?? SHOWN_METHOD_ARGUMENTS.get(callee.name.text);
}

function fieldName(name: ts.PropertyName | ts.Expression): string | undefined {
  if (ts.isIdentifier(name) || ts.isStringLiteral(name)) return name.text;
  if (ts.isPropertyAccessExpression(name)) return name.name.text;
  return undefined;
}

function bindsName(binding: ts.BindingName, name: string): boolean {
  if (ts.isIdentifier(binding)) return binding.text === name;
  return binding.elements.some((e) => !ts.isOmittedExpression(e) && bindsName(e.name, name));
}

/** A `const`/`let` with an initializer, or a function, declared by these statements under `name`. */
function declaredIn(statements: ts.NodeArray<ts.Statement>, name: string): Declaration | undefined {
  for (const statement of statements) {
    if (ts.isFunctionDeclaration(statement) && statement.name?.text === name && statement.body) return statement;
    if (!ts.isVariableStatement(statement)) continue;
    for (const declaration of statement.declarationList.declarations) {
      if (ts.isIdentifier(declaration.name) && declaration.name.text === name) return declaration.initializer;
    }
  }
  return undefined;
}

/** What a function returns: its expression body, or the `return`s of its own body (not of functions inside it). */
function returnedValues(fn: ts.FunctionLikeDeclaration): ts.Expression[] {
  if (!fn.body) return [];
  if (!ts.isBlock(fn.body)) return [fn.body];
  const values: ts.Expression[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isReturnStatement(node) && node.expression) values.push(node.expression);
    if (!ts.isFunctionLike(node)) ts.forEachChild(node, visit);
  };
  ts.forEachChild(fn.body, visit);
  return values;
}

/** The member `name` of the class `node` is in. */
function classMember(node: ts.Node, name: string): ts.ClassElement | undefined {
  let scope: ts.Node | undefined = node.parent;
  while (scope && !ts.isClassLike(scope)) scope = scope.parent;
  return scope?.members.find((m) => m.name !== undefined && ts.isIdentifier(m.name) && m.name.text === name);
}

function moduleFile(from: string, specifier: string): string | undefined {
  if (!specifier.startsWith('.')) return undefined;
  const base = path.resolve(path.dirname(from), specifier);
  return [`${base}.ts`, path.join(base, 'index.ts')].find((file) => fs.existsSync(file));
}
