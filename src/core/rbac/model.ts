// A server's whole access model, read in as few RPCs as the server allows: BackupRBAC (plus one SelectRole for the
// role descriptions and members) where the server has it (2.4.10+, docs/milvus-behaviour.md §1, §9), otherwise the
// listings (SelectUser, SelectRole, ListPrivilegeGroups) plus one SelectGrant per role.
import type { AdminApi, RbacBackup } from '../adminApi';
import { BUILTIN_ROLES } from '../access/builtIns';
import { MilvusError } from '../errors/milvusError';
import type { RbacFile, RbacSnapshot } from './file';
import type { Flavor, Grant, PrivilegeGroup, RoleWithUsers, UserWithRoles } from '../types';

export interface RbacModel {
  /** How it was read: one BackupRBAC, or the listings and a SelectGrant per role. */
  via: 'backupRbac' | 'listings';
  /** Who read it (the login user; undefined for an API key or without authentication). */
  caller: string | undefined;
  /** The database the connection uses (the privilege check looks at grants there and on `*`). */
  database: string;
  serverVersion: string;
  /** Milvus or a Zilliz Cloud cluster type (§10): what the planner may send and whom it never touches. */
  flavor?: Flavor;
  /** Users with their bound roles (no implicit public). BackupRBAC leaves root out. */
  users: UserWithRoles[];
  /** Every role, built-ins included, with its description and members. */
  roles: RoleWithUsers[];
  /** The grants of every custom role, plus those of the built-in roles named in `grantsRead`. */
  grants: Grant[];
  /** Built-in roles whose grants were read as well (BackupRBAC leaves admin and public out, §3.3 BR3). */
  grantsRead: string[];
  /** Custom groups (and, from the listing, built-in ones flagged builtIn); undefined on a server without groups. */
  privilegeGroups: PrivilegeGroup[] | undefined;
  /** Whether the server keeps role descriptions (AlterRole, 2.6.19+); undefined when not known (see readRbacModel). */
  descriptions: boolean | undefined;
}

function isUnimplemented(error: unknown): boolean {
  return error instanceof MilvusError && error.kind === 'unimplemented';
}

/** BackupRBAC, or undefined where the server lacks it or the caller may not call it (the listings may still work). */
async function backupOrUndefined(api: AdminApi): Promise<RbacBackup | undefined> {
  try {
    return await api.backupRbac();
  } catch (error) {
    if (isUnimplemented(error) || (error instanceof MilvusError && error.kind === 'permission')) return undefined;
    throw error;
  }
}

/**
 * Whether the server keeps role descriptions. A described role proves it. Otherwise it matters only when `file` gives a
 * description to a role the server has (a new role gets its description with CreateRole); only then the feature probe
 * is asked (cached per connection). Without a file: unknown.
 */
async function descriptionsKept(
  api: AdminApi,
  roles: readonly RoleWithUsers[],
  file: RbacFile | undefined,
): Promise<boolean | undefined> {
  if (roles.some((r) => r.description)) return true;
  if (!file) return undefined;
  const existing = new Set(roles.map((r) => r.name));
  return file.roles.some((r) => r.description && existing.has(r.name)) ? (await api.features()).descriptions : false;
}

/**
 * The custom groups of a backup, or undefined on a server without groups (2.4.10 to 2.4.15 have BackupRBAC but no
 * groups). An empty backup list is checked with the feature probe only when `file` has groups.
 */
async function backupGroups(
  api: AdminApi,
  backup: RbacBackup,
  file: RbacFile | undefined,
): Promise<PrivilegeGroup[] | undefined> {
  if (backup.privilegeGroups.length > 0 || !file?.privilegeGroups.length) return backup.privilegeGroups;
  return (await api.features()).privilegeGroups ? backup.privilegeGroups : undefined;
}

async function groupsOrUndefined(api: AdminApi): Promise<PrivilegeGroup[] | undefined> {
  try {
    return await api.listPrivilegeGroups();
  } catch (error) {
    if (isUnimplemented(error)) return undefined;
    throw error;
  }
}

/** The built-in roles a file grants to: their grants are not in a backup, and a plan must know them. */
function builtInGrantRoles(file: RbacFile | undefined, roles: readonly RoleWithUsers[]): string[] {
  const existing = new Set(roles.map((r) => r.name));
  return [...new Set((file?.grants ?? []).map((g) => g.role))].filter((r) => BUILTIN_ROLES.has(r) && existing.has(r));
}

/**
 * Reads the whole model: one BackupRBAC and one SelectRole where the server has BackupRBAC. With `file` (the file a
 * plan will compare), the grants of the built-in roles it grants to are read too (one SelectGrant each), and the
 * feature probe answers what the file needs to know (groups, descriptions). Rejects with a MilvusError.
 */
export async function readRbacModel(api: AdminApi, file?: RbacFile): Promise<RbacModel> {
  const [backup, roles] = await Promise.all([backupOrUndefined(api), api.listRolesWithUsers()]);
  const builtIn = builtInGrantRoles(file, roles);
  const base = {
    caller: api.info.user,
    database: api.info.database,
    serverVersion: api.info.version,
    flavor: api.info.flavor,
    roles,
    grantsRead: builtIn,
  };
  if (backup) {
    const [extra, privilegeGroups, descriptions] = await Promise.all([
      Promise.all(builtIn.map((r) => api.listGrants(r))),
      backupGroups(api, backup, file),
      descriptionsKept(api, roles, file),
    ]);
    return {
      ...base,
      via: 'backupRbac',
      users: backup.users,
      grants: [...backup.grants, ...extra.flat()],
      privilegeGroups,
      descriptions,
    };
  }
  const grantRoles = [...roles.filter((r) => !BUILTIN_ROLES.has(r.name)).map((r) => r.name), ...builtIn];
  const [users, privilegeGroups, grants, descriptions] = await Promise.all([
    api.listUsersWithRoles(),
    groupsOrUndefined(api),
    Promise.all(grantRoles.map((r) => api.listGrants(r))),
    descriptionsKept(api, roles, file),
  ]);
  return { ...base, via: 'listings', users, grants: grants.flat(), privilegeGroups, descriptions };
}

/** The model as an export snapshot (buildRbacFile leaves the built-ins out). */
export function modelSnapshot(model: RbacModel): RbacSnapshot {
  return {
    users: model.users,
    roles: model.roles.map((r) => ({ name: r.name, description: r.description })),
    grants: model.grants,
    privilegeGroups: model.privilegeGroups ?? [],
  };
}
