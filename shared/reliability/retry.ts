/**
 * How long to wait before the next attempt: `baseMs · 2^exponent`, capped at `capMs`, then
 * jittered so that callers that failed together do not retry together.
 * - `full`: anywhere between 0 and the capped delay (optimistic-concurrency loops, where spreading
 *   the contenders matters more than the wait);
 * - `equal`: between half and all of it (calls to a throttled service: never retry at once);
 * - `none`: exactly the capped delay.
 */
export interface BackoffPolicy {
  baseMs: number;
  capMs: number;
  jitter: 'full' | 'equal' | 'none';
}

export function backoffDelay(exponent: number, policy: BackoffPolicy, random: () => number = Math.random): number {
  const capped = Math.min(policy.capMs, policy.baseMs * 2 ** exponent);
  switch (policy.jitter) {
    case 'full':
      return random() * capped;
    case 'equal':
      return capped * (0.5 + random() / 2);
    case 'none':
      return capped;
  }
}

export type Sleep = (ms: number) => Promise<void>;

export const sleep: Sleep = (ms) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Waits the policy's delay for this exponent. */
export const pause = (exponent: number, policy: BackoffPolicy, wait: Sleep = sleep): Promise<void> =>
  wait(backoffDelay(exponent, policy));

export interface RetryOptions {
  /** Attempts in all, the first included. */
  maxAttempts: number;
  /** Whether an error is worth another attempt; anything else goes up at once. */
  retryable: (error: unknown) => boolean;
  /** The wait after attempt n (1-based) uses exponent n − 1. */
  policy: BackoffPolicy;
  sleep?: Sleep;
}

/** Runs `op` until it succeeds, the error is not retryable, or the attempts run out (the last error goes up). */
export async function retrying<T>(op: (attempt: number) => Promise<T>, opts: RetryOptions): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await op(attempt);
    } catch (e) {
      if (attempt >= opts.maxAttempts || !opts.retryable(e)) throw e;
      await pause(attempt - 1, opts.policy, opts.sleep);
    }
  }
}
