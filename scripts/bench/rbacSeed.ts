// Seed for the RBAC-as-code bench at issue 22's scale: `roles` custom roles with `grantsPerRole` grants each (Query on
// collections spread over BENCH_DATABASES), every other bench user bound to one of them, 200 collections with a few
// aliases, and a few grants that name an alias or a dropped collection, so the health check has findings to report.
import type { SeedData } from '../../test/milvus-server/seed';

export const BENCH_DATABASES = ['default', 'sales', 'support', 'archive'] as const;
export const COLLECTIONS_PER_DATABASE = 50;
/** Aliases `a0`… of the first collections of each database. */
const ALIASES_PER_DATABASE = 5;
const COLLECTIONS = BENCH_DATABASES.length * COLLECTIONS_PER_DATABASE;

export function rbacRoleName(i: number): string {
  return `rbac_role_${String(i).padStart(4, '0')}`;
}

/** Collection `t` of the 200: its database and name (`default.c0` … `archive.c49`). */
function collectionAt(t: number): { db: string; name: string } {
  const i = t % COLLECTIONS;
  return { db: BENCH_DATABASES[Math.floor(i / COLLECTIONS_PER_DATABASE)], name: `c${i % COLLECTIONS_PER_DATABASE}` };
}

/**
 * Role r's grant j names collection (r × 7 + j) of the 200, so role 0 holds Query on default.c0…c19 (the explanation
 * asks about default.c0). The last grant of every 100th role names an alias instead, and of every 100th but 50 a
 * collection that is not there.
 */
function grantTarget(r: number, j: number, last: boolean): { db: string; name: string } {
  const at = collectionAt(r * 7 + j);
  if (last && r % 100 === 0) return { db: at.db, name: `a${r % ALIASES_PER_DATABASE}` };
  if (last && r % 100 === 50) return { db: at.db, name: `dropped_${r}` };
  return at;
}

export function withRbacRoles(seed: SeedData, roles: number, grantsPerRole: number): SeedData {
  const names = Array.from({ length: roles }, (_, i) => rbacRoleName(i));
  const grants: NonNullable<SeedData['grants']> = [];
  names.forEach((role, r) => {
    for (let j = 0; j < grantsPerRole; j++) {
      const { db, name } = grantTarget(r, j, j === grantsPerRole - 1);
      grants.push({ role, privilege: 'Query', objectType: 'Collection', objectName: name, dbName: db });
    }
  });
  const collections = Array.from({ length: COLLECTIONS }, (_, t) => collectionAt(t));
  return {
    ...seed,
    databases: [...(seed.databases ?? []), ...BENCH_DATABASES.filter((db) => db !== 'default')],
    collections: [...(seed.collections ?? []), ...collections],
    aliases: [
      ...(seed.aliases ?? []),
      ...BENCH_DATABASES.flatMap((db) =>
        Array.from({ length: ALIASES_PER_DATABASE }, (_, k) => ({ db, alias: `a${k}`, collection: `c${k}` })),
      ),
    ],
    roles: [...(seed.roles ?? []), ...names.map((name) => ({ name }))],
    grants: [...(seed.grants ?? []), ...grants],
    users: (seed.users ?? []).map((u, i) =>
      i % 2 === 0 ? { ...u, roles: [...(u.roles ?? []), names[i % names.length]] } : u,
    ),
  };
}
