// Runs the Milvus test server in its own process, so its CPU time and memory stay apart from the client being measured.
// Driven by the parent over IPC (see serverProcess.ts).
import { startMilvusTestServer } from '../../test/milvus-server';
import type { RunningTestServer } from '../../test/milvus-server';
import { benchSeed, BENCH_ROLES } from '../../test/regression/seedUsers';
import { withRbacRoles } from './rbacSeed';
import type { ServerChildRequest, ServerChildReply, ServerChildStart } from './serverProtocol';

let server: RunningTestServer | undefined;
let peakRss = process.memoryUsage().rss;
setInterval(() => {
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
}, 20).unref();

function reply(msg: ServerChildReply): void {
  process.send?.(msg);
}

async function start(req: ServerChildStart): Promise<void> {
  const seed = req.rbac
    ? withRbacRoles(benchSeed(req.users), req.rbac.roles, req.rbac.grantsPerRole)
    : benchSeed(req.users);
  server = await startMilvusTestServer({
    host: '127.0.0.1',
    port: 0,
    quiet: true,
    maxUsers: req.users + 10,
    // Room for the roles an RBAC file adds (scripts/bench/rbac.ts applies 20).
    maxRoles: BENCH_ROLES.length + (req.rbac?.roles ?? 0) + 50,
    latencyMs: req.latencyMs ?? 0,
    seed,
  });
  reply({ id: 0, result: { address: server.address } });
}

async function handle(req: ServerChildRequest): Promise<unknown> {
  if (!server) throw new Error('server not started');
  switch (req.op) {
    case 'setLatency':
      server.setLatency(req.arg ?? 0);
      return null;
    case 'rpcCounts':
      return server.rpcCounts();
    case 'resetRpcCounts':
      server.resetRpcCounts();
      return null;
    case 'peakRss': {
      const p = Math.max(peakRss, process.memoryUsage().rss);
      peakRss = process.memoryUsage().rss;
      return p;
    }
    case 'stop':
      await server.stop();
      setImmediate(() => process.exit(0));
      return null;
  }
}

process.on('message', (raw: unknown) => {
  const msg = raw as ServerChildRequest | ServerChildStart;
  if ('start' in msg) {
    start(msg).catch((e: unknown) => {
      reply({ id: 0, error: e instanceof Error ? (e.stack ?? e.message) : String(e) });
    });
    return;
  }
  handle(msg).then(
    (result) => reply({ id: msg.id, result }),
    (e: unknown) => reply({ id: msg.id, error: e instanceof Error ? e.message : String(e) }),
  );
});
process.on('disconnect', () => process.exit(0));
