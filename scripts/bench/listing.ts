// Listing users with their roles: our one-RPC listUsersWithRoles against Attu's per-user approach, at several sizes and
// injected latencies, on one test server per size (running in its own process).
import { connectMilvus } from '../../src/core/milvus/connect';
import { benchProfile } from './benchProfile';
import { PerUserClient, type UserRoles } from './perUserClient';
import { BenchServer, totalRpcs } from './serverProcess';
import { median, nowMs, RssSampler } from './stats';

export interface ListingRow {
  users: number;
  latencyMs: number;
  oneCallMs: number;
  perUserSequentialMs: number | null;
  perUserConcurrentMs: number | null;
  sequentialRatio: number | null;
  concurrentRatio: number | null;
  runs: { oneCall: number; perUserSequential: number; perUserConcurrent: number };
  /** RPCs the server counted for one listing (first measured run at latency 0). */
  rpcs?: { oneCall: number; perUserSequential: number; perUserConcurrent: number };
}

export interface ListingMemory {
  users: number;
  clientPeakRssBytes: number;
  serverPeakRssBytes: number;
}

export interface ListingOptions {
  sizes: number[];
  latencies: number[];
  oneCallRuns: number;
  /** Runs of the per-user approaches for a given size (they are slow at 10,000 users). */
  perUserRuns(users: number, latencyMs: number, concurrent: boolean): number;
  rss: RssSampler;
  log(line: string): void;
}

function sameListing(ours: { name: string; roles: string[] }[], theirs: UserRoles[]): boolean {
  if (ours.length !== theirs.length) return false;
  const byName = new Map(ours.map((u) => [u.name, [...u.roles].sort().join(',')]));
  return theirs.every((u) => byName.get(u.name) === [...u.roles].sort().join(','));
}

/** Median of `runs` timed runs; with `count`, the RPCs the server saw during the first run. */
async function timedRuns(
  server: BenchServer,
  runs: number,
  count: boolean,
  fn: () => Promise<unknown>,
): Promise<{ medianMs: number; rpcs: number }> {
  const samples: number[] = [];
  let rpcs = NaN;
  for (let i = 0; i < runs; i++) {
    const counted = count && i === 0;
    if (counted) await server.resetRpcCounts();
    const t0 = nowMs();
    await fn();
    samples.push(nowMs() - t0);
    if (counted) rpcs = totalRpcs(await server.rpcCounts());
  }
  return { medianMs: median(samples), rpcs };
}

export async function measureListing(opts: ListingOptions): Promise<{ rows: ListingRow[]; memory: ListingMemory[] }> {
  const rows: ListingRow[] = [];
  const memory: ListingMemory[] = [];
  for (const users of opts.sizes) {
    opts.log(`listing: starting a test server with ${users.toLocaleString('en-US')} users`);
    opts.rss.takePeak();
    const server = await BenchServer.start(users);
    const admin = await connectMilvus(benchProfile(server.address), undefined, { timeoutMs: 600_000 });
    const perUser = await PerUserClient.connect(server.address);
    try {
      await server.setLatency(0);
      const ours = await admin.listUsersWithRoles();
      if (ours.length < users)
        throw new Error(`listUsersWithRoles returned ${ours.length} users, expected ${users} or more`);
      // Warm up both paths (JIT, channel pool) and check they agree on a sample.
      const sample = await perUser.sequential(Math.min(users, 200));
      const sampleNames = new Set(sample.map((u) => u.name));
      if (
        !sameListing(
          ours.filter((u) => sampleNames.has(u.name)),
          sample,
        )
      )
        throw new Error('per-user listing disagrees with listUsersWithRoles');
      await perUser.concurrent(Math.min(users, 200));

      for (const latencyMs of opts.latencies) {
        await server.setLatency(latencyMs);
        const row: ListingRow = {
          users,
          latencyMs,
          oneCallMs: NaN,
          perUserSequentialMs: null,
          perUserConcurrentMs: null,
          sequentialRatio: null,
          concurrentRatio: null,
          runs: {
            oneCall: opts.oneCallRuns,
            perUserSequential: opts.perUserRuns(users, latencyMs, false),
            perUserConcurrent: opts.perUserRuns(users, latencyMs, true),
          },
        };
        // The server counts the RPCs of the first timed run at 0 ms (reset before the clock starts, read after it stops).
        const count = latencyMs === 0;
        const oneCall = await timedRuns(server, row.runs.oneCall, count, () => admin.listUsersWithRoles());
        row.oneCallMs = oneCall.medianMs;
        const rpcs = { oneCall: oneCall.rpcs, perUserSequential: NaN, perUserConcurrent: NaN };
        if (row.runs.perUserConcurrent > 0) {
          const r = await timedRuns(server, row.runs.perUserConcurrent, count, () => perUser.concurrent());
          row.perUserConcurrentMs = r.medianMs;
          row.concurrentRatio = r.medianMs / row.oneCallMs;
          rpcs.perUserConcurrent = r.rpcs;
        }
        if (row.runs.perUserSequential > 0) {
          const r = await timedRuns(server, row.runs.perUserSequential, count, () => perUser.sequential());
          row.perUserSequentialMs = r.medianMs;
          row.sequentialRatio = r.medianMs / row.oneCallMs;
          rpcs.perUserSequential = r.rpcs;
        }
        if (count) row.rpcs = rpcs;
        opts.log(
          `listing: ${users} users, ${latencyMs} ms latency: one call ${row.oneCallMs.toFixed(1)} ms, ` +
            `per-user sequential ${row.perUserSequentialMs?.toFixed(0) ?? '-'} ms, concurrent ${row.perUserConcurrentMs?.toFixed(0) ?? '-'} ms`,
        );
        rows.push(row);
      }
      memory.push({ users, clientPeakRssBytes: opts.rss.takePeak(), serverPeakRssBytes: await server.takePeakRss() });
    } finally {
      await perUser.close().catch(() => undefined);
      await admin.close().catch(() => undefined);
      await server.stop();
    }
  }
  return { rows, memory };
}
