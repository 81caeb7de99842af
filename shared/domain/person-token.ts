import { createHmac, randomBytes } from 'node:crypto';

/**
 * Person tokens open a person's page for one programme: every registration of theirs there, the
 * calendar feed, cancel and add. Same shape as manage tokens (256 bits, base64url); only the
 * hash (`hashToken`) is stored. With the link secret the token is derived from the person's random
 * id, so the mailer, which sees only ids, can put the link in mails; without it, it is random.
 */
export const derivePersonToken = (secret: string, personId: string): string =>
  createHmac('sha256', secret).update(`person:${personId}`, 'utf8').digest('base64url');

export const newPersonToken = (): string => randomBytes(32).toString('base64url');

/** The page a person token opens, and the subscribable feed of the person's sessions. */
export const personUrl = (base: string, token: string) =>
  `${base}/my-programme.html?token=${encodeURIComponent(token)}`;
/** The page opened on the offer of one session: it asks before taking the seat (a link scanner takes nothing). */
export const takeSeatUrl = (base: string, token: string, sessionId: string) =>
  `${personUrl(base, token)}&take=${encodeURIComponent(sessionId)}`;
/** The API's take-seat page of one session (a follower's offer): its GET shows a button, only the POST takes the seat. */
export const takeSeatPath = (token: string, sessionId: string) =>
  `/people/${encodeURIComponent(token)}/offers/${encodeURIComponent(sessionId)}`;
export const personCalendarPath = (token: string) => `/people/${encodeURIComponent(token)}/calendar.ics`;
