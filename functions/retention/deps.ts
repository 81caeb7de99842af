import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { createAccessNeedsRepository } from '../../shared/adapters/dynamodb/access-needs';
import { createPrivacyRepository } from '../../shared/adapters/dynamodb/privacy';
import { createRegistrationReader } from '../../shared/adapters/dynamodb/registrations';
import { createSessionRepository } from '../../shared/adapters/dynamodb/sessions';
import type { Clock } from '../../shared/ports/clock';

export interface RetentionWiring {
  db: DynamoDBDocumentClient;
  tables: { sessionsTable: string; registrationsTable: string };
  clock: Clock;
}

export const retentionDeps = (w: RetentionWiring) => ({
  sessions: createSessionRepository(w.db, w.tables.sessionsTable),
  registrations: createRegistrationReader(w.db, w.tables, { clock: w.clock }),
  privacy: createPrivacyRepository(w.db, w.tables),
  accessNeeds: createAccessNeedsRepository(w.db, w.tables),
  clock: w.clock,
});
