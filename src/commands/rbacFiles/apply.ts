// Applying an RBAC file: parse it, read the target's model (one read), plan (additive or exact, src/core/rbac/planner),
// show the plan as a document, confirm (in exact mode every removal is listed in a second modal), keep a snapshot, run,
// and after a refusal offer to roll back what was applied. Used by Apply RBAC from File (one connection), Apply RBAC
// File to Connections (several) and Restore RBAC Snapshot.
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { RbacFile } from '../../core/rbac/file';
import { parseRbacFile } from '../../core/rbac/fileParse';
import { readRbacModel } from '../../core/rbac/model';
import { planRbac, type RbacPlan, type RbacPlanMode } from '../../core/rbac/planner';
import { leftOutLine, renderPlanText } from '../../core/rbac/planRender';
import { countSteps, describeStep, stepAction, type RbacApplyStep, type RbacStepKind } from '../../core/rbac/steps';
import { rollbackPlan, type RbacApplyReport } from '../../core/rbac/sync';
import { sourceAddress } from '../../rbacEditor/serverModel';
import { CTX } from '../../tree/contextValues';
import { Flow } from '../kit/multiStep';
import { runPlanReport, stoppedError, type PlanRun } from '../kit/planRunner';
import type { ActiveConnection } from '../kit/activeConnection';
import type { Services } from '../kit/services';
import { isConnectionArgs } from '../kit/connectionArgs';
import { refreshFolders } from '../kit/treeRefresh';

/** The programmatic argument: `{ id, file }` skips the file dialog, `confirm: true` the confirmations. */
export interface ApplyArgs {
  id?: string;
  file?: string;
  confirm?: boolean;
  /** `additive` (the default for a programmatic call) or `exact`; menus and the palette ask. */
  mode?: RbacPlanMode;
  /** Restore RBAC Snapshot: the messages say "restore" instead of "apply". */
  restore?: boolean;
}

export interface RbacApplyResult {
  file: string;
  mode: RbacPlanMode;
  /** The steps applied, described (empty when there was nothing to do). */
  applied: string[];
  /** Users in the file that do not exist on the target. */
  skippedUsers: string[];
  /** Removals an exact plan left out (lockout guard, built-in roles), described with the reason. */
  leftOut: string[];
  /** The plan document shown before anything was sent (its URI), when there was something to do. */
  planDocument?: string;
}

/** One connection's plan for one file. */
export interface Planned {
  target: ActiveConnection;
  file: vscode.Uri;
  plan: RbacPlan;
}

const SHOWN_STEPS = 12;

/** `3 grants`, English, for log lines only (what users read is translated, with a sentence per count). */
export const plural = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;

const SUMMARY: [RbacStepKind, (n: number) => string][] = [
  [
    'createGroup',
    (n) => (n === 1 ? vscode.l10n.t('create 1 privilege group') : vscode.l10n.t('create {0} privilege groups', n)),
  ],
  ['createRole', (n) => (n === 1 ? vscode.l10n.t('create 1 role') : vscode.l10n.t('create {0} roles', n))],
  [
    'addGroupPrivileges',
    (n) => (n === 1 ? vscode.l10n.t('add privileges to 1 group') : vscode.l10n.t('add privileges to {0} groups', n)),
  ],
  ['grant', (n) => (n === 1 ? vscode.l10n.t('add 1 grant') : vscode.l10n.t('add {0} grants', n))],
  ['bindRole', (n) => (n === 1 ? vscode.l10n.t('add 1 role binding') : vscode.l10n.t('add {0} role bindings', n))],
  [
    'alterRole',
    (n) => (n === 1 ? vscode.l10n.t('change 1 role description') : vscode.l10n.t('change {0} role descriptions', n)),
  ],
  [
    'unbindRole',
    (n) => (n === 1 ? vscode.l10n.t('remove 1 role binding') : vscode.l10n.t('remove {0} role bindings', n)),
  ],
  ['revoke', (n) => (n === 1 ? vscode.l10n.t('revoke 1 grant') : vscode.l10n.t('revoke {0} grants', n))],
  ['dropRole', (n) => (n === 1 ? vscode.l10n.t('drop 1 role') : vscode.l10n.t('drop {0} roles', n))],
  [
    'removeGroupPrivileges',
    (n) =>
      n === 1 ? vscode.l10n.t('remove privileges from 1 group') : vscode.l10n.t('remove privileges from {0} groups', n),
  ],
  [
    'dropGroup',
    (n) => (n === 1 ? vscode.l10n.t('drop 1 privilege group') : vscode.l10n.t('drop {0} privilege groups', n)),
  ],
];

