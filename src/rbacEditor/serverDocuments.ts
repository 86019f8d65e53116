// Read-only documents: a server's RBAC model (scheme `milvus-rbac`: the left side of "Compare with Server", both sides
// of "Compare Two Connections"; the text is what Export RBAC to File would write) and plans (scheme
// `milvus-rbac-plan`: what an apply would send, shown before anything is sent).
import { parse } from 'jsonc-parser';
import * as vscode from 'vscode';
import { serializeRbacFile, type RbacFile } from '../core/rbac/file';
import { orderLike } from '../core/rbac/fileOrder';
import type { ConnectionProfile } from '../core/types';
import { RBAC_FILE_SUFFIX } from './rbacDiagnostics';
import { fileSafeName } from './serverModel';

export const SERVER_MODEL_SCHEME = 'milvus-rbac';
export const PLAN_SCHEME = 'milvus-rbac-plan';

/** Reads a connection's model again (a server document reopened after its text was dropped). */
export type ModelReader = (connectionId: string) => Promise<RbacFile>;

class ReadOnlyDocuments implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;
  private readonly texts = new Map<string, string>();
  private readonly registration: vscode.Disposable;

  constructor(
    scheme: string,
    private readonly reread?: (uri: vscode.Uri) => Promise<string>,
  ) {
    this.registration = vscode.workspace.registerTextDocumentContentProvider(scheme, this);
  }

  /** Sets the text of `uri`; an open document of it shows the new text. */
  set(uri: vscode.Uri, text: string): vscode.Uri {
    const key = uri.toString();
    const before = this.texts.get(key);
    this.texts.set(key, text);
    if (before !== undefined && before !== text) this.changed.fire(uri);
    return uri;
  }

  async provideTextDocumentContent(uri: vscode.Uri): Promise<string> {
    const known = this.texts.get(uri.toString());
    if (known !== undefined || !this.reread) return known ?? '';
    const text = await this.reread(uri);
    this.texts.set(uri.toString(), text);
    return text;
  }

  dispose(): void {
    this.registration.dispose();
    this.changed.dispose();
  }
}

export class ServerDocuments implements vscode.Disposable {
  private readonly models: ReadOnlyDocuments;
  private readonly plans = new ReadOnlyDocuments(PLAN_SCHEME);
  private planCount = 0;

  constructor(reread: ModelReader) {
    this.models = new ReadOnlyDocuments(SERVER_MODEL_SCHEME, async (uri) => {
      const id = new URLSearchParams(uri.query).get('id');
      return id ? serializeRbacFile(await reread(id)) : '';
    });
  }

  /**
   * The document of `profile`'s model as just read; an open one shows the new text. Compared with a file (`fileText`),
   * its lists follow the file's order, so entries that differ only in where they stand do not show as removed and added.
   */
  model(profile: ConnectionProfile, model: RbacFile, fileText?: string): vscode.Uri {
    const uri = vscode.Uri.from({
      scheme: SERVER_MODEL_SCHEME,
      path: `/${fileSafeName(profile)}${RBAC_FILE_SUFFIX}`,
      query: new URLSearchParams({ id: profile.id }).toString(),
    });
    const ordered = fileText === undefined ? model : orderLike(model, parse(fileText));
    return this.models.set(uri, serializeRbacFile(ordered));
  }

  /** A new plan document (Markdown) named `title`. */
  plan(title: string, text: string): vscode.Uri {
    const uri = vscode.Uri.from({
      scheme: PLAN_SCHEME,
      // Letters of any script: a Chinese title names its tab in Chinese too.
      path: `/${title.replace(/[^\p{L}\p{N}_.-]+/gu, '-')}.md`,
      query: String(++this.planCount),
    });
    return this.plans.set(uri, text);
  }

  dispose(): void {
    this.models.dispose();
    this.plans.dispose();
  }
}
