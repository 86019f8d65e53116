// The privilege interceptor (§2.6): root and admin bypass, implicit public, self-service exceptions, grants with
// privilege-group expansion (with the built-in groups of the reported release, §4.4), `*` and db `*`.
import * as grpc from '@grpc/grpc-js';
import { ALL_PRIVILEGE, ANY_WORD, catalogueFor } from './catalogue';
import type { ObjectType } from './catalogue/types';
import type { PrivilegeExt } from './proto';
import type { GrantRecord, ServerState } from './state';
import { GrpcFailure } from './status';
import { resolvesAliasesInGrants } from './version';

export interface AccessRequest {
  objectType: ObjectType;
  dbName: string;
  objectName: string;
  /** API name, e.g. `CreateOwnership`. */
  privilege: string;
}

/** Enum name → API name (`PrivilegeGroupClusterAdmin` → `ClusterAdmin`, `PrivilegeSearch` → `Search`). */
export function apiPrivilegeName(enumName: string): string {
  return enumName.replace(/^PrivilegeGroup|^Privilege/, '');
}

/** Explicit roles plus the implicit `public`. */
export function effectiveRoles(state: ServerState, user: string): string[] {
  const roles = [...(state.users.get(user)?.roles ?? [])];
  if (!roles.includes('public')) roles.push('public');
  return roles;
}

/** The grant checker of one server: its state and the release it reports (whose built-in groups it expands). */
export interface Authority {
  state: ServerState;
  version: string;
}

/** A group's members: the release's built-in group (§4.4: 2.5 lacks a few 2.6 privileges), a legacy or a custom one. */
function membersOf({ state, version }: Authority, group: string): readonly string[] | undefined {
  const catalogue = catalogueFor(version);
  return catalogue.builtInGroup(group)?.privileges ?? catalogue.legacyGroup(group) ?? state.groups.get(group);
}

function groupContains(authority: Authority, group: string, privilege: string, depth = 0): boolean {
  if (group === ALL_PRIVILEGE) return true;
  const members = membersOf(authority, group);
  if (!members) return false;
  if (members.includes(privilege)) return true;
  return depth < 2 && members.some((m) => m !== group && groupContains(authority, m, privilege, depth + 1));
}

/** Does one stored grant allow the access? Direct privileges and `*` need the same object type; groups do not. */
export function grantPermits(authority: Authority, g: GrantRecord, req: AccessRequest): boolean {
  // §4.4: a legacy group (ReadOnly, ReadWrite, Admin) needs the request DB to equal the grant's exactly; Admin matches any object.
  const legacy = catalogueFor(authority.version).isLegacyGroup(g.privilege);
  if (legacy ? g.dbName !== req.dbName : g.dbName !== '*' && g.dbName !== req.dbName) return false;
  if (!(legacy && g.privilege === 'Admin') && g.objectName !== '*' && g.objectName !== req.objectName) return false;
  if (g.privilege === req.privilege || g.privilege === ANY_WORD) return g.objectType === req.objectType;
  return groupContains(authority, g.privilege, req.privilege);
}

export function rolesPermit(authority: Authority, roles: string[], req: AccessRequest): boolean {
  const wanted = new Set(roles);
  for (const g of authority.state.grants.values()) {
    if (wanted.has(g.role) && grantPermits(authority, g, req)) return true;
  }
  return false;
}

/** `funcutil.GetObjectName`: the request field at `nameIndex` (a message's `name`), `*` when absent. */
export function objectNameOf(request: Record<string, unknown>, fieldName: string | undefined): string {
  if (!fieldName) return '*';
  const v = request[fieldName];
  if (v === null || v === undefined) return '*';
  if (typeof v === 'object') {
    const name = (v as { name?: unknown }).name;
    return typeof name === 'string' ? name : '';
  }
  return String(v as string | number | boolean | bigint);
}

export interface PrivilegeCheckInput extends Authority {
  user: string;
  dbName: string;
  ext: PrivilegeExt;
  request: Record<string, unknown>;
  objectFieldName: string | undefined;
  method: string;
  /** Roles that pass every check (Milvus: admin; Zilliz Cloud also db_admin, flavor.ts). */
  adminRoles?: readonly string[];
}

/** Throws PERMISSION_DENIED unless the caller may run the request. */
export function checkPrivilege(input: PrivilegeCheckInput): void {
  const { state, user, dbName, ext, request } = input;
  if (user === 'root') return;
  const roles = effectiveRoles(state, user);
  if ((input.adminRoles ?? ['admin']).some((r) => roles.includes(r))) return;
  const named = objectNameOf(request, input.objectFieldName);
  // G15 (2.6.12+): a Collection request naming an alias is checked against the collection it names
  // (`PrivilegeInterceptor` in internal/proxy/privilege_interceptor.go@v2.6.19, `resolveCollectionAlias`).
  const objectName =
    ext.objectType === 'Collection' && named !== ANY_WORD && named !== '' && resolvesAliasesInGrants(input.version)
      ? state.resolveAlias(dbName, named)
      : named;
  if (ext.objectType === 'User' && objectName === user) return;
  if (input.method === 'SelectGrant') {
    const role = (request.entity as { role?: { name?: string } | null } | null)?.role?.name;
    if (role !== undefined && roles.includes(role)) return;
  }
  const req: AccessRequest = {
    objectType: ext.objectType,
    dbName,
    objectName,
    privilege: apiPrivilegeName(ext.privilege),
  };
  if (rolesPermit(input, roles, req)) return;
  throw new GrpcFailure(
    grpc.status.PERMISSION_DENIED,
    `${ext.privilege}: permission deny to ${user} in the \`${dbName}\` database`,
  );
}
