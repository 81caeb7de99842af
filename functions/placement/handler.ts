import { createDocumentClient } from '../../shared/adapters/dynamodb/client';
import { readPlacementConfig } from '../../shared/config/env';
import { createMetrics } from '../../shared/metrics';
import { systemClock } from '../../shared/ports/clock';
import { createPlacementHandler } from './create-handler';
import { placementDeps } from './deps';

const config = readPlacementConfig();
const deps = placementDeps({
  db: createDocumentClient({ endpoint: config.dynamoDbEndpoint }),
  tables: config,
  clock: systemClock,
});

export const handler = createPlacementHandler(deps, { metrics: createMetrics('placement') });
