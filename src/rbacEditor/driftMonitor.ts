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
  /**
   * `same`: an exact plan of the file would send nothing; `differs`: it would send something; `error`: the file or the
   * server could not be read.
   */
  status: 'same' | 'differs' | 'error';
  /** What a plan would do, or why the check failed. */
  summary: string;
  /** What the file has that no plan does (users missing on the server, removals left out): a note, never drift. */
  note?: string;
}

/** Pause after a change the extension sent before the check, so a command's several steps cost one model read. */
const AFTER_CHANGE_MS = 300;

/** What a plan leaves undone: the file's users the server lacks (skipped), and removals it never makes. */
function driftNote(plan: RbacPlan): string | undefined {
  const notes: string[] = [];
  const skipped = plan.skippedUsers.length;
  if (skipped === 1)
    notes.push(
      vscode.l10n.t('user {user} of the file is not on this server (a plan skips it)', { user: plan.skippedUsers[0] }),
    );
  else if (skipped > 1)
    notes.push(
      vscode.l10n.t('{count} users of the file are not on this server (a plan skips them): {users}', {
        count: skipped,
        users: plan.skippedUsers.join(', '),
      }),
    );
  const left = plan.leftOut.length;
  if (left === 1) notes.push(vscode.l10n.t('1 removal is left out of every plan'));
  else if (left > 1) notes.push(vscode.l10n.t('{count} removals are left out of every plan', { count: left }));
  return notes.length > 0 ? notes.join('; ') : undefined;
}

export class DriftMonitor implements vscode.Disposable {
  private readonly states = new Map<string, DriftState>();
  private readonly running = new Map<string, Promise<DriftState | undefined>>();
  /** The check that follows the running one, shared by everyone who asked while it ran. */
  private readonly queued = new Map<string, Promise<DriftState | undefined>>();
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
      connections.onDidChangeServer((id) => this.checkSoon(id)),
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

  private readonly soon = new Map<string, ReturnType<typeof setTimeout>>();

  /** After a change the extension sent: one check once the command's steps have settled. */
  private checkSoon(id: string): void {
    clearTimeout(this.soon.get(id));
    this.soon.set(
      id,
      setTimeout(() => {
        this.soon.delete(id);
        void this.check(id);
      }, AFTER_CHANGE_MS),
    );
  }

  /**
   * Checks a connected, linked connection now. A check already running is followed by one more, which every caller in
   * the meantime shares (waiting for "the check after mine" must not start yet another one, or callers never settle).
   */
  check(id: string): Promise<DriftState | undefined> {
    const running = this.running.get(id);
    if (!running) return this.start(id);
    let next = this.queued.get(id);
    if (!next) {
      const follow = (): Promise<DriftState | undefined> => {
        this.queued.delete(id);
        return this.running.get(id) ?? this.start(id);
      };
      next = running.then(follow, follow);
      this.queued.set(id, next);
    }
    return next;
  }

  private start(id: string): Promise<DriftState | undefined> {
    const task = this.run(id).finally(() => {
      if (this.running.get(id) === task) this.running.delete(id);
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
      // Drift is what an exact apply of the file would do (the CLI's `plan --prune` exits 0 alike when it is nothing).
      const plan = planRbac(wanted, await readRbacModel(api, wanted), { mode: 'exact' });
      const note = driftNote(plan);
      state = {
        connectionId: id,
        file,
        ...(plan.steps.length === 0
          ? { status: 'same', summary: vscode.l10n.t('matches {file}', { file: name }) }
          : { status: 'differs', summary: planSummary(plan) }),
        ...(note ? { note } : {}),
      };
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
    if (before?.status !== state.status || before.summary !== state.summary || before.note !== state.note) {
      const outcome =
        state.status === 'differs'
          ? `differs (${state.summary})`
          : state.status === 'same'
            ? 'no drift'
            : `not checked: ${state.summary}`;
      this.log.info(
        `Drift check against ${name}: ${outcome}${state.note ? `; note: ${state.note}` : ''} [${profile.name}]`,
      );
      this.fire(id);
    }
    return state;
  }

  private decoration(id: string): ConnectionDecoration | undefined {
    const state = this.states.get(id);
    if (!state) return undefined;
    const name = path.basename(state.file.fsPath);
    const note = state.note ? `\n\n${vscode.l10n.t('Note: {note}.', { note: state.note })}` : '';
    if (state.status === 'same')
      return note
        ? {
            description: '',
            tooltip: `${vscode.l10n.t('**No drift** from `{file}`: an exact apply of the file would change nothing.', { file: name })}${note}`,
          }
        : undefined;
    return state.status === 'differs'
      ? {
          description: vscode.l10n.t('drift: differs from {file}', { file: name }),
          tooltip: `${vscode.l10n.t(
            '**Drift:** the server differs from `{file}`: an exact apply of the file would make {summary}. Run **Compare with Server** to see the diff.',
            { file: name, summary: state.summary },
          )}${note}`,
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
    for (const timer of this.soon.values()) clearTimeout(timer);
    for (const s of this.subscriptions) s.dispose();
    this.changed.dispose();
  }
}
