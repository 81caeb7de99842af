import type { HoldRelease, Registration } from '../domain/model';
import type { CancelOutcome } from './registrations';

/**
 * Address confirmation and the holds it ends (shared/domain/holds.ts). The confirmation of an
 * address is recorded once per programme (by the address's hash, never the address itself), so a
 * later registration there needs no second click.
 */
export interface HoldRepository {
  /** When the address was confirmed for the programme, or null. */
  addressConfirmedAt(programmeId: string, emailHash: string): Promise<string | null>;
  /**
   * Records the confirmation (the first instant stays); it lives as long as the registrations'
   * personal data (`expiresAt`, epoch seconds; the longest wins). Returns the instant recorded.
   */
  recordAddressConfirmed(programmeId: string, emailHash: string, at: Date, expiresAt: number | null): Promise<string>;
  /** Every live registration of the address whose seat is only held (any programme: callers filter). */
  heldForAddress(emailHash: string): Promise<Registration[]>;
  /** Ends the hold: the address is confirmed. Null when it was no longer held (confirmed, released, cancelled). */
  confirmHold(reg: Registration, at: string): Promise<Registration | null>;
  /** Releases the seat (to the waiting list) while the hold stands; `changed: false` when it no longer did. */
  release(reg: Registration, now: Date, why: HoldRelease): Promise<CancelOutcome>;
}
