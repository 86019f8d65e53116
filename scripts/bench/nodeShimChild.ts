// FALLBACK ONLY, used when no real VS Code (code-server) can run: loads dist/extension.js in a plain Node process with a
// minimal stand-in for the 'vscode' module and calls activate() with a stand-in context. Figures from here are labelled
// "node shim" in the bench output; the real figure comes from vscodeProbe/ inside code-server.
import Module from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { sdkModulesLoaded } from '../../test/regression/sdkModules';

type Callable = (...args: unknown[]) => unknown;

/** Anything: every property is another stub, calls and `new` return stubs; never a thenable. */
function stub(name: string): unknown {
  const fn = function () {
    /* stub */
  } as unknown as Callable;
  const assigned = new Map<string | symbol, unknown>();
  return new Proxy(fn, {
    set(_t, prop, value) {
      assigned.set(prop, value);
      return true;
    },
    get(_t, prop) {
      if (assigned.has(prop)) return assigned.get(prop);
      if (prop === 'then') return undefined;
      if (prop === Symbol.toPrimitive) return () => 0;
      if (prop === Symbol.iterator)
        return function* () {
          /* empty */
        };
      if (prop === 'dispose') return () => undefined;
      return stub(`${name}.${String(prop)}`);
    },
    apply: () => stub(`${name}()`),
    construct: () => stub(`new ${name}`) as object,
  });
}

class EventEmitter<T> {
  private listeners: ((e: T) => void)[] = [];
  event = (l: (e: T) => void): { dispose(): void } => {
    this.listeners.push(l);
    return {
      dispose: () => {
        this.listeners = this.listeners.filter((x) => x !== l);
      },
    };
  };
  fire(e: T): void {
    for (const l of this.listeners) l(e);
  }
  dispose(): void {
    this.listeners = [];
  }
}

class Disposable {
  constructor(private readonly fn: () => void) {}
  static from(...items: { dispose(): unknown }[]): Disposable {
    return new Disposable(() => items.forEach((i) => i.dispose()));
  }
  dispose(): void {
    this.fn();
  }
}

class TreeItem {
  constructor(
    public label: unknown,
    public collapsibleState?: number,
  ) {}
}

function uri(fsPath: string): Record<string, unknown> {
  return { scheme: 'file', fsPath, path: fsPath, toString: () => `file://${fsPath}`, with: () => uri(fsPath) };
}

function vscodeStandIn(): unknown {
  const real: Record<string, unknown> = {
    version: '1.100.3',
    EventEmitter,
    Disposable,
    TreeItem,
    TreeItemCollapsibleState: { None: 0, Collapsed: 1, Expanded: 2 },
    ThemeIcon: class {
      constructor(public id: string) {}
    },
    ThemeColor: class {
      constructor(public id: string) {}
    },
    MarkdownString: class {
      constructor(public value = '') {}
      appendMarkdown(): this {
        return this;
      }
      appendText(): this {
        return this;
      }
    },
    Uri: {
      file: uri,
      joinPath: (base: { fsPath: string }, ...parts: string[]) => uri(path.join(base.fsPath, ...parts)),
      parse: (s: string) => uri(s),
    },
    ConfigurationTarget: { Global: 1, Workspace: 2, WorkspaceFolder: 3 },
    ViewColumn: { One: 1, Active: -1 },
    StatusBarAlignment: { Left: 1, Right: 2 },
    ProgressLocation: { SourceControl: 1, Window: 10, Notification: 15 },
    LogLevel: { Off: 0, Trace: 1, Debug: 2, Info: 3, Warning: 4, Error: 5 },
    ExtensionMode: { Production: 1, Development: 2, Test: 3 },
    // English, as VS Code's own l10n.t does without a bundle: the message with its {0}/{name} placeholders filled in.
    l10n: {
      t: (message: string, ...args: unknown[]): string => {
        const named = args.length === 1 && typeof args[0] === 'object' && args[0] !== null ? args[0] : args;
        return message.replace(/\{(\w+)\}/g, (whole, key: string) =>
          key in (named as object) ? String((named as Record<string, unknown>)[key]) : whole,
        );
      },
    },
    workspace: new Proxy(
      {
        getConfiguration: () => ({
          get: (_k: string, d?: unknown) => d,
          has: () => false,
          inspect: () => undefined,
          update: async () => undefined,
        }),
        onDidChangeConfiguration: () => ({ dispose: () => undefined }),
      },
      { get: (t, p) => (p in t ? (t as Record<string | symbol, unknown>)[p] : stub(`workspace.${String(p)}`)) },
    ),
  };
  // esbuild's __toESM copies own keys, so every namespace and class the extension may touch must be a real key.
  for (const name of [
    'window',
    'commands',
    'env',
    'extensions',
    'languages',
    'l10n',
    'authentication',
    'tasks',
    'debug',
    'scm',
    'tests',
    'notebooks',
    'comments',
    'chat',
    'lm',
    'CancellationTokenSource',
    'Range',
    'Position',
    'Selection',
    'QuickPickItemKind',
    'TreeItemCheckboxState',
    'StatusBarItem',
    'FileType',
    'RelativePattern',
    'CodeLens',
    'Location',
    'Diagnostic',
    'DiagnosticSeverity',
    'CodeAction',
    'CodeActionKind',
    'ExtensionMode',
    'UIKind',
    'ColorThemeKind',
    'EndOfLine',
    'ViewColumn',
    'TabInputWebview',
    'WebviewPanel',
    'QuickInputButtons',
  ]) {
    if (!(name in real)) real[name] = stub(`vscode.${name}`);
  }
  return real;
}

