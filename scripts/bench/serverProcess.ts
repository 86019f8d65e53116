// Parent side of serverChild.ts: starts a seeded test server in a child process and talks to it over IPC.
import { fork, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import type { ServerChildReply, ServerChildRequest, ServerChildStart } from './serverProtocol';

export class BenchServer {
  private nextId = 1;
  private readonly pending = new Map<number, { resolve(v: unknown): void; reject(e: Error): void }>();

  private constructor(
    private readonly child: ChildProcess,
    readonly address: string,
    readonly users: number,
  ) {
    child.on('message', (raw: unknown) => {
      const msg = raw as ServerChildReply;
      const p = this.pending.get(msg.id);
      if (!p) return;
      this.pending.delete(msg.id);
      if (msg.error !== undefined) p.reject(new Error(msg.error));
      else p.resolve(msg.result);
    });
    child.on('exit', () => {
      for (const p of this.pending.values()) p.reject(new Error('test server process exited'));
      this.pending.clear();
    });
  }

  /** Starts a test server seeded with `users` users (plus root), limits raised to fit. */
  static async start(users: number, latencyMs = 0, rbac?: ServerChildStart['rbac']): Promise<BenchServer> {
    const child = fork(path.join(__dirname, 'serverChild.js'), [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    const address = await new Promise<string>((resolve, reject) => {
      const onExit = (code: number | null): void =>
        reject(new Error(`test server process exited early (code ${code})`));
      child.once('exit', onExit);
      child.once('message', (raw: unknown) => {
        child.off('exit', onExit);
        const msg = raw as ServerChildReply;
        if (msg.error !== undefined) reject(new Error(`test server failed to start: ${msg.error}`));
        else resolve((msg.result as { address: string }).address);
      });
      child.send({ start: true, users, latencyMs, rbac } satisfies ServerChildStart);
    });
    return new BenchServer(child, address, users);
  }

  private call(op: ServerChildRequest['op'], arg?: number): Promise<unknown> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.child.send({ id, op, arg } satisfies ServerChildRequest);
    });
  }

  async setLatency(ms: number): Promise<void> {
    await this.call('setLatency', ms);
  }

  async rpcCounts(): Promise<Record<string, number>> {
    return (await this.call('rpcCounts')) as Record<string, number>;
  }

  async resetRpcCounts(): Promise<void> {
    await this.call('resetRpcCounts');
  }

  /** Peak RSS of the server process since the previous call. */
  async takePeakRss(): Promise<number> {
    return (await this.call('peakRss')) as number;
  }

  /** Sends the server process a signal (SIGSTOP freezes it: connections stay open, nothing answers). */
  signal(signal: NodeJS.Signals): void {
    this.child.kill(signal);
  }

  async stop(): Promise<void> {
    const exited = new Promise<void>((resolve) => {
      if (this.child.exitCode !== null) resolve();
      else this.child.once('exit', () => resolve());
    });
    await this.call('stop').catch(() => undefined);
    await Promise.race([exited, new Promise((r) => setTimeout(r, 3000))]);
    if (this.child.exitCode === null) this.child.kill();
  }
}

/** Runs `fn` with the server's RPC counters reset before and read after: what `fn` cost, as the server saw it. */
export async function countRpcs(server: BenchServer, fn: () => Promise<unknown>): Promise<Record<string, number>> {
  await server.resetRpcCounts();
  await fn();
  return server.rpcCounts();
}

export function totalRpcs(counts: Record<string, number>): number {
  return Object.values(counts).reduce((a, b) => a + b, 0);
}
