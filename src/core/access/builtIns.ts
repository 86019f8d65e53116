// What every Milvus server creates itself (docs/milvus-behaviour.md §3.5, BR3; Zilliz Cloud adds db_admin, db_rw, db_ro).
export const ROOT_USER = 'root';
export const ADMIN_ROLE = 'admin';
export const PUBLIC_ROLE = 'public';

/** Roles the server creates itself: never dropped, altered or exported by us. */
export const BUILTIN_ROLES: ReadonlySet<string> = new Set([ADMIN_ROLE, PUBLIC_ROLE, 'db_admin', 'db_rw', 'db_ro']);

/**
 * The roles worth offering to bind to a user: all but public, which every user holds without a binding. A binding the
 * user already has stays in the list, so that it can be removed.
 */
export function bindableRoles(roles: readonly string[], bound: readonly string[] = []): string[] {
  return roles.filter((role) => role !== PUBLIC_ROLE || bound.includes(role));
}
