// Create/Drop/List/OperatePrivilegeGroup (§3.3 PG1–PG9, §4.4). The rootcoord's checks by release (D6):
// - 2.6.6+ (`MetaTable.CheckIfPrivilegeGroupCreatable` / `…Alterable` / `…Dropable` in internal/rootcoord/meta_table.go,
//   wrapped with `failed to check if privilege group …` in ddl_callbacks_rbac_privilege.go; read at v2.6.18 f15a99625b
//   and v2.6.19 159a1a59cb): creatable and alterable refusals are `merr.WrapErrParameterInvalidMsg`, so 1100 with
//   `: invalid parameter` already before 2.6.19; dropable is a plain error (65535 before 2.6.19).
// - 2.5 and 2.6.0–2.6.5 (`MetaTable.CreatePrivilegeGroup` / `OperatePrivilegeGroup` / `DropPrivilegeGroup`, read at
//   v2.5.27 c8e90858d5): the same merr errors without the prefix, a few texts of their own, no empty-list check.
import { builtInGroupsOf } from '../builtInGroups';
import { catalogueFor } from '../catalogue';
import { str, type HandlerTable, type ServerContext } from '../context';
import { byteOrder } from '../state';
import { fail, successStatus } from '../status';
import { trimSpace, validatePrivilegeGroupName, validatePrivilegeName } from '../validation';
import { errorEra } from '../version';

const isLegacy = (ctx: ServerContext): boolean => errorEra(ctx.options.version) === 'legacy';

/** The refusal text: 2.6.6+ put `failed to check if privilege group <what>: ` in front. */
function refusal(ctx: ServerContext, what: string, text: string, errorCode: string) {
  return fail.invalidEveryEra(isLegacy(ctx) ? text : `failed to check if privilege group ${what}: ${text}`, errorCode);
}

/** 2.5's loop over the custom groups refuses an undefined name unless it is the first custom group (and adds its members). */
function legacyUnknownPrivilege(ctx: ServerContext, p: string): boolean {
  const first = [...ctx.state.groups.keys()].sort(byteOrder)[0];
  return p !== first;
}

export const privilegeGroupHandlers: HandlerTable = {
  CreatePrivilegeGroup(ctx, { request }) {
    const raw = str(request.group_name);
    validatePrivilegeGroupName(raw, ctx.profile);
    const name = trimSpace(raw);
    const EC = 'CreatePrivilegeGroupFailure';
    if (ctx.state.groups.has(name)) {
      throw refusal(ctx, 'creatable', `privilege group name [${name}] is defined by users`, EC);
    }
    if (catalogueFor(ctx.options.version).isDefinedPrivilegeName(name)) {
      throw refusal(
        ctx,
        'creatable',
        `privilege group name [${name}] is defined by built in privileges or privilege groups in system`,
        EC,
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
      const text = `privilege group [${name}] is used by role [${user.role}], Use REVOKE API to revoke it first`;
      throw isLegacy(ctx)
        ? fail.unexpected(text, 'DropPrivilegeGroupFailure')
        : fail.invalid(`failed to check if privilege group dropable: ${text}`, 'DropPrivilegeGroupFailure');
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
    const list = Array.isArray(request.privileges) ? (request.privileges as unknown[]) : [];
    const privileges = list.map((p) => str((p as { name?: unknown } | null)?.name));
    // `Proxy.OperatePrivilegeGroup` (internal/proxy/impl.go) checks each name with ValidatePrivilege.
    for (const p of privileges) validatePrivilegeName(p, ctx.profile);
    const EC = 'OperatePrivilegeGroupFailure';
    const catalogue = catalogueFor(ctx.options.version);
    const members = ctx.state.groups.get(name);
    const legacy = isLegacy(ctx);
    if (legacy && catalogue.builtInGroup(name) !== undefined) {
      throw refusal(
        ctx,
        'alterable',
        `the privilege group name [${name}] is defined by built in privilege groups in system`,
        EC,
      );
    }
    if (!members) {
      const text = legacy
        ? `there is no privilege group name [${name}] to operate`
        : `there is no privilege group name [${name}] defined in system to operate`;
      throw refusal(ctx, 'alterable', text, EC);
    }
    if (privileges.length === 0) {
      if (legacy) return successStatus();
      throw refusal(ctx, 'alterable', 'privileges is empty when alter the privilege group', EC);
    }
    for (const p of privileges) {
      if (catalogue.isDefinedPrivilegeName(p)) continue;
      if (legacy ? legacyUnknownPrivilege(ctx, p) : true) {
        throw refusal(
          ctx,
          'alterable',
          `there is no privilege name or privilege group name [${p}] defined in system to operate`,
          EC,
        );
      }
    }
    const type = request.type;
    if (type === 'AddPrivilegesToGroup') {
      const levels = new Set([...members, ...privileges].map((p) => catalogue.privilegeLevel(p) ?? ''));
      if (levels.size > 1) throw refusal(ctx, 'alterable', 'privileges are not the same privilege level', EC);
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
      throw fail.invalid(`failed to check if privilege group alterable: invalid operate privilege group type`, EC);
    }
    return successStatus();
  },
};
