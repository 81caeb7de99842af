import { randomUUID } from 'node:crypto';
import type { EventBridgeEvent } from 'aws-lambda';
import type { RoutingRule } from '../shared/events/routing';
import { describeError, log } from '../shared/log';
import type { BusEntry, EntryResult, EventPublisher } from '../shared/ports/event-publisher';
import { PUT_EVENTS_LIMIT } from '../shared/ports/event-publisher';

/**
 * The event bus in process: the same routing rules as the CDK stack (shared/events/routing.ts),
 * matched the way EventBridge matches event patterns (each field of the pattern lists the
 * accepted values; nested objects match nested fields), delivered to local targets.
 */
export type BusEvent = EventBridgeEvent<string, unknown>;
export type Target = (event: BusEvent) => void | Promise<void>;

type Pattern = { [key: string]: readonly unknown[] | Pattern };

export function matchesPattern(pattern: Pattern, event: Record<string, unknown>): boolean {
  return Object.entries(pattern).every(([key, expected]) => {
    const actual = event[key];
    if (Array.isArray(expected)) {
      return Array.isArray(actual) ? actual.some((a) => expected.includes(a)) : expected.includes(actual);
    }
    return (
      typeof actual === 'object' &&
      actual !== null &&
      matchesPattern(expected as Pattern, actual as Record<string, unknown>)
    );
  });
}

export function toBusEvent(entry: BusEntry): BusEvent {
  return {
    version: '0',
    id: randomUUID(),
    'detail-type': entry.detailType,
    source: entry.source,
    account: '000000000000',
    time: entry.time.toISOString(),
    region: 'eu-west-1',
    resources: [],
    detail: JSON.parse(entry.detail),
  };
}

export class LocalBus implements EventPublisher {
  /** The latest events put on the bus (newest last, at most 1000): for debugging and tests. */
  readonly history: BusEvent[] = [];
  /** Events that matched no rule with a local target (e.g. the planner, when it is not running). */
  readonly unrouted: BusEvent[] = [];
  /** Target failures, kept as EventBridge would keep them in the target's dead-letter queue. */
  readonly deadLetters: Array<{ rule: string; event: BusEvent; error: string }> = [];

  constructor(
    private readonly rules: RoutingRule[],
    private readonly targets: Partial<Record<RoutingRule['target'], Target>>,
  ) {}

  /** PutEvents: at most ten entries, a result per entry. */
  async put(entries: BusEntry[]): Promise<EntryResult[]> {
    if (entries.length > PUT_EVENTS_LIMIT) throw new Error(`PutEvents takes at most ${PUT_EVENTS_LIMIT} entries`);
    return Promise.all(
      entries.map(async (entry): Promise<EntryResult> => {
        await this.deliver(toBusEvent(entry));
        return { ok: true };
      }),
    );
  }

  /** Delivers one event to every matching rule's target (a rule whose target is absent here is skipped). */
  async deliver(event: BusEvent): Promise<void> {
    this.history.push(event);
    if (this.history.length > 1000) this.history.shift();
    let delivered = false;
    for (const rule of this.rules) {
      if (!matchesPattern(rule.eventPattern, event as unknown as Record<string, unknown>)) continue;
      const target = this.targets[rule.target];
      if (!target) continue;
      delivered = true;
      try {
        await target(event);
      } catch (e) {
        log('error', 'local bus target failed', { rule: rule.name, ...describeError(e) });
        this.deadLetters.push({ rule: rule.name, event, error: (e as Error).message });
      }
    }
    if (!delivered) {
      this.unrouted.push(event);
      if (this.unrouted.length > 1000) this.unrouted.shift();
    }
  }
}
