// Seed data for the bench's test servers: `users` users spread over a few roles, one role with grants.
import type { SeedData } from '../milvus-server/seed';

export const BENCH_ROLES = ['bench_reader', 'bench_writer', 'bench_admin', 'bench_auditor', 'bench_ops', 'bench_dev'];
export const GRANTS_ROLE = 'bench_reader';

export function benchUserName(i: number): string {
  return `user_${String(i).padStart(5, '0')}`;
}

export function benchSeed(users: number): SeedData {
  const seedUsers: NonNullable<SeedData['users']> = [];
  for (let i = 0; i < users; i++) {
    // Users get 0, 1 or 2 roles, so listings carry real role lists.
    const roles =
      i % 3 === 0
        ? []
        : i % 3 === 1
          ? [BENCH_ROLES[i % BENCH_ROLES.length]]
          : [BENCH_ROLES[i % BENCH_ROLES.length], BENCH_ROLES[(i + 1) % BENCH_ROLES.length]];
    seedUsers.push({ name: benchUserName(i), password: 'Bench-pass-1', roles });
  }
  return {
    users: seedUsers,
    roles: BENCH_ROLES.map((name) => ({ name })),
    grants: [
      { role: GRANTS_ROLE, privilege: 'DescribeCollection' },
      { role: GRANTS_ROLE, privilege: 'Query' },
      { role: GRANTS_ROLE, privilege: 'Search' },
    ],
  };
}