/** e.g. `create 2 roles, add 3 grants, revoke 1 grant`. */
export function summary(steps: readonly RbacApplyStep[]): string {
  const c = countSteps(steps);
  return SUMMARY.filter(([kind]) => c[kind] > 0)
    .map(([kind, text]) => text(c[kind]))
    .join(vscode.l10n.t(', '));
}

/** The mode as the plan's title names it. */
export function modeName(mode: RbacPlanMode): string {
  return mode === 'exact' ? vscode.l10n.t('exact') : vscode.l10n.t('additive');
}

/** The last sentence of an apply's confirmation: what the mode removes. */
export function modeTail(mode: RbacPlanMode, removalCount?: number): string {
  if (mode === 'additive') return vscode.l10n.t('Nothing is revoked or dropped.');
  if (removalCount === undefined) return vscode.l10n.t('Exact mode: the removals are listed for confirmation next.');
  if (removalCount === 0) return vscode.l10n.t('Exact mode: nothing to remove.');
  return removalCount === 1
    ? vscode.l10n.t('Exact mode: the 1 removal is listed for confirmation next.')
    : vscode.l10n.t('Exact mode: the {0} removals are listed for confirmation next.', removalCount);
}

function bullets(steps: readonly RbacApplyStep[], max: number): string {
  const lines = steps.slice(0, max).map((s) => `• ${describeStep(s)}`);
  if (steps.length > max) lines.push(vscode.l10n.t('• …and {0} more', steps.length - max));
  return lines.join('\n');
}

function skippedText(users: readonly string[]): string {
  if (users.length === 0) return '';
  return users.length === 1
    ? vscode.l10n.t('Skipped 1 user missing on this server (users and passwords are not copied): {users}.', {
        users: users[0],
      })
    : vscode.l10n.t('Skipped {count} users missing on this server (users and passwords are not copied): {users}.', {
        count: users.length,
        users: users.join(', '),
      });
}

export const removals = (plan: RbacPlan): RbacApplyStep[] => plan.steps.filter((s) => stepAction(s) === 'remove');

/** Whether chooseMode asks: the command came from a menu or the palette, not with a programmatic argument. */
export const modeAsked = (arg: unknown): boolean => !isConnectionArgs(arg) || arg instanceof vscode.Uri;

/**
 * The mode: given in a programmatic argument (additive when not), else asked as a step of `flow` (or of its own flow
 * when `flow` is just the command's title).
 */
export async function chooseMode(arg: unknown, flow: string | Flow, restore = false): Promise<RbacPlanMode> {
  if (!modeAsked(arg)) return (arg as ApplyArgs).mode ?? 'additive';
  const additive = {
    label: vscode.l10n.t('$(add) Additive'),
    description: vscode.l10n.t('add what the server lacks'),
    detail: vscode.l10n.t('Creates roles and groups, grants and binds; never revokes, unbinds or drops.'),
    value: 'additive' as const,
  };
  const exact = {
    label: vscode.l10n.t('$(trash) Exact'),
    description: vscode.l10n.t('also remove what the file lacks'),
    detail: vscode.l10n.t(
      'Also revokes grants, unbinds users and drops custom roles and groups that the file lacks (never built-ins, never your own access). Every removal is confirmed.',
    ),
    value: 'exact' as const,
  };
  return (typeof flow === 'string' ? new Flow(flow) : flow).pick({
    placeholder: vscode.l10n.t('How should the server follow the file?'),
    items: restore ? [exact, additive] : [additive, exact],
  });
}

async function readFile(target: ActiveConnection, uri: vscode.Uri): Promise<RbacFile> {
  return parseRbacFile(new TextDecoder().decode(await vscode.workspace.fs.readFile(uri)), await target.ruleProfile());
}

/** Parses the file (nothing is sent for a bad one), reads the target's model once and plans. */
export async function planFile(target: ActiveConnection, uri: vscode.Uri, mode: RbacPlanMode): Promise<Planned> {
  const file = await readFile(target, uri);
  const model = await target.run(vscode.l10n.t('Reading {connection}…', { connection: target.profile.name }), (api) =>
    readRbacModel(api, file),
  );
  return { target, file: uri, plan: planRbac(file, model, { mode }) };
}

