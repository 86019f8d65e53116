// Small measuring helpers shared by the bench sections.

export function median(values: readonly number[]): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

export function nowMs(): number {
  return Number(process.hrtime.bigint()) / 1e6;
}

/** Runs `fn` `runs` times one after another and returns every duration in ms. */
export async function timeRuns(runs: number, fn: () => Promise<unknown>): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = nowMs();
    await fn();
    out.push(nowMs() - t0);
  }
  return out;
}

export function round(value: number, digits = 1): number {
  if (!Number.isFinite(value)) return value;
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

export function mb(bytes: number): number {
  return round(bytes / (1024 * 1024), 1);
}

/** Tracks the peak resident set size of this process by sampling (the OS gives no per-interval peak). */
export class RssSampler {
  private peak = 0;
  private overall = 0;
  private readonly timer: NodeJS.Timeout;

  constructor(intervalMs = 20) {
    this.sample();
    this.timer = setInterval(() => this.sample(), intervalMs);
    this.timer.unref();
  }

  sample(): number {
    const rss = process.memoryUsage().rss;
    if (rss > this.peak) this.peak = rss;
    if (rss > this.overall) this.overall = rss;
    return rss;
  }

  /** Peak since the last reset, then starts a new interval. */
  takePeak(): number {
    this.sample();
    const p = this.peak;
    this.peak = process.memoryUsage().rss;
    return p;
  }

  /** Peak since this sampler started. */
  overallPeak(): number {
    this.sample();
    return this.overall;
  }

  stop(): void {
    clearInterval(this.timer);
  }
}

export function fmtMs(ms: number | undefined): string {
  if (ms === undefined || !Number.isFinite(ms)) return 'n/a';
  if (ms >= 10000) return `${(ms / 1000).toFixed(1)} s`;
  if (ms >= 100) return `${ms.toFixed(0)} ms`;
  return `${ms.toFixed(1)} ms`;
}

export function fmtBytes(bytes: number | undefined): string {
  if (bytes === undefined) return 'n/a';
  if (bytes >= 1024 * 1024) return `${(bytes / (1024 * 1024)).toFixed(2)} MB (${bytes.toLocaleString('en-US')} B)`;
  return `${(bytes / 1024).toFixed(1)} KB (${bytes.toLocaleString('en-US')} B)`;
}
