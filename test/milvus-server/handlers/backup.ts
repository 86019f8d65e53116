// BackupRBAC / RestoreRBAC (§3.3 BR1–BR3).
import { entityName, str, type HandlerTable } from '../context';
import { grantKey, type GrantRecord } from '../state';
import { fail, successStatus } from '../status';
import { grantEntity } from './grants';
import { catalogueFor } from '../catalogue';
import type { ObjectType } from '../catalogue/types';

const DEFAULT_ROLES = ['admin', 'public'];
const EC = 'OperatePrivilegeFailure';

interface Meta {
  users: { user?: unknown; password?: unknown; roles?: unknown }[];
  roles: { name?: unknown; description?: unknown }[];
  grants: Record<string, unknown>[];
  privilege_groups: { group_name?: unknown; privileges?: unknown }[];
}

function arr<T>(v: unknown): T[] {
  return Array.isArray(v) ? (v as T[]) : [];
}

export const backupHandlers: HandlerTable = {
  BackupRBAC(ctx) {
    const { state } = ctx;
    const users = state
      .userNamesSorted()
      .filter((u) => u !== 'root')
      .map((u) => {
        const rec = state.users.get(u);
        return {
          user: u,
          password: rec?.hash ?? '',
          roles: [...(rec?.roles ?? [])].map((r) => ({ name: r, description: '' })),
        };
      });
    const roles = [...state.roles.values()]
      .filter((r) => !DEFAULT_ROLES.includes(r.name))
      .map((r) => ({ name: r.name, description: r.description }));
    const grants = [...state.grants.values()].filter((g) => !DEFAULT_ROLES.includes(g.role)).map(grantEntity);
    const privilege_groups = [...state.groups].map(([name, ps]) => ({
      group_name: name,
      privileges: ps.map((p) => ({ name: p })),
    }));
    return { status: successStatus(), RBAC_meta: { users, roles, grants, privilege_groups } };
  },

  RestoreRBAC(ctx, { request }) {
    const raw = request.RBAC_meta as Partial<Meta> | null;
    if (!raw) return successStatus();
    const meta: Meta = {
      users: arr(raw.users),
      roles: arr(raw.roles),
      grants: arr(raw.grants),
      privilege_groups: arr(raw.privilege_groups),
    };
    if (!meta.users.length && !meta.roles.length && !meta.grants.length && !meta.privilege_groups.length)
      return successStatus();
    const { state } = ctx;
    const roleNames = meta.roles.map((r) => str(r.name));
    const groupNames = meta.privilege_groups.map((g) => str(g.group_name));
    for (const r of roleNames) if (state.roles.has(r)) throw fail.invalid(`role [${r}] already exists`, EC);
    for (const g of groupNames)
      if (state.groups.has(g)) throw fail.invalid(`privilege group [${g}] already exists`, EC);
    const grants: GrantRecord[] = meta.grants.map((g) => {
      const grantor = g.grantor as { user?: unknown; privilege?: unknown } | null;
      return {
        role: entityName(g.role) ?? '',
        objectType: (entityName(g.object) ?? 'Global') as ObjectType,
        objectName: str(g.object_name) || '*',
        dbName: str(g.db_name) || 'default',
        privilege: entityName(grantor?.privilege) ?? '',
        grantor: entityName(grantor?.user) || 'root',
      };
    });
    for (const g of grants) {
      if (
        g.privilege !== '*' &&
        !catalogueFor(ctx.options.version).isDefinedPrivilegeName(g.privilege) &&
        !state.groups.has(g.privilege) &&
        !groupNames.includes(g.privilege)
      ) {
        throw fail.invalid(`privilege [${g.privilege}] does not exist`, EC);
      }
    }
    for (const u of meta.users)
      if (state.users.has(str(u.user))) throw fail.invalid(`user [${str(u.user)}] already exists`, EC);
    for (const u of meta.users) {
      for (const r of arr<{ name?: unknown }>(u.roles)) {
        const name = str(r.name);
        if (!state.roles.has(name) && !roleNames.includes(name))
          throw fail.invalid(`role [${name}] does not exist`, EC);
      }
    }
    meta.roles.forEach((r) => state.roles.set(str(r.name), { name: str(r.name), description: str(r.description) }));
    meta.privilege_groups.forEach((g) =>
      state.groups.set(str(g.group_name), [...new Set(arr<{ name?: unknown }>(g.privileges).map((p) => str(p.name)))]),
    );
    for (const g of grants) if (state.roles.has(g.role)) state.grants.set(grantKey(g), g);
    for (const u of meta.users) {
      const name = str(u.user);
      state.users.set(name, {
        name,
        hash: str(u.password),
        description: '',
        roles: new Set(arr<{ name?: unknown }>(u.roles).map((r) => str(r.name))),
      });
      ctx.auth.invalidate(name);
    }
    state.changed();
    return successStatus();
  },
};