/** One connection's part of a plan document. */
export function planText(planned: Planned): string {
  const { profile } = planned.target;
  return `## ${path.basename(planned.file.fsPath)} → ${profile.name}\n\n${renderPlanText(planned.plan, `${profile.name} (${sourceAddress(profile.uri)})`)}`;
}

/** Opens the plan document beside the editor; nothing is sent. */
export async function showPlan(services: Services, title: string, parts: readonly string[]): Promise<vscode.Uri> {
  const text = [`# ${title}`, '', vscode.l10n.t('Nothing has been sent yet.'), '', ...parts].join('\n');
  const uri = services.rbacEditor.documents.plan(title, text);
  await vscode.window.showTextDocument(uri, { preview: true, viewColumn: vscode.ViewColumn.Beside });
  return uri;
}

/** The second modal of an exact apply: every removal, listed, behind a button whose default keeps them. */
export async function confirmRemovals(services: Services, planned: readonly Planned[]): Promise<void> {
  const lines = planned.flatMap((p) => {
    const own = removals(p.plan);
    if (own.length === 0) return [];
    return [`${p.target.profile.name}:`, ...own.map((s) => `− ${describeStep(s)}`)];
  });
  const total = planned.reduce((n, p) => n + removals(p.plan).length, 0);
  if (total === 0) return;
  const connection = planned[0].target.profile.name;
  const count = planned.length;
  const message =
    planned.length === 1
      ? total === 1
        ? vscode.l10n.t('Remove 1 entry from "{connection}"? This cannot be undone by the server.', { connection })
        : vscode.l10n.t('Remove {total} entries from "{connection}"? This cannot be undone by the server.', {
            total,
            connection,
          })
      : total === 1
        ? vscode.l10n.t('Remove 1 entry from {count} connections? This cannot be undone by the server.', { count })
        : vscode.l10n.t('Remove {total} entries from {count} connections? This cannot be undone by the server.', {
            total,
            count,
          });
  await services.confirmations.requireDestructive(
    message,
    vscode.l10n.t(
      'Exact mode removes what the file lacks:\n{removals}\n\nA snapshot is kept first (Show RBAC Snapshots).',
      { removals: lines.join('\n') },
    ),
    vscode.l10n.t('Remove {0}', total),
    vscode.l10n.t('Keep Them'),
  );
}

/** After a refusal: offers to undo the steps that were applied, then rejects with what happened. */
async function offerRollback(
  services: Services,
  target: ActiveConnection,
  report: RbacApplyReport,
  run: PlanRun,
): Promise<never> {
  if (report.applied.length === 0) throw stoppedError(report, run);
  const rollback = rollbackPlan(report);
  const failed = stoppedError(report, run);
  const rollBack = vscode.l10n.t('Roll Back');
  const choice = await services.confirmations.ask(
    report.applied.length === 1
      ? vscode.l10n.t('{action} stopped after 1 step. Roll them back?', { action: run.action })
      : vscode.l10n.t('{action} stopped after {count} steps. Roll them back?', {
          action: run.action,
          count: report.applied.length,
        }),
    vscode.l10n.t('{error}\n\nRolling back runs:\n{steps}', {
      error: failed.message,
      steps: bullets(rollback.steps, SHOWN_STEPS),
    }),
    rollBack,
  );
  if (choice !== rollBack)
    throw stoppedError(
      report,
      run,
      vscode.l10n.t('Nothing was rolled back; Show RBAC Snapshots has the model from before.'),
    );
  const connection = target.profile.name;
  const undo: PlanRun = {
    title: vscode.l10n.t('Rolling back on {connection}', { connection }),
    action: vscode.l10n.t('Rolling back on "{connection}"', { connection }),
    logPrefix: `${run.logPrefix} (rollback)`,
  };
  const undone = await runPlanReport(target, rollback, undo);
  if (undone.failed) throw stoppedError(report, run, stoppedError(undone, undo).message);
  target.log(`${run.logPrefix}: rolled back ${plural(undone.applied.length, 'step')}.`);
  throw stoppedError(
    report,
    run,
    report.applied.length === 1
      ? vscode.l10n.t('The 1 applied step were rolled back.')
      : vscode.l10n.t('The {0} applied steps were rolled back.', report.applied.length),
  );
}

