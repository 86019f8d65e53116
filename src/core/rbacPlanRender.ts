// A plan as people read it (grouped by role: + add, ~ change, - remove) and as machines read it (JSON).
import { byCodeUnit } from './rbacFile';
import type { RbacPlan } from './rbacPlanner';
import { describeStep, stepAction, stepRole, type RbacApplyStep, type RbacStepAction } from './rbacSteps';

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
  if (plan.steps.length === 0) return 'no changes';
  return `${c.add} to add, ${c.change} to change, ${c.remove} to remove`;
}

/** One line for a step: its mark and its sentence. */
export function stepLine(step: RbacApplyStep): string {
  return `${MARK[stepAction(step)]} ${describeStep(step)}`;
}

/** Steps by section: privilege groups first, then each role by name; plan order inside a section. */
function sections(steps: readonly RbacApplyStep[]): [string, RbacApplyStep[]][] {
  const groups: RbacApplyStep[] = [];
  const byRole = new Map<string, RbacApplyStep[]>();
  for (const step of steps) {
    const role = stepRole(step);
    if (role === undefined) groups.push(step);
    else byRole.set(role, [...(byRole.get(role) ?? []), step]);
  }
  const roles = [...byRole.keys()].sort(byCodeUnit);
  return [
    ...(groups.length > 0 ? [['Privilege groups', groups] as [string, RbacApplyStep[]]] : []),
    ...roles.map((role): [string, RbacApplyStep[]] => {
      const own = byRole.get(role) ?? [];
      const tag = own.some((s) => s.kind === 'createRole')
        ? ' (new)'
        : own.some((s) => s.kind === 'dropRole')
          ? ' (dropped)'
          : '';
      return [`Role ${role}${tag}`, own];
    }),
  ];
}

/**
 * The plan as a document: a heading line, one section per privilege-group set and per role, then what was left out
 * and which users were skipped. `target` names the server (an address, never a secret).
 */
export function renderPlanText(plan: RbacPlan, target?: string): string {
  const lines = [
    `Plan (${plan.mode === 'exact' ? 'exact: removes what the file lacks' : 'additive: never removes'})${target ? ` for ${target}` : ''}: ${planSummary(plan)}.`,
  ];
  for (const [title, steps] of sections(plan.steps)) {
    lines.push('', title, ...steps.map((s) => `  ${stepLine(s)}`));
  }
  if (plan.leftOut.length > 0) {
    lines.push('', `Left out (${plan.leftOut.length})`);
    for (const { step, reason } of plan.leftOut) lines.push(`  ! ${describeStep(step)}: ${reason}`);
  }
  if (plan.skippedUsers.length > 0) {
    lines.push(
      '',
      `Skipped users (${plan.skippedUsers.length}), missing on the server (passwords are not copied; create them first): ${plan.skippedUsers.join(', ')}`,
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
  };
}
