// How soon a server that goes away is noticed: the health check that Refresh runs (MilvusAdmin.ping with the
// extension's deadline) against a test server process that exits, and one that is frozen (SIGSTOP: the socket stays
// open, nothing answers); and how soon the channel watch reports the exit with no request at all. Also Refresh as a user
// meets it on a loaded machine: a frozen server while the tree's listings are still waiting on it and every core is
// busy, until the health check has failed and every waiting listing has settled (the tree shows the state only then).
import { spawn, type ChildProcess } from 'node:child_process';
import os from 'node:os';
import { HEALTH_CHECK_DEADLINE_MS } from '../../src/core/milvus/connectOptions';
import { MilvusError } from '../../src/core/errors/milvusError';
import { connectMilvus } from '../../src/core/milvus/connect';
import { benchProfile } from './benchProfile';
import { BenchServer } from './serverProcess';
import { nowMs } from './stats';

export interface DeadServerFigures {
  deadlineMs: number;
  /** Health check after the server process exited: time to the rejection, and the error kind. */
  stoppedMs: number;
  stoppedKind: string;
  /** Health check against a frozen server: bounded by the deadline. */
  frozenMs: number;
  frozenKind: string;
  /** From the exit to the channel watch's report, with no request made; null when it did not report within 20 s. */
  watchMs: number | null;
  /** Refresh against a frozen server with the tree's listings in flight and every core busy. */
  frozenBusy?: FrozenBusyFigures;
}

export interface FrozenBusyFigures {
  /** Listings waiting on the frozen server when the health check starts (Users, Roles, Privilege groups, Grants). */
  inFlight: number;
  /** Busy-looping processes started beside the bench (one per core). */
  burners: number;
  /** Until the health check failed (ConnectionManager then marks the connection unreachable and closes the client). */
  pingMs: number;
  kind: string;
  /** Until every listing that was waiting has settled: the tree re-renders only then. The figure a user sees. */
  settledMs: number;
}

/** One busy-looping process per core, so the figure includes waiting for a core. */
function startBurners(): ChildProcess[] {
  return os.cpus().map(() => spawn(process.execPath, ['-e', 'for(;;){}'], { stdio: 'ignore' }));
}

/**
 * What Refresh does against a frozen server while the tree's listings wait on it: the health check, then (as
 * ConnectionManager.lost does on its failure) the client is closed without waiting, and the waiting listings must settle.
 */
export async function measureFrozenBusy(): Promise<FrozenBusyFigures> {
  const server = await BenchServer.start(10);
  const api = await connect(server);
  const burners: ChildProcess[] = [];
  try {
    server.signal('SIGSTOP');
    const listings = [
      api.listUsersWithRoles(),
      api.listRolesWithUsers(),
      api.listPrivilegeGroups(),
      api.listGrants('public'),
    ].map((p) =>
      p.then(
        () => undefined,
        () => undefined,
      ),
    );
    await new Promise((r) => setTimeout(r, 200));
    burners.push(...startBurners());
    await new Promise((r) => setTimeout(r, 200));
    const started = nowMs();
    const ping = await timedPing(api);
    void api.close().catch(() => undefined);
    await Promise.all(listings);
    return {
      inFlight: listings.length,
      burners: burners.length,
      pingMs: ping.ms,
      kind: ping.kind,
      settledMs: nowMs() - started,
    };
  } finally {
    for (const burner of burners) burner.kill('SIGKILL');
    server.signal('SIGCONT');
    await api.close().catch(() => undefined);
    await server.stop();
  }
}

async function timedPing(api: Awaited<ReturnType<typeof connectMilvus>>): Promise<{ ms: number; kind: string }> {
  const started = nowMs();
  try {
    await api.ping(HEALTH_CHECK_DEADLINE_MS);
    return { ms: nowMs() - started, kind: 'answered' };
  } catch (e) {
    return { ms: nowMs() - started, kind: e instanceof MilvusError ? e.kind : String(e) };
  }
}

async function connect(server: BenchServer): Promise<Awaited<ReturnType<typeof connectMilvus>>> {
  return connectMilvus(benchProfile(server.address), undefined, { timeoutMs: 15_000 });
}

export async function measureDeadServer(): Promise<DeadServerFigures> {
  const frozenServer = await BenchServer.start(10);
  let frozen: { ms: number; kind: string };
  const frozenApi = await connect(frozenServer);
  try {
    frozenServer.signal('SIGSTOP');
    frozen = await timedPing(frozenApi);
  } finally {
    frozenServer.signal('SIGCONT');
    await frozenApi.close();
    await frozenServer.stop();
  }

  const server = await BenchServer.start(10);
  const api = await connect(server);
  try {
    let stoppedAt = 0;
    const noticed = new Promise<number>((resolve) => {
      const stop = api.watchChannel(() => {
        stop();
        resolve(nowMs() - stoppedAt);
      });
    });
    await new Promise((r) => setTimeout(r, 200));
    stoppedAt = nowMs();
    await server.stop();
    const watchMs = await Promise.race([noticed, new Promise<null>((r) => setTimeout(() => r(null), 20_000))]);
    const stopped = await timedPing(api);
    return {
      deadlineMs: HEALTH_CHECK_DEADLINE_MS,
      stoppedMs: stopped.ms,
      stoppedKind: stopped.kind,
      frozenMs: frozen.ms,
      frozenKind: frozen.kind,
      watchMs,
      frozenBusy: await measureFrozenBusy().catch(() => undefined),
    };
  } finally {
    await api.close();
  }
}
