// Milvus responses as the SDK decodes them (keepCase, enums and int64 as strings, defaults filled in), and their
// conversion to the core's plain types. No SDK import: shapes only.
import { BUILT_IN_GROUPS, V1_OBJECT_PRIVILEGES } from '../access/privileges';
import type { Grant, ObjectType, PrivilegeGroup, RoleWithUsers, UserWithRoles } from '../types';

export interface NameEntity {
  name?: string;
  description?: string;
}
export interface WireGrant {
  role?: NameEntity;
  object?: NameEntity;
  object_name?: string;
  db_name?: string;
  grantor?: { user?: NameEntity; privilege?: NameEntity };
}
export interface WireGroup {
  group_name?: string;
  privileges?: NameEntity[];
}
export interface UserResult {
  user?: NameEntity;
  roles?: NameEntity[];
  description?: string;
}
export interface RoleResult {
  role?: NameEntity;
  users?: NameEntity[];
}
export interface SelectUserResponse {
  results?: UserResult[];
}
export interface SelectRoleResponse {
  results?: RoleResult[];
}
export interface SelectGrantResponse {
  entities?: WireGrant[];
}
export interface ListPrivilegeGroupsResponse {
  privilege_groups?: WireGroup[];
}
export interface BackupResponse {
  RBAC_meta?: {
    users?: { user?: string; roles?: NameEntity[] }[];
    roles?: NameEntity[];
    grants?: WireGrant[];
    privilege_groups?: WireGroup[];
  };
}

const BUILT_IN_GROUP_NAMES = new Set(BUILT_IN_GROUPS.map((g) => g.name));

export const b64 = (text: string): string => Buffer.from(text, 'utf-8').toString('base64');
export const nonEmpty = (s: string | undefined): s is string => typeof s === 'string' && s !== '';
export const names = (entities: NameEntity[] | undefined): string[] =>
  (entities ?? []).map((e) => e.name).filter(nonEmpty);

export function toGrant(g: WireGrant): Grant {
  return {
    role: g.role?.name ?? '',
    objectType: (g.object?.name ?? 'Global') as ObjectType,
    objectName: g.object_name ?? '',
    dbName: g.db_name ?? '',
    privilege: g.grantor?.privilege?.name ?? '',
    grantor: g.grantor?.user?.name ?? '',
  };
}

export function toGroup(g: WireGroup): PrivilegeGroup {
  const name = g.group_name ?? '';
  return { name, privileges: names(g.privileges), builtIn: BUILT_IN_GROUP_NAMES.has(name) };
}

/** The object type the V1 API files a privilege under; undefined when V1 cannot grant it (built-in groups, V2-only). */
export function v1ObjectType(privilege: string): ObjectType | undefined {
  if (BUILT_IN_GROUP_NAMES.has(privilege)) {
    return undefined;
  }
  return (['Collection', 'Global', 'User'] as const).find((t) => V1_OBJECT_PRIVILEGES[t].includes(privilege));
}

/** Roles carry only names here; the description is the user's own (2.6.19+), left out when empty. */
export function toUser(r: UserResult): UserWithRoles {
  return { name: r.user?.name ?? '', roles: names(r.roles), ...(r.description ? { description: r.description } : {}) };
}

export function toRole(r: RoleResult): RoleWithUsers {
  const description = r.role?.description;
  return { name: r.role?.name ?? '', users: names(r.users), ...(description ? { description } : {}) };
}
