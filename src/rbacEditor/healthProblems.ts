// RBAC health (core/access/health.ts) for a connection and the RBAC file linked to it (links.ts): the file's policy
// applies to the server's check, and the file's own findings (against the server's release and its databases and
// collections) become Problems on the file, at the grant, role or binding they concern, with quick fixes. Saving the
// file checks it again against what the last check read; nothing is read from the server on save.
import { modify, type Edit } from 'jsonc-parser';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { AdminApi } from '../core/adminApi';
import { checkRbacHealth, type Finding, type HealthInput } from '../core/access/health';
import { fileHealthInput, readHealthInput } from '../core/access/healthRead';
import { findingTitle } from '../core/access/healthRender';
import { errorMessage } from '../core/errors/milvusError';
import type { RbacFile } from '../core/rbac/file';
import { parseRbacFile } from '../core/rbac/fileParse';
import type { ConnectionProfile, RuleProfileId } from '../core/types';
import type { Log } from '../log';
import { locateFindings } from './healthLocate';
import { linkedFile } from './links';

export const HEALTH_SOURCE = 'Milvus RBAC health';
/** The command that opens the health report (src/commands/kit/ids.ts; this layer does not import commands). */
const CHECK_RBAC_HEALTH = 'milvusAccessManager.checkRbacHealth';

/** What the last check of a connection read, so that saving its linked file can check the file again locally. */
interface CheckContext {
  connectionId: string;
  serverVersion: string;
  ruleProfile: RuleProfileId;
  collections: HealthInput['collections'];
}

/** A published finding: where it is and what a quick fix needs. */
interface Published {
  range: vscode.Range;
  finding: Finding;
  grantIndex?: number;
}

export interface HealthCheck {
  /** The server's findings (the linked file's policy applied). */
  findings: Finding[];
  serverVersion: string;
  /** The linked file and its own findings, when a file is linked and reads as an RBAC file. */
  file?: { uri: vscode.Uri; findings: Finding[] };
}

function fileFindings(file: RbacFile, context: CheckContext): Finding[] {
  return checkRbacHealth({ ...fileHealthInput(file, context.serverVersion), collections: context.collections });
}

function diagnosticText(f: Finding): string {
  return f.advice ? `${findingTitle(f)}: ${f.message} ${f.advice}` : `${findingTitle(f)}: ${f.message}`;
}

export class HealthProblems implements vscode.Disposable, vscode.CodeActionProvider {
  private readonly collection = vscode.languages.createDiagnosticCollection('milvus-rbac-health');
  private readonly contexts = new Map<string, CheckContext>();
  private readonly published = new Map<string, Published[]>();
  private readonly subscriptions: vscode.Disposable[];

  constructor(private readonly log: Log) {
    this.subscriptions = [
      vscode.workspace.onDidSaveTextDocument((d) => this.recheck(d)),
      vscode.languages.registerCodeActionsProvider([{ language: 'json' }, { language: 'jsonc' }], this, {
        providedCodeActionKinds: [vscode.CodeActionKind.QuickFix],
      }),
    ];
  }

  /** The health check of `profile`'s server through `api`, with its linked file's policy; publishes the file's findings. */
  async check(api: AdminApi, profile: ConnectionProfile): Promise<HealthCheck> {
    const uri = linkedFile(profile);
    // A file this connection is no longer linked to keeps no Problems from it.
    for (const [key, context] of [...this.contexts])
      if (context.connectionId === profile.id && key !== uri?.toString()) this.forget(vscode.Uri.parse(key));
    let file: RbacFile | undefined;
    let document: vscode.TextDocument | undefined;
    if (uri) {
      try {
        document = await vscode.workspace.openTextDocument(uri);
        file = parseRbacFile(document.getText(), api.ruleProfile);
      } catch (error) {
        this.log.warn(
          `RBAC health: the linked file ${path.basename(uri.fsPath)} was not checked: ${errorMessage(error)} [${profile.name}]`,
        );
        this.forget(uri);
      }
    }
    const input = await readHealthInput(api, file?.policy ?? {});
    const findings = checkRbacHealth(input);
    if (!uri || !file || !document) return { findings, serverVersion: input.serverVersion };
    const context: CheckContext = {
      connectionId: profile.id,
      serverVersion: input.serverVersion,
      ruleProfile: api.ruleProfile,
      collections: input.collections,
    };
    this.contexts.set(uri.toString(), context);
    const own = fileFindings(file, context);
    this.publish(document, own);
    return { findings, serverVersion: input.serverVersion, file: { uri, findings: own } };
  }

