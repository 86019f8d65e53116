// export, plan and apply: each reads what it needs, writes its result and returns the exit code.
import { promises as fs } from 'node:fs';
import type { AdminApi } from '../core/adminApi';
import { MilvusError } from '../core/errors/milvusError';
import { rbacFileCounts, serializeRbacFile, type RbacFile } from '../core/rbac/file';
import { parseRbacFile } from '../core/rbac/fileParse';
import { readRbacModel } from '../core/rbac/model';
import { planRbac, type RbacPlan } from '../core/rbac/planner';
import { renderPlanMarkdown } from '../core/rbac/planMarkdown';
import { planSummary, planToJson, renderPlanText, stepLine, stepToJson } from '../core/rbac/planRender';
import { rollbackSteps } from '../core/rbac/steps';
import { applyRbacPlan, exportRbac, type RbacApplyReport } from '../core/rbac/sync';
import type { CliArgs } from './args';
import type { Output } from './output';

export const EXIT = { ok: 0, error: 1, changes: 2 } as const;

export interface CommandContext {
  args: CliArgs;
  api: AdminApi;
  /** `http(s)://host:port` without user or secret. */
  address: string;
  out: Output;
  /** The file's text, read before connecting (a missing file is reported without contacting the server). */
  fileText?: string;
  /** $GITHUB_STEP_SUMMARY: a Markdown plan is appended to it too. */
  summaryFile?: string;
}

export async function readFileText(path: string): Promise<string> {
  try {
    return await fs.readFile(path, 'utf8');
  } catch (e) {
    const code = (e as { code?: unknown }).code;
    const why = code === 'ENOENT' ? 'does not exist' : code === 'EISDIR' ? 'is a folder' : 'cannot be read';
    throw new MilvusError('invalidInput', `The RBAC file "${path}" ${why}. Nothing was sent.`);
  }
}

export async function runExport({ args, api, address, out }: CommandContext): Promise<number> {
  const file = await exportRbac(api, address);
  const text = serializeRbacFile(file);
  if (!args.out) {
    out.text(text);
    return EXIT.ok;
  }
  await fs.writeFile(args.out, text, { mode: 0o644 });
  if (args.json)
    out.json({
      file: args.out,
      roles: file.roles.length,
      privilegeGroups: file.privilegeGroups.length,
      grants: file.grants.length,
      userRoles: file.userRoles.length,
    });
  else out.line(`Exported ${rbacFileCounts(file)} from ${address} to ${args.out} (no passwords or hashes).`);
  return EXIT.ok;
}

async function planFor(ctx: CommandContext): Promise<{ file: RbacFile; plan: RbacPlan }> {
  // Parsed with the server's rules (names differ by version), before any write.
  const file = parseRbacFile(ctx.fileText ?? '', ctx.api.ruleProfile);
  const model = await readRbacModel(ctx.api, file);
  return { file, plan: planRbac(file, model, { mode: ctx.args.prune ? 'exact' : 'additive' }) };
}

export async function runPlan(ctx: CommandContext): Promise<number> {
  const { plan } = await planFor(ctx);
  if (ctx.args.format === 'markdown') {
    const markdown = renderPlanMarkdown(plan, ctx.address);
    ctx.out.text(markdown);
    if (ctx.summaryFile) await fs.appendFile(ctx.summaryFile, `${markdown}\n`);
  } else if (ctx.args.json) ctx.out.json({ target: ctx.address, ...planToJson(plan) });
  else ctx.out.text(ctx.out.paintPlan(renderPlanText(plan, ctx.address)));
  return plan.steps.length === 0 ? EXIT.ok : EXIT.changes;
}

function reportJson(ctx: CommandContext, plan: RbacPlan, report: RbacApplyReport): unknown {
  return {
    target: ctx.address,
    ok: !report.failed,
    plan: planToJson(plan),
    applied: report.applied.map(stepToJson),
    ...(report.failed
      ? {
          failed: {
            ...stepToJson(report.failed.step),
            error: { kind: report.failed.error.kind, message: report.failed.error.message },
          },
        }
      : {}),
    notApplied: report.notApplied.map(stepToJson),
    rollback: rollbackSteps(report.applied).map(stepToJson),
  };
}

/** One line per step as it runs; on a refusal, what was not applied and the steps that undo what was. */
export async function runApply(ctx: CommandContext): Promise<number> {
  const { args, api, out } = ctx;
  const { plan } = await planFor(ctx);
  if (!args.json) out.text(out.paintPlan(renderPlanText(plan, ctx.address)));
  if (plan.steps.length === 0) {
    if (args.json) out.json(reportJson(ctx, plan, { applied: [], notApplied: [] }));
    else out.line('Nothing to apply.');
    return EXIT.ok;
  }
  const total = plan.steps.length;
  if (!args.json)
    out.line(total === 1 ? `\nApplying 1 step to ${ctx.address}:` : `\nApplying ${total} steps to ${ctx.address}:`);
  const report = await applyRbacPlan(api, plan, {
    after: (step, i) => {
      if (!args.json) out.line(`${out.paint('ok', 'ok')}      ${i + 1}/${total} ${stepLine(step)}`);
    },
  });
  if (args.json) {
    out.json(reportJson(ctx, plan, report));
    return report.failed ? EXIT.error : EXIT.ok;
  }
  if (!report.failed) {
    out.line(`Done: ${planSummary(plan)}.`);
    return EXIT.ok;
  }
  const failedAt = report.applied.length + 1;
  out.line(
    `${out.paint('FAILED', 'fail')}  ${failedAt}/${total} ${stepLine(report.failed.step)}: ${report.failed.error.message}`,
  );
  report.notApplied.forEach((step, i) => out.line(`skipped ${failedAt + i + 1}/${total} ${stepLine(step)}`));
  out.line(
    `Stopped at step ${failedAt} of ${total}: ${report.applied.length} applied, ${total - report.applied.length} not applied.`,
  );
  const rollback = rollbackSteps(report.applied);
  if (rollback.length > 0) {
    out.line(
      report.applied.length === 1
        ? 'Rollback plan (undoes the 1 applied step):'
        : `Rollback plan (undoes the ${report.applied.length} applied steps, last first):`,
    );
    for (const step of rollback) out.line(`  ${stepLine(step)}`);
  }
  out.error(`Apply stopped at step ${failedAt} of ${total}: ${report.failed.error.message}`);
  return EXIT.error;
}
