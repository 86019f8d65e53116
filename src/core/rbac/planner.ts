// Plans an RBAC file against a server's model, in two modes. Additive adds what the server lacks (additive.ts).
// Exact ("prune") also changes role descriptions and removes what the file lacks: grants of custom roles, bindings of
// users, custom roles, custom privilege groups and their extra privileges. Neither ever touches root, admin, public,
// the other built-in roles or the built-in groups, and the lockout guard keeps the caller able to finish.
import * as l10n from '@vscode/l10n';
import { BUILTIN_ROLES, PUBLIC_ROLE } from '../access/builtIns';
import { grantRefusal, groupRefusal, isSuperUser } from '../access/flavor';
import { MilvusError } from '../errors/milvusError';
import { nearestName, privilegeAndGroupNames } from '../access/nearestName';
import { isBuiltInGroup, RELATED_PRIVILEGES } from '../access/privileges';
import { additivePlan, type RbacApplyPlan } from './additive';
import type { RbacFile } from './file';
import { guardLockout, type RbacLeftOut } from './lockout';
import type { RbacModel } from './model';
import { grantKey, grantToSpec, privilegesDiff } from './plan';
import type { RbacApplyStep } from './steps';
import { isUnknownToClient, listedUnknownPrivileges, unknownPrivilegeNotes } from './unknownPrivileges';

export type RbacPlanMode = 'additive' | 'exact';

export interface RbacPlanOptions {
  mode: RbacPlanMode;
  /** Who will apply the plan (for the lockout guard); defaults to the user that read the model. */
  caller?: string;
}

export interface RbacPlan extends RbacApplyPlan {
  mode: RbacPlanMode;
  caller: string | undefined;
  /** Steps an exact plan would have, left out with the reason (lockout guard, built-in roles). */
  leftOut: RbacLeftOut[];
  /** What the reader should know about the plan (privileges this tool does not know); absent when none. */
  notes?: string[];
}

/** `message` ends with "Nothing was sent." (a whole sentence per case, so that it translates as one). */
function refuse(message: string): never {
  throw new MilvusError('invalidInput', message);
}

/**
 * A grant's privilege that is no Milvus privilege and no group of the file: most often a misspelling, so the nearest
 * name is offered; a custom group the file does not define would be dropped by the exact plan.
 */
function unknownPrivilege(index: number, name: string, fileGroups: ReadonlySet<string>): string {
  const suggestion = nearestName(name, privilegeAndGroupNames(fileGroups));
  return suggestion
    ? l10n.t(
        'grants[{index}] names "{name}", which is neither a Milvus privilege nor a privilege group in the file\'s privilegeGroups. Did you mean "{suggestion}"? Nothing was sent.',
        { index, name, suggestion },
      )
    : l10n.t(
        'grants[{index}] names "{name}", which is neither a Milvus privilege nor a privilege group in the file\'s privilegeGroups (an exact plan drops the groups the file lacks). Nothing was sent.',
        { index, name },
      );
}

/** In exact mode the file is the whole truth: a custom role or group it uses but does not define would be dropped. */
function checkSelfContained(file: RbacFile): void {
  const roles = new Set(file.roles.map((r) => r.name));
  const groups = new Set(file.privilegeGroups.map((g) => g.name));
  const listed = listedUnknownPrivileges(file);
  const known = (role: string): boolean => roles.has(role) || BUILTIN_ROLES.has(role);
  for (const [i, g] of file.grants.entries()) {
    if (!known(g.role))
      refuse(
        l10n.t(
          'grants[{index}] grants to role "{role}", which is not in the file\'s roles; an exact plan drops roles the file lacks. Nothing was sent.',
          { index: i, role: g.role },
        ),
      );
    if (isUnknownToClient(g.privilege, groups) && !listed.has(g.privilege))
      refuse(unknownPrivilege(i, g.privilege, groups));
  }
  for (const [i, u] of file.userRoles.entries()) {
    const missing = u.roles.find((r) => !known(r));
    if (missing)
      refuse(
        l10n.t(
          'userRoles[{index}] binds user "{user}" to role "{role}", which is not in the file\'s roles; an exact plan drops roles the file lacks. Nothing was sent.',
          { index: i, user: u.user, role: missing },
        ),
      );
  }
}

/** The grants the file stands for: its own, and those the server adds to a grant of Load or Flush (§3.3 G14). */
function wantedGrantKeys(file: RbacFile): Set<string> {
  const keys = new Set<string>();
  for (const g of file.grants) {
    keys.add(grantKey(g));
    for (const related of RELATED_PRIVILEGES[g.privilege] ?? []) keys.add(grantKey({ ...g, privilege: related }));
  }
  return keys;
}

interface Removals {
  steps: RbacApplyStep[];
  leftOut: RbacLeftOut[];
}

/**
 * §10 Z4, Z6, Z7: on Zilliz Cloud Dedicated a custom role takes built-in privilege groups only, the built-in roles take
 * nothing, and there are no user-defined groups. Every such grant or group of the file is named, one line each, before
 * anything is sent (a grant the server already holds is no change and passes).
 */
