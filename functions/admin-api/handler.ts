import { createDocumentClient } from '../../shared/adapters/dynamodb/client';
import { readAdminApiConfig } from '../../shared/config/env';
import { httpApiHandler } from '../../shared/http/middleware';
import { systemClock } from '../../shared/ports/clock';
import { organiserDepsOnDynamoDb } from './deps';
import { createAdminRoutes } from './routes';

// Configuration and clients at module scope: read and checked once per cold start.
const config = readAdminApiConfig();
const db = createDocumentClient({ endpoint: config.dynamoDbEndpoint });

export const handler = httpApiHandler(createAdminRoutes(organiserDepsOnDynamoDb(db, config, systemClock)));
