// The server side of "RBAC as a file": read a server into a file, read a target's state for a plan, run a plan's steps.
// The commands and the integration tests both go through these.
import type { AdminApi, RbacBackup } from './adminApi';
import { BUILTIN_ROLES } from './builtIns';
import { MilvusError } from './errors';
import type { RbacApplyPlan, RbacApplyStep, RbacDestinationState } from './rbacApplyPlan';
import { rolesToReadGrantsOf } from './rbacApplyPlan';
import { grantToSpec } from './rbacPlan';
import { buildRbacFile, type RbacFile, type RbacSnapshot } from './rbacFile';
import type { PrivilegeGroup } from './types';

function isUnimplemented(error: unknown): boolean {
  return error instanceof MilvusError && error.kind === 'unimplemented';
}

/** Privilege groups, or undefined on a server without them (one ListPrivilegeGroups either way). */
async function groupsOrUndefined(api: AdminApi): Promise<PrivilegeGroup[] | undefined> {
  try {
    return await api.listPrivilegeGroups();
  } catch (error) {
    if (isUnimplemented(error)) return undefined;
    throw error;
  }
}

/**
 * BackupRBAC where the server has it, plus one SelectRole for the role descriptions (the facade's backup keeps only role
 * names). Without BackupRBAC (or the privilege to call it): users with roles, roles, the grants of each non-built-in role, and privilege groups.
 */
async function readSnapshot(api: AdminApi): Promise<RbacSnapshot> {
  let backup: RbacBackup | undefined;
  try {
    backup = await api.backupRbac();
  } catch (error) {
    // A server without BackupRBAC, or a caller without that privilege: the listings may still be readable.
    if (!isUnimplemented(error) && !(error instanceof MilvusError && error.kind === 'permission')) throw error;
  }
  const roles = await api.listRolesWithUsers();
  if (backup) {
    const descriptions = new Map(roles.map((r) => [r.name, r.description]));
    return { ...backup, roles: backup.roles.map((name) => ({ name, description: descriptions.get(name) })) };
  }
  const own = roles.filter((r) => !BUILTIN_ROLES.has(r.name));
  const [users, groups, grants] = await Promise.all([
    api.listUsersWithRoles(),
    groupsOrUndefined(api),
    Promise.all(own.map((r) => api.listGrants(r.name))),
  ]);
  return {
    users,
    roles: own.map((r) => ({ name: r.name, description: r.description })),
    grants: grants.flat(),
    privilegeGroups: groups ?? [],
  };
}

/** The RBAC file of a connected server. `address` is the server's address without credentials. */
export async function exportRbac(api: AdminApi, address: string, now = new Date()): Promise<RbacFile> {
  const snapshot = await readSnapshot(api);
  return buildRbacFile(snapshot, { address, serverVersion: api.info.version, database: api.info.database }, now);
}

/** What a plan for `file` needs to know of the target: reads only (users, roles, groups, and the grants of the file's roles). */
export async function readRbacDestination(api: AdminApi, file: RbacFile): Promise<RbacDestinationState> {
  const [users, roles, groups] = await Promise.all([
    api.listUsersWithRoles(),
    api.listRolesWithUsers(),
    groupsOrUndefined(api),
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
  }
}

export interface RbacApplyReport {
  applied: RbacApplyStep[];
  /** The step the server refused; the run stopped there. */
  failed?: { step: RbacApplyStep; error: MilvusError };
  notApplied: RbacApplyStep[];
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
      const e =
        error instanceof MilvusError
          ? error
          : new MilvusError('server', error instanceof Error ? error.message : String(error));
      return { applied, failed: { step, error: e }, notApplied: plan.steps.slice(index + 1) };
    }
    applied.push(step);
    events.after?.(step, index);
  }
  return { applied, notApplied: [] };
}
