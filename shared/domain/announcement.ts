import type { Language } from './schemas';

/** An organiser's message to a session's registrants (confirmed and waiting). */
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
