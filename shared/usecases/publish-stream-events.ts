import type { DynamoDBBatchResponse, DynamoDBRecord } from 'aws-lambda';
import { type DomainEvent, newEvent } from '../events/catalogue';
import { deriveEvents, type Image, type TableKind } from '../events/derive';
import { type PublishOptions, publishEvents } from '../events/publisher';
import { describeError, log } from '../log';
import type { EventPublisher } from '../ports/event-publisher';

/** Turns a stream record's image (DynamoDB JSON) into a plain item; the DynamoDB adapter provides it. */
export type StreamImageReader = (raw: Record<string, unknown> | undefined) => Image | undefined;

export interface StreamPublisherDeps {
  publisher: EventPublisher;
  readImage: StreamImageReader;
  publishOptions?: PublishOptions;
}

/**
 * Which table an item belongs to, from the item itself: every item carries a `type`, and the
 * sessions table holds only sessions, programmes and organiser messages (announcements). So the
 * publisher needs no table names (the physical ones are chosen by CloudFormation) and both streams
 * can feed one function.
 */
const sessionsTableTypes: ReadonlySet<unknown> = new Set(['session', 'programme', 'announcement']);
export const tableKindOfImages = (oldImage: Image | undefined, newImage: Image | undefined): TableKind =>
  sessionsTableTypes.has((newImage ?? oldImage)?.type) ? 'sessions' : 'registrations';

/** Event ids are deterministic: the same stream record always gives the same ids. */
export const eventIdFor = (streamEventId: string, index: number) => `${streamEventId}-${index}`;

/**
 * Turns a batch of stream records into domain events on the bus, in record order.
 *
 * Failure handling follows the stream's "report batch item failures" contract: the answer names
 * the first record that did not make it (a record we cannot read, or events the bus kept
 * refusing), and the stream retries from there. Records after it are not published in this
 * call, so a retry repeats as little as possible; a repeat is harmless anyway, as event ids are
 * deterministic and every consumer is idempotent. A record that keeps failing ends, after the
 * trigger's retry limit, on the stream's on-failure destination (its DLQ).
 */
export async function publishStreamRecords(
  deps: StreamPublisherDeps,
  records: DynamoDBRecord[],
): Promise<DynamoDBBatchResponse> {
  const perRecord: { record: DynamoDBRecord; events: DomainEvent[] }[] = [];
  let poisonAt = -1;
  for (const [i, record] of records.entries()) {
    try {
      perRecord.push({ record, events: eventsOf(record, deps.readImage) });
    } catch (e) {
      log('error', 'stream record cannot be turned into events', {
        eventID: record.eventID,
        sequenceNumber: record.dynamodb?.SequenceNumber,
        ...describeError(e),
      });
      poisonAt = i;
      break;
    }
  }

  const all = perRecord.flatMap((r) => r.events);
  const failedIds = all.length ? await publishEvents(deps.publisher, all, deps.publishOptions) : new Set<string>();
  const firstUnpublished = perRecord.findIndex((r) => r.events.some((e) => failedIds.has(e.metadata.eventId)));
  const failedAt = firstUnpublished >= 0 ? firstUnpublished : poisonAt;
  if (failedAt < 0) return { batchItemFailures: [] };
  const failed = records[failedAt];
  if (firstUnpublished >= 0) {
    log('warn', 'events not accepted by the bus; the stream will retry', {
      eventID: failed?.eventID,
      failedEvents: failedIds.size,
    });
  }
  const itemIdentifier = failed?.dynamodb?.SequenceNumber;
  if (!itemIdentifier) throw new Error('a failed stream record has no sequence number');
  return { batchItemFailures: [{ itemIdentifier }] };
}

function eventsOf(record: DynamoDBRecord, image: StreamImageReader): DomainEvent[] {
  const d = record.dynamodb;
  if (!record.eventID || !d?.SequenceNumber) throw new Error('stream record without eventID or sequence number');
  const oldImage = image(d.OldImage);
  const newImage = image(d.NewImage);
  const pending = deriveEvents(tableKindOfImages(oldImage, newImage), oldImage, newImage);
  const occurredAt = new Date((d.ApproximateCreationDateTime ?? Date.now() / 1000) * 1000);
  const eventID = record.eventID;
  return pending.map((p, i) => newEvent(p, eventIdFor(eventID, i), occurredAt));
}
