import { marshall } from '@aws-sdk/util-dynamodb';
import type { DynamoDBRecord, SQSEvent } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { matchesPattern } from '../../local/bus';
import { LocalQueue } from '../../local/queue';
import { readStreamImage } from '../../shared/adapters/dynamodb/stream-images';
import { isRetryableSendError } from '../../shared/adapters/ses/sender';
import { newEvent } from '../../shared/events/catalogue';
import { publishEvents } from '../../shared/events/publisher';
import { routingRules } from '../../shared/events/routing';
import type { BusEntry, EntryResult, EventPublisher } from '../../shared/ports/event-publisher';
import { publishStreamRecords, tableKindOfImages } from '../../shared/usecases/publish-stream-events';

describe('the local queue (SQS semantics)', () => {
  const setup = (opts: { maxReceiveCount?: number } = {}) => {
    let now = 1_000;
    const queue = new LocalQueue({
      name: 'q',
      visibilityTimeoutMs: 100,
      maxReceiveCount: opts.maxReceiveCount ?? 3,
      now: () => now,
    });
    return { queue, advance: (ms: number) => (now += ms) };
  };

  it('deletes a message the consumer handled, and delivers nothing more', async () => {
    const { queue } = setup();
    queue.send('a');
    const seen: string[] = [];

    await queue.pollOnce(async (e) => {
      seen.push(...e.Records.map((r) => r.body));
      return { batchItemFailures: [] };
    });

    expect(seen).toEqual(['a']);
    expect(queue.depth).toBe(0);
    expect(await queue.pollOnce(async () => ({ batchItemFailures: [] }))).toBe(0);
  });

  it('keeps a reported failure invisible until the visibility timeout, then delivers it again', async () => {
    const { queue, advance } = setup();
    const ok = queue.send('ok');
    queue.send('bad');
    const fail = async (e: SQSEvent) => ({
      batchItemFailures: e.Records.filter((r) => r.body === 'bad').map((r) => ({ itemIdentifier: r.messageId })),
    });

    await queue.pollOnce(fail);
    const hidden = await queue.pollOnce(fail);
    advance(100);
    const bodies: string[] = [];
    const counts: string[] = [];
    await queue.pollOnce(async (e) => {
      bodies.push(...e.Records.map((r) => r.body));
      counts.push(...e.Records.map((r) => r.attributes.ApproximateReceiveCount));
      return { batchItemFailures: [] };
    });

    expect(ok).toBeTypeOf('string');
    expect(hidden).toBe(0);
    expect(bodies).toEqual(['bad']);
    expect(counts).toEqual(['2']);
    expect(queue.depth).toBe(0);
  });

  it('treats a thrown error as the whole batch failing', async () => {
    const { queue, advance } = setup();
    queue.send('a');
    queue.send('b');

    await queue.pollOnce(async () => {
      throw new Error('crash');
    });
    advance(100);

    expect(queue.depth).toBe(2);
    expect(await queue.pollOnce(async () => ({ batchItemFailures: [] }))).toBe(2);
  });

  it('moves a message that failed maxReceiveCount times to the dead-letter list', async () => {
    const { queue, advance } = setup({ maxReceiveCount: 2 });
    queue.send('poison');
    const failAll = async (e: SQSEvent) => ({
      batchItemFailures: e.Records.map((r) => ({ itemIdentifier: r.messageId })),
    });

    await queue.pollOnce(failAll);
    advance(100);
    await queue.pollOnce(failAll);
    advance(100);
    const delivered = await queue.pollOnce(failAll);

    expect(delivered).toBe(0);
    expect(queue.depth).toBe(0);
    expect(queue.deadLetters).toEqual([expect.objectContaining({ body: 'poison', receiveCount: 2 })]);
  });
});

describe('publishing events', () => {
  const events = Array.from({ length: 23 }, (_, i) =>
    newEvent(
      { name: 'RegistrationConfirmed', data: { registrationId: `r-${i}`, sessionId: 's' } },
      `e-${i}`,
      new Date(0),
    ),
  );
  const noSleep = async () => {};

  it('puts at most ten entries per call and retries only the refused ones', async () => {
    const calls: BusEntry[][] = [];
    let refuseOnce = new Set(['r-3', 'r-15']);
    const publisher: EventPublisher = {
      put: async (entries) => {
        calls.push(entries);
        return entries.map((e): EntryResult => {
          const id = JSON.parse(e.detail).data.registrationId as string;
          if (refuseOnce.has(id)) return { ok: false, errorCode: 'ThrottlingException', errorMessage: 'slow down' };
          return { ok: true };
        });
      },
    };

    const first = publishEvents(publisher, events, {
      sleep: async () => {
        refuseOnce = new Set();
      },
    });

    expect(await first).toEqual(new Set());
    expect(calls.map((c) => c.length)).toEqual([10, 10, 3, 2]);
    expect(calls[3]?.map((e) => JSON.parse(e.detail).data.registrationId)).toEqual(['r-3', 'r-15']);
  });

  it('gives up after its attempts and names what was not published', async () => {
    const publisher: EventPublisher = {
      put: async (entries) => entries.map(() => ({ ok: false, errorCode: 'InternalFailure', errorMessage: '' })),
    };
    const failed = await publishEvents(publisher, events.slice(0, 2), { maxAttempts: 3, sleep: noSleep });
    expect(failed).toEqual(new Set(['e-0', 'e-1']));
  });
});

