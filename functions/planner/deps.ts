import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { createSessionRepository } from '../../shared/adapters/dynamodb/sessions';
import type { Clock } from '../../shared/ports/clock';
import type { SchedulerPort } from '../../shared/ports/scheduler';
import type { PlannerDeps } from '../../shared/usecases/schedules';

export interface PlannerWiring {
  db: DynamoDBDocumentClient;
  sessionsTable: string;
  /** EventBridge Scheduler in AWS, the local scheduler in process. */
  scheduler: SchedulerPort;
  clock: Clock;
}

export const plannerDeps = (w: PlannerWiring): PlannerDeps => ({
  sessions: createSessionRepository(w.db, w.sessionsTable),
  scheduler: w.scheduler,
  clock: w.clock,
});
