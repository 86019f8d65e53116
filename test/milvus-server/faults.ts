// Fault injection and RPC counters for tests: fixed latency, failing the next N calls, per-method counts.
import * as grpc from '@grpc/grpc-js';

/**
 * A proxy that is starting (docs/milvus-behaviour.md §3.3 A1): `starting` = before `Proxy.Init` (every call fails with
 * gRPC UNKNOWN), `initializing` = between Init and Start (handlers answer code 1 "service not ready").
 */
export type NotReadyStage = 'starting' | 'initializing';

export class Faults {
  latencyMs = 0;
  notReady: NotReadyStage | undefined;
  private failRemaining = 0;
  private failCode: number = grpc.status.UNAVAILABLE;
  private readonly counts = new Map<string, number>();

  count(method: string): void {
    this.counts.set(method, (this.counts.get(method) ?? 0) + 1);
  }

  counters(): Record<string, number> {
    return Object.fromEntries(this.counts);
  }

  resetCounts(): void {
    this.counts.clear();
  }

  failNext(n: number, grpcCode: number = grpc.status.UNAVAILABLE): void {
    this.failRemaining = Math.max(0, Math.floor(n));
    this.failCode = grpcCode;
  }

  /** The gRPC code this call must fail with, if a failure is pending. */
  takeFailure(): number | undefined {
    if (this.failRemaining <= 0) return undefined;
    this.failRemaining--;
    return this.failCode;
  }

  /**
   * Waits out the latency. The timer does not keep the process alive by itself (unref): a call delayed by a minute whose
   * caller has gone kept a test process running for that minute after its last test.
   */
  async delay(): Promise<void> {
    if (this.latencyMs > 0) await new Promise((r) => setTimeout(r, this.latencyMs).unref());
  }
}
