import { createDocumentClient } from '../../shared/adapters/dynamodb/client';
import { readPublicDocumentsConfig } from '../../shared/config/env';
import { systemClock } from '../../shared/ports/clock';
import { createPublicDocumentsHandler } from './app';
import { publicDocumentsDeps } from './deps';

// Configuration and the client at module scope: read and checked once per cold start. The session
// table is only read; no secret is needed.
const config = readPublicDocumentsConfig();
const db = createDocumentClient({ endpoint: config.dynamoDbEndpoint });

export const handler = createPublicDocumentsHandler(publicDocumentsDeps(db, config, systemClock));
