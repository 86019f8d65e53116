// Runs a list of RBAC writes (an RBAC file's plan, a role's duplicate) under one progress notification, one step at a
// time, stopping at the first refusal with a message that says what was applied and what was not.
import * as vscode from 'vscode';
import { MilvusError } from '../../core/errors/milvusError';
import type { RbacApplyPlan } from '../../core/rbac/additive';
import { describeStep, type RbacApplyStep } from '../../core/rbac/steps';
import { applyRbacPlan, type RbacApplyReport } from '../../core/rbac/sync';
import type { ActiveConnection } from './activeConnection';

const SHOWN_IN_ERROR = 5;

export interface PlanRun {
  /** The progress notification's title, e.g. `Applying prod-rbac.json to Prod`. */
  title: string;
  /** What a refusal message starts with, e.g. `Applying "prod-rbac.json" to "Prod"`. */
  action: string;
  /** Prefix of each step's log line. */
  logPrefix: string;
}

/** The refusal that stopped a run: what was applied, what was not, and the server's own text. */
function stopped(report: RbacApplyReport, failed: NonNullable<RbacApplyReport['failed']>, action: string): MilvusError {
  const list = (steps: readonly RbacApplyStep[]): string =>
    steps.slice(0, SHOWN_IN_ERROR).map(describeStep).join('; ') + (steps.length > SHOWN_IN_ERROR ? '; …' : '');
  const rest = [failed.step, ...report.notApplied];
  const total = report.applied.length + rest.length;
  const done =
    report.applied.length > 0
      ? vscode.l10n.t('Applied {count}: {steps}.', { count: report.applied.length, steps: list(report.applied) })
      : vscode.l10n.t('Nothing was applied.');
  return new MilvusError(
    failed.error.kind,
    vscode.l10n.t(
      '{action} stopped at step {step} of {total} ({stepText}): {error} {done} Not applied: {count} ({steps}).',
      {
        action,
        step: report.applied.length + 1,
        total,
        stepText: describeStep(failed.step),
        error: failed.error.message,
        done,
        count: rest.length,
        steps: list(rest),
      },
    ),
    failed.error.details,
  );
}

/** Runs the plan and resolves with what happened, a refusal included (`failed`). */
export async function runPlanReport(
  target: ActiveConnection,
  plan: RbacApplyPlan,
  run: PlanRun,
): Promise<RbacApplyReport> {
  const { services, profile } = target;
  const total = plan.steps.length;
  return vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: run.title, cancellable: false },
    (progress) =>
      services.connections.run(profile.id, (api) =>
        applyRbacPlan(api, plan, {
          before: (step, i) =>
            progress.report({
              message: `${i + 1}/${total}: ${describeStep(step)}`,
              increment: i === 0 ? 0 : 100 / total,
            }),
          after: (step) => target.log(`${run.logPrefix}: ${describeStep(step)}.`),
        }),
      ),
  );
}

/** The error for a run that stopped: what was applied, what was not, the server's text, and `more` after it. */
export function stoppedError(report: RbacApplyReport, run: PlanRun, more = ''): MilvusError {
  if (!report.failed) throw new Error('stoppedError: the run did not stop');
  const error = stopped(report, report.failed, run.action);
  return more ? new MilvusError(error.kind, `${error.message} ${more}`, error.details) : error;
}

/** Runs the plan; a refusal rejects with `stopped` (and a lost connection is noticed by the connection manager). */
export async function runPlan(target: ActiveConnection, plan: RbacApplyPlan, run: PlanRun): Promise<RbacApplyReport> {
  const report = await runPlanReport(target, plan, run);
  if (report.failed) throw stoppedError(report, run);
  return report;
}
