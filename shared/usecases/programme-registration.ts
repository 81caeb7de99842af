import { randomUUID } from 'node:crypto';
import { parseArea } from '../domain/areas';
import { Conflict, DomainError, type FieldError, NotFound, ValidationFailed } from '../domain/errors';
import { confirmationRequired } from '../domain/holds';
import { emailKey, hashToken } from '../domain/identity';
import type { Registration, Session } from '../domain/model';
import { derivePersonToken, newPersonToken } from '../domain/person-token';
import type { ProgrammeRegistrationRequest, SessionChoice } from '../domain/programme-registration-schemas';
import { parseRegistrationAnswers } from '../domain/registration-answers';
import type { RegistrationRequest } from '../domain/schemas';
import { isRegistrationOpen } from '../domain/session-rules';
import type { PeopleRepository, Person } from '../ports/people';
import type { SessionRepository } from '../ports/sessions';
import { type RegistrationDeps, registerForSession } from './registrations';

export interface ProgrammeRegistrationDeps extends RegistrationDeps {
  people: PeopleRepository;
}

/** The outcome for one session: a registration, or the refusal (closed, already registered, …) for it alone. */
export type SessionOutcome =
  | { sessionId: string; registration: Registration; waitlistPosition: number | null; manageToken: string }
  | { sessionId: string; refusal: DomainError };

export interface ProgrammeRegistrationResult {
  outcomes: SessionOutcome[];
  person: Person | null;
  /**
   * The person token, only when this request created the person: otherwise whoever typed the
   * address would get a way into registrations made by someone else. Existing people get their
   * link by mail (in every confirmation).
   */
  personToken: string | null;
}

/** The programme's sessions in date order. */
export async function sessionsOfProgramme(deps: { sessions: Pick<SessionRepository, 'list'> }, programmeId: string) {
  const all = await deps.sessions.list();
  return all
    .filter((s) => s.programmeId === programmeId)
    .sort((a, b) => a.date.localeCompare(b.date) || (a.startTime ?? '').localeCompare(b.startTime ?? ''));
}

/**
 * The sessions a choice names. `"all"`: every session open for registration now. A list: each id
 * must be a session of the programme, once (400 naming `sessions.<i>` otherwise); closed or
 * cancelled ones are kept, so their refusal is reported in their own entry.
 */
export function chosenSessions(programmeSessions: Session[], choice: SessionChoice, now: Date): Session[] {
  if (choice === 'all') {
    const open = programmeSessions.filter((s) => s.status === 'scheduled' && isRegistrationOpen(s, now));
    if (open.length === 0)
      throw new Conflict('registration-closed', 'No session of this programme is open for registration.');
    return open;
  }
  const byId = new Map(programmeSessions.map((s) => [s.id, s]));
  const errors: FieldError[] = [];
  const seen = new Set<string>();
  const chosen: Session[] = [];
  choice.forEach((id, i) => {
    const session = byId.get(id);
    if (seen.has(id)) errors.push({ field: `sessions.${i}`, message: 'is listed twice' });
    else if (!session) errors.push({ field: `sessions.${i}`, message: 'is not a session of this programme' });
    else chosen.push(session);
    seen.add(id);
  });
  if (errors.length > 0) throw new ValidationFailed(errors);
  return chosen;
}

/**
 * Places one registration per session, each through the session's own capacity and waiting-list
 * transaction (registerForSession). A refusal for one session (closed, cancelled, already
 * registered, too busy) is that session's outcome and never undoes the others.
 *
 * Placed directly, one after the other: a burst of programme registrations then puts no more
 * transactions in flight than as many single ones. Through the placement queue
 * (`placesConcurrently`) all at once: each session is its own message group, placed by the
 * consumer one batch at a time whatever the number in flight, and one after the other the waits
 * for the outcomes would add up past the function's time (8 s each at most).
 */
export async function placeEach(
  deps: RegistrationDeps,
  sessions: Session[],
  request: RegistrationRequest,
): Promise<SessionOutcome[]> {
  const known = await addressOfProgramme(deps, sessions, request.email);
  const one = async (s: Session): Promise<SessionOutcome> => {
    try {
      const r = await registerForSession(deps, s.id, request, known);
      return {
        sessionId: s.id,
        registration: r.registration,
        waitlistPosition: r.waitlistPosition,
        manageToken: r.manageToken,
      };
    } catch (e) {
      if (!(e instanceof DomainError) || e instanceof ValidationFailed) throw e;
      return { sessionId: s.id, refusal: e };
    }
  };
  if (!deps.placesConcurrently) {
    const outcomes: SessionOutcome[] = [];
    for (const s of sessions) outcomes.push(await one(s));
    return outcomes;
  }
  // Every placement settles before an error goes up, so none is still running behind the answer.
  const settled = await Promise.allSettled(sessions.map(one));
  const failed = settled.find((r) => r.status === 'rejected');
  if (failed) throw (failed as PromiseRejectedResult).reason;
  return settled.map((r) => (r as PromiseFulfilledResult<SessionOutcome>).value);
}

