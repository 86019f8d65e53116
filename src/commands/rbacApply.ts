// Applying an RBAC file: parse it, read the target's model (one read), plan (additive or exact, src/core/rbacPlanner),
// show the plan as a document, confirm (in exact mode every removal is listed in a second modal), keep a snapshot, run,
// and after a refusal offer to roll back what was applied. Used by Apply RBAC from File (one connection), Apply RBAC
// File to Connections (several) and Restore RBAC Snapshot.
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { RbacFile } from '../core/rbacFile';
import { parseRbacFile } from '../core/rbacFileParse';
import { readRbacModel } from '../core/rbacModel';
import { planRbac, type RbacPlan, type RbacPlanMode } from '../core/rbacPlanner';
import { renderPlanText } from '../core/rbacPlanRender';
import { countSteps, describeStep, stepAction, type RbacApplyStep, type RbacStepKind } from '../core/rbacSteps';
import { rollbackPlan, type RbacApplyReport } from '../core/rbacSync';
import { sourceAddress } from '../rbacEditor/serverModel';
import { CTX } from '../tree/contextValues';
import { Flow } from './multiStep';
import { runPlanReport, stoppedError, type PlanRun } from './planRunner';
import type { ActiveConnection } from './activeConnection';
import type { Services } from './services';
import { isConnectionArgs } from './connectionArgs';
import { refreshFolders } from './treeRefresh';

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

export const plural = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;

const SUMMARY: [RbacStepKind, (n: number) => string][] = [
  ['createGroup', (n) => `create ${plural(n, 'privilege group')}`],
  ['createRole', (n) => `create ${plural(n, 'role')}`],
  ['addGroupPrivileges', (n) => `add privileges to ${plural(n, 'group')}`],
  ['grant', (n) => `add ${plural(n, 'grant')}`],
  ['bindRole', (n) => `add ${plural(n, 'role binding')}`],
  ['alterRole', (n) => `change ${plural(n, 'role description')}`],
  ['unbindRole', (n) => `remove ${plural(n, 'role binding')}`],
  ['revoke', (n) => `revoke ${plural(n, 'grant')}`],
  ['dropRole', (n) => `drop ${plural(n, 'role')}`],
  ['removeGroupPrivileges', (n) => `remove privileges from ${plural(n, 'group')}`],
  ['dropGroup', (n) => `drop ${plural(n, 'privilege group')}`],
];

/** e.g. `create 2 roles, add 3 grants, revoke 1 grant`. */
export function summary(steps: readonly RbacApplyStep[]): string {
  const c = countSteps(steps);
  return SUMMARY.filter(([kind]) => c[kind] > 0)
    .map(([kind, text]) => text(c[kind]))
    .join(', ');
}

function bullets(steps: readonly RbacApplyStep[], max: number): string {
  const lines = steps.slice(0, max).map((s) => `• ${describeStep(s)}`);
  if (steps.length > max) lines.push(`• …and ${steps.length - max} more`);
  return lines.join('\n');
}

function skippedText(users: readonly string[]): string {
  return users.length === 0
    ? ''
    : `Skipped ${plural(users.length, 'user')} missing on this server (users and passwords are not copied): ${users.join(', ')}.`;
}

export const removals = (plan: RbacPlan): RbacApplyStep[] => plan.steps.filter((s) => stepAction(s) === 'remove');

/** The mode: given in a programmatic argument (additive when not), asked when the command came from a menu or the palette. */
export async function chooseMode(arg: unknown, title: string, restore = false): Promise<RbacPlanMode> {
  if (isConnectionArgs(arg) && !(arg instanceof vscode.Uri)) return (arg as ApplyArgs).mode ?? 'additive';
  const additive = {
    label: '$(add) Additive',
    description: 'add what the server lacks',
    detail: 'Creates roles and groups, grants and binds; never revokes, unbinds or drops.',
    value: 'additive' as const,
  };
  const exact = {
    label: '$(trash) Exact',
    description: 'also remove what the file lacks',
    detail:
      'Also revokes grants, unbinds users and drops custom roles and groups that the file lacks (never built-ins, never your own access). Every removal is confirmed.',
    value: 'exact' as const,
  };
  return new Flow(title).pick({
    placeholder: 'How should the server follow the file?',
    items: restore ? [exact, additive] : [additive, exact],
  });
}

async function readFile(target: ActiveConnection, uri: vscode.Uri): Promise<RbacFile> {
  return parseRbacFile(new TextDecoder().decode(await vscode.workspace.fs.readFile(uri)), await target.ruleProfile());
}

/** Parses the file (nothing is sent for a bad one), reads the target's model once and plans. */
export async function planFile(target: ActiveConnection, uri: vscode.Uri, mode: RbacPlanMode): Promise<Planned> {
  const file = await readFile(target, uri);
  const model = await target.run(`Reading ${target.profile.name}…`, (api) => readRbacModel(api, file));
  return { target, file: uri, plan: planRbac(file, model, { mode }) };
}

