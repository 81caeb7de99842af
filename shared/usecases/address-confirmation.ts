import { NotFound } from '../domain/errors';
import { hashToken, looksLikeManageToken } from '../domain/identity';
import type { Registration, Session } from '../domain/model';
import { log } from '../log';
import type { Clock } from '../ports/clock';
import type { HoldRepository } from '../ports/holds';
import type { RegistrationRepository } from '../ports/registrations';
import type { SessionRepository } from '../ports/sessions';

export interface AddressConfirmationDeps {
  sessions: SessionRepository;
  registrations: RegistrationRepository;
  holds: HoldRepository;
  clock: Clock;
}

export interface AddressConfirmationResult {
  /** The registration the link belongs to, as it is now. */
  registration: Registration;
  session: Session;
  /** When the address was confirmed for the programme; null when the hold had been released first. */
  addressConfirmedAt: string | null;
  /** Holds ended by this click (0 on a repeat). */
  confirmedNow: number;
}

/** The registration a confirmation link names, and its session (404 for anything else). */
export async function registrationForConfirmation(
  deps: Pick<AddressConfirmationDeps, 'sessions' | 'registrations'>,
  token: string,
): Promise<{ registration: Registration; session: Session }> {
  if (!looksLikeManageToken(token)) throw new NotFound('registration');
  const registration = await deps.registrations.findByTokenHash(hashToken(token));
  if (!registration || registration.anonymisedAt) throw new NotFound('registration');
  const session = await deps.sessions.get(registration.sessionId);
  if (!session) throw new NotFound('registration');
  return { registration, session };
}

/**
 * One click on the confirmation link (a POST: the GET only shows the button). Records the address
 * as confirmed for the programme and ends every hold of that address in the programme, so one
 * click covers all sessions registered together. Repeating it is harmless: nothing is left to end.
 * A hold already released (expired, bounced) stays released: the seat may have passed on.
 */
export async function confirmAddress(deps: AddressConfirmationDeps, token: string): Promise<AddressConfirmationResult> {
  const { registration, session } = await registrationForConfirmation(deps, token);
  const now = deps.clock.now();
  if (registration.releasedBecause || (registration.status === 'cancelled' && !registration.addressConfirmedAt)) {
    const confirmedAt = await deps.holds.addressConfirmedAt(session.programmeId, registration.emailHash);
    return { registration, session, addressConfirmedAt: confirmedAt, confirmedNow: 0 };
  }
  const addressConfirmedAt = await deps.holds.recordAddressConfirmed(
    session.programmeId,
    registration.emailHash,
    now,
    typeof registration.personalDataExpiresAt === 'number' ? registration.personalDataExpiresAt : null,
  );
  let confirmedNow = 0;
  let current = registration;
  const programmeOf = new Map<string, string | null>([[session.id, session.programmeId]]);
  for (const held of await deps.holds.heldForAddress(registration.emailHash)) {
    if (!programmeOf.has(held.sessionId)) {
      programmeOf.set(held.sessionId, (await deps.sessions.get(held.sessionId))?.programmeId ?? null);
    }
    if (programmeOf.get(held.sessionId) !== session.programmeId) continue;
    const confirmed = await deps.holds.confirmHold(held, now.toISOString());
    if (!confirmed) continue;
    confirmedNow++;
    if (confirmed.id === registration.id) current = confirmed;
  }
  log('info', 'address confirmed', { registrationId: registration.id, holdsEnded: confirmedNow });
  return { registration: current, session, addressConfirmedAt, confirmedNow };
}