function memento(): Record<string, unknown> {
  const m = new Map<string, unknown>();
  return {
    get: (k: string, d?: unknown) => (m.has(k) ? m.get(k) : d),
    update: async (k: string, v: unknown) => {
      m.set(k, v);
    },
    keys: () => [...m.keys()],
    setKeysForSync: () => undefined,
  };
}

async function main(): Promise<void> {
  const bundle = process.argv[2];
  const standIn = vscodeStandIn();
  const mod = Module as unknown as { _load(request: string, parent: unknown, isMain: boolean): unknown };
  const origLoad = mod._load;
  mod._load = function (request: string, parent: unknown, isMain: boolean): unknown {
    return request === 'vscode' ? standIn : origLoad.call(this, request, parent, isMain);
  };
  const secrets = new Map<string, string>();
  const extDir = path.dirname(path.dirname(bundle));
  const context = {
    subscriptions: [] as unknown[],
    globalState: memento(),
    workspaceState: memento(),
    secrets: {
      get: async (k: string) => secrets.get(k),
      store: async (k: string, v: string) => {
        secrets.set(k, v);
      },
      delete: async (k: string) => {
        secrets.delete(k);
      },
      onDidChange: () => ({ dispose: () => undefined }),
    },
    extensionUri: uri(extDir),
    extensionPath: extDir,
    globalStorageUri: uri(os.tmpdir()),
    storageUri: uri(os.tmpdir()),
    logUri: uri(os.tmpdir()),
    extensionMode: 3, // ExtensionMode.Test, as in the real bench run (--extensionTestsPath): activate() returns the test API
    asAbsolutePath: (p: string) => path.join(extDir, p),
    environmentVariableCollection: stub('environmentVariableCollection'),
    extension: { id: 'milvus-access-manager.milvus-access-manager', packageJSON: {} },
  };
  const t0 = performance.now();
  const load = Module.createRequire(__filename);
  const ext = load(bundle) as { activate(ctx: unknown): unknown };
  const t1 = performance.now();
  const api = await ext.activate(context);
  if (!api) throw new Error('activate() returned no test API in ExtensionMode.Test');
  const t2 = performance.now();
  process.stdout.write(
    `${JSON.stringify({ loadMs: t1 - t0, activateMs: t2 - t1, totalMs: t2 - t0, sdkModulesAfter: sdkModulesLoaded(require.cache) })}\n`,
  );
}

main().then(
  () => process.exit(0),
  (e: unknown) => {
    console.error(e instanceof Error ? (e.stack ?? e.message) : String(e));
    process.exit(1);
  },
);
