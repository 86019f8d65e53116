// The additive half of every plan (planner.ts): what applying an RBAC file to a server would add, against the server's
// model. Nothing is ever revoked, unbound or dropped, so applying the same file twice plans nothing the second time.
// An exact plan is this plus the removals.
import * as l10n from '@vscode/l10n';
import { MilvusError } from '../errors/milvusError';
import { grantsDiff, grantToSpec, privilegesDiff, rolesDiff } from './plan';
import type { RbacFile } from './file';
import type { RbacModel } from './model';
import type { RbacApplyStep } from './steps';
import { isUnknownToClient, listedUnknownPrivileges } from './unknownPrivileges';

export interface RbacApplyPlan {
  steps: RbacApplyStep[];
  /** Users the file binds roles to that do not exist on the target (passwords never travel, so they are not created). */
  skippedUsers: string[];
}

/** `message` ends with "Nothing was sent." (a whole sentence per case, so that it translates as one). */
function unresolved(message: string): never {
  throw new MilvusError('invalidInput', message);
}

/** Refuses a file that names roles or custom groups neither it nor the target has, or groups the target cannot hold. */
function checkReferences(file: RbacFile, model: RbacModel): void {
  if (model.privilegeGroups === undefined && file.privilegeGroups.length > 0) {
    unresolved(
      l10n.t(
        'The file has privilege groups ({group}…), but this server has no privilege groups (Milvus 2.4.16 or later has them). Nothing was sent.',
        { group: file.privilegeGroups[0].name },
      ),
    );
  }
  const roles = new Set([...model.roles.map((r) => r.name), ...file.roles.map((r) => r.name)]);
  const groups = new Set([
    ...(model.privilegeGroups ?? []).map((g) => g.name),
    ...file.privilegeGroups.map((g) => g.name),
  ]);
  const listed = listedUnknownPrivileges(file);
  for (const [i, g] of file.grants.entries()) {
    if (!roles.has(g.role))
      unresolved(
        l10n.t(
          'grants[{index}] grants to role "{role}", which is neither in the file\'s roles nor on this server. Nothing was sent.',
          { index: i, role: g.role },
        ),
      );
    if (isUnknownToClient(g.privilege, groups) && !listed.has(g.privilege)) {
      unresolved(
        l10n.t(
          'grants[{index}] grants "{privilege}", which is no Milvus privilege and no privilege group in the file or on this server. Nothing was sent.',
          { index: i, privilege: g.privilege },
        ),
      );
    }
  }
  for (const [i, u] of file.userRoles.entries()) {
    const missing = u.roles.find((r) => !roles.has(r));
    if (missing)
      unresolved(
        l10n.t(
          'userRoles[{index}] binds user "{user}" to role "{role}", which is neither in the file\'s roles nor on this server. Nothing was sent.',
          { index: i, user: u.user, role: missing },
        ),
      );
  }
}

/** The writes that bring the target up to the file, additively. Rejects (invalidInput) on unresolved references. */
export function additivePlan(file: RbacFile, model: RbacModel): RbacApplyPlan {
  checkReferences(file, model);
  const steps: RbacApplyStep[] = [];
  const customGroups = new Map(
    (model.privilegeGroups ?? []).filter((g) => !g.builtIn).map((g) => [g.name, g.privileges]),
  );
  const groupPrivileges: RbacApplyStep[] = [];
  for (const g of file.privilegeGroups) {
    const current = customGroups.get(g.name);
    if (current === undefined) steps.push({ kind: 'createGroup', group: g.name });
    const { add } = privilegesDiff(current ?? [], [...(current ?? []), ...g.privileges]);
    if (add.length > 0) groupPrivileges.push({ kind: 'addGroupPrivileges', group: g.name, privileges: add });
  }
  const existingRoles = new Set(model.roles.map((r) => r.name));
  for (const r of file.roles) {
    if (!existingRoles.has(r.name))
      steps.push(
        r.description
          ? { kind: 'createRole', role: r.name, description: r.description }
          : { kind: 'createRole', role: r.name },
      );
  }
  steps.push(...groupPrivileges);
  for (const grant of grantsDiff(model.grants.map(grantToSpec), file.grants).add) steps.push({ kind: 'grant', grant });
  const users = new Map(model.users.map((u) => [u.name, u.roles]));
  const skippedUsers: string[] = [];
  for (const u of file.userRoles) {
    const current = users.get(u.user);
    if (current === undefined) {
      skippedUsers.push(u.user);
      continue;
    }
    for (const role of rolesDiff(current, [...current, ...u.roles]).add)
      steps.push({ kind: 'bindRole', user: u.user, role });
  }
  return { steps, skippedUsers };
}
