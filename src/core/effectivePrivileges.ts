// What a user may do, worked out the way Milvus decides it (milvus-rbac-semantics.md §2.6): root and any holder of the
// admin role may do everything; everyone else holds the union of its roles' grants plus those of public, which every
// user has implicitly; a grant of a privilege group grants each privilege in it.
import { ADMIN_ROLE, PUBLIC_ROLE, ROOT_USER } from './builtIns';
import type { Grant, PrivilegeGroup } from './types';

export interface EffectivePrivilege {
  privilege: string;
  /** `*` for every database. */
  dbName: string;
  /** `*` for every collection (and for cluster- or database-wide grants). */
  objectName: string;
  /** Where it comes from: `reader`, or `reader (group CollectionReadOnly)`; sorted, no repeats. */
  via: string[];
}

export interface EffectiveAccess {
  user: string;
  /** The user's roles with `public` added, as the server counts them. */
  roles: string[];
  /** Why the user may do everything, when it may. */
  unrestricted?: string;
  privileges: EffectivePrivilege[];
}

/** The roles whose grants apply to `user`: its own and `public`. */
export function rolesInEffect(roles: readonly string[]): string[] {
  return [...new Set([...roles, PUBLIC_ROLE])];
}

/**
 * Folds the grants of the user's roles into one row per (privilege, database, collection). `grantsByRole` holds the
 * grants of each role in `rolesInEffect`; `groups` the server's privilege groups (empty where it has none).
 */
export function effectiveAccess(
  user: string,
  roles: readonly string[],
  grantsByRole: ReadonlyMap<string, readonly Grant[]>,
  groups: readonly PrivilegeGroup[],
): EffectiveAccess {
  const inEffect = rolesInEffect(roles);
  const unrestricted =
    user === ROOT_USER
      ? 'root is the built-in superuser: the server checks no privileges for it.'
      : inEffect.includes(ADMIN_ROLE)
        ? `${user} has the admin role, which the server lets do everything.`
        : undefined;
  const groupByName = new Map(groups.map((g) => [g.name, g]));
  const rows = new Map<string, EffectivePrivilege>();
  const add = (privilege: string, grant: Grant, via: string): void => {
    const key = JSON.stringify([privilege, grant.dbName, grant.objectName]);
    const row = rows.get(key) ?? { privilege, dbName: grant.dbName, objectName: grant.objectName, via: [] };
    if (!row.via.includes(via)) row.via.push(via);
    rows.set(key, row);
  };
  for (const role of inEffect) {
    for (const grant of grantsByRole.get(role) ?? []) {
      const group = groupByName.get(grant.privilege);
      if (group) for (const privilege of group.privileges) add(privilege, grant, `${role} (group ${group.name})`);
      else add(grant.privilege, grant, role);
    }
  }
  const privileges = [...rows.values()]
    .map((row) => ({ ...row, via: [...row.via].sort() }))
    .sort((a, b) => compare(a.dbName, b.dbName) || compare(a.objectName, b.objectName) || compare(a.privilege, b.privilege));
  return { user, roles: inEffect, unrestricted, privileges };
}

/** `*` sorts first; otherwise by code unit, so the order does not depend on the locale. */
function compare(a: string, b: string): number {
  if (a === b) return 0;
  if (a === '*') return -1;
  if (b === '*') return 1;
  return a < b ? -1 : 1;
}

/** Only what would break a table row; the report is read as Markdown source as often as rendered. */
function cell(text: string): string {
  return text.replace(/[\\|]/g, '\\$&').replace(/[\r\n]+/g, ' ');
}

/** A Markdown report of `access`: who, through which roles, and a table of what. */
export function effectiveAccessMarkdown(access: EffectiveAccess, where: string): string {
  const lines = [
    `# Effective privileges of ${cell(access.user)}`,
    '',
    `On ${cell(where)}. Roles in effect: ${access.roles.map(cell).join(', ')} (every user has ${PUBLIC_ROLE}).`,
    '',
  ];
  if (access.unrestricted) lines.push(`**Unrestricted.** ${cell(access.unrestricted)}`, '');
  if (access.privileges.length === 0) {
    lines.push(access.unrestricted ? 'No grants besides that.' : 'No privileges: every request that needs one is refused with "permission deny".');
    return `${lines.join('\n')}\n`;
  }
  lines.push('| Privilege | Database | Collection | Through |', '| --- | --- | --- | --- |');
  for (const p of access.privileges) {
    const db = p.dbName === '*' ? 'all' : cell(p.dbName);
    const collection = p.objectName === '*' ? 'all' : cell(p.objectName);
    lines.push(`| ${p.privilege === '*' ? 'all privileges' : cell(p.privilege)} | ${db} | ${collection} | ${p.via.map(cell).join(', ')} |`);
  }
  return `${lines.join('\n')}\n`;
}
