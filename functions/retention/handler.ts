import { createDocumentClient } from '../../shared/adapters/dynamodb/client';
import { optionalEnv, readTablesConfig } from '../../shared/config/env';
import { createMetrics } from '../../shared/metrics';
import { systemClock } from '../../shared/ports/clock';
import { createRetentionHandler } from './create-handler';
import { retentionDeps } from './deps';

// Configuration and clients at module scope: read and checked once per cold start.
const tables = readTablesConfig();
const deps = retentionDeps({
  db: createDocumentClient({ endpoint: optionalEnv('DYNAMODB_ENDPOINT') }),
  tables,
  clock: systemClock,
});

export const handler = createRetentionHandler(deps, { metrics: createMetrics('retention') });
