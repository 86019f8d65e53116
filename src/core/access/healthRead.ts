// The reads behind the RBAC health check: the access model (explainRead.ts), then one ListDatabases and one
// ShowCollections per database. A file is checked from its own content (no existence checks).
import type { AdminApi } from '../adminApi';
import { PUBLIC_ROLE } from './builtIns';
import { readAccessModel } from './explainRead';
import type { HealthInput, HealthPolicy } from './health';
import type { RbacFile } from '../rbac/file';
import type { Grant } from '../types';

export async function readHealthInput(api: AdminApi, policy: HealthPolicy): Promise<HealthInput> {
  const access = await readAccessModel(api);
  const databases = await api.listDatabases();
  const lists = await Promise.all(databases.map(async (db) => [db, await api.listCollections(db)] as const));
  return {
    serverVersion: access.serverVersion,
    users: access.users,
    roles: access.model.roles,
    grants: [...access.grantsByRole.values()].flat(),
    groups: access.listedGroups ?? access.groups,
    collections: new Map(lists),
    policy,
  };
}

/** A file's content as health input: its roles, bindings and grants (as a V2 grant stores them). */
export function fileHealthInput(file: RbacFile, serverVersion?: string): HealthInput {
  const grants: Grant[] = file.grants.map((g) => ({
    role: g.role,
    privilege: g.privilege,
    dbName: g.dbName,
    objectName: g.collectionName,
    objectType: 'Global',
    grantor: '',
  }));
  const members = (role: string): string[] => file.userRoles.filter((u) => u.roles.includes(role)).map((u) => u.user);
  return {
    serverVersion: serverVersion ?? file.source.serverVersion,
    users: file.userRoles.map((u) => ({ name: u.user, roles: u.roles })),
    roles: file.roles.filter((r) => r.name !== PUBLIC_ROLE).map((r) => ({ name: r.name, users: members(r.name) })),
    grants,
    groups: file.privilegeGroups.map((g) => ({ name: g.name, privileges: g.privileges, builtIn: false })),
    policy: file.policy ?? {},
  };
}
