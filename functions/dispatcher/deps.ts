import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { createHoldRepository } from '../../shared/adapters/dynamodb/holds';
import { createRegistrationCanceller } from '../../shared/adapters/dynamodb/registrations';
import { createSessionRepository } from '../../shared/adapters/dynamodb/sessions';
import type { Clock } from '../../shared/ports/clock';
import type { MailQueuePort } from '../../shared/ports/mail-queue';
import type { DispatcherDeps } from '../../shared/usecases/schedules';

export interface DispatcherWiring {
  db: DynamoDBDocumentClient;
  tables: { sessionsTable: string; registrationsTable: string };
  mailQueue: MailQueuePort;
  clock: Clock;
}

export const dispatcherDeps = (w: DispatcherWiring): DispatcherDeps => ({
  sessions: createSessionRepository(w.db, w.tables.sessionsTable),
  registrations: createRegistrationCanceller(w.db, w.tables, { clock: w.clock }),
  holds: createHoldRepository(w.db, w.tables, { clock: w.clock }),
  mailQueue: w.mailQueue,
  clock: w.clock,
});
