import { type DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { Language } from '../../domain/schemas';

/**
 * Organiser messages to a session's registrants. Stored in the sessions table next to their
 * session, so the stream pipeline picks each one up as an INSERT with `type = 'announcement'`
 * and mails it to the session's live registrants (confirmed and waiting; with `language`, only
 * those who chose it).
 *
 * Key: SESSION#<sessionId> / ANNOUNCEMENT#<createdAt ISO>#<announcementId> (ordered by time).
 */
export const announcementKeys = {
  announcement: (sessionId: string, createdAt: string, announcementId: string) => ({
    pk: `SESSION#${sessionId}`,
    sk: `ANNOUNCEMENT#${createdAt}#${announcementId}`,
  }),
  prefix: 'ANNOUNCEMENT#',
};

export interface Announcement {
  id: string;
  sessionId: string;
  /** The session version the message was written against (for the mail's context). */
  sessionVersion: number;
  subject: string;
  body: string;
  /** Only registrants who chose this language; null = everyone. */
  language: Language | null;
  createdAt: string;
  /** The organiser's `sub`. */
  createdBy: string;
}

export type AnnouncementItem = Announcement & { pk: string; sk: string; type: 'announcement' };

export interface AnnouncementRepository {
  /** Stores a new announcement; ids are fresh UUIDs, so the condition only guards against a key collision. */
  add(a: Announcement): Promise<void>;
}

export function createAnnouncementRepository(db: DynamoDBDocumentClient, tableName: string): AnnouncementRepository {
  return {
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
