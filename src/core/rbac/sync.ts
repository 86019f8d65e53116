// The server side of "RBAC as a file": read a server into a file, run a plan's steps (readRbacModel in model.ts reads
// what a plan is made against). The commands and the integration tests both go through these.
import type { AdminApi } from '../adminApi';
import { MilvusError, errorMessage } from '../errors/milvusError';
import type { RbacApplyPlan } from './additive';
import { buildRbacFile, type RbacFile } from './file';
import { modelSnapshot, readRbacModel } from './model';
import { rollbackSteps, type RbacApplyStep } from './steps';

/** The RBAC file of a connected server. `address` is the server's address without credentials. */
export async function exportRbac(api: AdminApi, address: string, now = new Date()): Promise<RbacFile> {
  return buildRbacFile(
    modelSnapshot(await readRbacModel(api)),
    { address, serverVersion: api.info.version, database: api.info.database },
    now,
  );
}

async function runStep(api: AdminApi, step: RbacApplyStep): Promise<void> {
  switch (step.kind) {
    case 'createGroup':
      return api.createPrivilegeGroup(step.group);
    case 'createRole':
      return api.createRole(step.role, step.description);
    case 'addGroupPrivileges':
      return api.addPrivilegesToGroup(step.group, step.privileges);
    case 'grant':
      return api.grantPrivilege(step.grant);
    case 'bindRole':
      return api.grantRole(step.user, step.role);
    case 'alterRole':
      return api.alterRole(step.role, step.description);
    case 'unbindRole':
      return api.revokeRole(step.user, step.role);
    case 'revoke':
      return api.revokePrivilege(step.grant);
    case 'dropRole':
      return api.dropRole(step.role);
    case 'removeGroupPrivileges':
      return api.removePrivilegesFromGroup(step.group, step.privileges);
    case 'dropGroup':
      return api.dropPrivilegeGroup(step.group);
  }
}

export interface RbacApplyReport {
  applied: RbacApplyStep[];
  /** The step the server refused; the run stopped there. */
  failed?: { step: RbacApplyStep; error: MilvusError };
  notApplied: RbacApplyStep[];
}

/** The plan that undoes what a run applied (last step first); empty when nothing was applied. */
export function rollbackPlan(report: RbacApplyReport): RbacApplyPlan {
  return { steps: rollbackSteps(report.applied), skippedUsers: [] };
}

/** Runs the plan's steps in order, one at a time, stopping at the first refusal. Resolves with what happened. */
export async function applyRbacPlan(
  api: AdminApi,
  plan: RbacApplyPlan,
  events: { before?(step: RbacApplyStep, index: number): void; after?(step: RbacApplyStep, index: number): void } = {},
): Promise<RbacApplyReport> {
  const applied: RbacApplyStep[] = [];
  for (const [index, step] of plan.steps.entries()) {
    events.before?.(step, index);
    try {
      await runStep(api, step);
    } catch (error) {
      const e = error instanceof MilvusError ? error : new MilvusError('server', errorMessage(error));
      return { applied, failed: { step, error: e }, notApplied: plan.steps.slice(index + 1) };
    }
    applied.push(step);
    events.after?.(step, index);
  }
  return { applied, notApplied: [] };
}
