import { createDocumentClient } from '../../shared/adapters/dynamodb/client';
import { secretSourceFor } from '../../shared/adapters/secrets/source-for';
import { createSqsClient } from '../../shared/adapters/sqs/mail-queue';
import { createSqsPlacementQueue } from '../../shared/adapters/sqs/placement-queue';
import { readPublicApiConfig } from '../../shared/config/env';
import { systemClock } from '../../shared/ports/clock';
import { createPublicApiHandler } from './app';
import { publicApiDeps } from './deps';

// Configuration, clients and the manage-token key at module scope: read and checked once per cold
// start (the top-level await makes the key one GetSecretValue call per container).
const config = readPublicApiConfig();
const db = createDocumentClient({ endpoint: config.dynamoDbEndpoint });
const manageTokenSecret = await secretSourceFor(config.manageTokenSecret).secret();
// The value CloudFront adds to the requests it forwards: anything else reached execute-api directly.
const originSecret = config.originSecret ? await secretSourceFor(config.originSecret).secret() : undefined;

// Registrations are tried once directly; a contended one is placed by the placement queue's
// consumer, one session at a time (docs/contention-model.md, "The placement queue").
const placement = config.placementQueueUrl
  ? { queue: createSqsPlacementQueue(createSqsClient(), config.placementQueueUrl) }
  : undefined;

export const handler = createPublicApiHandler(
  publicApiDeps(db, { ...config, manageTokenSecret, placement }, systemClock),
  { originSecret },
);
