// Drift: a connection linked to a workspace RBAC file (the rbacFileLinks setting) is checked against it on connect,
// on refresh and when the file is saved, with one model read per check. The tree and the status bar show the result.
import * as path from 'node:path';
import { errorMessage } from '../core/errors/milvusError';
import * as vscode from 'vscode';
import type { ConnectionManager } from '../connections/connectionManager';
import { parseRbacFile } from '../core/rbac/fileParse';
import { readRbacModel } from '../core/rbac/model';
import { planRbac, type RbacPlan } from '../core/rbac/planner';
import { planSummary } from '../core/rbac/planRender';
import type { Log } from '../log';
import type { ProfileStore } from '../storage/profileStore';
import type { ConnectionsTreeProvider } from '../tree/connectionsTree';
import type { ConnectionDecoration } from '../tree/nodes/treeNode';
import { LINKS_SETTING, linkedFile, linkedTo } from './links';

export interface DriftState {
  connectionId: string;
  file: vscode.Uri;
  /** `same`: the server holds exactly the file's model; `differs`; `error`: the file or the server could not be read. */
  status: 'same' | 'differs' | 'error';
  /** What differs, or why the check failed. */
  summary: string;
}

/** What an exact apply would do, then what it would leave out and which users of the file the server lacks. */
function driftSummary(plan: RbacPlan): string {
  let summary = planSummary(plan);
  if (plan.leftOut.length > 0)
    summary = vscode.l10n.t('{summary}, {count} left out', { summary, count: plan.leftOut.length });
  if (plan.skippedUsers.length > 0)
    summary = vscode.l10n.t('{summary}; {count} users of the file missing', {
      summary,
      count: plan.skippedUsers.length,
    });
  return summary;
}

export class DriftMonitor implements vscode.Disposable {
  private readonly states = new Map<string, DriftState>();
  private readonly running = new Map<string, Promise<DriftState | undefined>>();
  private readonly again = new Set<string>();
  private readonly connected = new Set<string>();
  private readonly changed = new vscode.EventEmitter<string>();
  /** A connection's drift state changed (its id). */
  readonly onDidChange = this.changed.event;
  private readonly subscriptions: vscode.Disposable[];

  constructor(
    private readonly profiles: ProfileStore,
    private readonly connections: ConnectionManager,
    private readonly tree: ConnectionsTreeProvider,
    private readonly log: Log,
  ) {
    tree.decorateConnections((id) => this.decoration(id));
    this.subscriptions = [
      connections.onDidChangeState((id) => {
        const now = connections.status(id).state === 'connected';
        const was = this.connected.has(id);
        if (now) this.connected.add(id);
        else this.connected.delete(id);
        if (now && !was) void this.check(id);
        if (!now && this.states.delete(id)) this.fire(id);
      }),
      tree.onDidRefreshConnections((ids) => ids.forEach((id) => void this.check(id))),
      vscode.workspace.onDidSaveTextDocument((document) => {
        for (const p of linkedTo(this.profiles.list(), document.uri)) void this.check(p.id);
      }),
      vscode.workspace.onDidChangeConfiguration((event) => {
        if (event.affectsConfiguration(LINKS_SETTING)) for (const p of this.profiles.list()) void this.check(p.id);
      }),
    ];
  }

  state(id: string): DriftState | undefined {
    return this.states.get(id);
  }

  /** Every connection whose server differs from its linked file. */
  drifting(): DriftState[] {
    return [...this.states.values()].filter((s) => s.status === 'differs');
  }

  /** Checks a connected, linked connection now (a check already running is followed by one more). */
  check(id: string): Promise<DriftState | undefined> {
    const running = this.running.get(id);
    if (running) {
      this.again.add(id);
      return running.then(() => this.check(id));
    }
    const task = this.run(id).finally(() => {
      this.running.delete(id);
      if (this.again.delete(id)) void this.check(id);
    });
    this.running.set(id, task);
    return task;
  }

  private async run(id: string): Promise<DriftState | undefined> {
    const profile = this.profiles.get(id);
    const file = profile ? linkedFile(profile) : undefined;
    if (!profile || !file || !this.connections.isConnected(id)) {
      if (this.states.delete(id)) this.fire(id);
      return undefined;
    }
    const name = path.basename(file.fsPath);
    let state: DriftState;
    try {
      const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(file));
      // connect() returns the open client: a check must not make this connection the "active" one.
      const api = await this.connections.connect(id);
      const wanted = parseRbacFile(text, api.ruleProfile);
      // What an exact apply of the file would do: the server matches when it would do nothing.
      const plan = planRbac(wanted, await readRbacModel(api, wanted), { mode: 'exact' });
      state =
        plan.steps.length === 0 && plan.leftOut.length === 0 && plan.skippedUsers.length === 0
          ? { connectionId: id, file, status: 'same', summary: vscode.l10n.t('matches {file}', { file: name }) }
          : { connectionId: id, file, status: 'differs', summary: driftSummary(plan) };
    } catch (error) {
      state = {
        connectionId: id,
        file,
        status: 'error',
        summary: errorMessage(error),
      };
    }
    const before = this.states.get(id);
    this.states.set(id, state);
    if (before?.status !== state.status || before.summary !== state.summary) {
      this.log.info(
        `Drift check against ${name}: ${state.status === 'differs' ? `differs (${state.summary})` : state.status === 'same' ? 'no drift' : `not checked: ${state.summary}`} [${profile.name}]`,
      );
      this.fire(id);
    }
    return state;
  }

  private decoration(id: string): ConnectionDecoration | undefined {
    const state = this.states.get(id);
    if (!state || state.status === 'same') return undefined;
    const name = path.basename(state.file.fsPath);
    return state.status === 'differs'
      ? {
          description: vscode.l10n.t('drift: differs from {file}', { file: name }),
          tooltip: vscode.l10n.t(
            '**Drift:** the server differs from `{file}`: an exact apply of the file would make {summary}. Run **Compare with Server** to see the diff.',
            { file: name, summary: state.summary },
          ),
        }
      : {
          description: vscode.l10n.t('drift not checked'),
          tooltip: vscode.l10n.t('**Drift not checked** against `{file}`: {summary}', {
            file: name,
            summary: state.summary,
          }),
        };
  }

  private fire(id: string): void {
    this.tree.redrawConnection(id);
    this.changed.fire(id);
  }

  dispose(): void {
    for (const s of this.subscriptions) s.dispose();
    this.changed.dispose();
  }
}
