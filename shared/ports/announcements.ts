import type { Announcement } from '../domain/announcement';

export interface AnnouncementRepository {
  /** Stores a new announcement; ids are fresh UUIDs, so the condition only guards against a key collision. */
  add(a: Announcement): Promise<void>;
}

/** What the mailer needs: the message itself, by the ids its events carry. */
export interface AnnouncementReader {
  /** The announcement, or null when there is none with this id (never written, or removed since). */
  get(sessionId: string, announcementId: string): Promise<Announcement | null>;
}