describe('the stream publisher', () => {
  const arn = 'arn:aws:dynamodb:eu-west-1:1:table/prod-registrations/stream/2027-01-01T00:00:00.000';
  const record = (seq: string, newImage: Record<string, unknown>): DynamoDBRecord => ({
    eventID: `ev-${seq}`,
    eventName: 'INSERT',
    eventSourceARN: arn,
    dynamodb: {
      SequenceNumber: seq,
      ApproximateCreationDateTime: 1_800_000_000,
      NewImage: marshall(newImage) as never,
    },
  });
  const reg = (id: string) => ({ type: 'registration', registrationId: id, sessionId: 's', status: 'confirmed' });
  const deps = (put: EventPublisher['put']) => ({
    publisher: { put },
    readImage: readStreamImage,
    publishOptions: { maxAttempts: 2, sleep: async () => {} },
  });

  it('tells the table from the item itself', () => {
    expect(tableKindOfImages(undefined, { type: 'session' })).toBe('sessions');
    expect(tableKindOfImages({ type: 'programme' }, undefined)).toBe('sessions');
    expect(tableKindOfImages(undefined, { type: 'announcement' })).toBe('sessions');
    expect(tableKindOfImages(undefined, { type: 'registration' })).toBe('registrations');
    expect(tableKindOfImages(undefined, { type: 'email-guard' })).toBe('registrations');
  });

  it('publishes events with ids derived from the stream record, and reports nothing on success', async () => {
    const put: BusEntry[] = [];
    const r = await publishStreamRecords(
      deps(async (entries) => {
        put.push(...entries);
        return entries.map(() => ({ ok: true }));
      }),
      [record('1', reg('a')), record('2', reg('b'))],
    );

    expect(r.batchItemFailures).toEqual([]);
    expect(put.map((e) => JSON.parse(e.detail).metadata.eventId)).toEqual(['ev-1-0', 'ev-2-0']);
    expect(put[0]?.time.toISOString()).toBe(new Date(1_800_000_000_000).toISOString());
  });

  it('reports a poison record as the failure and does not publish what follows it', async () => {
    const put: BusEntry[] = [];
    const r = await publishStreamRecords(
      deps(async (entries) => {
        put.push(...entries);
        return entries.map(() => ({ ok: true }));
      }),
      [record('1', reg('a')), record('2', { type: 'registration', status: 'confirmed' }), record('3', reg('c'))],
    );

    expect(r.batchItemFailures).toEqual([{ itemIdentifier: '2' }]);
    expect(put).toHaveLength(1);
  });

  it('reports the first record whose events the bus kept refusing', async () => {
    const r = await publishStreamRecords(
      deps(async (entries) =>
        entries.map((e) =>
          JSON.parse(e.detail).data.registrationId === 'b'
            ? { ok: false, errorCode: 'InternalFailure', errorMessage: '' }
            : { ok: true },
        ),
      ),
      [record('1', reg('a')), record('2', reg('b')), record('3', reg('c'))],
    );
    expect(r.batchItemFailures).toEqual([{ itemIdentifier: '2' }]);
  });
});

describe('bus patterns and retryable SES errors', () => {
  it('matches the routing rules the way EventBridge does', () => {
    const mail = routingRules.find((r) => r.name === 'registration-mails');
    expect(
      mail &&
        matchesPattern(mail.eventPattern, {
          source: 'stadsgesprekken.registrations',
          'detail-type': 'RegistrationPromoted',
        }),
    ).toBe(true);
    expect(
      mail &&
        matchesPattern(mail.eventPattern, {
          source: 'stadsgesprekken.sessions',
          'detail-type': 'RegistrationPromoted',
        }),
    ).toBe(false);
    expect(matchesPattern({ detail: { eventType: ['Bounce'] } }, { detail: { eventType: 'Bounce' } })).toBe(true);
    expect(matchesPattern({ detail: { eventType: ['Bounce'] } }, { detail: 'x' })).toBe(false);
  });

  it('retries throttling, 5xx and connection errors, not a rejected message', () => {
    expect(isRetryableSendError(Object.assign(new Error(), { name: 'Throttling' }))).toBe(true);
    expect(isRetryableSendError(Object.assign(new Error(), { name: 'X', $metadata: { httpStatusCode: 503 } }))).toBe(
      true,
    );
    expect(isRetryableSendError(Object.assign(new Error(), { code: 'ECONNRESET' }))).toBe(true);
    expect(
      isRetryableSendError(Object.assign(new Error(), { name: 'MessageRejected', $metadata: { httpStatusCode: 400 } })),
    ).toBe(false);
  });
});
