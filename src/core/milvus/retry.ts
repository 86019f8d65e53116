// One retry policy for the few calls that may be retried: a fresh attempt after an exponentially growing pause.

export interface RetryPolicy {
  /** Attempts after the first one. */
  retries: number;
  /** Pause before the first retry; doubled before each further one. */
  delayMs: number;
  /** Whether this failure may be retried (a refusal never is). */
  retryable: (error: unknown) => boolean;
}

export async function withRetries<T>(attempt: () => Promise<T>, policy: RetryPolicy): Promise<T> {
  for (let n = 0; ; n++) {
    try {
      return await attempt();
    } catch (e) {
      if (n >= policy.retries || !policy.retryable(e)) throw e;
      await new Promise((resolve) => setTimeout(resolve, policy.delayMs * 2 ** n));
    }
  }
}
