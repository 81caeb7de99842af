import { createDocumentClient } from '../../shared/adapters/dynamodb/client';
import { secretSourceFor } from '../../shared/adapters/secrets/source-for';
import { readPublicDocumentsConfig } from '../../shared/config/env';
import { systemClock } from '../../shared/ports/clock';
import { createPublicDocumentsHandler } from './app';
import { publicDocumentsDeps } from './deps';

// Configuration and the client at module scope: read and checked once per cold start. The tables are
// only read; the one secret is the value CloudFront adds to the requests it forwards (anything else
// reached execute-api directly), fetched once per container by the top-level await.
const config = readPublicDocumentsConfig();
const db = createDocumentClient({ endpoint: config.dynamoDbEndpoint });
const originSecret = config.originSecret ? await secretSourceFor(config.originSecret).secret() : undefined;

export const handler = createPublicDocumentsHandler(publicDocumentsDeps(db, config, systemClock), { originSecret });
