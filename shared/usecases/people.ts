import { Conflict, NotFound } from '../domain/errors';
import { hashToken, looksLikeManageToken } from '../domain/identity';
import type { Programme, Registration, Session } from '../domain/model';
import type { SessionChoice } from '../domain/programme-registration-schemas';
import type { RegistrationRequest } from '../domain/schemas';
import type { PeopleRepository, Person } from '../ports/people';
import type { PrivacyRepository } from '../ports/privacy';
import type { RegistrationRepository } from '../ports/registrations';
import type { SessionRepository } from '../ports/sessions';
import {
  chosenSessions,
  type ProgrammeRegistrationDeps,
  placeEach,
  recordOnPerson,
  type SessionOutcome,
  sessionsOfProgramme,
} from './programme-registration';

export interface PersonRegistration {
  registration: Registration;
  session: Session;
  waitlistPosition: number | null;
}

export interface PersonView {
  person: Person;
  programme: Programme;
  /** In session date order; per session the live registration, else the latest cancelled one. */
  registrations: PersonRegistration[];
  /** The programme's sessions, for the page's "add sessions" choice. */
  sessions: Session[];
}

/**
 * What reading a person's view needs, and nothing that writes: the person's calendar feed is served
 * by a function (public-documents) that only reads the tables.
 */
export interface PersonLookupDeps {
  people: Pick<PeopleRepository, 'findByTokenHash'>;
  sessions: Pick<SessionRepository, 'list' | 'getProgramme'>;
  registrations: Pick<RegistrationRepository, 'get' | 'waitlistPosition'>;
  privacy: Pick<PrivacyRepository, 'registrationsOfAddress'>;
}

/** The person a token opens, and which of their registrations (null: all; see registerForProgramme). */
async function personByToken(
  deps: Pick<PersonLookupDeps, 'people'>,
  token: string,
): Promise<{ person: Person; scope: string[] | null }> {
  if (!looksLikeManageToken(token)) throw new NotFound('person');
  const found = await deps.people.findByTokenHash(hashToken(token));
  if (!found) throw new NotFound('person');
  return found;
}

/** Per session the live registration, else the latest one. */
function onePerSession(registrations: Registration[]): Map<string, Registration> {
  const chosen = new Map<string, Registration>();
  for (const r of registrations) {
    const held = chosen.get(r.sessionId);
    const better =
      !held ||
      (held.status === 'cancelled' && r.status !== 'cancelled') ||
      ((held.status === 'cancelled') === (r.status === 'cancelled') && r.createdAt > held.createdAt);
    if (better) chosen.set(r.sessionId, r);
  }
  return chosen;
}

/**
 * Everything of the person in the programme. The registrations made through the programme form or
 * this page are noted on the person (read strongly consistently). Those the address made on
 * single-session forms are found by the address hash, but shown only once the address is
 * confirmed: until then, whoever typed the address first could read what the owner did.
 */
export async function findPerson(deps: PersonLookupDeps, token: string): Promise<PersonView> {
  const { person, scope } = await personByToken(deps, token);
  const [programme, sessions] = await Promise.all([
    deps.sessions.getProgramme(person.programmeId),
    sessionsOfProgramme(deps, person.programmeId),
  ]);
  if (!programme) throw new NotFound('person');
  const inProgramme = new Map(sessions.map((s) => [s.id, s]));
  const inScope = (registrationId: string) => scope === null || scope.includes(registrationId);
  const refs = Object.entries(person.registrations)
    .map(([sessionId, registrationId]) => ({ sessionId, registrationId }))
    .filter((r) => inScope(r.registrationId));
  if (person.addressConfirmedAt !== null && scope === null) {
    const byAddress = await deps.privacy.registrationsOfAddress(person.emailHash);
    refs.push(...byAddress.filter((r) => inProgramme.has(r.sessionId)));
  }
  const unique = [...new Map(refs.map((r) => [r.registrationId, r])).values()];
  const found = await Promise.all(unique.map((r) => deps.registrations.get(r.sessionId, r.registrationId)));
  const mine = onePerSession(
    found.filter(
      (r): r is Registration => r !== null && r.emailHash === person.emailHash && inProgramme.has(r.sessionId),
    ),
  );
  const registrations = await Promise.all(
    sessions
      .filter((s) => mine.has(s.id))
      .map(async (session) => {
        const registration = mine.get(session.id) as Registration;
        return { registration, session, waitlistPosition: await deps.registrations.waitlistPosition(registration) };
      }),
  );
  return { person, programme, registrations, sessions };
}

/** Cancels the person's registration for one session; repeating it is harmless. 404 when they have none there. */
export async function cancelForPerson(
  deps: ProgrammeRegistrationDeps,
  token: string,
  sessionId: string,
): Promise<Registration> {
  const { registrations } = await findPerson(deps, token);
  const entry = registrations.find((r) => r.session.id === sessionId);
  if (!entry) throw new NotFound('registration');
  const outcome = await deps.registrations.cancel(entry.registration, deps.clock.now());
  return outcome.registration;
}

/**
 * More sessions for the person, with the details (name, role, answers, …) of their latest
 * registration in the programme and the consent given there to the programme's notice.
 */
export async function addSessionsForPerson(
  deps: ProgrammeRegistrationDeps,
  token: string,
  choice: SessionChoice,
): Promise<{ view: PersonView; outcomes: SessionOutcome[] }> {
  const view = await findPerson(deps, token);
  const latest = [...view.registrations].sort((a, b) =>
    b.registration.createdAt.localeCompare(a.registration.createdAt),
  )[0];
  if (!latest || latest.registration.name === '') {
    throw new Conflict('no-details', 'Register on the programme form first: there are no details to register with.');
  }
  const r = latest.registration;
  const request: RegistrationRequest = {
    name: r.name,
    email: view.person.email,
    role: r.role,
    organisation: r.organisation ?? undefined,
    neighbourhood: r.neighbourhood ?? undefined,
    area: r.area ?? undefined,
    areaOther: r.areaOther ?? undefined,
    postcode: r.postcode ?? undefined,
    language: view.person.language,
    consent: true,
    ...(r.answers ? { answers: r.answers } : {}),
  };
  const sessions = chosenSessions(view.sessions, choice, deps.clock.now());
  const outcomes = await placeEach(deps, sessions, request);
  const placed = outcomes.flatMap((o) => ('registration' in o ? [o.registration.id] : []));
  await Promise.all([
    recordOnPerson(deps, view.person, null, outcomes),
    deps.people.widenToken(hashToken(token), placed),
  ]);
  return { view, outcomes };
}

/** Turns following the programme on or off. */
export async function setFollowingForPerson(
  deps: ProgrammeRegistrationDeps,
  token: string,
  following: boolean,
): Promise<Person> {
  const { person } = await personByToken(deps, token);
  const updated = await deps.people.setFollowing(person, following, deps.clock.now());
  if (!updated) throw new NotFound('person');
  return updated;
}
