import { createDocumentClient } from '../../shared/adapters/dynamodb/client';
import { secretSourceFor } from '../../shared/adapters/secrets/source-for';
import { readAdminApiConfig } from '../../shared/config/env';
import { systemClock } from '../../shared/ports/clock';
import { createAdminApiHandler } from './app';
import { adminApiDeps } from './deps';

// Configuration, clients and the manage-token key (check-in codes, walk-ins) at module scope: one
// GetSecretValue call per container.
const config = readAdminApiConfig();
const db = createDocumentClient({ endpoint: config.dynamoDbEndpoint });
const manageTokenSecret = await secretSourceFor(config.manageTokenSecret).secret();
// The value CloudFront adds to the requests it forwards: anything else reached execute-api directly.
const originSecret = config.originSecret ? await secretSourceFor(config.originSecret).secret() : undefined;

export const handler = createAdminApiHandler(adminApiDeps(db, config, systemClock, manageTokenSecret), undefined, {
  originSecret,
});
