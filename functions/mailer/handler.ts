import { createDocumentClient } from '../../shared/adapters/dynamodb/client';
import { createSesClient } from '../../shared/adapters/ses/sender';
import { createSqsClient, createSqsMailQueue } from '../../shared/adapters/sqs/mail-queue';
import { readMailerConfig } from '../../shared/config/env';
import { createMetrics } from '../../shared/metrics';
import { systemClock } from '../../shared/ports/clock';
import { createMailerHandler } from './create-handler';
import { mailerDeps, rateLimitedSesSender } from './deps';

const config = readMailerConfig();
const { sender } = rateLimitedSesSender(createSesClient({ endpoint: config.sesEndpoint }), {
  ratePerSecond: config.sendRatePerSecond,
  configurationSet: config.sesConfigurationSet,
});
const deps = mailerDeps({
  ...config,
  db: createDocumentClient({ endpoint: config.dynamoDbEndpoint }),
  tables: config,
  sender,
  mailQueue: createSqsMailQueue(createSqsClient(), config.mailQueueUrl),
  clock: systemClock,
});

export const handler = createMailerHandler(deps, { metrics: createMetrics('mailer') });
