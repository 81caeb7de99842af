import type { Session } from './model';
import { endOfLocalDay, localToInstant, localToIso } from './time';

export const startsAt = (s: Pick<Session, 'date' | 'startTime' | 'timeZone'>): string | null =>
  s.startTime === null ? null : localToIso(s.date, s.startTime, s.timeZone);

export const endsAt = (s: Pick<Session, 'date' | 'startTime' | 'endTime' | 'timeZone'>): string | null =>
  s.startTime === null || s.endTime === null ? null : localToIso(s.date, s.endTime, s.timeZone);

/**
 * When registration closes: at the start of the session, or at the end of its day while the
 * time is still to be decided. Stored as epoch milliseconds so DynamoDB conditions can compare.
 */
export function registrationClosesAt(s: Pick<Session, 'date' | 'startTime' | 'timeZone'>): number {
  return s.startTime === null
    ? endOfLocalDay(s.date, s.timeZone).getTime()
    : localToInstant(s.date, s.startTime, s.timeZone).getTime();
}

export function isRegistrationOpen(s: Session, now: Date): boolean {
  return s.status === 'scheduled' && s.registrationOpen && now.getTime() < registrationClosesAt(s);
}

export const seatsLeft = (s: Pick<Session, 'capacity' | 'confirmedCount'>): number | null =>
  s.capacity === null ? null : Math.max(0, s.capacity - s.confirmedCount);

/** True when a new registrant would go on the waiting list (also while others wait: no queue jumping). */
export const isFull = (s: Pick<Session, 'capacity' | 'confirmedCount' | 'waitlistCount'>): boolean =>
  s.capacity !== null && (s.confirmedCount >= s.capacity || s.waitlistCount > 0);
