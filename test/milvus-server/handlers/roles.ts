// CreateRole, AlterRole, DropRole, OperateUserRole, SelectRole, SelectUser (§3.3 R1–R8, UR1–UR6, S1–S2, §5.1–5.2).
import { entityName, str, type HandlerTable } from '../context';
import { HIDDEN_ROLES, isZilliz } from '../flavor';
import { fail, type MilvusFailure, successStatus } from '../status';
import { validateRoleDescription, validateRoleName, validateUsername } from '../validation';
import { type ErrorEra, errorEra, knowsForceDrop } from '../version';

const DEFAULT_ROLES = ['admin', 'public'];
const ROLE_NOT_FOUND = "not found the role, maybe the role isn't existed or internal system error";

/** Go protobuf text form of a RoleEntity, as printed in R1. */
function roleText(name: string, description: string): string {
  return description ? `name:"${name}" description:"${description}"` : `name:"${name}"`;
}

/** UR2 in each era (§3.3). */
function userNotFound(era: ErrorEra, username: string): MilvusFailure {
  const EC = 'OperateUserRoleFailure';
  const older = "not found the user, maybe the user isn't existed or internal system error";
  if (era === 'legacy') return fail.unexpected(older, EC);
  if (era === 'broadcast') return fail.unexpected(`failed to check if operate user role: ${older}`, EC);
  return fail.invalid(`failed to check if operate user role: user "${username}" not found`, EC);
}

export const roleHandlers: HandlerTable = {
  CreateRole(ctx, { request }) {
    const entity = (request.entity ?? null) as { name?: unknown; description?: unknown } | null;
    const name = str(entity?.name);
    const description = str(entity?.description);
    validateRoleName(name, ctx.profile);
    validateRoleDescription(description);
    const { state } = ctx;
    if (state.roles.has(name))
      throw fail.invalid(`role [${roleText(name, description)}] already exists`, 'CreateRoleFailure');
    if (state.roles.size >= ctx.options.maxRoles) {
      const why = 'unable to create role because the number of roles has reached the limit';
      // R2: the 2.5 rootcoord sends the plain text (65535).
      throw errorEra(ctx.options.version) === 'legacy'
        ? fail.unexpected(why, 'CreateRoleFailure')
        : fail.quota('failed to check if create role', why, 'CreateRoleFailure');
    }
    state.roles.set(name, { name, description });
    state.changed();
    return successStatus();
  },

  AlterRole(ctx, { request }) {
    const name = str(request.role_name);
    const description = str(request.description);
    validateRoleName(name, ctx.profile);
    validateRoleDescription(description);
    if (DEFAULT_ROLES.includes(name))
      throw fail.notPermitted(`the role[${name}] is a default role, which can't be altered`);
    const rec = ctx.state.roles.get(name);
    if (!rec) throw fail.unexpected('failed to check if alter role: role not exists', 'UnexpectedError');
    rec.description = description;
    ctx.state.changed();
    return successStatus();
  },

  DropRole(ctx, { request }) {
    const name = str(request.role_name);
    validateRoleName(name, ctx.profile);
    if (DEFAULT_ROLES.includes(name))
      throw fail.notPermitted(`the role[${name}] is a default role, which can't be dropped`);
    const { state } = ctx;
    if (!state.roles.has(name)) throw fail.invalid(ROLE_NOT_FOUND, 'DropRoleFailure');
    const grants = state.grantsOfRole(name);
    if (grants.length > 0 && !(request.force_drop === true && knowsForceDrop(ctx.options.version))) {
      // R6: 2.5 checks inline, without the "failed to check" prefix.
      const prefix = errorEra(ctx.options.version) === 'legacy' ? '' : 'failed to check if drop role: ';
      throw fail.invalid(
        `${prefix}fail to drop the role that it has privileges. Use REVOKE API to revoke privileges`,
        'DropRoleFailure',
      );
    }
    for (const [key, g] of state.grants) if (g.role === name) state.grants.delete(key);
    for (const u of state.users.values()) u.roles.delete(name);
    state.roles.delete(name);
    state.changed();
    return successStatus();
  },

  OperateUserRole(ctx, { request }) {
    const username = validateUsername(str(request.username), ctx.profile);
    const role = str(request.role_name);
    validateRoleName(role, ctx.profile);
    const { state } = ctx;
    if (!state.roles.has(role)) throw fail.invalid(ROLE_NOT_FOUND, 'OperateUserRoleFailure');
    const type = request.type;
    const user = state.users.get(username);
    if (type !== 'RemoveUserFromRole' && !user) throw userNotFound(errorEra(ctx.options.version), username);
    if (type === 'AddUserToRole' && user) {
      if (!user.roles.has(role)) {
        user.roles.add(role);
        state.changed();
      }
    } else if (type === 'RemoveUserFromRole') {
      if (user?.roles.delete(role)) state.changed();
    } else {
      throw fail.invalid('invalid operate user role type', 'OperateUserRoleFailure');
    }
    return successStatus();
  },

  SelectRole(ctx, { request }) {
    const wanted = entityName(request.role);
    if (wanted !== undefined) validateRoleName(wanted, ctx.profile);
    const { state } = ctx;
    const all = wanted !== undefined ? (state.roles.has(wanted) ? [wanted] : []) : [...state.roles.keys()].sort();
    // Z2: a Zilliz cluster lists only its own roles, never Milvus's admin and public.
    const names = isZilliz(ctx.options.flavor) ? all.filter((r) => !HIDDEN_ROLES.has(r)) : all;
    const members = request.include_user_info === true ? state.usersByRole() : undefined;
    const results = names.map((name) => ({
      role: { name, description: state.roles.get(name)?.description ?? '' },
      users: (members?.get(name) ?? []).map((u) => ({ name: u })),
    }));
    return { status: successStatus(), results };
  },

  SelectUser(ctx, { request }) {
    const wanted = entityName(request.user);
    const { state } = ctx;
    let names: string[];
    if (wanted !== undefined) {
      const name = validateUsername(wanted, ctx.profile);
      names = state.users.has(name) ? [name] : [];
    } else {
      names = state.userNamesSorted();
    }
    const withRoles = request.include_role_info === true;
    const results = new Array(names.length);
    for (let i = 0; i < names.length; i++) {
      const u = state.users.get(names[i]);
      results[i] = {
        user: { name: names[i] },
        roles: withRoles && u ? [...u.roles].map((r) => ({ name: r, description: '' })) : [],
        description: u?.description ?? '',
      };
    }
    return { status: successStatus(), results };
  },
};
