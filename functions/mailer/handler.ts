import { createDocumentClient } from '../../shared/adapters/dynamodb/client';
import { secretSourceFor } from '../../shared/adapters/secrets/source-for';
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
// One GetSecretValue call per cold start; the key stays in this container's memory only.
const manageTokenSecret = await secretSourceFor(config.manageTokenSecret).secret();
const deps = mailerDeps({
  ...config,
  manageTokenSecret,
  db: createDocumentClient({ endpoint: config.dynamoDbEndpoint }),
  tables: config,
  sender,
  mailQueue: createSqsMailQueue(createSqsClient(), config.mailQueueUrl),
  clock: systemClock,
});

export const handler = createMailerHandler(deps, { metrics: createMetrics('mailer') });
