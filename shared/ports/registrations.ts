import type { Attendance } from '../domain/attendance';
import type { Registration, Release } from '../domain/model';

export interface NewRegistration
  extends Omit<Registration, 'status' | 'waitlistSeq' | 'confirmedAt' | 'cancelledAt' | 'promotedFromWaitlist'> {
  tokenHash: string;
  /**
   * Held (`holdExpiresAt`) without the address having been looked up: the placement's transaction
   * checks that the address has no live confirmation for this programme; when it has one, nothing
   * is stored and the repository places it again as confirmed (`addressConfirmedAt` set).
   */
  heldUnlessConfirmed?: { programmeId: string };
  /**
   * The session version its dates were taken from, when that was a cached copy: the direct
   * placement and the group commit check it on the session item and refuse with SessionChanged
   * when the session was edited since (nothing stored; the use case reads it and tries again).
   */
  sessionVersion?: number;
}

/** A placement refused because the session was edited after the copy it was computed from: nothing was stored. */
export class SessionChanged extends Error {
  override readonly name = 'SessionChanged';
  constructor(readonly sessionId: string) {
    super('the session changed since it was read');
  }
}

/** A registration as placed, with the waiting-list position it held when its write committed. */
export interface PlacedRegistration extends Registration {
  /** 1-based; null when confirmed. */
  waitlistPosition: number | null;
}

export interface CancelOutcome {
  registration: Registration;
  /** The registration that got the freed seat, if any. */
  promoted: Registration | null;
  /** The registration the freed seat is offered to instead, near the start (shared/domain/waitlist.ts). */
  offered?: Registration | null;
  /** False when the registration was already cancelled (a harmless repeat). */
  changed: boolean;
}

export interface CancelOptions {
  /** Only while the registration's hold stands (unconfirmed address): a confirmation that lands first wins. */
  whileHeld?: boolean;
  /** Recorded on the cancelled registration: the system released it. */
  releasedBecause?: Release;
  /** Only an offer from the waiting list whose time is up (the offer's schedule fired): a claim that lands first wins. */
  onlyLapsedOffer?: boolean;
}

export interface OfferClaim {
  registration: Registration;
  /** False when the offer had been claimed already (a harmless repeat). */
  changed: boolean;
}

export interface RegistrationWithAttendance {
  registration: Registration;
  attendance: Attendance | null;
}

export interface HandPromotion {
  registration: Registration;
  /** The session's capacity before and after: it rises by one when no seat was free. */
  capacityBefore: number | null;
  capacityAfter: number | null;
}

/**
 * Registrations, for registrants and organisers alike. Capacity, the waiting-list order and one
 * live registration per address are enforced by the storage's own conditions, not by callers.
 */
export interface RegistrationRepository {
  /**
   * Confirms when a seat is free (and nobody waits), otherwise puts the registration at the end of
   * the waiting list; the position comes from the same write, with no read that grows with the list.
   */
  place(reg: NewRegistration, now: Date): Promise<PlacedRegistration>;
  get(sessionId: string, registrationId: string): Promise<Registration | null>;
  findByTokenHash(tokenHash: string): Promise<Registration | null>;
  findById(registrationId: string): Promise<Registration | null>;
  /** True while the address holds a live (not cancelled) registration for the session: its email guard exists. */
  isRegistered(sessionId: string, emailHash: string): Promise<boolean>;
  /** 1-based position among those still waiting, or null when not waitlisted. */
  waitlistPosition(reg: Registration): Promise<number | null>;
  /** A session's registrations, in registration order. */
  listForSession(sessionId: string): Promise<Registration[]>;
  /** A session's registrations with attendance, in registration order. */
  listWithAttendance(sessionId: string): Promise<RegistrationWithAttendance[]>;
  cancel(reg: Registration, now: Date, options?: CancelOptions): Promise<CancelOutcome>;
  /**
   * Claims the registration's open offer of a seat: confirmed. 409 `no-offer` without one, 410
   * `offer-expired` once its time is up, 409 `session-cancelled`; a repeat after the claim changes nothing.
   */
  claimOffer(reg: Registration, now: Date): Promise<OfferClaim>;
  /** Hands free seats to the waiting list in order (after a capacity increase); returns who got one. */
  fillFreeSeats(sessionId: string, now: Date): Promise<Registration[]>;
  /**
   * Seats a waiting registrant by hand, out of queue order. When no seat is free the session's
   * capacity rises by one in the same transaction, so the confirmed count never exceeds
   * capacity and later cancellations keep passing seats on in queue order.
   */
  promoteByHand(reg: Registration, now: Date): Promise<HandPromotion>;
  /**
   * Stamps a repeated registration attempt on the address's email guard; the stream turns the
   * stamp into a reminder mail. Rate-limited per guard so nobody can be mail-bombed through the
   * form. Returns false when nothing was stamped.
   */
  recordDuplicateAttempt(sessionId: string, emailHash: string, now: Date): Promise<boolean>;
  /** Attendance as organisers recorded it, or null. */
  getAttendance(reg: Pick<Registration, 'sessionId' | 'id'>): Promise<Attendance | null>;
  /** Records attendance; refused with 409 `registration-cancelled` for a cancelled registration. */
  setAttendance(reg: Registration, attendance: Attendance): Promise<void>;
  /** Removes the attendance record (an undone check-in): the registration is neither present nor absent. */
  clearAttendance(reg: Pick<Registration, 'sessionId' | 'id'>): Promise<void>;
}

/** The one reader of attendance, for those that need nothing else of the registrations. */
export type AttendanceReader = Pick<RegistrationRepository, 'getAttendance'>;

/** Every read of registrations (the attendance read aside). */
export type RegistrationReads = Pick<
  RegistrationRepository,
  'get' | 'findByTokenHash' | 'findById' | 'isRegistered' | 'waitlistPosition' | 'listForSession' | 'listWithAttendance'
>;

/** What a function that changes no registration holds: the reads and the attendance read. */
export type RegistrationReader = RegistrationReads & AttendanceReader;

/** The reads and the cancellation (with the freed seat passed on), for a function that changes nothing else. */
export type RegistrationCanceller = RegistrationReads & Pick<RegistrationRepository, 'cancel'>;
