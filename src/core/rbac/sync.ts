// The server side of "RBAC as a file": read a server into a file, read a target's state for a plan, run a plan's steps.
// The commands and the integration tests both go through these.
import type { AdminApi } from '../adminApi';
import { MilvusError, errorMessage } from '../errors/milvusError';
import type { RbacApplyPlan, RbacDestinationState } from './applyPlan';
import { rolesToReadGrantsOf } from './applyPlan';
import { buildRbacFile, type RbacFile } from './file';
import { modelSnapshot, readRbacModel } from './model';
import { grantToSpec } from './plan';
import { rollbackSteps, type RbacApplyStep } from './steps';

/** The RBAC file of a connected server. `address` is the server's address without credentials. */
export async function exportRbac(api: AdminApi, address: string, now = new Date()): Promise<RbacFile> {
  return buildRbacFile(
    modelSnapshot(await readRbacModel(api)),
    { address, serverVersion: api.info.version, database: api.info.database },
    now,
  );
}

/** What a plan for `file` needs to know of the target: reads only (users, roles, groups, and the grants of the file's roles). */
export async function readRbacDestination(api: AdminApi, file: RbacFile): Promise<RbacDestinationState> {
  const [users, roles, groups] = await Promise.all([
    api.listUsersWithRoles(),
    api.listRolesWithUsers(),
    api.listPrivilegeGroups().catch((error: unknown) => {
      // A server without privilege groups (UNIMPLEMENTED): the plan refuses a file that has some.
      if (error instanceof MilvusError && error.kind === 'unimplemented') return undefined;
      throw error;
    }),
  ]);
  const roleNames = roles.map((r) => r.name);
  const grants = (await Promise.all(rolesToReadGrantsOf(file, roleNames).map((r) => api.listGrants(r)))).flat();
  return { users, roles: roleNames, groups, grants: grants.map(grantToSpec) };
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
