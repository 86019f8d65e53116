// The writes an RBAC plan is made of, how each reads in a plan, what it undoes, and which privilege it needs.
import * as l10n from '@vscode/l10n';
import { grantSpecScope } from '../access/grantScope';
import type { GrantSpec } from '../types';

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

/** The names a grant or revoke step line fills in. */
function grantWords(grant: GrantSpec): Record<'privilege' | 'scope' | 'role', string> {
  return { privilege: grant.privilege, scope: grantSpecScope(grant).label, role: grant.role };
}

/**
 * One line per step, for the confirmation, the progress notification, the plan and the log (names only, never a
 * secret). In the display language; the CLI never configures l10n, so it and the plan JSON stay English.
 */
export function describeStep(step: RbacApplyStep): string {
  switch (step.kind) {
    case 'createGroup':
      return l10n.t('create privilege group {group}', { group: step.group });
    case 'createRole':
      return l10n.t('create role {role}', { role: step.role });
    case 'addGroupPrivileges':
      return l10n.t('add {privileges} to privilege group {group}', {
        privileges: step.privileges.join(', '),
        group: step.group,
      });
    case 'grant':
      return l10n.t('grant {privilege} on {scope} to role {role}', grantWords(step.grant));
    case 'bindRole':
      return l10n.t('bind user {user} to role {role}', { user: step.user, role: step.role });
    case 'alterRole':
      return step.description
        ? l10n.t('set the description of role {role} to {description}', {
            role: step.role,
            description: JSON.stringify(step.description),
          })
        : l10n.t('clear the description of role {role}', { role: step.role });
    case 'unbindRole':
      return l10n.t('unbind user {user} from role {role}', { user: step.user, role: step.role });
    case 'revoke':
      return l10n.t('revoke {privilege} on {scope} from role {role}', grantWords(step.grant));
    case 'dropRole':
      return l10n.t('drop role {role}', { role: step.role });
    case 'removeGroupPrivileges':
      return l10n.t('remove {privileges} from privilege group {group}', {
        privileges: step.privileges.join(', '),
        group: step.group,
      });
    case 'dropGroup':
      return l10n.t('drop privilege group {group}', { group: step.group });
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
