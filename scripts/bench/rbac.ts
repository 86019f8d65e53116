// RBAC as code at scale: reading a whole model (one BackupRBAC against role-by-role listings), planning an exact
// apply against 1,000 roles × 20 grants and 10,000 users, and applying one file to 10 servers at once.
import os from 'node:os';
import type { AdminApi } from '../../src/core/adminApi';
import { MilvusError } from '../../src/core/errors/milvusError';
import { connectMilvus } from '../../src/core/milvus/connect';
import type { RbacFile } from '../../src/core/rbac/file';
import { readRbacModel } from '../../src/core/rbac/model';
import { explain } from '../../src/core/access/explain';
import { readAccessModel } from '../../src/core/access/explainRead';
import { checkRbacHealth } from '../../src/core/access/health';
import { readHealthInput } from '../../src/core/access/healthRead';
import { upgradeImpact } from '../../src/core/access/upgrade';
import { planRbac } from '../../src/core/rbac/planner';
import { applyRbacPlan, exportRbac } from '../../src/core/rbac/sync';
import { benchUserName } from '../../test/regression/seedUsers';
import { benchProfile } from './benchProfile';
import { BENCH_DATABASES, COLLECTIONS_PER_DATABASE, rbacRoleName } from './rbacSeed';
import { BenchServer, countRpcs, totalRpcs } from './serverProcess';
import { median, nowMs, round } from './stats';

export interface RbacReadFigures {
  medianMs: number;
  rpcs: number;
  byMethod: Record<string, number>;
}

export interface RbacBenchFigures {
  server: { users: number; roles: number; grantsPerRole: number; databases: number; collections: number };
  readRuns: number;
  /** readRbacModel as shipped: one BackupRBAC and one SelectRole. */
  backupRbac: RbacReadFigures;
  /** The same read on a server without BackupRBAC: the listings and one SelectGrant per role. */
  roleByRole: RbacReadFigures;
  /** An exact plan of a file that drops 10 roles and adds 5 (read with the file, then plan). */
  plan: { readAndPlanMs: number; planOnlyMs: number; steps: number; rpcs: number };
  /** Issue 22: RPCs an explanation needs beyond the model read; the health check's RPCs and time; upgrade impact. */
  answers?: {
    explainExtraRpcs: number;
    explainMs: number;
    healthRpcs: number;
    /** The health check's RPCs by method: the model read, ListDatabases, per database ShowCollections and ListAliases. */
    healthByMethod: Record<string, number>;
    healthMs: number;
    findings: number;
    upgradeMs: number;
    /** 1-minute load average when each of the three was measured (the machine may be shared). */
    load: { explain: number; health: number; upgrade: number };
  };
  apply: {
    targets: number;
    stepsPerTarget: number;
    /** All targets at once: connect, read, plan and apply each, one step at a time per target. */
    wallMs: number;
    perTargetMedianMs: number;
    rpcs: number;
    /** A second plan on every target is empty. */
    converged: boolean;
  };
}

