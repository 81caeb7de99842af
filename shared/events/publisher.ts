import type { BusEntry, EntryResult, EventPublisher } from '../ports/event-publisher';
import { PUT_EVENTS_LIMIT } from '../ports/event-publisher';
import { pause, sleep as realSleep, type Sleep } from '../reliability/retry';
import { catalogue, type DomainEvent, eventDetail } from './catalogue';

export const toBusEntry = (e: DomainEvent): BusEntry => ({
  source: catalogue[e.name].source,
  detailType: e.name,
  detail: eventDetail(e),
  time: new Date(e.metadata.occurredAt),
});

export interface PublishOptions {
  /** Attempts per entry, the first included. */
  maxAttempts?: number;
  /** Waits between attempts; injectable so tests need no real sleeps. */
  sleep?: Sleep;
  baseDelayMs?: number;
}

/**
 * Publishes events in batches of at most ten, retrying the entries the bus refused (throttling,
 * internal errors) with exponential backoff. A call that throws as a whole counts as every
 * entry of that batch failing. Returns the ids of the events that could not be published.
 */
export async function publishEvents(
  publisher: EventPublisher,
  events: DomainEvent[],
  opts: PublishOptions = {},
): Promise<Set<string>> {
  const maxAttempts = opts.maxAttempts ?? 4;
  const sleep = opts.sleep ?? realSleep;
  const base = opts.baseDelayMs ?? 50;
  let pending = events;
  for (let attempt = 1; pending.length > 0; attempt++) {
    const failed: DomainEvent[] = [];
    for (let i = 0; i < pending.length; i += PUT_EVENTS_LIMIT) {
      const batch = pending.slice(i, i + PUT_EVENTS_LIMIT);
      let results: EntryResult[];
      try {
        results = await publisher.put(batch.map(toBusEntry));
      } catch (e) {
        results = batch.map(() => ({ ok: false, errorCode: 'CallFailed', errorMessage: (e as Error).message }));
      }
      batch.forEach((event, j) => {
        if (results[j]?.ok !== true) failed.push(event);
      });
    }
    if (failed.length === 0 || attempt >= maxAttempts) return new Set(failed.map((e) => e.metadata.eventId));
    pending = failed;
    await pause(attempt - 1, { baseMs: base, capMs: 2000, jitter: 'equal' }, sleep);
  }
  return new Set();
}
