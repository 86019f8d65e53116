// The lockout guard: an exact plan never removes the caller's own last path to a privilege it needs to finish the
// apply (docs/milvus-behaviour.md §3.4: the server does not stop a caller from removing its own access). Each removal
// that touches the caller's roles or their groups is tried on a simulated final state; one that would lose a needed
// privilege the caller holds now is left out of the plan with the reason.
import * as l10n from '@vscode/l10n';
import { isSuperUser } from '../access/flavor';
import { canDo } from '../access/query';
import { objectTypeOf } from '../access/privileges';
import { grantKey, grantToSpec } from './plan';
import type { RbacModel } from './model';
import { STEP_PRIVILEGE, stepAction, type RbacApplyStep } from './steps';
import type { Grant, PrivilegeGroup, GrantSpec } from '../types';

export interface RbacLeftOut {
  step: RbacApplyStep;
  reason: string;
}

/** Reading the model again (SelectRole, SelectGrant) needs this one too. */
const READ_PRIVILEGE = 'SelectOwnership';

interface SimState {
  bindings: Map<string, Set<string>>;
  grants: Map<string, Map<string, GrantSpec>>;
  groups: Map<string, string[]>;
}

function initialState(model: RbacModel): SimState {
  const grants = new Map<string, Map<string, GrantSpec>>();
  for (const g of model.grants) {
    const t = grantToSpec(g);
    const byKey = grants.get(t.role) ?? new Map<string, GrantSpec>();
    byKey.set(grantKey(t), t);
    grants.set(t.role, byKey);
  }
  return {
    bindings: new Map(model.users.map((u) => [u.name, new Set(u.roles)])),
    grants,
    groups: new Map((model.privilegeGroups ?? []).filter((g) => !g.builtIn).map((g) => [g.name, [...g.privileges]])),
  };
}

function simulate(model: RbacModel, steps: readonly RbacApplyStep[]): SimState {
  const s = initialState(model);
  const roleGrants = (role: string): Map<string, GrantSpec> => {
    const m = s.grants.get(role) ?? new Map<string, GrantSpec>();
    s.grants.set(role, m);
    return m;
  };
  for (const step of steps) {
    switch (step.kind) {
      case 'grant':
        roleGrants(step.grant.role).set(grantKey(step.grant), step.grant);
        break;
      case 'revoke':
        roleGrants(step.grant.role).delete(grantKey(step.grant));
        break;
      case 'bindRole':
        s.bindings.set(step.user, new Set([...(s.bindings.get(step.user) ?? []), step.role]));
        break;
      case 'unbindRole':
        s.bindings.get(step.user)?.delete(step.role);
        break;
      case 'dropRole':
        s.grants.delete(step.role);
        for (const roles of s.bindings.values()) roles.delete(step.role);
        break;
      case 'createGroup':
        s.groups.set(step.group, []);
        break;
      case 'addGroupPrivileges':
        s.groups.set(step.group, [...new Set([...(s.groups.get(step.group) ?? []), ...step.privileges])]);
        break;
      case 'removeGroupPrivileges':
        s.groups.set(
          step.group,
          (s.groups.get(step.group) ?? []).filter((p) => !step.privileges.includes(p)),
        );
        break;
      case 'dropGroup':
        // The name no longer stands for anything: an empty group grants nothing.
        s.groups.set(step.group, []);
        break;
      case 'createRole':
      case 'alterRole':
        break;
    }
  }
  return s;
}

function asGrant(t: GrantSpec): Grant {
  return {
    role: t.role,
    objectType: objectTypeOf(t.privilege),
    objectName: t.collectionName,
    dbName: t.dbName,
    privilege: t.privilege,
    grantor: '',
  };
}

function holds(state: SimState, model: RbacModel, caller: string, privilege: string): boolean {
  const roles = [...(state.bindings.get(caller) ?? [])];
  const grantsByRole = new Map([...state.grants].map(([role, byKey]) => [role, [...byKey.values()].map(asGrant)]));
  const groups: PrivilegeGroup[] = [...state.groups].map(([name, privileges]) => ({
    name,
    privileges,
    builtIn: false,
  }));
  const query = { privilege, dbName: model.database, collectionName: '*' };
  return canDo(caller, roles, query, grantsByRole, groups, model.flavor).allowed;
}

/** Whether a removal can shorten the caller's paths: its binding, a grant of its roles, a group those grants use. */
function touchesCaller(
  step: RbacApplyStep,
  callerRoles: ReadonlySet<string>,
  callerGroups: ReadonlySet<string>,
  caller: string,
): boolean {
  switch (step.kind) {
    case 'unbindRole':
      return step.user === caller;
    case 'revoke':
      return callerRoles.has(step.grant.role);
    case 'dropRole':
      return callerRoles.has(step.role);
    case 'removeGroupPrivileges':
    case 'dropGroup':
      return callerGroups.has(step.group);
    default:
      return false;
  }
}

function reducing(step: RbacApplyStep): boolean {
  return stepAction(step) === 'remove' || step.kind === 'removeGroupPrivileges';
}

/**
 * The steps that keep the caller able to finish: every step, except removals that would take away the caller's last
 * path to a privilege the plan needs (STEP_PRIVILEGE of its steps, and SelectOwnership to read the server again) and
 * that the caller holds now. root (db_admin on Zilliz Cloud) needs no guard (the server checks nothing for it); nor does an unknown caller.
 */
export function guardLockout(
  model: RbacModel,
  caller: string | undefined,
  steps: readonly RbacApplyStep[],
): { steps: RbacApplyStep[]; leftOut: RbacLeftOut[] } {
  if (!caller || isSuperUser(model.flavor, caller) || !steps.some(reducing)) return { steps: [...steps], leftOut: [] };
  const needed = [...new Set([...steps.map((s) => STEP_PRIVILEGE[s.kind]), READ_PRIVILEGE])];
  const before = initialState(model);
  const heldNow = needed.filter((p) => holds(before, model, caller, p));
  const lostBy = (trial: readonly RbacApplyStep[]): string[] => {
    const after = simulate(model, trial);
    return heldNow.filter((p) => !holds(after, model, caller, p));
  };
  if (lostBy(steps).length === 0) return { steps: [...steps], leftOut: [] };

  const callerRoles = new Set([...(before.bindings.get(caller) ?? []), 'public']);
  for (const s of steps) if (s.kind === 'bindRole' && s.user === caller) callerRoles.add(s.role);
  const callerGroups = new Set<string>();
  for (const role of callerRoles)
    for (const t of before.grants.get(role)?.values() ?? []) callerGroups.add(t.privilege);
  for (const s of steps) if (s.kind === 'grant' && callerRoles.has(s.grant.role)) callerGroups.add(s.grant.privilege);

  // Everything but the removals that touch the caller, then those one at a time, in plan order.
  const included = new Set(steps.filter((s) => !reducing(s) || !touchesCaller(s, callerRoles, callerGroups, caller)));
  const leftOut: RbacLeftOut[] = [];
  for (const step of steps) {
    if (included.has(step)) continue;
    const trial = steps.filter((s) => included.has(s) || s === step);
    const lost = lostBy(trial);
    if (lost.length === 0) included.add(step);
    else
      leftOut.push({
        step,
        reason: l10n.t(
          '{caller} runs this plan, and this is its last path to {privileges}, which it needs to finish the apply. Remove it by hand, or apply as another user.',
          { caller, privileges: lost.join(', ') },
        ),
      });
  }
  return { steps: steps.filter((s) => included.has(s)), leftOut };
}