/**
 * For several sessions of one programme, the address's confirmation for it, looked up once for all
 * of them (each placement would otherwise find it out on its own); undefined when there is one
 * session or the programme asks for no confirmation.
 */
async function addressOfProgramme(
  deps: Pick<RegistrationDeps, 'programmeReads' | 'sessions' | 'holds'>,
  sessions: Session[],
  email: string,
): Promise<{ addressConfirmedAt: string | null } | undefined> {
  const programmeId = sessions[0]?.programmeId;
  if (sessions.length < 2 || programmeId === undefined) return undefined;
  const programme = await (deps.programmeReads ?? deps.sessions).getProgramme(programmeId);
  if (!confirmationRequired(programme)) return undefined;
  return { addressConfirmedAt: await deps.holds.addressConfirmedAt(programmeId, emailKey(email)) };
}

/** The person token for a person: derived with the link secret, else random (and only then new each time). */
export const personTokenFor = (deps: Pick<RegistrationDeps, 'manageTokenSecret'>, person: Pick<Person, 'id'>) =>
  deps.manageTokenSecret ? derivePersonToken(deps.manageTokenSecret, person.id) : newPersonToken();

/** Notes the registrations on the person and keeps the person as long as the longest-kept of them. */
export async function recordOnPerson(
  deps: ProgrammeRegistrationDeps,
  person: Person,
  tokenHash: string | null,
  outcomes: SessionOutcome[],
): Promise<void> {
  const placed = outcomes.flatMap((o) => ('registration' in o ? [o.registration] : []));
  const expiries = placed.flatMap((r) =>
    typeof r.personalDataExpiresAt === 'number' ? [r.personalDataExpiresAt] : [],
  );
  await deps.people.recordRegistrations(
    person,
    tokenHash,
    placed.map((r) => ({ sessionId: r.sessionId, registrationId: r.id })),
    expiries.length > 0 ? Math.max(...expiries) : null,
    deps.clock.now(),
  );
}

/** `POST /programmes/{programmeId}/registrations`. */
export async function registerForProgramme(
  deps: ProgrammeRegistrationDeps,
  programmeId: string,
  request: ProgrammeRegistrationRequest,
): Promise<ProgrammeRegistrationResult> {
  const now = deps.clock.now();
  const programme = await deps.sessions.getProgramme(programmeId);
  if (!programme) throw new NotFound('programme');
  const sessions = chosenSessions(await sessionsOfProgramme(deps, programmeId), request.sessions, now);
  // The programme's own questions are checked once, before any seat is taken: a 400 names the field.
  const { errors } = parseRegistrationAnswers(programme.registrationQuestions ?? [], request.answers);
  const area = parseArea(programme.areas, request);
  if (errors.length + area.errors.length > 0) throw new ValidationFailed([...area.errors, ...errors]);

  const { sessions: _choice, follow, ...single } = request;
  if (request.website && request.website.trim() !== '') {
    // The honeypot: every session answers as it would (registerForSession stores nothing), no person.
    return { outcomes: await placeEach(deps, sessions, single), person: null, personToken: newPersonToken() };
  }

  // The person first, so the confirmation mails (sent from the stream) find it and carry its link.
  const { person, created } = await deps.people.upsert(
    {
      id: randomUUID(),
      programmeId,
      emailHash: emailKey(request.email),
      email: request.email,
      language: request.language,
      following: follow,
    },
    now,
  );
  // The link in the mails (derived from the person) opens everything; the one in this answer, when
  // the person is new, is random and scoped to what this request registered, so whoever typed the
  // address never sees what its owner registers later.
  const mailed = deps.manageTokenSecret ? personTokenFor(deps, person) : null;
  const answered = created ? newPersonToken() : null;
  if (mailed !== null) await deps.people.addToken(person, hashToken(mailed), null);
  const outcomes = await placeEach(deps, sessions, single);
  const placedIds = outcomes.flatMap((o) => ('registration' in o ? [o.registration.id] : []));
  if (answered !== null) await deps.people.addToken(person, hashToken(answered), placedIds);
  await recordOnPerson(deps, person, mailed === null ? null : hashToken(mailed), outcomes);
  return { outcomes, person, personToken: answered };
}
