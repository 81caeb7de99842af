import {
  BatchProcessor,
  EventType,
  processPartialResponse,
  SqsFifoPartialProcessorAsync,
} from '@aws-lambda-powertools/batch';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
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
import { holdScheduleName } from '../domain/holds';
import { ScheduleInput, scheduleName } from '../domain/schedules';
import { offerScheduleName } from '../domain/waitlist';
import { describeError, log, logger } from '../log';
import { count, type Metrics } from '../metrics';
import { type DomainEvent, describeIssues, InvalidEvent, parseEventDetail } from './catalogue';
import { parseQueuedEvent, type QueuedMessage } from './queued-message';

/**
 * One middy chain per trigger kind of the event-driven functions (the HTTP chain lives in
 * shared/http/middleware.ts): Powertools' Lambda context on every log line, one line per
 * invocation (no personal data), the function's metrics flushed as EMF at the end. Retries are
 * left to the trigger: a failed queue message or stream record is reported, never swallowed, so
 * it is retried and finally lands in its dead-letter queue.
 */
export interface ChainOptions {
  /** Absent locally and in tests: only Lambda has a CloudWatch agent reading EMF lines. */
  metrics?: Metrics;
}

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

/**
 * Powertools' logMetrics middleware warns on every invocation that counted nothing; most
 * invocations of the planner and dispatcher count nothing, so this flushes only what there is.
 */
const flushMetrics = (metrics: Metrics | undefined): MiddlewareObj => {
  const flush = () => {
    if (metrics?.hasStoredMetrics()) metrics.publishStoredMetrics();
  };
  return { after: flush, onError: flush };
};

const chain = <E, R>(
  base: (event: E, context: Context) => Promise<R>,
  opts: ChainOptions,
  trigger: string,
  size: (e: E) => number,
  failures: (r: R) => number,
) =>
  middy<E, R, Error, Context>(base)
    .use(injectLambdaContext(logger, { resetKeys: true }))
    .use(flushMetrics(opts.metrics) as MiddlewareObj<E, R>)
    .use(invocationLog<E, R>(trigger, size, failures));

/**
 * DynamoDB Streams trigger (with ReportBatchItemFailures on the event source mapping). Not
 * Powertools' BatchProcessor: the stream publisher is not a per-record handler, it publishes the
 * whole batch in PutEvents calls of ten and reports only the first record that failed, so the
 * stream retries from there in order (shared/usecases/publish-stream-events.ts).
 */
export function dynamoStreamHandler(
  fn: (event: DynamoDBStreamEvent) => Promise<DynamoDBBatchResponse>,
  opts: ChainOptions = {},
) {
  return chain<DynamoDBStreamEvent, DynamoDBBatchResponse>(
    async (event) => {
      const response = await fn(event);
      count(opts.metrics, 'StreamRecordsFailed', response.batchItemFailures.length);
      return response;
    },
    opts,
    'dynamodb-stream',
    (e) => e.Records.length,
    (r) => r.batchItemFailures.length,
  );
}

/** The id that ties a mail job to the change it came from, for following one change through the logs. */
const correlationIdOf = (message: QueuedMessage): string =>
  message.kind === 'ses-feedback'
    ? message.detail.mail.messageId
    : 'causationId' in message.event.data
      ? message.event.data.causationId
      : message.event.metadata.eventId;

/**
 * SQS trigger (with ReportBatchItemFailures) whose messages are events from bus rules or mail jobs.
 * Powertools' BatchProcessor runs the record handler per message and reports the ones that threw
 * in `batchItemFailures`, invalid ones included, so SQS delivers them again and, after
 * maxReceiveCount, moves them to the dead-letter queue. One message at a time, as the mailer's
 * token bucket expects (parallel sends would only queue up for tokens).
 */
export function sqsEventHandler(
  handle: (message: QueuedMessage, record: SQSRecord) => Promise<void>,
  opts: ChainOptions = {},
) {
  const recordHandler = async (record: SQSRecord) => {
    // Until the body is read, the message's own id; a record never carries the previous one's.
    logger.setCorrelationId(record.messageId);
    try {
      const message = parseQueuedEvent(record.body);
      logger.setCorrelationId(correlationIdOf(message));
      await handle(message, record);
    } catch (e) {
      log(e instanceof InvalidEvent ? 'error' : 'warn', 'queue message failed; it will be retried', {
        messageId: record.messageId,
        receiveCount: record.attributes?.ApproximateReceiveCount,
        ...describeError(e),
      });
      throw e;
    }
  };
  // A processor holds one batch's state: one per invocation, so overlapping local calls stay apart.
  return sqsChain('sqs', opts, async (event, context) =>
    processPartialResponse(event, recordHandler, new BatchProcessor(EventType.SQS), {
      context,
      processInParallel: false,
      // Every message is reported failed instead; the queue retries them as it does one.
      throwOnFullBatchFailure: false,
    }),
  );
}