function checkFlavor(file: RbacFile, model: RbacModel): void {
  const held = new Set(model.grants.map((g) => grantKey(grantToSpec(g))));
  const lines: string[] = [];
  for (const [i, g] of file.grants.entries()) {
    if (held.has(grantKey(g))) continue;
    const reason = grantRefusal(model.flavor, g, 'grant');
    if (reason) lines.push(l10n.t('grants[{index}]: {reason}', { index: i, reason }));
  }
  const groups = groupRefusal(model.flavor);
  if (groups)
    for (const [i, g] of file.privilegeGroups.entries())
      lines.push(l10n.t('privilegeGroups[{index}] ({group}): {reason}', { index: i, group: g.name, reason: groups }));
  if (lines.length > 0)
    refuse(
      [
        l10n.t("This Zilliz Cloud Dedicated cluster cannot take {count} of the file's entries:", {
          count: lines.length,
        }),
        ...lines.map((line) => `- ${line}`),
        l10n.t('Nothing was sent.'),
      ].join('\n'),
    );
}

/** What exact mode changes and removes, in the order it runs after the additive steps. */
function exactSteps(file: RbacFile, model: RbacModel): Removals {
  const leftOut: RbacLeftOut[] = [];
  const alter: RbacApplyStep[] = [];
  const unbind: RbacApplyStep[] = [];
  const revoke: RbacApplyStep[] = [];
  const drop: RbacApplyStep[] = [];
  const groupChanges: RbacApplyStep[] = [];
  const groupDrops: RbacApplyStep[] = [];

  const fileRoles = new Map(file.roles.map((r) => [r.name, r]));
  for (const role of model.roles) {
    if (BUILTIN_ROLES.has(role.name)) continue;
    const wanted = fileRoles.get(role.name);
    if (!wanted) {
      drop.push({ kind: 'dropRole', role: role.name, ...(role.description ? { description: role.description } : {}) });
      continue;
    }
    const want = wanted.description ?? '';
    const have = role.description ?? '';
    if (model.descriptions !== false && want !== have)
      alter.push({ kind: 'alterRole', role: role.name, description: want, previous: have });
  }

  const bindings = new Map(file.userRoles.map((u) => [u.user, new Set(u.roles)]));
  for (const user of model.users) {
    if (isSuperUser(model.flavor, user.name)) continue;
    const wanted = bindings.get(user.name) ?? new Set<string>();
    for (const role of user.roles) {
      if (role === PUBLIC_ROLE || wanted.has(role)) continue;
      const step: RbacApplyStep = { kind: 'unbindRole', user: user.name, role };
      if (BUILTIN_ROLES.has(role))
        leftOut.push({
          step,
          reason: l10n.t(
            '{role} is a built-in role: a plan never removes its members. Unbind {user} by hand if you mean it.',
            { role, user: user.name },
          ),
        });
      else unbind.push(step);
    }
  }

  const wantedGrants = wantedGrantKeys(file);
  for (const g of model.grants) {
    if (BUILTIN_ROLES.has(g.role)) continue;
    const grant = grantToSpec(g);
    if (!wantedGrants.has(grantKey(grant))) revoke.push({ kind: 'revoke', grant });
  }

  const fileGroups = new Map(file.privilegeGroups.map((g) => [g.name, g.privileges]));
  const usedByBuiltIns = new Map(
    model.grants.filter((g) => BUILTIN_ROLES.has(g.role)).map((g) => [g.privilege, g.role] as const),
  );
  for (const group of model.privilegeGroups ?? []) {
    if (group.builtIn || isBuiltInGroup(group.name)) continue;
    const wanted = fileGroups.get(group.name);
    if (wanted) {
      const { remove } = privilegesDiff(group.privileges, wanted);
      if (remove.length > 0)
        groupChanges.push({ kind: 'removeGroupPrivileges', group: group.name, privileges: remove });
      continue;
    }
    const step: RbacApplyStep = { kind: 'dropGroup', group: group.name, privileges: [...group.privileges] };
    const holder = usedByBuiltIns.get(group.name);
    if (holder)
      leftOut.push({
        step,
        reason: l10n.t(
          'built-in role {role} holds a grant of this group, and a plan never revokes the grants of built-in roles.',
          { role: holder },
        ),
      });
    else groupDrops.push(step);
  }
  return { steps: [...alter, ...unbind, ...revoke, ...drop, ...groupChanges, ...groupDrops], leftOut };
}

/**
 * The plan that brings `model` to `file`. Rejects (invalidInput, "Nothing was sent.") on a file that names roles or
 * groups that neither it nor the server has, or, in exact mode, roles or groups the file itself lacks.
 */
export function planRbac(file: RbacFile, model: RbacModel, options: RbacPlanOptions): RbacPlan {
  checkFlavor(file, model);
  if (options.mode === 'exact') checkSelfContained(file);
  const additive = additivePlan(file, model);
  const caller = options.caller ?? model.caller;
  const notes = unknownPrivilegeNotes(file);
  const noted = notes.length > 0 ? { notes } : {};
  if (options.mode === 'additive') return { ...additive, mode: 'additive', caller, leftOut: [], ...noted };
  const exact = exactSteps(file, model);
  const guarded = guardLockout(model, caller, [...additive.steps, ...exact.steps]);
  return {
    mode: 'exact',
    caller,
    steps: guarded.steps,
    skippedUsers: additive.skippedUsers,
    leftOut: [...guarded.leftOut, ...exact.leftOut],
    ...noted,
  };
}
