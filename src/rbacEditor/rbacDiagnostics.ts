// Diagnostics for RBAC files as you type: what rbacLint finds, as squiggles with exact ranges, in every open
// `*.milvus-rbac.json` and in any JSON document whose "format" is the RBAC file format.
import * as vscode from 'vscode';
import { declaresRbacFormat, lintRbacText } from './rbacLint';

export const RBAC_FILE_SUFFIX = '.milvus-rbac.json';
const SOURCE = 'Milvus RBAC';
const DEBOUNCE_MS = 150;

/** An RBAC file by its name, or any JSON document that declares the format. */
export function isRbacDocument(document: vscode.TextDocument): boolean {
  if (document.uri.path.endsWith(RBAC_FILE_SUFFIX)) return true;
  return (document.languageId === 'json' || document.languageId === 'jsonc') && declaresRbacFormat(document.getText());
}

export class RbacDiagnostics implements vscode.Disposable {
  private readonly collection = vscode.languages.createDiagnosticCollection('milvus-rbac');
  private readonly pending = new Map<string, ReturnType<typeof setTimeout>>();
  private readonly subscriptions: vscode.Disposable[];

  constructor() {
    this.subscriptions = [
      vscode.workspace.onDidOpenTextDocument((d) => this.update(d)),
      vscode.workspace.onDidChangeTextDocument((e) => this.schedule(e.document)),
      vscode.workspace.onDidCloseTextDocument((d) => this.forget(d.uri)),
    ];
    for (const document of vscode.workspace.textDocuments) this.update(document);
  }

  private schedule(document: vscode.TextDocument): void {
    const key = document.uri.toString();
    clearTimeout(this.pending.get(key));
    this.pending.set(
      key,
      setTimeout(() => {
        this.pending.delete(key);
        this.update(document);
      }, DEBOUNCE_MS),
    );
  }

  update(document: vscode.TextDocument): void {
    if (document.isClosed || !isRbacDocument(document)) {
      this.collection.delete(document.uri);
      return;
    }
    const diagnostics = lintRbacText(document.getText()).map((issue) => {
      const range = new vscode.Range(
        document.positionAt(issue.offset),
        document.positionAt(issue.offset + issue.length),
      );
      const severity = issue.severity === 'error' ? vscode.DiagnosticSeverity.Error : vscode.DiagnosticSeverity.Warning;
      const diagnostic = new vscode.Diagnostic(range, issue.message, severity);
      diagnostic.source = SOURCE;
      diagnostic.code = issue.code;
      return diagnostic;
    });
    this.collection.set(document.uri, diagnostics);
  }

  private forget(uri: vscode.Uri): void {
    clearTimeout(this.pending.get(uri.toString()));
    this.pending.delete(uri.toString());
    this.collection.delete(uri);
  }

  dispose(): void {
    for (const timer of this.pending.values()) clearTimeout(timer);
    for (const s of this.subscriptions) s.dispose();
    this.collection.dispose();
  }
}
