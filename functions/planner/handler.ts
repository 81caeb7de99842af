import { createDocumentClient } from '../../shared/adapters/dynamodb/client';
import {
  createEventBridgeScheduler,
  createSchedulerClient,
} from '../../shared/adapters/scheduler/eventbridge-scheduler';
import { readPlannerConfig } from '../../shared/config/env';
import { createMetrics } from '../../shared/metrics';
import { systemClock } from '../../shared/ports/clock';
import { createPlannerHandler } from './create-handler';
import { plannerDeps } from './deps';

const config = readPlannerConfig();
const deps = plannerDeps({
  db: createDocumentClient({ endpoint: config.dynamoDbEndpoint }),
  sessionsTable: config.sessionsTable,
  scheduler: createEventBridgeScheduler(createSchedulerClient(), config.scheduler),
  clock: systemClock,
});

export const handler = createPlannerHandler(deps, { metrics: createMetrics('planner') });
