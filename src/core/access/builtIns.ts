// What every Milvus server creates itself (docs/milvus-behaviour.md §3.5, BR3; Zilliz Cloud adds db_admin, db_rw, db_ro).
export const ROOT_USER = 'root';
export const ADMIN_ROLE = 'admin';
export const PUBLIC_ROLE = 'public';

/** Roles the server creates itself: never dropped, altered or exported by us. */
export const BUILTIN_ROLES: ReadonlySet<string> = new Set([ADMIN_ROLE, PUBLIC_ROLE, 'db_admin', 'db_rw', 'db_ro']);
