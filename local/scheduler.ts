import type { PlannedSchedule, ScheduleInput } from '../shared/domain/schedules';
import { describeError, log } from '../shared/log';
import type { Clock } from '../shared/ports/clock';
import type { SchedulerPort } from '../shared/ports/scheduler';

/**
 * EventBridge Scheduler in process, with the semantics the planner and dispatcher rely on:
 * one-time schedules by name (create-or-update replaces time and input), fired once the clock
 * has passed their instant, deleted after completion; a failing target is retried
 * `maxRetryAttempts` times and then kept in `deadLetters`, as Scheduler's DLQ would.
 * Time comes from the clock, so tests and time travel drive it; `start()` checks on a timer.
 */
export type ScheduleTarget = (input: ScheduleInput) => Promise<unknown>;

export interface LocalSchedulerOptions {
  clock: Clock;
  target: ScheduleTarget;
  /** @default 2 */
  maxRetryAttempts?: number;
}

export interface Fired {
  name: string;
  at: string;
  input: ScheduleInput;
  outcome: 'delivered' | 'dead-lettered';
  result?: unknown;
}

export class LocalScheduler implements SchedulerPort {
  private readonly schedules = new Map<string, PlannedSchedule>();
  readonly deadLetters: Array<{ name: string; input: ScheduleInput; error: string }> = [];
  /** Every firing, oldest first (at most 1000): for tests and debugging. */
  readonly history: Fired[] = [];
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<Fired[]> | undefined;

  constructor(private readonly opts: LocalSchedulerOptions) {}

  async put(schedule: PlannedSchedule): Promise<'created' | 'updated'> {
    const existed = this.schedules.has(schedule.name);
    this.schedules.set(schedule.name, schedule);
    return existed ? 'updated' : 'created';
  }

  async delete(name: string): Promise<boolean> {
    return this.schedules.delete(name);
  }

  async get(name: string): Promise<ScheduleInput | null> {
    return this.schedules.get(name)?.input ?? null;
  }

  /** Pending schedules, soonest first. */
  list(): PlannedSchedule[] {
    return [...this.schedules.values()].sort((a, b) => a.at.getTime() - b.at.getTime() || a.name.localeCompare(b.name));
  }

  /**
   * Fires every schedule due by the clock's now, soonest first, one at a time, each deleted after
   * completion. A schedule the target creates while this runs fires in the same call when due.
   * Concurrent calls wait for the running one and then look again.
   */
  async fireDue(): Promise<Fired[]> {
    while (this.running) await this.running.catch(() => undefined);
    this.running = this.fireLoop();
    try {
      return await this.running;
    } finally {
      this.running = undefined;
    }
  }

  private async fireLoop(): Promise<Fired[]> {
    const fired: Fired[] = [];
    for (;;) {
      const now = this.opts.clock.now().getTime();
      const next = this.list().find((s) => s.at.getTime() <= now);
      if (!next) return fired;
      this.schedules.delete(next.name); // delete after completion: it fires once
      fired.push(await this.fire(next));
    }
  }

  private async fire(s: PlannedSchedule): Promise<Fired> {
    const retries = this.opts.maxRetryAttempts ?? 2;
    let lastError: unknown;
    for (let attempt = 0; attempt <= retries; attempt++) {
      try {
        const result = await this.opts.target(s.input);
        return this.record({ name: s.name, at: s.at.toISOString(), input: s.input, outcome: 'delivered', result });
      } catch (e) {
        lastError = e;
        log('warn', 'local scheduler: target failed', { schedule: s.name, attempt, ...describeError(e) });
      }
    }
    this.deadLetters.push({ name: s.name, input: s.input, error: (lastError as Error)?.message ?? String(lastError) });
    return this.record({ name: s.name, at: s.at.toISOString(), input: s.input, outcome: 'dead-lettered' });
  }

  private record(f: Fired): Fired {
    this.history.push(f);
    if (this.history.length > 1000) this.history.shift();
    return f;
  }

  /** Checks for due schedules on a timer until stop(). */
  start(intervalMs = 1000): void {
    if (this.timer) return;
    this.timer = setInterval(() => {
      if (!this.running && this.list().some((s) => s.at.getTime() <= this.opts.clock.now().getTime())) {
        void this.fireDue().catch((e) => log('error', 'local scheduler failed', describeError(e)));
      }
    }, intervalMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.running?.catch(() => undefined);
  }
}
