import { randomBytes } from 'node:crypto';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { createAccessNeedsRepository } from '../../shared/adapters/dynamodb/access-needs';
import { createAnnouncementRepository } from '../../shared/adapters/dynamodb/announcements';
import { createAuditLog } from '../../shared/adapters/dynamodb/audit';
import { createFeedbackRepository } from '../../shared/adapters/dynamodb/feedback';
import { createPrivacyRepository } from '../../shared/adapters/dynamodb/privacy';
import { createRegistrationRepository } from '../../shared/adapters/dynamodb/registrations';
import { createSessionRepository } from '../../shared/adapters/dynamodb/sessions';
import type { TablesConfig } from '../../shared/config/env';
import type { AdminApiDeps } from '../../shared/http/admin/deps';
import type { Clock } from '../../shared/ports/clock';

/** The organiser API's ports on DynamoDB: shared by the Lambda handler and the local stack. */
/**
 * `manageTokenSecret` verifies check-in codes and derives walk-ins' manage tokens; without it (tests
 * that never check in by code) a random one stands in, against which no code verifies.
 */
export function adminApiDeps(
  db: DynamoDBDocumentClient,
  tables: TablesConfig,
  clock: Clock,
  manageTokenSecret: string = randomBytes(32).toString('base64url'),
): AdminApiDeps {
  const feedback = createFeedbackRepository(db, tables);
  return {
    feedback,
    participation: feedback,
    sessions: createSessionRepository(db, tables.sessionsTable),
    registrations: createRegistrationRepository(db, tables, { clock }),
    privacy: createPrivacyRepository(db, tables),
    accessNeeds: createAccessNeedsRepository(db, tables),
    announcements: createAnnouncementRepository(db, tables.sessionsTable),
    audit: createAuditLog(db, tables.sessionsTable),
    clock,
    manageTokenSecret,
  };
}
