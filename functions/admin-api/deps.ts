import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
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
export function adminApiDeps(db: DynamoDBDocumentClient, tables: TablesConfig, clock: Clock): AdminApiDeps {
  const feedback = createFeedbackRepository(db, tables);
  return {
    feedback,
    participation: feedback,
    sessions: createSessionRepository(db, tables.sessionsTable),
    registrations: createRegistrationRepository(db, tables, { clock }),
    privacy: createPrivacyRepository(db, tables),
    announcements: createAnnouncementRepository(db, tables.sessionsTable),
    audit: createAuditLog(db, tables.sessionsTable),
    clock,
  };
}
