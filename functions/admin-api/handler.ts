import { createDocumentClient } from '../../shared/adapters/dynamodb/client';
import { readAdminApiConfig } from '../../shared/config/env';
import { systemClock } from '../../shared/ports/clock';
import { createAdminApiHandler } from './app';
import { adminApiDeps } from './deps';

// Configuration and clients at module scope: read and checked once per cold start.
const config = readAdminApiConfig();
const db = createDocumentClient({ endpoint: config.dynamoDbEndpoint });

export const handler = createAdminApiHandler(adminApiDeps(db, config, systemClock, config.manageTokenSecret));
