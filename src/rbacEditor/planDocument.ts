// A plan as a readable Markdown document, shown before anything is sent: per connection, what is added (+), changed
// (~) and removed (−), grouped by privilege groups, then by role (its creation, grants and bindings).
import { describeStep, type RbacApplyPlan, type RbacApplyStep } from '../core/rbacApplyPlan';

export interface PlanSection {
  /** e.g. `staging-rbac.json → Prod`. */
  heading: string;
  plan: RbacApplyPlan;
  /** One line under the heading, e.g. the counts and what the mode leaves alone. */
  summary: string;
  /** A connection that could not be planned: the reason instead of steps. */
  error?: string;
}

type Change = 'add' | 'change' | 'remove';
const MARK: Record<Change, string> = { add: '+', change: '~', remove: '−' };

function change(step: RbacApplyStep): Change {
  return step.kind === 'addGroupPrivileges' ? 'change' : 'add';
}

/** The role a step belongs to, or undefined for privilege-group steps. */
function roleOf(step: RbacApplyStep): string | undefined {
  switch (step.kind) {
    case 'createRole':
    case 'bindRole':
      return step.role;
    case 'grant':
      return step.grant.role;
    default:
      return undefined;
  }
}

function sectionLines(section: PlanSection): string[] {
  const lines = [`## ${section.heading}`, ''];
  if (section.error) return [...lines, `Not planned: ${section.error}`, ''];
  lines.push(section.summary, '');
  if (section.plan.steps.length === 0) lines.push('Nothing to do.', '');
  const groups = section.plan.steps.filter((s) => roleOf(s) === undefined);
  const byRole = new Map<string, RbacApplyStep[]>();
  for (const step of section.plan.steps) {
    const role = roleOf(step);
    if (role !== undefined) byRole.set(role, [...(byRole.get(role) ?? []), step]);
  }
  const list = (title: string, steps: readonly RbacApplyStep[]): void => {
    lines.push(`### ${title}`, '', ...steps.map((s) => `- ${MARK[change(s)]} ${describeStep(s)}`), '');
  };
  if (groups.length > 0) list('Privilege groups', groups);
  for (const [role, steps] of [...byRole].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) list(`Role ${role}`, steps);
  if (section.plan.skippedUsers.length > 0)
    lines.push(
      `Skipped users (missing on this server; users and passwords are not copied): ${section.plan.skippedUsers.join(', ')}`,
      '',
    );
  return lines;
}

/** The whole document: a title, then one section per connection. */
export function planMarkdown(title: string, sections: readonly PlanSection[]): string {
  return [`# ${title}`, '', 'Nothing has been sent yet.', '', ...sections.flatMap(sectionLines)].join('\n');
}
