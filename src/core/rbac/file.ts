// "RBAC as a file": the document that carries roles, privilege groups, grants and role bindings from one Milvus server
// to another. Never a password or a hash: users travel only as names with their roles.
import * as l10n from '@vscode/l10n';
import { BUILTIN_ROLES, PUBLIC_ROLE, ROOT_USER } from '../access/builtIns';
import { isBuiltInGroup } from '../access/privileges';
import { grantKey, grantToSpec } from './plan';
import { unknownPrivilegesOf } from './unknownPrivileges';
import {
  RBAC_FILE_FORMAT,
  RBAC_FILE_VERSION,
  type RbacFile,
  type RbacFileGroup,
  type RbacFileRole,
  type RbacFileSource,
  type RbacFileUserRoles,
} from './fileSchema';
import type { Grant, PrivilegeGroup, GrantSpec, UserWithRoles } from '../types';

export { RBAC_FILE_FORMAT, RBAC_FILE_VERSION };
export type { RbacFile, RbacFileGroup, RbacFileRole, RbacFileSource, RbacFileUserRoles };

/** What a server holds, as read for an export (built-ins may still be in it). */
export interface RbacSnapshot {
  users: readonly UserWithRoles[];
  roles: readonly RbacFileRole[];
  grants: readonly Grant[];
  privilegeGroups: readonly PrivilegeGroup[];
}

// Built-in roles (BR3) are never exported as roles, and neither are their grants. A user's binding to one of them is
// kept, except public, which every user has implicitly.

/** Plain code-unit order, the same on every machine and locale. */
export function byCodeUnit(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

const sorted = (items: Iterable<string>): string[] => [...new Set(items)].sort(byCodeUnit);

function compareGrants(a: GrantSpec, b: GrantSpec): number {
  return (
    byCodeUnit(a.role, b.role) ||
    byCodeUnit(a.dbName, b.dbName) ||
    byCodeUnit(a.collectionName, b.collectionName) ||
    byCodeUnit(a.privilege, b.privilege)
  );
}

/** The file for a snapshot: built-ins left out, everything sorted, duplicates removed. */
export function buildRbacFile(snapshot: RbacSnapshot, source: RbacFileSource, exportedAt: Date): RbacFile {
  const roles = snapshot.roles
    .filter((r) => !BUILTIN_ROLES.has(r.name))
    .map((r): RbacFileRole => (r.description ? { name: r.name, description: r.description } : { name: r.name }))
    .sort((a, b) => byCodeUnit(a.name, b.name));
  const privilegeGroups = snapshot.privilegeGroups
    .filter((g) => !g.builtIn && !isBuiltInGroup(g.name))
    .map((g) => ({ name: g.name, privileges: sorted(g.privileges) }))
    .sort((a, b) => byCodeUnit(a.name, b.name));
  const grants = new Map<string, GrantSpec>();
  for (const g of snapshot.grants) {
    if (BUILTIN_ROLES.has(g.role)) continue;
    const target = grantToSpec(g);
    grants.set(grantKey(target), target);
  }
  const userRoles = snapshot.users
    .filter((u) => u.name !== ROOT_USER)
    .map((u) => ({ user: u.name, roles: sorted(u.roles.filter((r) => r !== PUBLIC_ROLE)) }))
    .filter((u) => u.roles.length > 0)
    .sort((a, b) => byCodeUnit(a.user, b.user));
  const unknown = sorted(
    unknownPrivilegesOf(
      [...grants.values()].map((g) => g.privilege),
      new Set(snapshot.privilegeGroups.map((g) => g.name)),
    ),
  );
  return {
    format: RBAC_FILE_FORMAT,
    version: RBAC_FILE_VERSION,
    exportedAt: exportedAt.toISOString(),
    source: {
      address: source.address,
      serverVersion: source.serverVersion,
      ...(source.database ? { database: source.database } : {}),
    },
    roles,
    privilegeGroups,
    grants: [...grants.values()].sort(compareGrants),
    userRoles,
    ...(unknown.length > 0 ? { privilegesUnknownToClient: unknown } : {}),
  };
}

export function serializeRbacFile(file: RbacFile): string {
  return `${JSON.stringify(file, null, 2)}\n`;
}

/** `2 roles, 1 privilege group, 5 grants, 3 user bindings`: one message for 1 and one for more, so each language can say both. */
export function rbacFileCounts(file: RbacFile): string {
  const count = (n: number, one: string, many: string): string => (n === 1 ? one : many);
  return [
    count(file.roles.length, l10n.t('1 role'), l10n.t('{0} roles', file.roles.length)),
    count(
      file.privilegeGroups.length,
      l10n.t('1 privilege group'),
      l10n.t('{0} privilege groups', file.privilegeGroups.length),
    ),
    count(file.grants.length, l10n.t('1 grant'), l10n.t('{0} grants', file.grants.length)),
    count(file.userRoles.length, l10n.t('1 user binding'), l10n.t('{0} user bindings', file.userRoles.length)),
  ].join(l10n.t(', '));
}
