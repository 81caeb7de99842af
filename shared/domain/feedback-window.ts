import type { Programme, Session } from './model';
import { endOfLocalDay, instantToIso, localToInstant, plusLocalDays } from './time';

/**
 * When post-session feedback may be given (feedback.ts has the rest): the window opens when the
 * session ends and closes `feedbackWindowDays` (default 28) calendar days later, at the same local
 * time, so a daylight-saving change in between does not shift it by an hour. A module of its own so
 * that the functions that plan and fire the feedback request carry no feedback schemas.
 */

export const DEFAULT_FEEDBACK_WINDOW_DAYS = 28;

export const feedbackWindowDays = (programme: Pick<Programme, 'feedbackWindowDays'> | null): number =>
  programme?.feedbackWindowDays ?? DEFAULT_FEEDBACK_WINDOW_DAYS;

export type FeedbackWindowState = 'not-open' | 'open' | 'closed';

export interface FeedbackWindow {
  /** ISO 8601 instants with the session zone's offset at that moment. */
  opensAt: string;
  closesAt: string;
}

/**
 * When feedback opens: at the session's end. A session whose time is still to be decided (or that
 * has no end time) has no known end, so feedback opens at the end of its day.
 */
function feedbackOpensAt(s: Pick<Session, 'date' | 'startTime' | 'endTime' | 'timeZone'>): Date {
  return s.startTime !== null && s.endTime !== null
    ? localToInstant(s.date, s.endTime, s.timeZone)
    : endOfLocalDay(s.date, s.timeZone);
}

export function feedbackWindow(
  s: Pick<Session, 'date' | 'startTime' | 'endTime' | 'timeZone'>,
  windowDays: number,
): FeedbackWindow {
  const opens = feedbackOpensAt(s);
  // Calendar days in the session's zone: 17:30 stays 17:30 across a daylight-saving change.
  const closes = plusLocalDays(opens, windowDays, s.timeZone);
  return { opensAt: instantToIso(opens, s.timeZone), closesAt: instantToIso(closes, s.timeZone) };
}

export function windowState(w: FeedbackWindow, now: Date): FeedbackWindowState {
  const t = now.getTime();
  if (t < Date.parse(w.opensAt)) return 'not-open';
  if (t >= Date.parse(w.closesAt)) return 'closed';
  return 'open';
}
