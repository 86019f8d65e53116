// Create/Drop/List/OperatePrivilegeGroup (§3.3 PG1–PG9, §4.4).
import { builtInGroupsOf } from '../builtInGroups';
import { catalogueFor } from '../catalogue';
import { str, type HandlerTable } from '../context';
import { byteOrder } from '../state';
import { fail, successStatus } from '../status';
import { trimSpace, validatePrivilegeGroupName } from '../validation';
import { errorEra } from '../version';

export const privilegeGroupHandlers: HandlerTable = {
  CreatePrivilegeGroup(ctx, { request }) {
    const raw = str(request.group_name);
    validatePrivilegeGroupName(raw, ctx.profile);
    const name = trimSpace(raw);
    const prefix = 'failed to check if privilege group creatable';
    if (catalogueFor(ctx.options.version).isDefinedPrivilegeName(name)) {
      throw fail.invalid(
        `${prefix}: privilege group name [${name}] is defined by built in privileges or privilege groups in system`,
        'CreatePrivilegeGroupFailure',
      );
    }
    if (ctx.state.groups.has(name)) {
      throw fail.invalid(
        `${prefix}: privilege group name [${name}] is defined by users`,
        'CreatePrivilegeGroupFailure',
      );
    }
    ctx.state.groups.set(name, []);
    ctx.state.changed();
    return successStatus();
  },

  DropPrivilegeGroup(ctx, { request }) {
    const name = str(request.group_name);
    validatePrivilegeGroupName(name, ctx.profile);
    const { state } = ctx;
    if (!state.groups.has(name)) return successStatus();
    const user = [...state.grants.values()].find((g) => g.privilege === name);
    if (user) {
      throw fail.invalid(
        `failed to check if privilege group dropable: privilege group [${name}] is used by role [${user.role}], Use REVOKE API to revoke it first`,
        'DropPrivilegeGroupFailure',
      );
    }
    state.groups.delete(name);
    state.changed();
    return successStatus();
  },

  ListPrivilegeGroups(ctx) {
    const custom = [...ctx.state.groups.keys()].sort(byteOrder).map((name) => ({
      group_name: name,
      privileges: (ctx.state.groups.get(name) ?? []).map((p) => ({ name: p })),
    }));
    const builtIn = builtInGroupsOf(ctx.options.version).map((g) => ({
      group_name: g.name,
      privileges: g.privileges.map((p) => ({ name: p })),
    }));
    return { status: successStatus(), privilege_groups: [...custom, ...builtIn] };
  },

  OperatePrivilegeGroup(ctx, { request }) {
    const name = str(request.group_name);
    validatePrivilegeGroupName(name, ctx.profile);
    const EC = 'OperatePrivilegeGroupFailure';
    const prefix = 'failed to check if privilege group alterable';
    const list = Array.isArray(request.privileges) ? (request.privileges as unknown[]) : [];
    const privileges = list.map((p) => str((p as { name?: unknown } | null)?.name));
    if (privileges.length === 0)
      throw fail.invalid(`${prefix}: privileges is empty when alter the privilege group`, EC);
    const catalogue = catalogueFor(ctx.options.version);
    const members = ctx.state.groups.get(name);
    if (!members && catalogue.builtInGroup(name) !== undefined && errorEra(ctx.options.version) === 'legacy') {
      // PG5: the 2.5 rootcoord's own text for a built-in group.
      throw fail.invalid(`the privilege group name [${name}] is defined by built in privilege groups in system`, EC);
    }
    if (!members)
      throw fail.invalid(`${prefix}: there is no privilege group name [${name}] defined in system to operate`, EC);
    for (const p of privileges) {
      if (!catalogue.isDefinedPrivilegeName(p)) {
        throw fail.invalid(
          `${prefix}: there is no privilege name or privilege group name [${p}] defined in system to operate`,
          EC,
        );
      }
    }
    const type = request.type;
    if (type === 'AddPrivilegesToGroup') {
      const levels = new Set([...members, ...privileges].map((p) => catalogue.privilegeLevel(p) ?? ''));
      if (levels.size > 1) throw fail.invalid(`${prefix}: privileges are not the same privilege level`, EC);
      const next = [...members];
      for (const p of privileges) if (!next.includes(p)) next.push(p);
      if (next.length !== members.length) {
        ctx.state.groups.set(name, next);
        ctx.state.changed();
      }
    } else if (type === 'RemovePrivilegesFromGroup') {
      const next = members.filter((p) => !privileges.includes(p));
      if (next.length !== members.length) {
        ctx.state.groups.set(name, next);
        ctx.state.changed();
      }
    } else {
      throw fail.invalid(`${prefix}: invalid operate privilege group type`, EC);
    }
    return successStatus();
  },
};
