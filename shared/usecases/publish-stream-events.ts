import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { DynamoDBBatchResponse, DynamoDBRecord } from 'aws-lambda';
import { type DomainEvent, newEvent } from '../events/catalogue';
import { deriveEvents, type TableKind } from '../events/derive';
import { type EventPublisher, type PublishOptions, publishEvents } from '../events/publisher';
import { describeError, log } from '../log';

export interface StreamPublisherDeps {
  publisher: EventPublisher;
  /** Which of our tables a stream ARN belongs to. */
  tableKindOf: (eventSourceArn: string) => TableKind | null;
  publishOptions?: PublishOptions;
}

/** `arn:aws:dynamodb:<region>:<account>:table/<name>/stream/<label>` → `<name>`. */
export const tableNameFromStreamArn = (arn: string): string | null =>
  /:table\/([^/]+)\/stream\//.exec(arn)?.[1] ?? null;

export const tableKindResolver =
  (tables: { sessionsTable: string; registrationsTable: string }) =>
  (arn: string): TableKind | null => {
    const name = tableNameFromStreamArn(arn);
    if (name === tables.sessionsTable) return 'sessions';
    if (name === tables.registrationsTable) return 'registrations';
    return null;
  };

const image = (i: Record<string, unknown> | undefined) =>
  i ? (unmarshall(i as Record<string, AttributeValue>) as Record<string, unknown>) : undefined;

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
      perRecord.push({ record, events: eventsOf(deps, record) });
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

function eventsOf(deps: StreamPublisherDeps, record: DynamoDBRecord): DomainEvent[] {
  const kind = deps.tableKindOf(record.eventSourceARN ?? '');
  if (!kind) throw new Error(`stream record from an unknown table: ${record.eventSourceARN}`);
  const d = record.dynamodb;
  if (!record.eventID || !d?.SequenceNumber) throw new Error('stream record without eventID or sequence number');
  const pending = deriveEvents(kind, image(d.OldImage), image(d.NewImage));
  const occurredAt = new Date((d.ApproximateCreationDateTime ?? Date.now() / 1000) * 1000);
  const eventID = record.eventID;
  return pending.map((p, i) => newEvent(p, eventIdFor(eventID, i), occurredAt));
}