/** Snapshot, run, refresh the tree and the drift mark; a refusal offers the rollback and rejects. */
export async function runPlanned(services: Services, planned: Planned, restore = false): Promise<RbacApplyReport> {
  const { target } = planned;
  const file = path.basename(planned.file.fsPath);
  const connection = target.profile.name;
  await target.snapshot(
    restore ? vscode.l10n.t('before restoring a snapshot') : vscode.l10n.t('before applying {file}', { file }),
  );
  const run: PlanRun = restore
    ? {
        title: vscode.l10n.t('Restoring {file} to {connection}', { file, connection }),
        action: vscode.l10n.t('Restoring "{file}" to "{connection}"', { file, connection }),
        logPrefix: `RBAC file ${file}`,
      }
    : {
        title: vscode.l10n.t('Applying {file} to {connection}', { file, connection }),
        action: vscode.l10n.t('Applying "{file}" to "{connection}"', { file, connection }),
        logPrefix: `RBAC file ${file}`,
      };
  let report: RbacApplyReport;
  try {
    report = await runPlanReport(target, planned.plan, run);
    if (report.failed) await offerRollback(services, target, report, run);
  } finally {
    refreshFolders(services, target.profile.id, CTX.usersFolder, CTX.rolesFolder, CTX.privilegeGroupsFolder);
    void services.rbacEditor.drift.check(target.profile.id);
  }
  return report;
}

/** The whole flow for one connection. */
export async function applyFile(
  services: Services,
  target: ActiveConnection,
  uri: vscode.Uri,
  args: ApplyArgs,
  mode: RbacPlanMode,
): Promise<RbacApplyResult> {
  const base = path.basename(uri.fsPath);
  const planned = await planFile(target, uri, mode);
  const { plan } = planned;
  const skipped = skippedText(plan.skippedUsers);
  const result = { file: uri.fsPath, mode, skippedUsers: plan.skippedUsers, leftOut: plan.leftOut.map(leftOutLine) };
  if (plan.skippedUsers.length > 0) target.log(`RBAC file ${base}: ${skipped}`);
  for (const line of result.leftOut) target.log(`RBAC file ${base}: left out ${line}`);
  const connection = target.profile.name;
  if (plan.steps.length === 0) {
    target.log(`RBAC file ${base}: nothing to apply.`);
    const left =
      plan.leftOut.length === 0
        ? ''
        : plan.leftOut.length === 1
          ? vscode.l10n.t('1 removal left out (see the Milvus log).')
          : vscode.l10n.t('{0} removals left out (see the Milvus log).', plan.leftOut.length);
    const nothing = vscode.l10n.t('{connection} already has everything in {file}; nothing to apply.', {
      connection,
      file: base,
    });
    void vscode.window.showInformationMessage([nothing, left, skipped].filter(Boolean).join(' '));
    return { ...result, applied: [] };
  }
  const planDocument = await showPlan(
    services,
    vscode.l10n.t('Plan: {file} → {connection} ({mode})', { file: base, connection, mode: modeName(mode) }),
    [planText(planned)],
  );
  if (args.confirm !== true) {
    const count = plan.steps.length;
    const question = args.restore
      ? count === 1
        ? vscode.l10n.t('Restore 1 change from "{file}" to "{connection}"?', { file: base, connection })
        : vscode.l10n.t('Restore {count} changes from "{file}" to "{connection}"?', { count, file: base, connection })
      : count === 1
        ? vscode.l10n.t('Apply 1 change from "{file}" to "{connection}"?', { file: base, connection })
        : vscode.l10n.t('Apply {count} changes from "{file}" to "{connection}"?', { count, file: base, connection });
    const will = vscode.l10n.t('It will {summary}.', { summary: summary(plan.steps) });
    await services.confirmations.require(
      question,
      `${will}\n${bullets(plan.steps, SHOWN_STEPS)}\n${skipped ? `\n${skipped}` : ''}\n${modeTail(mode, removals(plan).length)}`,
      args.restore ? vscode.l10n.t('Restore') : vscode.l10n.t('Apply'),
    );
    await confirmRemovals(services, [planned]);
  }
  const report = await runPlanned(services, planned, args.restore === true);
  const done = args.restore
    ? vscode.l10n.t('Restored {file} to {connection}: {summary}.', {
        file: base,
        connection,
        summary: summary(report.applied),
      })
    : vscode.l10n.t('Applied {file} to {connection}: {summary}.', {
        file: base,
        connection,
        summary: summary(report.applied),
      });
  void vscode.window.showInformationMessage([done, skipped].filter(Boolean).join(' '));
  return { ...result, applied: report.applied.map(describeStep), planDocument: planDocument.toString() };
}
