// How soon a server that goes away is noticed: the health check that Refresh runs (MilvusAdmin.ping with the
// extension's deadline) against a test server process that exits, and one that is frozen (SIGSTOP: the socket stays
// open, nothing answers); and how soon the channel watch reports the exit with no request at all.
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
    };
  } finally {
    await api.close();
  }
}
