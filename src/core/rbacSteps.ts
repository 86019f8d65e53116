// The writes an RBAC plan is made of, how each reads in a plan, what it undoes, and which privilege it needs.
import { grantSpecScope } from './grantScope';
import type { GrantSpec } from './types';

/** One write. Plans run them in this order: adds, then changes, then removals (see planRbac). */
export type RbacApplyStep =
  | { kind: 'createGroup'; group: string }
  | { kind: 'createRole'; role: string; description?: string }
  | { kind: 'addGroupPrivileges'; group: string; privileges: string[] }
  | { kind: 'grant'; grant: GrantSpec }
  | { kind: 'bindRole'; user: string; role: string }
  /** `previous` is the description before (for the rollback); '' clears it. */
  | { kind: 'alterRole'; role: string; description: string; previous: string }
  | { kind: 'unbindRole'; user: string; role: string }
  | { kind: 'revoke'; grant: GrantSpec }
  /** `description` is kept for the rollback, which creates the role again. */
  | { kind: 'dropRole'; role: string; description?: string }
  | { kind: 'removeGroupPrivileges'; group: string; privileges: string[] }
  /** `privileges` are kept for the rollback, which creates the group again with them. */
  | { kind: 'dropGroup'; group: string; privileges: string[] };

export type RbacStepKind = RbacApplyStep['kind'];

export type RbacStepAction = 'add' | 'change' | 'remove';

const ACTIONS: Record<RbacStepKind, RbacStepAction> = {
  createGroup: 'add',
  createRole: 'add',
  grant: 'add',
  bindRole: 'add',
  addGroupPrivileges: 'change',
  alterRole: 'change',
  removeGroupPrivileges: 'change',
  unbindRole: 'remove',
  revoke: 'remove',
  dropRole: 'remove',
  dropGroup: 'remove',
};

export const STEP_KINDS = Object.keys(ACTIONS) as RbacStepKind[];

export function stepAction(step: RbacApplyStep): RbacStepAction {
  return ACTIONS[step.kind];
}

/**
 * The Global privilege the server checks for each write (docs/milvus-behaviour.md §1): what the caller must keep to
 * finish a plan.
 */
export const STEP_PRIVILEGE: Readonly<Record<RbacStepKind, string>> = {
  createGroup: 'CreatePrivilegeGroup',
  createRole: 'CreateOwnership',
  alterRole: 'CreateOwnership',
  addGroupPrivileges: 'OperatePrivilegeGroup',
  removeGroupPrivileges: 'OperatePrivilegeGroup',
  grant: 'ManageOwnership',
  revoke: 'ManageOwnership',
  bindRole: 'ManageOwnership',
  unbindRole: 'ManageOwnership',
  dropRole: 'DropOwnership',
  dropGroup: 'DropPrivilegeGroup',
};

/** The role a step belongs to in a plan grouped by role; undefined for privilege-group steps. */
export function stepRole(step: RbacApplyStep): string | undefined {
  switch (step.kind) {
    case 'grant':
    case 'revoke':
      return step.grant.role;
    case 'createRole':
    case 'alterRole':
    case 'dropRole':
    case 'bindRole':
    case 'unbindRole':
      return step.role;
    default:
      return undefined;
  }
}

/** One line per step, for the confirmation, the progress notification and the log (names only, never a secret). */
export function describeStep(step: RbacApplyStep): string {
  switch (step.kind) {
    case 'createGroup':
      return `create privilege group ${step.group}`;
    case 'createRole':
      return `create role ${step.role}`;
    case 'addGroupPrivileges':
      return `add ${step.privileges.join(', ')} to privilege group ${step.group}`;
    case 'grant':
      return `grant ${step.grant.privilege} on ${grantSpecScope(step.grant).label} to role ${step.grant.role}`;
    case 'bindRole':
      return `bind user ${step.user} to role ${step.role}`;
    case 'alterRole':
      return step.description
        ? `set the description of role ${step.role} to ${JSON.stringify(step.description)}`
        : `clear the description of role ${step.role}`;
    case 'unbindRole':
      return `unbind user ${step.user} from role ${step.role}`;
    case 'revoke':
      return `revoke ${step.grant.privilege} on ${grantSpecScope(step.grant).label} from role ${step.grant.role}`;
    case 'dropRole':
      return `drop role ${step.role}`;
    case 'removeGroupPrivileges':
      return `remove ${step.privileges.join(', ')} from privilege group ${step.group}`;
    case 'dropGroup':
      return `drop privilege group ${step.group}`;
  }
}

/** The steps that undo one applied step, in the order they run. */
export function inverseSteps(step: RbacApplyStep): RbacApplyStep[] {
  switch (step.kind) {
    case 'createGroup':
      return [{ kind: 'dropGroup', group: step.group, privileges: [] }];
    case 'createRole':
      return [{ kind: 'dropRole', role: step.role, ...(step.description ? { description: step.description } : {}) }];
    case 'addGroupPrivileges':
      return [{ kind: 'removeGroupPrivileges', group: step.group, privileges: step.privileges }];
    case 'grant':
      return [{ kind: 'revoke', grant: step.grant }];
    case 'bindRole':
      return [{ kind: 'unbindRole', user: step.user, role: step.role }];
    case 'alterRole':
      return [{ kind: 'alterRole', role: step.role, description: step.previous, previous: step.description }];
    case 'unbindRole':
      return [{ kind: 'bindRole', user: step.user, role: step.role }];
    case 'revoke':
      return [{ kind: 'grant', grant: step.grant }];
    case 'dropRole':
      return [{ kind: 'createRole', role: step.role, ...(step.description ? { description: step.description } : {}) }];
    case 'removeGroupPrivileges':
      return [{ kind: 'addGroupPrivileges', group: step.group, privileges: step.privileges }];
    case 'dropGroup':
      return [
        { kind: 'createGroup', group: step.group },
        ...(step.privileges.length > 0
          ? [{ kind: 'addGroupPrivileges' as const, group: step.group, privileges: step.privileges }]
          : []),
      ];
  }
}

/** What undoes `applied` (steps that ran, in the order they ran): each inverse, last step first. */
export function rollbackSteps(applied: readonly RbacApplyStep[]): RbacApplyStep[] {
  return [...applied].reverse().flatMap(inverseSteps);
}

export function countSteps(steps: readonly RbacApplyStep[]): Record<RbacStepKind, number> {
  const counts = Object.fromEntries(STEP_KINDS.map((k) => [k, 0])) as Record<RbacStepKind, number>;
  for (const step of steps) counts[step.kind]++;
  return counts;
}
