// What applying an RBAC file to a server would change, against the server's current state. Additive only: nothing is
// ever revoked, unbound or dropped, so applying the same file twice plans nothing the second time.
import * as l10n from '@vscode/l10n';
import { MilvusError } from '../errors/milvusError';
import { ANY_PRIVILEGE, isDefinedPrivilegeName } from '../access/privileges';
import { grantsDiff, privilegesDiff, rolesDiff } from './plan';
import type { RbacFile } from './file';
import type { RbacApplyStep } from './steps';
import type { PrivilegeGroup, GrantSpec, UserWithRoles } from '../types';

export { countSteps, describeStep, type RbacApplyStep, type RbacStepKind } from './steps';

/** The target's current state, as far as the file touches it. */
export interface RbacDestinationState {
  roles: readonly string[];
  users: readonly UserWithRoles[];
  /** Custom and built-in groups; undefined when the server has no privilege groups. */
  groups: readonly PrivilegeGroup[] | undefined;
  /** The current grants of the file's grant roles that exist on the target (see rolesToReadGrantsOf). */
  grants: readonly GrantSpec[];
}

export interface RbacApplyPlan {
  steps: RbacApplyStep[];
  /** Users the file binds roles to that do not exist on the target (passwords never travel, so they are not created). */
  skippedUsers: string[];
}

/** The roles whose grants the plan must know: those the file grants to that already exist on the target. */
export function rolesToReadGrantsOf(file: RbacFile, existingRoles: readonly string[]): string[] {
  const existing = new Set(existingRoles);
  return [...new Set(file.grants.map((g) => g.role))].filter((r) => existing.has(r));
}

/** `message` ends with "Nothing was sent." (a whole sentence per case, so that it translates as one). */
function unresolved(message: string): never {
  throw new MilvusError('invalidInput', message);
}

/** Refuses a file that names roles or custom groups neither it nor the target has, or groups the target cannot hold. */
function checkReferences(file: RbacFile, state: RbacDestinationState): void {
  if (state.groups === undefined && file.privilegeGroups.length > 0) {
    unresolved(
      l10n.t(
        'The file has privilege groups ({group}…), but this server has no privilege groups (Milvus 2.4.16 or later has them). Nothing was sent.',
        { group: file.privilegeGroups[0].name },
      ),
    );
  }
  const roles = new Set([...state.roles, ...file.roles.map((r) => r.name)]);
  const groups = new Set([...(state.groups ?? []).map((g) => g.name), ...file.privilegeGroups.map((g) => g.name)]);
  for (const [i, g] of file.grants.entries()) {
    if (!roles.has(g.role))
      unresolved(
        l10n.t(
          'grants[{index}] grants to role "{role}", which is neither in the file\'s roles nor on this server. Nothing was sent.',
          { index: i, role: g.role },
        ),
      );
    if (g.privilege !== ANY_PRIVILEGE && !isDefinedPrivilegeName(g.privilege) && !groups.has(g.privilege)) {
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
export function planRbacApply(file: RbacFile, state: RbacDestinationState): RbacApplyPlan {
  checkReferences(file, state);
  const steps: RbacApplyStep[] = [];
  const customGroups = new Map((state.groups ?? []).filter((g) => !g.builtIn).map((g) => [g.name, g.privileges]));
  const groupPrivileges: RbacApplyStep[] = [];
  for (const g of file.privilegeGroups) {
    const current = customGroups.get(g.name);
    if (current === undefined) steps.push({ kind: 'createGroup', group: g.name });
    const { add } = privilegesDiff(current ?? [], [...(current ?? []), ...g.privileges]);
    if (add.length > 0) groupPrivileges.push({ kind: 'addGroupPrivileges', group: g.name, privileges: add });
  }
  const existingRoles = new Set(state.roles);
  for (const r of file.roles) {
    if (!existingRoles.has(r.name))
      steps.push(
        r.description
          ? { kind: 'createRole', role: r.name, description: r.description }
          : { kind: 'createRole', role: r.name },
      );
  }
  steps.push(...groupPrivileges);
  for (const grant of grantsDiff(state.grants, file.grants).add) steps.push({ kind: 'grant', grant });
  const users = new Map(state.users.map((u) => [u.name, u.roles]));
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
