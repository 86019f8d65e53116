// "Apply RBAC File to Connections…": one file, several connections (dev, staging, prod) in one go. Every connection is
// planned first (reads only), the plans are shown together in one document, one confirmation covers them, then each is
// applied in turn (a refusal on one does not stop the others) and one summary says how each went.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { describeStep } from '../../core/rbac/steps';
import { MilvusError, errorMessage } from '../../core/errors/milvusError';
import type { RbacPlanMode } from '../../core/rbac/planner';
import { COMMANDS } from '../kit/ids';
import { Flow } from '../kit/multiStep';
import {
  chooseMode,
  confirmRemovals,
  planFile,
  modeAsked,
  modeName,
  modeTail,
  planText,
  plural,
  runPlanned,
  showPlan,
  summary,
  type Planned,
} from './apply';
import { rbacFileFor } from './compare';
import type { ActiveConnection } from '../kit/activeConnection';
import { resolveActiveConnection } from '../kit/resolvers';
import type { CommandTable } from '../kit/registry';
import type { Services } from '../kit/services';
import { connectionRowDescription, isConnectionArgs } from '../kit/connectionArgs';

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

async function pickConnections(services: Services, args: MultiApplyArgs, flow: Flow): Promise<string[]> {
  if (args.ids && args.ids.length > 0) return args.ids;
  const profiles = services.profiles.list();
  if (profiles.length < 1)
    throw new MilvusError('invalidInput', vscode.l10n.t('No Milvus connection yet: add one first.'));
  const ids = await flow.pickMany({
    placeholder: vscode.l10n.t('Select the connections to apply the file to (each gets its own plan)'),
    items: profiles.map((p) => ({ label: p.name, description: connectionRowDescription(services, p), value: p.id })),
  });
  if (ids.length === 0) throw new MilvusError('invalidInput', vscode.l10n.t('Select at least one connection.'));
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

function outcomeText({ connection, status, applied, error = '' }: TargetOutcome): string {
  switch (status) {
    case 'applied':
      return applied.length === 1
        ? vscode.l10n.t('{connection}: 1 change applied', { connection })
        : vscode.l10n.t('{connection}: {count} changes applied', { connection, count: applied.length });
    case 'unchanged':
      return vscode.l10n.t('{connection}: nothing to do', { connection });
    case 'failed':
      return vscode.l10n.t('{connection}: stopped ({error})', { connection, error });
    case 'notPlanned':
      return vscode.l10n.t('{connection}: not planned ({error})', { connection, error });
  }
}

/** The confirmation's detail: each connection's changes, those not planned, and what happens next. */
function confirmationDetail(pending: readonly Planned[], failed: readonly TargetOutcome[], mode: RbacPlanMode): string {
  const lines = pending.map((p) => `• ${p.target.profile.name}: ${summary(p.plan.steps)}`);
  if (failed.length > 0)
    lines.push(
      vscode.l10n.t('Not planned: {connections}.', { connections: failed.map((f) => f.connection).join(', ') }),
    );
  lines.push(`${vscode.l10n.t('The plan is open beside; each connection gets a snapshot first.')} ${modeTail(mode)}`);
  return lines.join('\n');
}

async function applyOne(services: Services, planned: Planned): Promise<TargetOutcome> {
  const connection = planned.target.profile.name;
  if (planned.plan.steps.length === 0) return { connection, status: 'unchanged', applied: [] };
  try {
    const report = await runPlanned(services, planned);
    return { connection, status: 'applied', applied: report.applied.map(describeStep) };
  } catch (error) {
    return { connection, status: 'failed', applied: [], error: errorMessage(error) };
  }
}

export const rbacMultiApplyCommands: CommandTable = {
  [COMMANDS.applyRbacToConnections]: async (services, arg): Promise<MultiApplyResult> => {
    const args = multiArgs(arg);
    const flow = new Flow(
      vscode.l10n.t('Apply RBAC File to Connections'),
      (args.ids && args.ids.length > 0 ? 0 : 1) + (modeAsked(arg) ? 1 : 0),
    );
    // The file is a dialog between the two steps: Back asks for it again only when the first connection changed.
    let chosen: { id: string; file: vscode.Uri } | undefined;
    const { ids, file, mode } = await flow.run(async () => {
      const ids = await pickConnections(services, args, flow);
      if (chosen?.id !== ids[0]) {
        const first: ActiveConnection = await resolveActiveConnection(services, { id: ids[0] });
        chosen = {
          id: ids[0],
          file: await rbacFileFor(first, arg instanceof vscode.Uri ? arg : args, vscode.l10n.t('Apply')),
        };
      }
      return { ids, file: chosen.file, mode: await chooseMode(arg, flow) };
    });
    const base = path.basename(file.fsPath);
    const { planned, failed } = await planAll(services, ids, file, mode);
    const title =
      ids.length === 1
        ? vscode.l10n.t('Plan: {file} → 1 connection ({mode})', { file: base, mode: modeName(mode) })
        : vscode.l10n.t('Plan: {file} → {count} connections ({mode})', {
            file: base,
            count: ids.length,
            mode: modeName(mode),
          });
    const planDocument = await showPlan(services, title, [
      ...planned.map(planText),
      ...failed.map(
        (f) => `## ${base} → ${f.connection}\n\n${vscode.l10n.t('Not planned: {error}', { error: f.error ?? '' })}\n`,
      ),
    ]);
    const pending = planned.filter((p) => p.plan.steps.length > 0);
    if (pending.length > 0 && args.confirm !== true) {
      await services.confirmations.require(
        pending.length === 1
          ? vscode.l10n.t('Apply "{file}" to 1 connection?', { file: base })
          : vscode.l10n.t('Apply "{file}" to {count} connections?', { file: base, count: pending.length }),
        confirmationDetail(pending, failed, mode),
        vscode.l10n.t('Apply to All'),
      );
      await confirmRemovals(services, pending);
    }
    const outcomes: TargetOutcome[] = [];
    for (const p of planned) outcomes.push(await applyOne(services, p));
    outcomes.push(...failed);
    const text = outcomes.map(outcomeText).join(vscode.l10n.t('; '));
    services.log.info(`RBAC file ${base} applied to ${plural(ids.length, 'connection')}: ${text}.`);
    const bad = outcomes.some((o) => o.status === 'failed' || o.status === 'notPlanned');
    const show = bad ? vscode.window.showWarningMessage : vscode.window.showInformationMessage;
    void show(vscode.l10n.t('{file}: {outcomes}.', { file: base, outcomes: text }));
    return { file: file.fsPath, mode, planDocument: planDocument.toString(), outcomes };
  },
};
