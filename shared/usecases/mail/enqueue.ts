import { type DomainEvent, eventDetail, eventSources } from '../../events/catalogue';
import { type MailQueuePort, SEND_BATCH_LIMIT } from '../../ports/mail-queue';
import { pause, sleep as realSleep } from '../../reliability/retry';

export interface EnqueueOptions {
  /** Attempts per batch for entries the queue did not accept. @default 5 */
  maxAttempts?: number;
  /** Waits between attempts; injectable so tests need no real sleeps. */
  sleep?: (ms: number) => Promise<void>;
}

/** The queue message as a bus rule would have written it, so the mailer reads one format. */
const queueBody = (e: DomainEvent) =>
  JSON.stringify({
    id: e.metadata.eventId,
    source: eventSources.mailer,
    'detail-type': e.name,
    time: e.metadata.occurredAt,
    detail: JSON.parse(eventDetail(e)),
  });

/**
 * Puts mail jobs straight on the mail queue, ten a call, sending again what SQS did not accept.
 * Straight, not through the bus: a thousand registrants would be a hundred PutEvents calls and as
 * many rule deliveries for nothing. A batch that keeps failing throws, so the caller's trigger
 * retries the whole step; job ids are deterministic and the mail ledger sends each mail once, so
 * the repeats are harmless.
 */
export async function enqueueMailJobs(
  mailQueue: MailQueuePort,
  events: DomainEvent[],
  opts: EnqueueOptions = {},
): Promise<void> {
  const maxAttempts = opts.maxAttempts ?? 5;
  const sleep = opts.sleep ?? realSleep;
  for (let i = 0; i < events.length; i += SEND_BATCH_LIMIT) {
    let pending = events.slice(i, i + SEND_BATCH_LIMIT).map((e, j) => ({ id: String(j), body: queueBody(e) }));
    for (let attempt = 1; pending.length > 0; attempt++) {
      const { failed } = await mailQueue.sendBatch(pending);
      const again = new Set(failed);
      pending = pending.filter((p) => again.has(p.id));
      if (pending.length === 0) break;
      if (attempt >= maxAttempts) throw new Error(`${pending.length} mail jobs were not accepted by the queue`);
      await pause(attempt, { baseMs: 50, capMs: 2000, jitter: 'none' }, sleep);
    }
  }
}
