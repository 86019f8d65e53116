// A plan as Markdown for a pull-request comment or a GitHub job summary: the summary line with the counts, a table of
// the changes per section, removals and left-out steps called out (GitHub alerts), then the steps of each section as a
// `diff` block (+ add, ! change, - remove), which GitHub colours.
import * as l10n from '@vscode/l10n';
import type { RbacPlan } from './planner';
import { leftOutLine, planCounts, planHeading, planSections } from './planRender';
import { describeStep, stepAction, type RbacApplyStep, type RbacStepAction } from './steps';

const DIFF_MARK: Record<RbacStepAction, string> = { add: '+', change: '!', remove: '-' };

/** The characters that would turn running text (names, server texts) into formatting, links, HTML or table cells. */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_[\]<>|~]/g, (c) => `\\${c}`).replace(/\r?\n/g, ' ');
}

/** A code fence longer than any run of backticks inside (a role description may hold some). */
function fence(lines: readonly string[]): string {
  const longest = Math.max(0, ...lines.map((line) => Math.max(0, ...(line.match(/`+/g) ?? []).map((r) => r.length))));
  return '`'.repeat(Math.max(3, longest + 1));
}

function diffBlock(steps: readonly RbacApplyStep[]): string[] {
  const lines = steps.map((step) => `${DIFF_MARK[stepAction(step)]} ${describeStep(step).replace(/\r?\n/g, ' ')}`);
  const f = fence(lines);
  return [`${f}diff`, ...lines, f];
}

function countsTable(sections: [string, RbacApplyStep[]][]): string[] {
  const head = l10n.t('Section');
  const rows = sections.map(([title, steps]) => {
    const c = planCounts(steps);
    return `| ${escapeMarkdown(title)} | ${c.add} | ${c.change} | ${c.remove} |`;
  });
  return [`| ${head} | + | ! | - |`, '|---|--:|--:|--:|', ...rows];
}

/** A GitHub alert (`> [!WARNING]`): a callout in comments and job summaries, a quote elsewhere. */
function alert(kind: 'WARNING' | 'NOTE', lines: readonly string[]): string[] {
  return [`> [!${kind}]`, ...lines.map((line) => `> ${line}`)];
}

/**
 * The plan as Markdown. `target` names the server (an address, never a secret). The first line is the summary with
 * the counts; everything the plan would remove and everything it left out is called out before the steps.
 */
export function renderPlanMarkdown(plan: RbacPlan, target?: string): string {
  const counts = planCounts(plan.steps);
  const sections = planSections(plan.steps);
  const out = [`**${escapeMarkdown(planHeading(plan, target))}**`];
  const extras = [
    ...(plan.leftOut.length > 0 ? [l10n.t('left out: {count}', { count: plan.leftOut.length })] : []),
    ...(plan.skippedUsers.length > 0 ? [l10n.t('skipped users: {count}', { count: plan.skippedUsers.length })] : []),
  ];
  if (extras.length > 0) out[0] += ` ${escapeMarkdown(extras.join(', '))}.`;
  if (counts.remove > 0) {
    const removals = plan.steps.filter((step) => stepAction(step) === 'remove');
    out.push(
      '',
      ...alert('WARNING', [
        escapeMarkdown(l10n.t('This plan removes {count}:', { count: removals.length })),
        ...removals.map((step) => `- ${escapeMarkdown(describeStep(step))}`),
      ]),
    );
  }
  if (plan.leftOut.length > 0) {
    out.push(
      '',
      ...alert('NOTE', [
        escapeMarkdown(
          l10n.t('Left out ({count}): this plan does not run these steps.', {
            count: plan.leftOut.length,
          }),
        ),
        ...plan.leftOut.map((left) => `- ${escapeMarkdown(leftOutLine(left))}`),
      ]),
    );
  }
  if (plan.notes?.length)
    out.push(
      '',
      ...alert(
        'NOTE',
        plan.notes.map((note) => `- ${escapeMarkdown(note)}`),
      ),
    );
  if (plan.skippedUsers.length > 0) {
    out.push(
      '',
      escapeMarkdown(
        l10n.t(
          'Skipped users ({count}), missing on the server (passwords are not copied; create them first): {users}',
          {
            count: plan.skippedUsers.length,
            users: plan.skippedUsers.join(', '),
          },
        ),
      ),
    );
  }
  if (sections.length > 0) {
    out.push('', ...countsTable(sections));
    for (const [title, steps] of sections) out.push('', `#### ${escapeMarkdown(title)}`, '', ...diffBlock(steps));
  }
  return `${out.join('\n')}\n`;
}
