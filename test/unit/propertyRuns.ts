// For property tests whose assertion applies to some runs only (an `if`, an early return, fc.pre): counts the runs that
// reached it, so a generator that stops producing those inputs fails the test instead of passing without checking.
import assert from 'node:assert/strict';

export class Reached {
  private readonly counts = new Map<string, number>();

  /** Records that a run reached the assertion `what`; returns true, so it can sit inside a condition. */
  hit(what: string): true {
    this.counts.set(what, (this.counts.get(what) ?? 0) + 1);
    return true;
  }

  count(what: string): number {
    return this.counts.get(what) ?? 0;
  }

  /** Fails unless at least `share` of `runs` runs reached `what`. */
  atLeast(what: string, share: number, runs: number): void {
    const reached = this.count(what);
    if (process.env.PROPERTY_RUNS_REPORT) console.log(`# ${what}: ${reached} of ${runs} runs`);
    assert.ok(
      reached >= Math.ceil(share * runs),
      `only ${reached} of ${runs} runs reached "${what}" (at least ${Math.ceil(share * runs)} expected): the generator no longer produces these inputs`,
    );
  }
}
