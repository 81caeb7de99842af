import type { Session } from './model';
import { lastMomentOfLocalDay, localToInstant } from './time';

/** When a session ends: its end time, else the end of its day, in its own zone. */
export const sessionEnd = (session: Pick<Session, 'date' | 'timeZone' | 'endTime'>): Date =>
  session.endTime
    ? localToInstant(session.date, session.endTime, session.timeZone)
    : lastMomentOfLocalDay(session.date, session.timeZone);