/** The api as on a server without BackupRBAC (before 2.4.10), so readRbacModel takes the listings. */
function withoutBackup(api: AdminApi): AdminApi {
  return new Proxy(api, {
    get(target, prop, receiver): unknown {
      if (prop === 'backupRbac') return () => Promise.reject(new MilvusError('unimplemented', 'no BackupRBAC here'));
      const value: unknown = Reflect.get(target, prop, receiver);
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
}

async function timedRead(server: BenchServer, api: AdminApi, runs: number): Promise<RbacReadFigures> {
  const byMethod = await countRpcs(server, () => readRbacModel(api));
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = nowMs();
    await readRbacModel(api);
    samples.push(nowMs() - t0);
  }
  return { medianMs: round(median(samples)), rpcs: totalRpcs(byMethod), byMethod };
}

/** The server's own file, minus 10 roles (their grants and bindings), plus 5 new roles with `grants` grants each. */
function changedFile(file: RbacFile, grants: number): RbacFile {
  const dropped = new Set(Array.from({ length: 10 }, (_, i) => rbacRoleName(i)));
  const added = Array.from({ length: 5 }, (_, i) => `rbac_new_${i}`);
  return {
    ...file,
    roles: [...file.roles.filter((r) => !dropped.has(r.name)), ...added.map((name) => ({ name }))],
    grants: [
      ...file.grants.filter((g) => !dropped.has(g.role)),
      ...added.flatMap((role) =>
        Array.from({ length: grants }, (_, j) => ({
          role,
          privilege: 'Search',
          dbName: 'default',
          collectionName: `c${j}`,
        })),
      ),
    ],
    userRoles: file.userRoles
      .map((u) => ({ ...u, roles: u.roles.filter((r) => !dropped.has(r)) }))
      .filter((u) => u.roles.length > 0),
  };
}

const load1 = (): number => Math.round(os.loadavg()[0] * 10) / 10;

async function measureAnswers(server: BenchServer, api: AdminApi): Promise<NonNullable<RbacBenchFigures['answers']>> {
  const model = totalRpcs(await countRpcs(server, () => readRbacModel(api)));
  let explainMs = NaN;
  const withExtras = totalRpcs(
    await countRpcs(server, async () => {
      const t0 = nowMs();
      const access = await readAccessModel(api);
      explain(
        {
          user: benchUserName(0),
          operation: 'search',
          rpcs: ['DescribeCollection', 'Search'],
          dbName: 'default',
          collectionName: 'c0',
        },
        access,
      );
      explainMs = nowMs() - t0;
    }),
  );
  const explainLoad = load1();
  let healthMs = NaN;
  let findings = 0;
  const healthByMethod = await countRpcs(server, async () => {
    const t0 = nowMs();
    findings = checkRbacHealth(await readHealthInput(api, {})).length;
    healthMs = nowMs() - t0;
  });
  const healthLoad = load1();
  const access = await readAccessModel(api);
  const u0 = nowMs();
  upgradeImpact(access.serverVersion, '3.0.0', [...access.grantsByRole.values()].flat(), access.users);
  const upgradeMs = nowMs() - u0;
  return {
    explainExtraRpcs: withExtras - model,
    explainMs: round(explainMs),
    healthRpcs: totalRpcs(healthByMethod),
    healthByMethod,
    healthMs: round(healthMs),
    findings,
    upgradeMs: round(upgradeMs),
    load: { explain: explainLoad, health: healthLoad, upgrade: load1() },
  };
}

async function measureModel(
  log: (line: string) => void,
  users: number,
  roles: number,
  grantsPerRole: number,
): Promise<Omit<RbacBenchFigures, 'apply'>> {
  log(
    `rbac: test server with ${users.toLocaleString('en-US')} users, ${roles} roles × ${grantsPerRole} grants, ` +
      `${BENCH_DATABASES.length * COLLECTIONS_PER_DATABASE} collections in ${BENCH_DATABASES.length} databases`,
  );
  const server = await BenchServer.start(users, 0, { roles, grantsPerRole });
  const api = await connectMilvus(benchProfile(server.address), undefined, { timeoutMs: 120_000 });
  try {
    const readRuns = 3;
    log('rbac: whole-model read, BackupRBAC');
    const backupRbac = await timedRead(server, api, readRuns);
    log('rbac: whole-model read, role by role');
    const roleByRole = await timedRead(server, withoutBackup(api), readRuns);
    log('rbac: exact plan');
    const file = changedFile(await exportRbac(api, `http://${server.address}`), grantsPerRole);
    let steps = 0;
    let planOnlyMs = NaN;
    const t0 = nowMs();
    const counts = await countRpcs(server, async () => {
      const model = await readRbacModel(api, file);
      const p0 = nowMs();
      steps = planRbac(file, model, { mode: 'exact' }).steps.length;
      planOnlyMs = nowMs() - p0;
    });
    const readAndPlanMs = nowMs() - t0;
    log('rbac: explain, health, upgrade impact');
    const answers = await measureAnswers(server, api);
    return {
      answers,
      server: {
        users,
        roles,
        grantsPerRole,
        databases: BENCH_DATABASES.length,
        collections: BENCH_DATABASES.length * COLLECTIONS_PER_DATABASE,
      },
      readRuns,
      backupRbac,
      roleByRole,
      plan: { readAndPlanMs: round(readAndPlanMs), planOnlyMs: round(planOnlyMs), steps, rpcs: totalRpcs(counts) },
    };
  } finally {
    await api.close();
    await server.stop();
  }
}

/** The file applied to every target: 20 roles with 10 grants each, 50 users bound to them. */
function applyFile(): RbacFile {
  const roles = Array.from({ length: 20 }, (_, i) => `team_${i}`);
  return {
    format: 'milvus-access-manager/rbac',
    version: 1,
    exportedAt: new Date(0).toISOString(),
    source: { address: 'bench', serverVersion: 'v2.6.19' },
    roles: roles.map((name) => ({ name })),
    privilegeGroups: [],
    grants: roles.flatMap((role) =>
      Array.from({ length: 10 }, (_, j) => ({ role, privilege: 'Query', dbName: 'default', collectionName: `c${j}` })),
    ),
    userRoles: Array.from({ length: 50 }, (_, i) => ({ user: benchUserName(i), roles: [roles[i % roles.length]] })),
  };
}

async function measureApply(log: (line: string) => void, targets: number): Promise<RbacBenchFigures['apply']> {
  log(`rbac: ${targets}-target apply`);
  const servers = await Promise.all(Array.from({ length: targets }, () => BenchServer.start(100)));
  const file = applyFile();
  try {
    await Promise.all(servers.map((s) => s.resetRpcCounts()));
    const perTarget: number[] = [];
    let stepsPerTarget = 0;
    const t0 = nowMs();
    const apis = await Promise.all(
      servers.map(async (s) => {
        const s0 = nowMs();
        const api = await connectMilvus(benchProfile(s.address), undefined, { timeoutMs: 60_000 });
        const plan = planRbac(file, await readRbacModel(api, file), { mode: 'exact' });
        stepsPerTarget = plan.steps.length;
        const report = await applyRbacPlan(api, plan);
        if (report.failed) throw new Error(`apply to ${s.address} failed: ${report.failed.error.message}`);
        perTarget.push(nowMs() - s0);
        return api;
      }),
    );
    const wallMs = nowMs() - t0;
    const rpcs = (await Promise.all(servers.map((s) => s.rpcCounts()))).reduce((n, c) => n + totalRpcs(c), 0);
    const again = await Promise.all(
      apis.map(async (api) => planRbac(file, await readRbacModel(api, file), { mode: 'exact' }).steps.length),
    );
    await Promise.all(apis.map((api) => api.close()));
    return {
      targets,
      stepsPerTarget,
      wallMs: round(wallMs),
      perTargetMedianMs: round(median(perTarget)),
      rpcs,
      converged: again.every((n) => n === 0),
    };
  } finally {
    await Promise.all(servers.map((s) => s.stop()));
  }
}

export async function measureRbac(log: (line: string) => void): Promise<RbacBenchFigures> {
  const model = await measureModel(log, 10_000, 1000, 20);
  return { ...model, apply: await measureApply(log, 10) };
}
