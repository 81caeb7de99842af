import type { Programme, Session } from './model';
import { localToInstant } from './time';
import { DEFAULT_WAITLIST, type WaitlistSettings } from './waitlist-settings';

export { DEFAULT_WAITLIST, WaitlistSettings, type WaitlistSettingsInput } from './waitlist-settings';

/**
 * The waiting list's end game. Far from the start a freed seat goes straight to the first person
 * waiting (automatic promotion). Inside `offerWithinHours` of the start it is *offered* instead: the
 * seat is held for that person for `offerHours` (never past one hour before the start) and passes to
 * the next person when the offer is not claimed. From `closeHoursBeforeStart` no more offers are
 * made: a seat freed then stays free for the door, and the people still waiting hear so once.
 * Pure: the repository and the dispatcher ask these rules with the session as it is now.
 */

const HOUR = 3_600_000;

/** An offer always ends at least this long before the start, so the one who claims it can still come. */
export const OFFER_END_BEFORE_START_MS = HOUR;

export const waitlistSettingsOf = (programme: Pick<Programme, 'waitlist'> | null): WaitlistSettings => ({
  ...DEFAULT_WAITLIST,
  ...(programme?.waitlist ?? {}),
});

type Timed = Pick<Session, 'date' | 'startTime' | 'timeZone'>;

/** The session's start, or null while its time is to be decided. */
export const sessionStartOf = (s: Timed): Date | null =>
  s.startTime === null ? null : localToInstant(s.date, s.startTime, s.timeZone);

/** What happens to a seat that is freed now while someone waits. */
export type FreedSeat = { kind: 'promote' } | { kind: 'offer'; expiresAt: string } | { kind: 'keep' };

/** When an offer made now ends: `offerHours` from now, but never past one hour before the start. */
export function offerExpiry(start: Date, settings: WaitlistSettings, now: Date): Date {
  return new Date(Math.min(now.getTime() + settings.offerHours * HOUR, start.getTime() - OFFER_END_BEFORE_START_MS));
}

/** The instant after which no more offers are made, or null when the session has no start time. */
export function offersCloseAt(s: Timed, settings: WaitlistSettings): Date | null {
  const start = sessionStartOf(s);
  if (!start) return null;
  const close = start.getTime() - settings.closeHoursBeforeStart * HOUR;
  return new Date(Math.min(close, start.getTime() - OFFER_END_BEFORE_START_MS));
}

/** Whether `now` is inside the offer window (at or after `offerWithinHours` before the start). */
export function insideOfferWindow(s: Timed, settings: WaitlistSettings, now: Date): boolean {
  const start = sessionStartOf(s);
  if (!start || settings.offerWithinHours === 0) return false;
  return now.getTime() >= start.getTime() - settings.offerWithinHours * HOUR;
}

/**
 * What a seat freed at `now` becomes: outside the offer window (or while the start time is to be
 * decided) the first person waiting gets it; inside it, an offer that ends at `offerExpiry`; once
 * offers have closed, nothing (the seat stays free for the door).
 */
export function freedSeatDecision(s: Timed, settings: WaitlistSettings, now: Date): FreedSeat {
  if (!insideOfferWindow(s, settings, now)) return { kind: 'promote' };
  const start = sessionStartOf(s) as Date;
  const close = offersCloseAt(s, settings) as Date;
  if (now.getTime() >= close.getTime()) return { kind: 'keep' };
  return { kind: 'offer', expiresAt: offerExpiry(start, settings, now).toISOString() };
}

/** Whether an offer that ends at `offerExpiresAt` can still be claimed at `now`. */
export const offerIsOpen = (r: { status: string; offerExpiresAt?: string | null }, now: Date): boolean =>
  r.status === 'offered' && typeof r.offerExpiresAt === 'string' && now.getTime() < Date.parse(r.offerExpiresAt);

/** Whether an open offer's time is up (its schedule may pass it on). */
export const offerHasLapsed = (r: { status: string; offerExpiresAt?: string | null }, now: Date): boolean =>
  r.status === 'offered' && typeof r.offerExpiresAt === 'string' && now.getTime() >= Date.parse(r.offerExpiresAt);

/** The one-time schedule that passes an unclaimed offer on: `offer-<registrationId>`. */
export const offerScheduleName = (registrationId: string): string => `offer-${registrationId}`;