/** One connection's part of a plan document. */
export function planText(planned: Planned): string {
  const { profile } = planned.target;
  return `## ${path.basename(planned.file.fsPath)} → ${profile.name}\n\n${renderPlanText(planned.plan, `${profile.name} (${sourceAddress(profile.uri)})`)}`;
}

/** Opens the plan document beside the editor; nothing is sent. */
export async function showPlan(services: Services, title: string, parts: readonly string[]): Promise<vscode.Uri> {
  const text = [`# ${title}`, '', 'Nothing has been sent yet.', '', ...parts].join('\n');
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
  const where = planned.length === 1 ? `"${planned[0].target.profile.name}"` : plural(planned.length, 'connection');
  await services.confirmations.requireDestructive(
    `Remove ${plural(total, 'entry', 'entries')} from ${where}? This cannot be undone by the server.`,
    `Exact mode removes what the file lacks:\n${lines.join('\n')}\n\nA snapshot is kept first (Show RBAC Snapshots).`,
    `Remove ${total}`,
    'Keep Them',
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
  const choice = await services.confirmations.ask(
    `${run.action} stopped after ${plural(report.applied.length, 'step')}. Roll them back?`,
    `${failed.message}\n\nRolling back runs:\n${bullets(rollback.steps, SHOWN_STEPS)}`,
    'Roll Back',
  );
  if (choice !== 'Roll Back')
    throw stoppedError(report, run, 'Nothing was rolled back; Show RBAC Snapshots has the model from before.');
  const undo: PlanRun = {
    title: `Rolling back on ${target.profile.name}`,
    action: `Rolling back on "${target.profile.name}"`,
    logPrefix: `${run.logPrefix} (rollback)`,
  };
  const undone = await runPlanReport(target, rollback, undo);
  if (undone.failed) throw stoppedError(report, run, stoppedError(undone, undo).message);
  target.log(`${run.logPrefix}: rolled back ${plural(undone.applied.length, 'step')}.`);
  throw stoppedError(report, run, `The ${plural(report.applied.length, 'applied step')} were rolled back.`);
}

/** Snapshot, run, refresh the tree and the drift mark; a refusal offers the rollback and rejects. */
export async function runPlanned(services: Services, planned: Planned, verb: string): Promise<RbacApplyReport> {
  const { target } = planned;
  const base = path.basename(planned.file.fsPath);
  await target.snapshot(`before ${verb === 'Restoring' ? 'restoring a snapshot' : `applying ${base}`}`);
  const run: PlanRun = {
    title: `${verb} ${base} to ${target.profile.name}`,
    action: `${verb} "${base}" to "${target.profile.name}"`,
    logPrefix: `RBAC file ${base}`,
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

function leftOutText(plan: RbacPlan): string[] {
  return plan.leftOut.map(({ step, reason }) => `${describeStep(step)}: ${reason}`);
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
  const result = { file: uri.fsPath, mode, skippedUsers: plan.skippedUsers, leftOut: leftOutText(plan) };
  if (plan.skippedUsers.length > 0) target.log(`RBAC file ${base}: ${skipped}`);
  for (const line of result.leftOut) target.log(`RBAC file ${base}: left out ${line}`);
  if (plan.steps.length === 0) {
    target.log(`RBAC file ${base}: nothing to apply.`);
    const left =
      plan.leftOut.length > 0 ? ` ${plural(plan.leftOut.length, 'removal')} left out (see the Milvus log).` : '';
    void vscode.window.showInformationMessage(
      `${target.profile.name} already has everything in ${base}; nothing to apply.${left} ${skipped}`.trim(),
    );
    return { ...result, applied: [] };
  }
  const verb = args.restore ? 'Restoring' : 'Applying';
  const planDocument = await showPlan(services, `Plan: ${base} → ${target.profile.name} (${mode})`, [
    planText(planned),
  ]);
  if (args.confirm !== true) {
    const tail =
      mode === 'additive'
        ? 'Nothing is revoked or dropped.'
        : removals(plan).length > 0
          ? `Exact mode: the ${plural(removals(plan).length, 'removal')} are listed for confirmation next.`
          : 'Exact mode: nothing to remove.';
    await services.confirmations.require(
      `${args.restore ? 'Restore' : 'Apply'} ${plural(plan.steps.length, 'change')} from "${base}" to "${target.profile.name}"?`,
      `It will ${summary(plan.steps)}.\n${bullets(plan.steps, SHOWN_STEPS)}\n${skipped ? `\n${skipped}` : ''}\n${tail}`,
      args.restore ? 'Restore' : 'Apply',
    );
    await confirmRemovals(services, [planned]);
  }
  const report = await runPlanned(services, planned, verb);
  void vscode.window.showInformationMessage(
    `${args.restore ? 'Restored' : 'Applied'} ${base} to ${target.profile.name}: ${summary(report.applied)}. ${skipped}`.trim(),
  );
  return { ...result, applied: report.applied.map(describeStep), planDocument: planDocument.toString() };
}
