// Measures the longest stretch the event loop was blocked: a timer chain records the gaps between its ticks.
// A gap is a synchronous slice of other work (plus the ~1 ms timer granularity).
import { performance } from 'node:perf_hooks';

export class BlockMonitor {
  private last = performance.now();
  private longest = 0;
  private timer: NodeJS.Timeout | undefined;
  private running = false;

  start(): void {
    this.running = true;
    this.last = performance.now();
    const tick = (): void => {
      const now = performance.now();
      this.longest = Math.max(this.longest, now - this.last);
      this.last = now;
      if (this.running) this.timer = setTimeout(tick, 0);
    };
    this.timer = setTimeout(tick, 0);
  }

  /** Stops and returns the longest gap in ms (including the gap up to now). */
  stop(): number {
    this.running = false;
    if (this.timer) clearTimeout(this.timer);
    this.longest = Math.max(this.longest, performance.now() - this.last);
    return this.longest;
  }
}

/** Waits for pending timers, so a measurement ends after the work it started. */
export function settle(ms = 20): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