  /** The Problems of `uri` now (tests). */
  findings(uri: vscode.Uri): Finding[] {
    return (this.published.get(uri.toString()) ?? []).map((p) => p.finding);
  }

  private recheck(document: vscode.TextDocument): void {
    const context = this.contexts.get(document.uri.toString());
    if (!context) return;
    try {
      const file = parseRbacFile(document.getText(), context.ruleProfile);
      this.publish(document, fileFindings(file, context));
    } catch {
      // The file no longer reads as an RBAC file: its lint diagnostics say why; stale findings would mislead.
      this.collection.delete(document.uri);
      this.published.delete(document.uri.toString());
    }
  }

  private publish(document: vscode.TextDocument, findings: readonly Finding[]): void {
    const uri = document.uri;
    const places = locateFindings(document.getText(), findings);
    const published = findings.map((finding, i): Published => {
      const at = places[i];
      const range = at
        ? new vscode.Range(document.positionAt(at.offset), document.positionAt(at.offset + at.length))
        : new vscode.Range(0, 0, 0, 1);
      return { range, finding, ...(at?.grantIndex === undefined ? {} : { grantIndex: at.grantIndex }) };
    });
    this.published.set(uri.toString(), published);
    this.collection.set(
      uri,
      published.map((p) => {
        const diagnostic = new vscode.Diagnostic(p.range, diagnosticText(p.finding), vscode.DiagnosticSeverity.Warning);
        diagnostic.source = HEALTH_SOURCE;
        diagnostic.code = p.finding.code;
        return diagnostic;
      }),
    );
  }

  private forget(uri: vscode.Uri): void {
    this.contexts.delete(uri.toString());
    this.published.delete(uri.toString());
    this.collection.delete(uri);
  }

  provideCodeActions(
    document: vscode.TextDocument,
    _range: vscode.Range,
    context: vscode.CodeActionContext,
  ): vscode.CodeAction[] {
    const key = document.uri.toString();
    const checked = this.contexts.get(key);
    if (!checked) return [];
    const actions: vscode.CodeAction[] = [];
    for (const diagnostic of context.diagnostics) {
      if (diagnostic.source !== HEALTH_SOURCE) continue;
      const p = this.published
        .get(key)
        ?.find((q) => q.range.isEqual(diagnostic.range) && q.finding.code === diagnostic.code);
      if (p?.grantIndex !== undefined)
        actions.push(
          this.edit(document, diagnostic, vscode.l10n.t('Remove This Grant from the File'), ['grants', p.grantIndex]),
        );
      if (p?.finding.code === 'adminGrantOutsidePolicy' && p.finding.role)
        actions.push(
          this.edit(
            document,
            diagnostic,
            vscode.l10n.t('Allow Role {0} in policy.adminRoles', p.finding.role),
            ['policy', 'adminRoles', -1],
            p.finding.role,
          ),
        );
      const open = new vscode.CodeAction(vscode.l10n.t('Open the RBAC Health Report'), vscode.CodeActionKind.QuickFix);
      open.diagnostics = [diagnostic];
      open.command = {
        command: CHECK_RBAC_HEALTH,
        title: open.title,
        arguments: [{ id: checked.connectionId }],
      };
      actions.push(open);
    }
    return actions;
  }

  /** A quick fix that sets (or, without `value`, removes) the JSON value at `where`. */
  private edit(
    document: vscode.TextDocument,
    diagnostic: vscode.Diagnostic,
    title: string,
    where: (string | number)[],
    value?: string,
  ): vscode.CodeAction {
    const text = document.getText();
    const edits: Edit[] = modify(text, where, value, {
      isArrayInsertion: value !== undefined,
      formattingOptions: {
        insertSpaces: true,
        tabSize: 2,
        eol: document.eol === vscode.EndOfLine.CRLF ? '\r\n' : '\n',
      },
    });
    const action = new vscode.CodeAction(title, vscode.CodeActionKind.QuickFix);
    action.diagnostics = [diagnostic];
    action.edit = new vscode.WorkspaceEdit();
    for (const e of edits)
      action.edit.replace(
        document.uri,
        new vscode.Range(document.positionAt(e.offset), document.positionAt(e.offset + e.length)),
        e.content,
      );
    return action;
  }

  dispose(): void {
    for (const s of this.subscriptions) s.dispose();
    this.collection.dispose();
  }
}
