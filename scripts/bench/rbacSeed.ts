// Seed for the RBAC-as-code bench: `roles` custom roles with `grantsPerRole` grants each (Query on that many
// collections), every other bench user bound to one of them.
import type { SeedData } from '../../test/milvus-server/seed';

export function rbacRoleName(i: number): string {
  return `rbac_role_${String(i).padStart(4, '0')}`;
}

export function withRbacRoles(seed: SeedData, roles: number, grantsPerRole: number): SeedData {
  const names = Array.from({ length: roles }, (_, i) => rbacRoleName(i));
  const grants: NonNullable<SeedData['grants']> = [];
  for (const role of names)
    for (let j = 0; j < grantsPerRole; j++)
      grants.push({ role, privilege: 'Query', objectType: 'Collection', objectName: `c${j}`, dbName: 'default' });
  return {
    ...seed,
    roles: [...(seed.roles ?? []), ...names.map((name) => ({ name }))],
    grants: [...(seed.grants ?? []), ...grants],
    users: (seed.users ?? []).map((u, i) =>
      i % 2 === 0 ? { ...u, roles: [...(u.roles ?? []), names[i % names.length]] } : u,
    ),
  };
}
