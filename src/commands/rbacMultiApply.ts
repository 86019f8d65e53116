// "Apply RBAC File to Connections…": one file, several connections (dev, staging, prod) in one go. Every connection is
// planned first (reads only), the plans are shown together in one document, one confirmation covers them, then each is
// applied in turn (a refusal on one does not stop the others) and one summary says how each went.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { describeStep } from '../core/rbacSteps';
import { MilvusError } from '../core/errors';
import type { RbacPlanMode } from '../core/rbacPlanner';
import { COMMANDS } from './ids';
import { Flow } from './multiStep';
import {
  chooseMode,
  confirmRemovals,
  planFile,
  planText,
  plural,
  runPlanned,
  showPlan,
  summary,
  type Planned,
} from './rbacApply';
import { rbacFileFor } from './rbacCompare';
import type { ActiveConnection } from './activeConnection';
import { resolveActiveConnection } from './resolvers';
import { errorMessage, type CommandTable } from './registry';
import type { Services } from './services';
import { isConnectionArgs } from './connectionArgs';

/** `{ ids, file, mode? }` skips the pickers, `confirm: true` the confirmations. */
export interface MultiApplyArgs {
  ids?: string[];
  file?: string;
  confirm?: boolean;
  mode?: RbacPlanMode;
}

export interface TargetOutcome {
  connection: string;
  status: 'applied' | 'unchanged' | 'failed' | 'notPlanned';
  /** The steps applied, described. */
  applied: string[];
  error?: string;
}

export interface MultiApplyResult {
  file: string;
  mode: RbacPlanMode;
  planDocument: string;
  outcomes: TargetOutcome[];
}

function multiArgs(arg: unknown): MultiApplyArgs {
  return isConnectionArgs(arg) && !(arg instanceof vscode.Uri) ? (arg as MultiApplyArgs) : {};
}

async function pickConnections(services: Services, args: MultiApplyArgs): Promise<string[]> {
  if (args.ids && args.ids.length > 0) return args.ids;
  const profiles = services.profiles.list();
  if (profiles.length < 1) throw new MilvusError('invalidInput', 'No Milvus connection yet: add one first.');
  const ids = await new Flow('Apply RBAC File to Connections').pickMany({
    placeholder: 'Select the connections to apply the file to (each gets its own plan)',
    items: profiles.map((p) => ({ label: p.name, description: p.uri, value: p.id })),
  });
  if (ids.length === 0) throw new MilvusError('invalidInput', 'Select at least one connection.');
  return ids;
}

/** Connects and plans each connection; one that cannot be reached or planned is reported, not fatal. */
async function planAll(
  services: Services,
  ids: readonly string[],
  file: vscode.Uri,
  mode: RbacPlanMode,
): Promise<{ planned: Planned[]; failed: TargetOutcome[] }> {
  const planned: Planned[] = [];
  const failed: TargetOutcome[] = [];
  for (const id of ids) {
    const name = services.profiles.get(id)?.name ?? id;
    try {
      planned.push(await planFile(await resolveActiveConnection(services, { id }), file, mode));
    } catch (error) {
      services.log.warn(`RBAC file ${path.basename(file.fsPath)}: not planned for ${name}: ${errorMessage(error)}`);
      failed.push({ connection: name, status: 'notPlanned', applied: [], error: errorMessage(error) });
    }
  }
  return { planned, failed };
}

function outcomeText(o: TargetOutcome): string {
  switch (o.status) {
    case 'applied':
      return `${o.connection}: ${plural(o.applied.length, 'change')} applied`;
    case 'unchanged':
      return `${o.connection}: nothing to do`;
    case 'failed':
      return `${o.connection}: stopped (${o.error ?? ''})`;
    case 'notPlanned':
      return `${o.connection}: not planned (${o.error ?? ''})`;
  }
}

async function applyOne(services: Services, planned: Planned): Promise<TargetOutcome> {
  const connection = planned.target.profile.name;
  if (planned.plan.steps.length === 0) return { connection, status: 'unchanged', applied: [] };
  try {
    const report = await runPlanned(services, planned, 'Applying');
    return { connection, status: 'applied', applied: report.applied.map(describeStep) };
  } catch (error) {
    return { connection, status: 'failed', applied: [], error: errorMessage(error) };
  }
}

export const rbacMultiApplyCommands: CommandTable = {
  [COMMANDS.applyRbacToConnections]: async (services, arg): Promise<MultiApplyResult> => {
    const args = multiArgs(arg);
    const ids = await pickConnections(services, args);
    const first: ActiveConnection = await resolveActiveConnection(services, { id: ids[0] });
    const file = await rbacFileFor(first, arg instanceof vscode.Uri ? arg : args, 'Apply');
    const base = path.basename(file.fsPath);
    const mode = await chooseMode(arg, 'Apply RBAC File to Connections');
    const { planned, failed } = await planAll(services, ids, file, mode);
    const planDocument = await showPlan(services, `Plan: ${base} → ${plural(ids.length, 'connection')} (${mode})`, [
      ...planned.map(planText),
      ...failed.map((f) => `## ${base} → ${f.connection}\n\nNot planned: ${f.error ?? ''}\n`),
    ]);
    const pending = planned.filter((p) => p.plan.steps.length > 0);
    if (pending.length > 0 && args.confirm !== true) {
      await services.confirmations.require(
        `Apply "${base}" to ${plural(pending.length, 'connection')}?`,
        `${pending.map((p) => `• ${p.target.profile.name}: ${summary(p.plan.steps)}`).join('\n')}${failed.length > 0 ? `\nNot planned: ${failed.map((f) => f.connection).join(', ')}.` : ''}\nThe plan is open beside; each connection gets a snapshot first. ${mode === 'additive' ? 'Nothing is revoked or dropped.' : 'Exact mode: the removals are listed for confirmation next.'}`,
        'Apply to All',
      );
      await confirmRemovals(services, pending);
    }
    const outcomes: TargetOutcome[] = [];
    for (const p of planned) outcomes.push(await applyOne(services, p));
    outcomes.push(...failed);
    const text = outcomes.map(outcomeText).join('; ');
    services.log.info(`RBAC file ${base} applied to ${plural(ids.length, 'connection')}: ${text}.`);
    const bad = outcomes.some((o) => o.status === 'failed' || o.status === 'notPlanned');
    const show = bad ? vscode.window.showWarningMessage : vscode.window.showInformationMessage;
    void show(`${base}: ${text}.`);
    return { file: file.fsPath, mode, planDocument: planDocument.toString(), outcomes };
  },
};
