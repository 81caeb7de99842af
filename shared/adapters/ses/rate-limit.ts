import type { MailSender } from '../../ports/mail-sender';

/**
 * A token bucket in front of the mail sender, so one mailer never sends faster than its share of
 * the SES sending quota. `ratePerSecond` tokens are added per second up to `burst`; a send takes
 * one token, waiting for it when the bucket is empty. Sends wait in arrival order.
 *
 * In AWS the bucket is per Lambda instance, so the mail queue's event source caps how many
 * instances run: MAIL_SEND_RATE × maxConcurrency ≤ the account's SES maximum send rate (see the
 * README). A send that would wait longer than `maxWaitMs` is refused with SendThrottled instead
 * of running into the Lambda timeout: the mailer gives its ledger claim back and the queue
 * message comes back after its visibility timeout, so nothing is lost.
 */
export interface TokenBucketOptions {
  ratePerSecond: number;
  /** Tokens the bucket holds at most (sends allowed back to back). @default 1 */
  burst?: number;
  /** Monotonic milliseconds. @default performance.now */
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

export class SendThrottled extends Error {
  constructor(readonly waitMs: number) {
    super(`send rate limit: the next token is ${Math.ceil(waitMs)} ms away`);
    this.name = 'SendThrottled';
  }
}

export class TokenBucket {
  readonly ratePerSecond: number;
  readonly burst: number;
  private tokens: number;
  private last: number;
  private readonly now: () => number;
  private readonly sleep: (ms: number) => Promise<void>;

  constructor(opts: TokenBucketOptions) {
    if (!(opts.ratePerSecond > 0)) throw new Error('ratePerSecond must be positive');
    this.ratePerSecond = opts.ratePerSecond;
    this.burst = Math.max(1, opts.burst ?? 1);
    this.now = opts.now ?? (() => performance.now());
    this.sleep = opts.sleep ?? ((ms) => new Promise((r) => setTimeout(r, ms)));
    this.tokens = this.burst;
    this.last = this.now();
  }

  private refill(): void {
    const t = this.now();
    this.tokens = Math.min(this.burst, this.tokens + ((t - this.last) * this.ratePerSecond) / 1000);
    this.last = t;
  }

  /** How long until a token would be free for a caller arriving now (0 when one is there). */
  waitEstimate(): number {
    this.refill();
    return this.tokens >= 1 ? 0 : ((1 - this.tokens) * 1000) / this.ratePerSecond;
  }

  /**
   * Takes one token, waiting for it; refuses with SendThrottled when the wait (queue of earlier
   * callers included) would exceed `maxWaitMs`.
   */
  take(maxWaitMs = Number.POSITIVE_INFINITY): Promise<void> {
    this.refill();
    // Tokens already promised to earlier waiters are taken off now: the balance goes negative.
    const wait = this.tokens >= 1 ? 0 : ((1 - this.tokens) * 1000) / this.ratePerSecond;
    if (wait > maxWaitMs) return Promise.reject(new SendThrottled(wait));
    this.tokens -= 1;
    // Each waiter sleeps until its own token has accrued: the debt of earlier waiters is in `wait`.
    return wait <= 0 ? Promise.resolve() : this.sleep(wait);
  }
}

/** The sender behind a token bucket. */
export function rateLimitedSender(sender: MailSender, bucket: TokenBucket, maxWaitMs: number): MailSender {
  return {
    async sendRaw(message) {
      await bucket.take(maxWaitMs);
      return sender.sendRaw(message);
    },
  };
}
