import { setTimeout as sleep } from 'node:timers/promises';

/** One operation of a load run; resolves to an HTTP-like status (or 0 for a transport error). */
export type Operation = (i: number) => Promise<number>;

export interface LoadResult {
  /** What drove the load, for the report. */
  model: string;
  rate: number;
  concurrency: number;
  durationS: number;
  sent: number;
  completed: number;
  /** Completed with a 2xx (or, for raw calls, without an error). */
  ok: number;
  statuses: Record<string, number>;
  /** Operations that had to wait for a free slot because `concurrency` were already in flight. */
  queued: number;
  /** Per-request latency in ms, measured from the moment the request was due (open loop). */
  latencies: number[];
  elapsedS: number;
}

/**
 * Open-loop fixed-rate load: operation i is due at start + i/rate, whether or not earlier ones
 * have finished, so a slow system cannot slow the arrivals down (no coordinated omission). At most
 * `concurrency` operations are in flight, as with a fixed pool of connections; an operation that
 * finds the pool full waits for a slot, and that wait counts in its latency because latency is
 * measured from when it was due, not from when it was sent.
 */
export async function runOpenLoop(opts: {
  rate: number;
  concurrency: number;
  durationS: number;
  op: Operation;
}): Promise<LoadResult> {
  const total = Math.round(opts.rate * opts.durationS);
  const intervalMs = 1000 / opts.rate;
  const latencies: number[] = [];
  const statuses: Record<string, number> = {};
  let inFlight = 0;
  let queued = 0;
  let ok = 0;
  const waiting: Array<() => void> = [];
  const acquire = async () => {
    if (inFlight < opts.concurrency) {
      inFlight++;
      return;
    }
    queued++;
    await new Promise<void>((resolve) => waiting.push(resolve));
  };
  const release = () => {
    const next = waiting.shift();
    if (next) next();
    else inFlight--;
  };

  const started = performance.now();
  const running: Promise<void>[] = [];
  for (let i = 0; i < total; i++) {
    const due = started + i * intervalMs;
    const delay = due - performance.now();
    if (delay > 1) await sleep(delay);
    running.push(
      (async () => {
        await acquire();
        let status = 0;
        try {
          status = await opts.op(i);
        } catch {
          status = 0;
        } finally {
          release();
        }
        latencies.push(performance.now() - due);
        statuses[String(status)] = (statuses[String(status)] ?? 0) + 1;
        if (status >= 200 && status < 300) ok++;
      })(),
    );
  }
  await Promise.all(running);
  return {
    model: 'open loop',
    rate: opts.rate,
    concurrency: opts.concurrency,
    durationS: opts.durationS,
    sent: total,
    completed: latencies.length,
    ok,
    statuses,
    queued,
    latencies,
    elapsedS: (performance.now() - started) / 1000,
  };
}

/**
 * The load model of autocannon's `overallRate`, reproduced for calls that are not HTTP: the rate
 * is split into a per-second budget per connection (as autocannon splits it); each connection has
 * one request in flight, sends the next as soon as the previous answer arrives until its budget
 * for the current second is spent, then waits for the next second. Latency is send → answer.
 */
export async function runPerConnectionBudget(opts: {
  rate: number;
  concurrency: number;
  durationS: number;
  op: Operation;
}): Promise<LoadResult> {
  const latencies: number[] = [];
  const statuses: Record<string, number> = {};
  let ok = 0;
  let sent = 0;
  let next = 0;
  const started = performance.now();
  const endAt = started + opts.durationS * 1000;
  const budgetOf = (c: number) =>
    Math.floor(opts.rate / opts.concurrency) + (c + 1 <= opts.rate % opts.concurrency ? 1 : 0);

  const connection = async (c: number) => {
    const budget = budgetOf(c);
    for (let second = 0; started + second * 1000 < endAt; second++) {
      const windowStart = started + second * 1000;
      const wait = windowStart - performance.now();
      if (wait > 1) await sleep(wait);
      for (let k = 0; k < budget && performance.now() < endAt; k++) {
        const i = next++;
        sent++;
        const t0 = performance.now();
        let status = 0;
        try {
          status = await opts.op(i);
        } catch {
          status = 0;
        }
        latencies.push(performance.now() - t0);
        statuses[String(status)] = (statuses[String(status)] ?? 0) + 1;
        if (status >= 200 && status < 300) ok++;
      }
    }
  };
  await Promise.all(Array.from({ length: opts.concurrency }, (_, c) => connection(c)));
  return {
    model: 'per-connection budget',
    rate: opts.rate,
    concurrency: opts.concurrency,
    durationS: opts.durationS,
    sent,
    completed: latencies.length,
    ok,
    statuses,
    queued: 0,
    latencies,
    elapsedS: (performance.now() - started) / 1000,
  };
}