/** The chain of an SQS trigger with partial batch responses, counting the messages reported failed. */
const sqsChain = (
  trigger: string,
  opts: ChainOptions,
  run: (event: SQSEvent, context: Context) => Promise<SQSBatchResponse>,
) =>
  chain<SQSEvent, SQSBatchResponse>(
    async (event, context) => {
      const response = await run(event, context);
      count(opts.metrics, 'QueueMessagesFailed', response.batchItemFailures.length);
      return response;
    },
    opts,
    trigger,
    (e) => e.Records.length,
    (r) => r.batchItemFailures.length,
  );

/**
 * SQS FIFO trigger (with ReportBatchItemFailures) whose work is done per message group, not per
 * message: the placement consumer places one session's registrations in one transaction. The
 * batch's records are split by group, in order; each group's messages up to its first unreadable
 * one go to `handleGroup` together, which answers per message null (done) or the error to retry it
 * with. Powertools' SqsFifoPartialProcessorAsync with `skipGroupOnError` then reports the failed
 * messages and every later message of their group (so SQS delivers them again in order, and an
 * unreadable one finally reaches the dead-letter queue) while the other groups go on.
 */
export function sqsFifoGroupHandler<M>(
  parse: (body: string) => M,
  handleGroup: (messages: M[]) => Promise<Array<Error | null>>,
  opts: ChainOptions = {},
) {
  const decide = async (records: SQSRecord[]): Promise<Map<string, Error>> => {
    const groups = new Map<string, SQSRecord[]>();
    for (const r of records) {
      const id = r.attributes?.MessageGroupId ?? r.messageId;
      groups.set(id, [...(groups.get(id) ?? []), r]);
    }
    const failures = new Map<string, Error>();
    for (const group of groups.values()) {
      const readable: Array<{ record: SQSRecord; message: M }> = [];
      for (const record of group) {
        try {
          readable.push({ record, message: parse(record.body) });
        } catch (e) {
          failures.set(record.messageId, e instanceof Error ? e : new Error(String(e)));
          break; // the rest of the group waits behind it
        }
      }
      if (readable.length === 0) continue;
      let results: Array<Error | null>;
      try {
        results = await handleGroup(readable.map((r) => r.message));
      } catch (e) {
        const err = e instanceof Error ? e : new Error(String(e));
        results = readable.map(() => err);
      }
      for (const [i, { record }] of readable.entries()) {
        const err = results[i];
        if (err) failures.set(record.messageId, err);
      }
    }
    return failures;
  };

  return sqsChain('sqs-fifo', opts, async (event, context) => {
    const failures = await decide(event.Records);
    const recordHandler = async (record: SQSRecord) => {
      const err = failures.get(record.messageId);
      if (!err) return;
      log('warn', 'queue message failed; it will be retried', {
        messageId: record.messageId,
        receiveCount: record.attributes?.ApproximateReceiveCount,
        ...describeError(err),
      });
      throw err;
    };
    return processPartialResponse(event, recordHandler, new SqsFifoPartialProcessorAsync(), {
      context,
      skipGroupOnError: true,
      throwOnFullBatchFailure: false,
    });
  });
}

/**
 * EventBridge rule → Lambda for our own events (the planner): the event is validated against the
 * catalogue; an invalid or failing one throws, so EventBridge's async invoke retries it and then
 * sends it to the function's failure destination.
 */
export function busEventHandler(handle: (event: DomainEvent) => Promise<void>, opts: ChainOptions = {}) {
  return chain<EventBridgeEvent<string, unknown>, void>(
    async (event) => {
      const parsed = parseEventDetail(event.source, event['detail-type'], event.detail);
      logger.setCorrelationId(parsed.metadata.eventId);
      await handle(parsed);
    },
    opts,
    'eventbridge',
    () => 1,
    () => 0,
  );
}

/**
 * EventBridge Scheduler → Lambda (the dispatcher): the event is the schedule's input, validated
 * here. A failure throws, so Scheduler retries by its retry policy and then dead-letters it.
 */
export function scheduleHandler<R>(handle: (input: ScheduleInput) => Promise<R>, opts: ChainOptions = {}) {
  return chain<unknown, R>(
    async (event) => {
      const r = ScheduleInput.safeParse(event);
      if (!r.success) throw new InvalidEvent('schedule input', describeIssues(r.error, '(input)'));
      logger.setCorrelationId(
        r.data.purpose === 'hold-expiry'
          ? holdScheduleName(r.data.registrationId ?? '')
          : r.data.purpose === 'offer-expiry'
            ? offerScheduleName(r.data.registrationId ?? '')
            : scheduleName(r.data.sessionId, r.data.purpose, r.data.offset),
      );
      return handle(r.data);
    },
    opts,
    'scheduler',
    () => 1,
    () => 0,
  );
}

/** A scheduled job with no input worth reading (the daily retention run). */
export function scheduledJobHandler<R>(run: () => Promise<R>, opts: ChainOptions = {}) {
  return chain<unknown, R>(
    () => run(),
    opts,
    'schedule',
    () => 1,
    () => 0,
  );
}
