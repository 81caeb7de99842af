import { DynamoDBStreamsClient } from '@aws-sdk/client-dynamodb-streams';
import type { SESClient } from '@aws-sdk/client-ses';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { createDispatcherHandler } from '../functions/dispatcher/create-handler';
import { dispatcherDeps } from '../functions/dispatcher/deps';
import { createMailerHandler } from '../functions/mailer/create-handler';
import { mailerDeps, rateLimitedSesSender } from '../functions/mailer/deps';
import { createPlannerHandler } from '../functions/planner/create-handler';
import { plannerDeps } from '../functions/planner/deps';
import { createStreamPublisherHandler } from '../functions/stream-publisher/create-handler';
import { streamPublisherDeps } from '../functions/stream-publisher/deps';
import type { TokenBucket } from '../shared/adapters/ses/rate-limit';
import { createSesClient } from '../shared/adapters/ses/sender';
import type { CalendarParty } from '../shared/domain/calendar';
import { routingRules } from '../shared/events/routing';
import type { Clock } from '../shared/ports/clock';
import type { MailQueuePort } from '../shared/ports/mail-queue';
import { type PlanOutcome, replanSession } from '../shared/usecases/schedules';
import { type BusEvent, LocalBus } from './bus';
import { lambdaContext } from './lambda-context';
import { LocalQueue, type SqsConsumer } from './queue';
import { type Fired, LocalScheduler } from './scheduler';
import { StreamPoller } from './stream-poller';
import type { TableNames } from './tables';

/**
 * The asynchronous half of the backend in process: DynamoDB Local's streams → the real stream
 * publisher → the local bus with the real routing rules → the mail queue → the real mailer →
 * SES (the emulator). Each function is built by its own composition root (functions/<name>/deps.ts
 * and create-handler.ts), as its Lambda handler is; only the bus, the queue, the scheduler and
 * the stream trigger are local stand-ins.
 */
export interface LocalPipelineOptions {
  db: DynamoDBDocumentClient;
  dynamoDbEndpoint: string;
  tables: TableNames;
  sesEndpoint: string;
  clock: Clock;
  publicBaseUrl: string;
  manageTokenSecret: string;
  organiser: CalendarParty;
  uidDomain: string;
  /** Tests wrap the SES client to inject failures. */
  wrapSesClient?: (client: SESClient) => Pick<SESClient, 'send'>;
  /** The mailer's own DynamoDB client (in AWS it is its own function's); tests inject faults in it. Defaults to `db`. */
  mailerDb?: DynamoDBDocumentClient;
  /** Tests deliver queue messages to the mailer more than once (SQS is at-least-once). */
  wrapMailer?: (mailer: SqsConsumer) => SqsConsumer;
  /** Tests add faults to the client that reads the streams (the event source mapping's reads). */
  instrumentStreamsClient?: (client: DynamoDBStreamsClient) => void;
  visibilityTimeoutMs?: number;
  maxReceiveCount?: number;
  streamMaxAttempts?: number;
  sesRetryBaseDelayMs?: number;
  leaseMs?: number;
  pollIntervalMs?: number;
  /** Where the API answers (calendar links in reminders); publicBaseUrl when absent. */
  publicApiUrl?: string;
  /** The mailer's send rate, mails per second (MAIL_SEND_RATE; default 10 locally). */
  sendRatePerSecond?: number;
  /** How often the local scheduler looks for due schedules. @default 1000 ms */
  schedulerIntervalMs?: number;
  /**
   * Benchmarks and the fan-out test seed thousands of registrations straight into the tables and
   * switch the stream trigger off, so the seed itself mails nobody. @default true
   */
  streams?: boolean;
}

export interface LocalPipeline {
  bus: LocalBus;
  mailQueue: LocalQueue;
  poller: StreamPoller;
  /** EventBridge Scheduler in process: the planner writes to it, it invokes the dispatcher. */
  scheduler: LocalScheduler;
  /** The mailer's token bucket. */
  sendBucket: TokenBucket;
  /** Fires every schedule due by the clock's now (after the clock moved). */
  fireDue(): Promise<Fired[]>;
  /** Runs the planner for a session as its events would (for seeded data, when streams are off). */
  replan(sessionId: string): Promise<PlanOutcome>;
  /**
   * Reads both streams again from their oldest record, through the same publisher: every event
   * is published a second time (same ids), as a retried stream batch would. Local and tests only.
   */
  replayStreams(): Promise<number>;
  /** Resolves when the streams are read to the end and the mail queue is empty. */
  settled(timeoutMs?: number): Promise<void>;
  stop(): Promise<void>;
}

