import { catalogue, type DomainEvent, eventDetail } from './catalogue';

/** One entry for the bus, in the shape PutEvents takes (minus the bus name, which the adapter knows). */
export interface BusEntry {
  source: string;
  detailType: string;
  detail: string;
  time: Date;
}

export type EntryResult = { ok: true } | { ok: false; errorCode: string; errorMessage: string };

/**
 * The port in front of the event bus. `put` takes at most PUT_EVENTS_LIMIT entries and answers
 * per entry, in order, as PutEvents does: a call can partly fail.
 */
export interface EventPublisher {
  put(entries: BusEntry[]): Promise<EntryResult[]>;
}

/** PutEvents accepts at most ten entries per call. */
export const PUT_EVENTS_LIMIT = 10;

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
  sleep?: (ms: number) => Promise<void>;
  baseDelayMs?: number;
}

const realSleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

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
    await sleep(Math.min(2000, base * 2 ** (attempt - 1)) * (0.5 + Math.random() / 2));
  }
  return new Set();
}
