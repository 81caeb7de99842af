import { createDocumentClient } from '../../shared/adapters/dynamodb/client';
import { readPublicApiConfig } from '../../shared/config/env';
import { systemClock } from '../../shared/ports/clock';
import { createPublicApiHandler } from './app';
import { publicApiDeps } from './deps';

// Configuration and clients at module scope: read and checked once per cold start.
const config = readPublicApiConfig();
const db = createDocumentClient({ endpoint: config.dynamoDbEndpoint });

export const handler = createPublicApiHandler(publicApiDeps(db, config, systemClock));
