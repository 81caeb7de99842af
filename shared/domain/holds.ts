import type { Programme, Registration, Session } from './model';
import { localToInstant } from './time';

/**
 * Address confirmation. A first registration of an address the programme has not seen confirmed
 * only holds its seat (or waiting place): the status is `confirmed`/`waitlisted` as usual, with
 * `addressConfirmedAt: null` and `holdExpiresAt` set. One click on the link in the confirmation
 * request confirms the address for the whole programme; an unconfirmed hold that expires, or whose
 * request bounces, is released and its seat passes to the waiting list.
 */

const HOUR_MS = 60 * 60 * 1000;
/** The usual hold. */
export const DEFAULT_HOLD_MS = 48 * HOUR_MS;
/** A hold always ends at least this long before the session starts... */
export const HOLD_ENDS_BEFORE_START_MS = 24 * HOUR_MS;
/** ...except for registrations within DEFAULT_HOLD_MS of the start, which get this short hold. */
export const SHORT_HOLD_MS = 2 * HOUR_MS;

export const confirmationRequired = (programme: Pick<Programme, 'addressConfirmation'> | null): boolean =>
  (programme?.addressConfirmation ?? 'required') === 'required';

/** When the session starts; the start of its day while the time is to be decided. */
export const sessionStart = (s: Pick<Session, 'date' | 'startTime' | 'timeZone'>): Date =>
  localToInstant(s.date, s.startTime ?? '00:00', s.timeZone);

/**
 * When a hold made `now` expires: 48 h, but never later than 24 h before the start; registrations
 * within 48 h of the start get 2 h (and never past the start).
 */
export function holdExpiry(session: Pick<Session, 'date' | 'startTime' | 'timeZone'>, now: Date): Date {
  const start = sessionStart(session).getTime();
  const t = now.getTime();
  if (start - t <= DEFAULT_HOLD_MS) return new Date(Math.max(t, Math.min(t + SHORT_HOLD_MS, start)));
  return new Date(Math.min(t + DEFAULT_HOLD_MS, start - HOLD_ENDS_BEFORE_START_MS));
}

/** A live registration whose address is not confirmed yet: its seat or place is only held. */
export const isHeld = (r: Pick<Registration, 'status' | 'holdExpiresAt' | 'addressConfirmedAt'>): boolean =>
  (r.status === 'confirmed' || r.status === 'waitlisted') &&
  typeof r.holdExpiresAt === 'string' &&
  !r.addressConfirmedAt;

/** A held registration whose hold has run out at `now`. */
export const holdHasExpired = (r: Pick<Registration, 'status' | 'holdExpiresAt' | 'addressConfirmedAt'>, now: Date) =>
  isHeld(r) && Date.parse(r.holdExpiresAt as string) <= now.getTime();

/** The name of a hold's one-time schedule (Scheduler names are at most 64 characters; ids are UUIDs). */
export const holdScheduleName = (registrationId: string): string => `hold-${registrationId}`;

/** The one-registration-per-session guard's key of a registration (older ones have no addressHash). */
export const guardHashOf = (r: { emailHash: string; addressHash?: string | undefined }): string =>
  r.addressHash ?? r.emailHash;

/** A registration held without a lookup (`heldUnlessConfirmed`), as it is placed once its address proved confirmed. */
export function confirmedInstead<R extends { holdExpiresAt?: string | null; heldUnlessConfirmed?: unknown }>(
  reg: R,
  confirmedAt: string,
): Omit<R, 'holdExpiresAt' | 'heldUnlessConfirmed'> & { addressConfirmedAt: string } {
  const { holdExpiresAt: _h, heldUnlessConfirmed: _c, ...rest } = reg;
  return { ...rest, addressConfirmedAt: confirmedAt };
}
