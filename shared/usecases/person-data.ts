import { Forbidden, NotFound } from '../domain/errors';
import { emailKey, hashToken, looksLikeManageToken } from '../domain/identity';
import type { ErasureRecord, PrivacyNotice } from '../domain/privacy';
import type { LocalisedText } from '../domain/schemas';
import type { PeopleRepository, Person } from '../ports/people';
import type { RegistrationRef } from '../ports/privacy';
import {
  eraseForPerson,
  type PrivacyDeps,
  programmeInExport,
  type RegistrationExport,
  registrationExport,
} from './privacy';
import type { ProgrammeRegistrationDeps } from './programme-registration';
import { sessionsOfProgramme } from './programme-registration';

/**
 * Everything held for an address in a programme, on request. Anyone may ask for the person link
 * of an address (`requestPersonLink`): the answer is the same whatever the address, and the mail
 * goes only to a known, confirmed address (usecases/mail/person-link.ts). Through that link — the
 * unscoped person token, which only the address receives — the person exports or erases it all.
 */

/** At most one person-link mail per address and programme in this window. */
export const PERSON_LINK_WINDOW_MS = 10 * 60 * 1000;

export interface PersonDataDeps extends PrivacyDeps, ProgrammeRegistrationDeps {
  people: PeopleRepository;
}

/**
 * Notes the request; nothing is looked up here, so the answer (and its time) tells nothing about
 * the address. The stream turns a new request into PersonLinkRequested for the mailer.
 */
export async function requestPersonLink(
  deps: { people: Pick<PeopleRepository, 'recordLinkRequest'>; clock: { now(): Date } },
  request: { email: string; programmeId: string },
): Promise<void> {
  await deps.people.recordLinkRequest(
    request.programmeId,
    emailKey(request.email),
    deps.clock.now(),
    PERSON_LINK_WINDOW_MS,
  );
}

/** The person an unscoped person token opens; a scoped one (handed to whoever typed the address) may not. */
async function ownerByToken(deps: Pick<PersonDataDeps, 'people'>, token: string): Promise<Person> {
  if (!looksLikeManageToken(token)) throw new NotFound('person');
  const found = await deps.people.findByTokenHash(hashToken(token));
  if (!found) throw new NotFound('person');
  if (found.scope !== null) {
    throw new Forbidden(
      'This link opens only what was registered with it; the link from the mail exports or erases everything.',
    );
  }
  return found.person;
}

/** Every registration of the address in the programme, erased ones left out. */
async function registrationsOfPerson(deps: PersonDataDeps, person: Person) {
  const sessions = await sessionsOfProgramme(deps, person.programmeId);
  const inProgramme = new Map(sessions.map((s) => [s.id, s]));
  const refs: RegistrationRef[] = Object.entries(person.registrations).map(([sessionId, registrationId]) => ({
    sessionId,
    registrationId,
  }));
  refs.push(...(await deps.privacy.registrationsOfAddress(person.emailHash)));
  const unique = [
    ...new Map(refs.filter((r) => inProgramme.has(r.sessionId)).map((r) => [r.registrationId, r])).values(),
  ];
  const found = await Promise.all(unique.map((r) => deps.registrations.get(r.sessionId, r.registrationId)));
  return found
    .filter((r) => r !== null && !r.anonymisedAt && r.emailHash === person.emailHash)
    .map((r) => ({
      registration: r as NonNullable<typeof r>,
      session: inProgramme.get((r as NonNullable<typeof r>).sessionId) as (typeof sessions)[number],
    }))
    .sort(
      (a, b) =>
        a.session.date.localeCompare(b.session.date) ||
        a.registration.createdAt.localeCompare(b.registration.createdAt),
    );
}

export interface PersonDataExport {
  exportedAt: string;
  scope: 'person';
  explanation: string;
  programme: { id: string; title: LocalisedText; privacyNotice: PrivacyNotice | null } | null;
  person: {
    email: string;
    language: string;
    following: boolean;
    addressConfirmedAt: string | null;
    createdAt: string;
    updatedAt: string;
    personalDataErasedAfter: string | null;
  };
  /** Every registration of the address in the programme, cancelled ones included, each as in the per-registration export. */
  registrations: RegistrationExport[];
}

const PERSON_EXPORT_EXPLANATION =
  'All data held for this email address in this programme: the person record and every registration made with it.';

export async function exportForPerson(deps: PersonDataDeps, token: string): Promise<PersonDataExport> {
  const person = await ownerByToken(deps, token);
  const [programme, found, confirmedAt] = await Promise.all([
    deps.sessions.getProgramme(person.programmeId),
    registrationsOfPerson(deps, person),
    deps.holds.addressConfirmedAt(person.programmeId, person.emailHash),
  ]);
  const parts = await Promise.all(
    found.map(async ({ registration, session }) =>
      registrationExport(deps, registration, session, await deps.registrations.waitlistPosition(registration)),
    ),
  );
  const expires = person.personalDataExpiresAt;
  return {
    exportedAt: deps.clock.now().toISOString(),
    scope: 'person',
    explanation: PERSON_EXPORT_EXPLANATION,
    programme: programmeInExport(programme),
    person: {
      email: person.email,
      language: person.language,
      following: person.following,
      addressConfirmedAt: person.addressConfirmedAt ?? confirmedAt,
      createdAt: person.createdAt,
      updatedAt: person.updatedAt,
      personalDataErasedAfter: expires === null ? null : new Date(expires * 1000).toISOString(),
    },
    registrations: parts.filter((p): p is RegistrationExport => p !== null),
  };
}

/**
 * Erases everything of the address in the programme: every registration (future ones cancelled,
 * so their seats go to the waiting list), further mail suppressed, then the person, its links, its
 * follow marker and its address confirmation. The link used stops working.
 */
export async function erasePersonData(deps: PersonDataDeps, token: string): Promise<ErasureRecord> {
  const person = await ownerByToken(deps, token);
  const found = await registrationsOfPerson(deps, person);
  const record = await eraseForPerson(
    deps,
    found.map(({ registration }) => ({ sessionId: registration.sessionId, registrationId: registration.id })),
    person.emailHash,
  );
  await deps.people.erase(person.programmeId, person.emailHash, [hashToken(token)]);
  return record;
}