export function startLocalPipeline(opts: LocalPipelineOptions): LocalPipeline {
  const mailQueue = new LocalQueue({
    name: 'mail-queue',
    visibilityTimeoutMs: opts.visibilityTimeoutMs ?? 2_000,
    maxReceiveCount: opts.maxReceiveCount ?? 5,
  });
  // SendMessageBatch on the local queue: it accepts every entry.
  const mailQueuePort: MailQueuePort = {
    async sendBatch(entries) {
      for (const e of entries) mailQueue.send(e.body);
      return { failed: [] };
    },
  };

  const dispatcher = createDispatcherHandler(
    dispatcherDeps({ db: opts.db, tables: opts.tables, mailQueue: mailQueuePort, clock: opts.clock }),
  );
  const scheduler = new LocalScheduler({
    clock: opts.clock,
    target: (input) => dispatcher(input, lambdaContext('dispatcher')),
  });
  const planning = plannerDeps({
    db: opts.db,
    sessionsTable: opts.tables.sessionsTable,
    scheduler,
    clock: opts.clock,
  });
  const planner = createPlannerHandler(planning);

  const bus: LocalBus = new LocalBus(routingRules, {
    'mail-queue': (event: BusEvent) => {
      mailQueue.send(JSON.stringify(event));
    },
    // As with EventBridge's asynchronous invoke, a failure is logged and dead-lettered by the bus.
    planner: (event: BusEvent) => planner(event, lambdaContext('planner')),
  });

  const sesClient = createSesClient({ endpoint: opts.sesEndpoint });
  const { sender, bucket: sendBucket } = rateLimitedSesSender(
    opts.wrapSesClient ? opts.wrapSesClient(sesClient) : sesClient,
    {
      ratePerSecond: opts.sendRatePerSecond ?? DEFAULT_LOCAL_SEND_RATE,
      ...(opts.sesRetryBaseDelayMs === undefined ? {} : { retryBaseDelayMs: opts.sesRetryBaseDelayMs }),
    },
  );
  const mailerHandler = createMailerHandler(
    mailerDeps({
      db: opts.mailerDb ?? opts.db,
      tables: opts.tables,
      sender,
      mailQueue: mailQueuePort,
      clock: opts.clock,
      publicBaseUrl: opts.publicBaseUrl,
      ...(opts.publicApiUrl === undefined ? {} : { publicApiUrl: opts.publicApiUrl }),
      manageTokenSecret: opts.manageTokenSecret,
      organiser: opts.organiser,
      uidDomain: opts.uidDomain,
      ...(opts.leaseMs === undefined ? {} : { leaseMs: opts.leaseMs }),
    }),
  );
  const deliverToMailer: SqsConsumer = (event) => mailerHandler(event, lambdaContext('mailer'));
  const mailer = opts.wrapMailer ? opts.wrapMailer(deliverToMailer) : deliverToMailer;

  const streamPublisher = createStreamPublisherHandler(streamPublisherDeps({ publisher: bus }));
  const streams = new DynamoDBStreamsClient({
    endpoint: opts.dynamoDbEndpoint,
    region: 'eu-west-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  opts.instrumentStreamsClient?.(streams);
  const newPoller = () =>
    new StreamPoller({
      client: streams,
      tableNames: [opts.tables.sessionsTable, opts.tables.registrationsTable],
      handler: (event) => streamPublisher(event, lambdaContext('stream-publisher')),
      maxAttempts: opts.streamMaxAttempts ?? 3,
    });
  const poller = newPoller();

  const interval = opts.pollIntervalMs ?? 100;
  if (opts.streams !== false) poller.start(interval);
  mailQueue.start(mailer, Math.max(20, interval / 2));
  scheduler.start(opts.schedulerIntervalMs ?? 1000);

  return {
    bus,
    mailQueue,
    poller,
    scheduler,
    sendBucket,
    fireDue: () => scheduler.fireDue(),
    replan: (sessionId) => replanSession(planning, sessionId),
    async replayStreams() {
      const replay = newPoller();
      let total = 0;
      while (!replay.idle) total += await replay.pollOnce();
      return total;
    },
    async settled(timeoutMs = 20_000) {
      const until = Date.now() + timeoutMs;
      // Three quiet checks in a row, each seeing a stream round that began after the check before it.
      let quietChecks = 0;
      let mark = Date.now();
      while (quietChecks < 3) {
        const streams = opts.streams === false ? 'idle' : poller.quietSince(mark);
        if (Date.now() > until) {
          // Say what was still busy, so a slow run can be told from a message that keeps failing.
          throw new Error(
            `the local pipeline did not settle in ${timeoutMs} ms: streams ${streams}, ${mailQueue.depth} mail job(s) queued, ${mailQueue.deadLetters.length} dead-lettered, ${poller.deadLetters.length} stream record(s) parked`,
          );
        }
        await new Promise((r) => setTimeout(r, interval));
        const now = opts.streams === false ? 'idle' : poller.quietSince(mark);
        if (now === 'pending') continue;
        if (now === 'idle' && mailQueue.depth === 0) {
          quietChecks++;
        } else {
          quietChecks = 0;
        }
        mark = Date.now();
      }
    },
    async stop() {
      await scheduler.stop();
      await poller.stop();
      await mailQueue.stop();
      streams.destroy();
      sesClient.destroy();
    },
  };
}

/** Local mail rate when none is given: quick enough to watch, slow enough to show the bucket at work. */
export const DEFAULT_LOCAL_SEND_RATE = 10;
