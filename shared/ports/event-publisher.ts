/** One entry for the bus, in the shape PutEvents takes (minus the bus name, which the adapter knows). */
export interface BusEntry {
  source: string;
  detailType: string;
  detail: string;
  time: Date;
}

export type EntryResult = { ok: true } | { ok: false; errorCode: string; errorMessage: string };

/** PutEvents accepts at most ten entries per call. */
export const PUT_EVENTS_LIMIT = 10;

/**
 * The event bus. `put` takes at most PUT_EVENTS_LIMIT entries and answers per entry, in order,
 * as PutEvents does: a call can partly fail.
 */
export interface EventPublisher {
  put(entries: BusEntry[]): Promise<EntryResult[]>;
}
