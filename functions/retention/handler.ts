import { createDocumentClient } from '../../shared/adapters/dynamodb/client';
import { readRetentionConfig } from '../../shared/config/env';
import { createMetrics } from '../../shared/metrics';
import { systemClock } from '../../shared/ports/clock';
import { createRetentionHandler } from './create-handler';
import { retentionDeps } from './deps';

const config = readRetentionConfig();
const deps = retentionDeps({
  db: createDocumentClient({ endpoint: config.dynamoDbEndpoint }),
  tables: config,
  clock: systemClock,
});

export const handler = createRetentionHandler(deps, { metrics: createMetrics('retention') });
