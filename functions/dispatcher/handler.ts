import { createDocumentClient } from '../../shared/adapters/dynamodb/client';
import { createRegistrationRepository } from '../../shared/adapters/dynamodb/registrations';
import { createSessionRepository } from '../../shared/adapters/dynamodb/sessions';
import { createSqsClient, createSqsMailQueue } from '../../shared/adapters/sqs/mail-queue';
import { readDispatcherConfig } from '../../shared/config/env';
import { scheduleHandler } from '../../shared/events/middleware';
import { systemClock } from '../../shared/ports/clock';
import { dispatchSchedule } from '../../shared/usecases/schedules';

// Configuration and clients at module scope: read and checked once per cold start.
const config = readDispatcherConfig();
const db = createDocumentClient({ endpoint: config.dynamoDbEndpoint });
const deps = {
  sessions: createSessionRepository(db, config.sessionsTable),
  registrations: createRegistrationRepository(db, config, { clock: systemClock }),
  mailQueue: createSqsMailQueue(createSqsClient(), config.mailQueueUrl),
  clock: systemClock,
};

/** EventBridge Scheduler → a due reminder or feedback request → one mail job per recipient on the mail queue. */
export const handler = scheduleHandler((input) => dispatchSchedule(deps, input));
