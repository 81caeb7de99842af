import { createDocumentClient } from '../../shared/adapters/dynamodb/client';
import { optionalEnv, readTablesConfig } from '../../shared/config/env';
import { createMetrics } from '../../shared/metrics';
import { systemClock } from '../../shared/ports/clock';
import { createRetentionHandler } from './create-handler';
import { retentionDeps } from './deps';

const tables = readTablesConfig();
const deps = retentionDeps({
  db: createDocumentClient({ endpoint: optionalEnv('DYNAMODB_ENDPOINT') }),
  tables,
  clock: systemClock,
});

export const handler = createRetentionHandler(deps, { metrics: createMetrics('retention') });
