import { createDocumentClient } from '../../shared/adapters/dynamodb/client';
import { createSqsClient, createSqsMailQueue } from '../../shared/adapters/sqs/mail-queue';
import { readDispatcherConfig } from '../../shared/config/env';
import { createMetrics } from '../../shared/metrics';
import { systemClock } from '../../shared/ports/clock';
import { createDispatcherHandler } from './create-handler';
import { dispatcherDeps } from './deps';

const config = readDispatcherConfig();
const deps = dispatcherDeps({
  db: createDocumentClient({ endpoint: config.dynamoDbEndpoint }),
  tables: config,
  mailQueue: createSqsMailQueue(createSqsClient(), config.mailQueueUrl),
  clock: systemClock,
});

export const handler = createDispatcherHandler(deps, { metrics: createMetrics('dispatcher') });
