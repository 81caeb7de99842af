import { type DynamoDBDocumentClient, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { Announcement } from '../../domain/announcement';
import type { AnnouncementReader, AnnouncementRepository } from '../../ports/announcements';

/**
 * Organiser messages to a session's registrants. Stored in the sessions table next to their
 * session, so the stream pipeline picks each one up as an INSERT with `type = 'announcement'`
 * and mails it to the session's live registrants (confirmed and waiting; with `language`, only
 * those who chose it).
 *
 * Key: SESSION#<sessionId> / ANNOUNCEMENT#<createdAt ISO>#<announcementId> (ordered by time).
 */
export const announcementKeys = {
  /** The partition of a session's announcements (shared with the session item itself). */
  partition: (sessionId: string) => `SESSION#${sessionId}`,
  announcement: (sessionId: string, createdAt: string, announcementId: string) => ({
    pk: announcementKeys.partition(sessionId),
    sk: `ANNOUNCEMENT#${createdAt}#${announcementId}`,
  }),
  prefix: 'ANNOUNCEMENT#',
};

export type AnnouncementItem = Announcement & { pk: string; sk: string; type: 'announcement' };

const fromAnnouncementItem = (item: Record<string, unknown>): Announcement => {
  const i = item as unknown as AnnouncementItem;
  return {
    id: i.id,
    sessionId: i.sessionId,
    sessionVersion: i.sessionVersion,
    subject: i.subject,
    body: i.body,
    language: i.language ?? null,
    createdAt: i.createdAt,
    createdBy: i.createdBy,
  };
};

export function createAnnouncementRepository(
  db: DynamoDBDocumentClient,
  tableName: string,
): AnnouncementRepository & AnnouncementReader {
  return {
    async get(sessionId, announcementId) {
      // The sort key starts with the creation time, which the events leave out (ids only), so
      // the session's announcements are read in order and filtered on the id: a handful per
      // session, within one page as a rule; the loop covers the rest.
      let ExclusiveStartKey: Record<string, unknown> | undefined;
      do {
        const r = await db.send(
          new QueryCommand({
            TableName: tableName,
            KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
            FilterExpression: '#id = :id',
            ExpressionAttributeNames: { '#id': 'id' },
            ExpressionAttributeValues: {
              ':pk': announcementKeys.partition(sessionId),
              ':prefix': announcementKeys.prefix,
              ':id': announcementId,
            },
            ConsistentRead: true,
            ExclusiveStartKey,
          }),
        );
        const found = r.Items?.[0];
        if (found) return fromAnnouncementItem(found);
        ExclusiveStartKey = r.LastEvaluatedKey;
      } while (ExclusiveStartKey);
      return null;
    },
    async add(a) {
      const item: AnnouncementItem = {
        ...a,
        ...announcementKeys.announcement(a.sessionId, a.createdAt, a.id),
        type: 'announcement',
      };
      await db.send(
        new PutCommand({ TableName: tableName, Item: item, ConditionExpression: 'attribute_not_exists(pk)' }),
      );
    },
  };
}
