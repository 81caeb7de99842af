import { createDocumentClient } from '../../shared/adapters/dynamodb/client';
import { createSessionRepository } from '../../shared/adapters/dynamodb/sessions';
import {
  createEventBridgeScheduler,
  createSchedulerClient,
} from '../../shared/adapters/scheduler/eventbridge-scheduler';
import { readPlannerConfig } from '../../shared/config/env';
import { busEventHandler } from '../../shared/events/middleware';
import { systemClock } from '../../shared/ports/clock';
import { planSessionSchedules } from '../../shared/usecases/schedules';

// Configuration and clients at module scope: read and checked once per cold start.
const config = readPlannerConfig();
const deps = {
  sessions: createSessionRepository(createDocumentClient({ endpoint: config.dynamoDbEndpoint }), config.sessionsTable),
  scheduler: createEventBridgeScheduler(createSchedulerClient(), config.scheduler),
  clock: systemClock,
};

/**
 * Bus rule `session-schedules` (SessionPublished, Rescheduled, TimeConfirmed, Cancelled) → the
 * session's reminder and feedback-request schedules created, moved or deleted.
 */
export const handler = busEventHandler(async (event) => {
  await planSessionSchedules(deps, event);
});
