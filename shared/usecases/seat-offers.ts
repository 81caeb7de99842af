import { AlreadyRegistered, NotFound } from '../domain/errors';
import type { Registration, Session } from '../domain/model';
import { isRegistrationOpen } from '../domain/session-rules';
import type { Person } from '../ports/people';
import { addSessionsForPerson, findPerson, type PersonLookupDeps } from './people';
import type { ProgrammeRegistrationDeps } from './programme-registration';

/**
 * The seat offered to a follower (the link in their offer mail), as the take-seat page shows it.
 * `registered`: the person already holds a live registration there; `closed`: the session is
 * cancelled or no longer open for registration; `open`: the page's button would take a seat.
 */
export type SeatOffer =
  | { state: 'open'; person: Person; session: Session }
  | {
      state: 'registered';
      person: Person;
      session: Session;
      registration: Registration;
      waitlistPosition: number | null;
    }
  | { state: 'closed'; person: Person; session: Session };

/** What the take-seat page shows; reading it changes nothing (mail scanners follow links). 404 for a session of another programme. */
export async function seatOffer(deps: PersonLookupDeps & { clock: { now(): Date } }, token: string, sessionId: string) {
  const view = await findPerson(deps, token);
  const session = view.sessions.find((s) => s.id === sessionId);
  if (!session) throw new NotFound('session');
  const live = view.registrations.find((r) => r.session.id === sessionId && r.registration.status !== 'cancelled');
  const offer: SeatOffer = live
    ? {
        state: 'registered',
        person: view.person,
        session,
        registration: live.registration,
        waitlistPosition: live.waitlistPosition,
      }
    : session.status === 'scheduled' && isRegistrationOpen(session, deps.clock.now())
      ? { state: 'open', person: view.person, session }
      : { state: 'closed', person: view.person, session };
  return offer;
}

export interface SeatTaken {
  person: Person;
  session: Session;
  registration: Registration;
  waitlistPosition: number | null;
}

/**
 * Takes the offered seat through the session's own capacity and waiting-list transaction, with the
 * details of the person's latest registration (as adding a session on the person page does): a
 * seat, or the waiting list when the session is full. Refused with 409 `already-registered` when
 * the address holds a live registration for the session (so a second POST registers nothing),
 * `registration-closed` / `session-cancelled` when the session is no longer open, 404 for a
 * session outside the person's programme.
 */
export async function takeSeat(deps: ProgrammeRegistrationDeps, token: string, sessionId: string): Promise<SeatTaken> {
  const offer = await seatOffer(deps, token, sessionId);
  if (offer.state === 'registered') throw new AlreadyRegistered(sessionId);
  const { outcomes } = await addSessionsForPerson(deps, token, [sessionId]);
  const outcome = outcomes[0];
  if (!outcome) throw new NotFound('session');
  if ('refusal' in outcome) {
    throw outcome.refusal;
  }
  return {
    person: offer.person,
    session: offer.session,
    registration: outcome.registration,
    waitlistPosition: outcome.waitlistPosition,
  };
}
