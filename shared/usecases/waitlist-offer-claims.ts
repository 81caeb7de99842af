import { SessionCancelled } from '../domain/errors';
import type { Registration, Session } from '../domain/model';
import { log } from '../log';
import type { Clock } from '../ports/clock';
import type { RegistrationRepository } from '../ports/registrations';
import type { SessionRepository } from '../ports/sessions';
import { findRegistrationByToken } from './registrations';

/**
 * The registrant's side of an offer from the waiting list (waitlist-offers.ts has the schedule that
 * passes an unclaimed one on): the offer page and the claim, by manage token. A claim is a
 * conditional write that only succeeds while the offer stands and its time is not up, so two
 * claims never both get the seat and a claim that lands before the expiry keeps it.
 */

export interface OfferDeps {
  sessions: SessionRepository;
  registrations: RegistrationRepository;
  clock: Clock;
}

/** The registration and its session, for the offer page: reading it changes nothing. */
export async function offerByToken(
  deps: Pick<OfferDeps, 'sessions' | 'registrations'>,
  token: string,
): Promise<{ registration: Registration; session: Session }> {
  const { registration, session } = await findRegistrationByToken(deps, token);
  return { registration, session };
}

/** Claims the offer: 409 `no-offer` or `session-cancelled`, 410 `offer-expired`; a repeat after a claim is harmless. */
export async function claimOfferByToken(
  deps: OfferDeps,
  token: string,
): Promise<{ registration: Registration; session: Session; claimedNow: boolean }> {
  const { registration, session } = await findRegistrationByToken(deps, token);
  if (session.status === 'cancelled') throw new SessionCancelled(session.id);
  const outcome = await deps.registrations.claimOffer(registration, deps.clock.now());
  if (outcome.changed) log('info', 'offer claimed', { registrationId: registration.id, sessionId: session.id });
  return { registration: outcome.registration, session, claimedNow: outcome.changed };
}
