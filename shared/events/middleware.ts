import middy, { type MiddlewareObj } from '@middy/core';
import type {
  Context,
  DynamoDBBatchResponse,
  DynamoDBStreamEvent,
  EventBridgeEvent,
  SQSBatchResponse,
  SQSEvent,
  SQSRecord,
} from 'aws-lambda';
import type * as z from 'zod';
import { ScheduleInput } from '../domain/schedules';
import { describeError, log } from '../log';
import { SesFeedbackDetail } from '../usecases/suppression';
import { type DomainEvent, InvalidEvent, parseEventDetail } from './catalogue';

/**
 * One middy chain per trigger kind of the event-driven functions (the HTTP chain lives in
 * shared/http/middleware.ts). Each chain logs one line per invocation (no personal data) and
 * leaves retries to the trigger: a failed queue message or stream record is reported, never
 * swallowed, so it is retried and finally lands in its dead-letter queue.
 */

const invocationLog = <E, R>(trigger: string, size: (e: E) => number, failures: (r: R) => number) => {
  const started = new WeakMap<object, number>();
  return {
    before: (request) => {
      started.set(request, Date.now());
    },
    after: (request) => {
      log('info', 'invocation', {
        trigger,
        size: size(request.event),
        failed: request.response ? failures(request.response) : 0,
        ms: Date.now() - (started.get(request) ?? Date.now()),
      });
    },
    onError: (request) => {
      log('error', 'invocation failed', { trigger, size: size(request.event), ...describeError(request.error) });
    },
  } satisfies MiddlewareObj<E, R>;
};

/** DynamoDB Streams trigger (with ReportBatchItemFailures on the event source mapping). */
export function dynamoStreamHandler(fn: (event: DynamoDBStreamEvent) => Promise<DynamoDBBatchResponse>) {
  return middy<DynamoDBStreamEvent, DynamoDBBatchResponse, Error, Context>(fn).use(
    invocationLog<DynamoDBStreamEvent, DynamoDBBatchResponse>(
      'dynamodb-stream',
      (e) => e.Records.length,
      (r) => r.batchItemFailures.length,
    ),
  );
}

/** What EventBridge writes into a queue message when a rule targets an SQS queue. */
export interface QueuedBusEvent {
  id?: string;
  source: string;
  'detail-type': string;
  detail: unknown;
}

/** A queue message: one of our events, or an SES bounce/complaint forwarded to the project bus. */
export type QueuedMessage =
  | { kind: 'domain'; event: DomainEvent }
  | { kind: 'ses-feedback'; detail: SesFeedbackDetail; time: Date };

/** Reads and validates a queue message body; throws InvalidEvent when it is not a known event. */
export function parseQueuedEvent(body: string): QueuedMessage {
  let parsed: QueuedBusEvent;
  try {
    parsed = JSON.parse(body) as QueuedBusEvent;
  } catch {
    throw new InvalidEvent('(unparseable)', ['message body is not JSON']);
  }
  if (typeof parsed !== 'object' || parsed === null || typeof parsed['detail-type'] !== 'string') {
    throw new InvalidEvent('(unknown)', ['message body is not an EventBridge event']);
  }
  if (parsed.source === 'aws.ses') {
    const r = SesFeedbackDetail.safeParse(parsed.detail);
    if (!r.success) {
      throw new InvalidEvent(
        parsed['detail-type'],
        r.error.issues.map((i) => `${i.path.join('.') || '(detail)'}: ${i.message}`),
      );
    }
    const time = new Date(String((parsed as { time?: unknown }).time ?? ''));
    return { kind: 'ses-feedback', detail: r.data, time: Number.isNaN(time.getTime()) ? new Date() : time };
  }
  return { kind: 'domain', event: parseEventDetail(String(parsed.source), parsed['detail-type'], parsed.detail) };
}

