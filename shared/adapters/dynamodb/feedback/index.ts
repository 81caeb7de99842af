import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Feedback } from '../../../domain/feedback';
import type { FeedbackRepository, ParticipationReader, SessionParticipation } from '../../../ports/feedback';
import { queryAll } from '../query';
import { attendanceOf } from '../registrations/items';
import { feedbackKeys, fromFeedbackItem } from './items';
import { feedbackSaver, getFeedback } from './save';

export { feedbackKeys } from './items';

export interface FeedbackRepositoryOptions {
  maxAttempts?: number;
  /**
   * Only for the concurrency test's control variant, which must see a double submit counted as two
   * first submissions when the create condition is off. Production code never sets it.
   */
  createGuard?: boolean;
}

/** Feedback items, next to the registrations in the session's partition, and the session's participation. */
export function createFeedbackRepository(
  db: DynamoDBDocumentClient,
  tables: { registrationsTable: string },
  options: FeedbackRepositoryOptions = {},
): FeedbackRepository & ParticipationReader {
  const table = tables.registrationsTable;
  return {
    get: (sessionId, registrationId) => getFeedback(db, table, sessionId, registrationId),

    save: feedbackSaver(db, table, {
      maxAttempts: options.maxAttempts ?? 25,
      createGuard: options.createGuard ?? true,
    }),

    async listForSession(sessionId) {
      const out: Feedback[] = [];
      const items = await queryAll(db, {
        TableName: table,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :fb)',
        ExpressionAttributeValues: { ':pk': `SESSION#${sessionId}`, ':fb': feedbackKeys.prefix },
        ConsistentRead: true,
      });
      for (const item of items) out.push(fromFeedbackItem(item));
      return out;
    },

    async participation(sessionId) {
      const result: SessionParticipation = { confirmed: 0, attendanceRecorded: false, present: 0 };
      const items = await queryAll(db, {
        TableName: table,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :reg)',
        ExpressionAttributeValues: { ':pk': `SESSION#${sessionId}`, ':reg': 'REG#' },
        ProjectionExpression: '#status, attendance',
        ExpressionAttributeNames: { '#status': 'status' },
      });
      for (const item of items) {
        if (item.status !== 'confirmed') continue;
        result.confirmed++;
        const a = attendanceOf(item);
        if (a) result.attendanceRecorded = true;
        if (a?.present) result.present++;
      }
      return result;
    },
  };
}
