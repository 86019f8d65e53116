// A plan as people read it (grouped by role: + add, ~ change, - remove) and as machines read it (JSON).
import * as l10n from '@vscode/l10n';
import { byCodeUnit } from './file';
import type { RbacLeftOut } from './lockout';
import type { RbacPlan } from './planner';
import { describeStep, stepAction, stepRole, type RbacApplyStep, type RbacStepAction } from './steps';

export const PLAN_JSON_FORMAT = 'milvus-access-manager/rbac-plan';

const MARK: Record<RbacStepAction, string> = { add: '+', change: '~', remove: '-' };

export type PlanCounts = Record<RbacStepAction, number>;

export function planCounts(steps: readonly RbacApplyStep[]): PlanCounts {
  const counts: PlanCounts = { add: 0, change: 0, remove: 0 };
  for (const step of steps) counts[stepAction(step)]++;
  return counts;
}

/** `3 to add, 1 to change, 2 to remove`, or `no changes`. */
export function planSummary(plan: Pick<RbacPlan, 'steps'>): string {
  const c = planCounts(plan.steps);
  if (plan.steps.length === 0) return l10n.t('no changes');
  return l10n.t('{add} to add, {change} to change, {remove} to remove', { ...c });
}

/** A step a plan left out, with why. */
export function leftOutLine({ step, reason }: RbacLeftOut): string {
  return l10n.t('{step}: {reason}', { step: describeStep(step), reason });
}

/** One line for a step: its mark and its sentence. */
export function stepLine(step: RbacApplyStep): string {
  return `${MARK[stepAction(step)]} ${describeStep(step)}`;
}

/** Steps by section: privilege groups first, then each role by name; plan order inside a section. */
export function planSections(steps: readonly RbacApplyStep[]): [string, RbacApplyStep[]][] {
  const groups: RbacApplyStep[] = [];
  const byRole = new Map<string, RbacApplyStep[]>();
  for (const step of steps) {
    const role = stepRole(step);
    if (role === undefined) groups.push(step);
    else byRole.set(role, [...(byRole.get(role) ?? []), step]);
  }
  const roles = [...byRole.keys()].sort(byCodeUnit);
  return [
    ...(groups.length > 0 ? [[l10n.t('Privilege groups'), groups] as [string, RbacApplyStep[]]] : []),
    ...roles.map((role): [string, RbacApplyStep[]] => {
      const own = byRole.get(role) ?? [];
      const title = own.some((s) => s.kind === 'createRole')
        ? l10n.t('Role {role} (new)', { role })
        : own.some((s) => s.kind === 'dropRole')
          ? l10n.t('Role {role} (dropped)', { role })
          : l10n.t('Role {role}', { role });
      return [title, own];
    }),
  ];
}

/** The document's first line: the mode, the target when named, and the counts. */
export function planHeading(plan: RbacPlan, target: string | undefined): string {
  const summary = planSummary(plan);
  if (plan.mode === 'exact')
    return target
      ? l10n.t('Plan (exact: removes what the file lacks) for {target}: {summary}.', { target, summary })
      : l10n.t('Plan (exact: removes what the file lacks): {summary}.', { summary });
  return target
    ? l10n.t('Plan (additive: never removes) for {target}: {summary}.', { target, summary })
    : l10n.t('Plan (additive: never removes): {summary}.', { summary });
}

/**
 * The plan as a document: a heading line, one section per privilege-group set and per role, then what was left out
 * and which users were skipped. `target` names the server (an address, never a secret).
 */
export function renderPlanText(plan: RbacPlan, target?: string): string {
  const lines = [planHeading(plan, target)];
  for (const [title, steps] of planSections(plan.steps)) {
    lines.push('', title, ...steps.map((s) => `  ${stepLine(s)}`));
  }
  if (plan.leftOut.length > 0) {
    lines.push('', l10n.t('Left out ({count})', { count: plan.leftOut.length }));
    for (const left of plan.leftOut) lines.push(`  ! ${leftOutLine(left)}`);
  }
  if (plan.notes?.length) lines.push('', ...plan.notes.map((note) => `  * ${note}`));
  if (plan.skippedUsers.length > 0) {
    lines.push(
      '',
      l10n.t('Skipped users ({count}), missing on the server (passwords are not copied; create them first): {users}', {
        count: plan.skippedUsers.length,
        users: plan.skippedUsers.join(', '),
      }),
    );
  }
  return `${lines.join('\n')}\n`;
}

export type PlanJsonStep = RbacApplyStep & { action: RbacStepAction; role?: string; text: string };

export interface PlanJson {
  format: typeof PLAN_JSON_FORMAT;
  version: 1;
  mode: RbacPlan['mode'];
  caller: string | null;
  changes: PlanCounts;
  /** In the order they run. */
  steps: PlanJsonStep[];
  leftOut: (PlanJsonStep & { reason: string })[];
  skippedUsers: string[];
  /** Present when the plan has notes (privileges this tool does not know). */
  notes?: string[];
}

/** A step for JSON output: its fields, its action, its role (when it has one) and its sentence. */
export function stepToJson(step: RbacApplyStep): PlanJsonStep {
  const role = stepRole(step);
  return { ...step, action: stepAction(step), ...(role !== undefined ? { role } : {}), text: describeStep(step) };
}

export function planToJson(plan: RbacPlan): PlanJson {
  return {
    format: PLAN_JSON_FORMAT,
    version: 1,
    mode: plan.mode,
    caller: plan.caller ?? null,
    changes: planCounts(plan.steps),
    steps: plan.steps.map(stepToJson),
    leftOut: plan.leftOut.map(({ step, reason }) => ({ ...stepToJson(step), reason })),
    skippedUsers: plan.skippedUsers,
    ...(plan.notes?.length ? { notes: plan.notes } : {}),
  };
}