/**
 * SQS trigger (with ReportBatchItemFailures) whose messages are events from bus rules. Each
 * message is validated (against the event catalogue, or SES's event schema) and handled on its own; a message that fails,
 * invalid ones included, is reported in `batchItemFailures` so SQS delivers it again and, after
 * maxReceiveCount, moves it to the dead-letter queue.
 */
export function sqsEventHandler(handle: (message: QueuedMessage, record: SQSRecord) => Promise<void>) {
  const base = async (event: SQSEvent): Promise<SQSBatchResponse> => {
    const batchItemFailures: SQSBatchResponse['batchItemFailures'] = [];
    for (const record of event.Records) {
      try {
        await handle(parseQueuedEvent(record.body), record);
      } catch (e) {
        log(e instanceof InvalidEvent ? 'error' : 'warn', 'queue message failed; it will be retried', {
          messageId: record.messageId,
          receiveCount: record.attributes?.ApproximateReceiveCount,
          ...describeError(e),
        });
        batchItemFailures.push({ itemIdentifier: record.messageId });
      }
    }
    return { batchItemFailures };
  };
  return middy<SQSEvent, SQSBatchResponse, Error, Context>(base).use(
    invocationLog<SQSEvent, SQSBatchResponse>(
      'sqs',
      (e) => e.Records.length,
      (r) => r.batchItemFailures.length,
    ),
  );
}

/**
 * EventBridge trigger for events that are not ours (e.g. SES configuration-set events on the
 * default bus): the detail is validated with the given schema; an invalid one throws, so
 * EventBridge retries and then sends it to the target's dead-letter queue.
 */
export function eventBridgeHandler<S extends z.ZodType>(
  detailSchema: S,
  handle: (detail: z.infer<S>, event: EventBridgeEvent<string, unknown>) => Promise<void>,
) {
  const base = async (event: EventBridgeEvent<string, unknown>): Promise<void> => {
    const r = detailSchema.safeParse(event.detail);
    if (!r.success) {
      throw new InvalidEvent(
        event['detail-type'],
        r.error.issues.map((i) => `${i.path.join('.') || '(detail)'}: ${i.message}`),
      );
    }
    await handle(r.data, event);
  };
  return middy<EventBridgeEvent<string, unknown>, void, Error, Context>(base).use(
    invocationLog<EventBridgeEvent<string, unknown>, void>(
      'eventbridge',
      () => 1,
      () => 0,
    ),
  );
}

/**
 * EventBridge rule → Lambda for our own events (the planner): the event is validated against the
 * catalogue; an invalid or failing one throws, so EventBridge's async invoke retries it and then
 * sends it to the function's failure destination.
 */
export function busEventHandler(handle: (event: DomainEvent) => Promise<void>) {
  const base = async (event: EventBridgeEvent<string, unknown>): Promise<void> => {
    await handle(parseEventDetail(event.source, event['detail-type'], event.detail));
  };
  return middy<EventBridgeEvent<string, unknown>, void, Error, Context>(base).use(
    invocationLog<EventBridgeEvent<string, unknown>, void>(
      'eventbridge',
      () => 1,
      () => 0,
    ),
  );
}

/**
 * EventBridge Scheduler → Lambda (the dispatcher): the event is the schedule's input, validated
 * here. A failure throws, so Scheduler retries by its retry policy and then dead-letters it.
 */
export function scheduleHandler<R>(handle: (input: ScheduleInput) => Promise<R>) {
  const base = async (event: unknown): Promise<R> => {
    const r = ScheduleInput.safeParse(event);
    if (!r.success) {
      throw new InvalidEvent(
        'schedule input',
        r.error.issues.map((i) => `${i.path.join('.') || '(input)'}: ${i.message}`),
      );
    }
    return handle(r.data);
  };
  return middy<unknown, R, Error, Context>(base).use(
    invocationLog<unknown, R>(
      'scheduler',
      () => 1,
      () => 0,
    ),
  );
}
