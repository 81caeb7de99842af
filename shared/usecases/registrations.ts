import { parseArea } from '../domain/areas';
import { questionsOf } from '../domain/default-questions';
import { AlreadyRegistered, NotFound, RegistrationClosed, SessionCancelled, ValidationFailed } from '../domain/errors';
import { confirmationRequired, guardHashOf, holdExpiry } from '../domain/holds';
import {
  addressKey,
  deriveManageToken,
  emailKey,
  hashToken,
  looksLikeManageToken,
  newManageToken,
  newRegistrationId,
} from '../domain/identity';
import type { Registration, Session } from '../domain/model';
import { parseRegistrationAnswers } from '../domain/registration-answers';
import type { RegistrationRequest } from '../domain/schemas';
import { isFull, isRegistrationOpen } from '../domain/session-rules';
import type { Clock } from '../ports/clock';
import type { HoldRepository } from '../ports/holds';
import type { PrivacyRepository } from '../ports/privacy';
import { type PlacedRegistration, type RegistrationRepository, SessionChanged } from '../ports/registrations';
import type { ProgrammeReads, SessionRepository } from '../ports/sessions';
import { consentFields } from './consent';
import { addressStateFor } from './holds';

export interface RegistrationDeps {
  sessions: SessionRepository;
  registrations: RegistrationRepository;
  clock: Clock;
  /**
   * When set, manage tokens are derived from the registration id with this secret, so the
   * mailer can put the link in its mails (it must be given the same secret).
   */
  manageTokenSecret?: string;
  /** Consent record, retention, erasure suppression. */
  privacy: PrivacyRepository;
  /** Address confirmation: whether a new registration is confirmed or only held. */
  holds: HoldRepository;
  /**
   * Where registrations read the programme and the session list (they change only with the
   * programme): a per-container cache in the public API; the session repository when unset.
   */
  programmeReads?: ProgrammeReads;
  /**
   * True when registrations go through the placement queue: a programme registration then places
   * its sessions at once instead of one after the other (programme-registration.ts, placeEach).
   */
  placesConcurrently?: boolean;
}

export interface RegistrationResult {
  registration: Registration;
  waitlistPosition: number | null;
  manageToken: string;
  /** True when the honeypot was filled: the caller answers normally but nothing was stored. */
  discarded: boolean;
}

/**
 * Registers someone for a session: a seat when one is free and nobody is waiting, otherwise a
 * place on the waiting list. Capacity is enforced by the repository's transaction, not here;
 * the checks here only give early, precise answers.
 */
export async function registerForSession(
  deps: RegistrationDeps,
  sessionId: string,
  request: RegistrationRequest,
  /** The address's confirmation for the programme when the caller looked it up already (programme registrations). */
  knownAddress?: { addressConfirmedAt: string | null },
): Promise<RegistrationResult> {
  try {
    return await register(deps, sessionId, request, knownAddress, false);
  } catch (e) {
    // Computed from the container's copy of a session edited since (nothing was stored): again, as it is now.
    if (!(e instanceof SessionChanged)) throw e;
    return register(deps, sessionId, request, knownAddress, true);
  }
}

async function register(
  deps: RegistrationDeps,
  sessionId: string,
  request: RegistrationRequest,
  knownAddress: { addressConfirmedAt: string | null } | undefined,
  fresh: boolean,
): Promise<RegistrationResult> {
  const now = deps.clock.now();
  const programmeReads = deps.programmeReads ?? deps.sessions;
  const found = await sessionToRegisterFor(deps, programmeReads, sessionId, now, fresh);
  if (!found) throw new NotFound('session');
  const { session } = found;
  const programme = await programmeReads.getProgramme(session.programmeId);
  const { answers, errors } = parseRegistrationAnswers(questionsOf(programme), request.answers);
  const area = parseArea(programme?.areas, request);
  if (errors.length + area.errors.length > 0) throw new ValidationFailed([...area.errors, ...errors]);

  const at = now.toISOString();
  const id = newRegistrationId();
  const manageToken = deps.manageTokenSecret ? deriveManageToken(deps.manageTokenSecret, id) : newManageToken();
  const base = {
    id,
    sessionId,
    name: request.name,
    email: request.email,
    emailHash: emailKey(request.email),
    addressHash: addressKey(request.email),
    role: request.role,
    organisation: request.organisation ?? null,
    neighbourhood: request.neighbourhood ?? null,
    language: request.language,
    ...(Object.keys(answers).length > 0 ? { answers } : {}),
    ...(programme?.areas ? area.value : {}),
    consentAt: at,
    createdAt: at,
    updatedAt: at,
  };

  if (request.website && request.website.trim() !== '') {
    // A bot filled the hidden field: answer as a real registration would be answered right now (a
    // 409 for an address already registered, a seat, or the next place on a full session's waiting
    // list), so it cannot tell; store nothing and send no mail (no duplicate reminder either).
    if (await deps.registrations.isRegistered(sessionId, base.emailHash)) throw new AlreadyRegistered(sessionId);
    // As the transaction would see the session: its status and counters now.
    const current = await deps.sessions.get(sessionId);
    if (!current) throw new NotFound('session');
    if (current.status === 'cancelled') throw new SessionCancelled(sessionId);
    if (!isRegistrationOpen(current, now)) throw new RegistrationClosed(sessionId);
    const waiting = isFull(current);
    const fake: Registration = {
      ...base,
      status: waiting ? 'waitlisted' : 'confirmed',
      waitlistSeq: waiting ? current.waitlistCount + 1 : null,
      confirmedAt: waiting ? null : at,
      cancelledAt: null,
      promotedFromWaitlist: false,
      ...(confirmationRequired(programme) ? { holdExpiresAt: holdExpiry(session, now).toISOString() } : {}),
    };
    return {
      registration: fake,
      waitlistPosition: waiting ? current.waitlistCount + 1 : null,
      manageToken,
      discarded: true,
    };
  }

  // The notice agreed to and when the personal fields expire (usecases/consent.ts; the programme
  // and the session list come from the container's cache), and whether the address was confirmed
  // for the programme or is held until it is (usecases/holds.ts): unless the caller knows, held,
  // and the placement's transaction checks that the address is not confirmed, so a new address costs
  // no lookup. The consent given here also lifts an earlier erasure's suppression: the mailer does
  // that when it first mails this registration (docs/privacy.md), at no cost here either.
  const consent = await consentFields({ sessions: programmeReads }, session, programme);
  const reg = {
    ...base,
    ...consent,
    ...addressStateFor(session, programme, now, knownAddress),
    // The dates above came from a cached copy: the placement checks that it is still the session's version.
    ...(found.cached ? { sessionVersion: session.version } : {}),
    tokenHash: hashToken(manageToken),
  };
  let placed: PlacedRegistration;
  try {
    placed = await deps.registrations.place(reg, now);
  } catch (e) {
    // The answer stays 409; the stamp on the email guard makes the pipeline remind the holder
    // of their existing link (at most once per quarter of an hour per address and session).
    if (e instanceof AlreadyRegistered) {
      await deps.registrations.recordDuplicateAttempt(sessionId, guardHashOf(base), now);
    }
    throw e;
  }
  const { waitlistPosition, ...registration } = placed;
  return { registration, waitlistPosition, manageToken, discarded: false };
}

export async function findRegistrationByToken(
  deps: Pick<RegistrationDeps, 'registrations' | 'sessions'>,
  token: string,
): Promise<{ registration: Registration; session: Session; waitlistPosition: number | null }> {
  if (!looksLikeManageToken(token)) throw new NotFound('registration');
  const registration = await deps.registrations.findByTokenHash(hashToken(token));
  if (!registration) throw new NotFound('registration');
  const session = await deps.sessions.get(registration.sessionId);
  if (!session) throw new NotFound('session');
  const waitlistPosition = await deps.registrations.waitlistPosition(registration);
  return { registration, session, waitlistPosition };
}

/** Cancels by manage token. Repeating it is harmless; a freed seat goes to the first on the waiting list. */
export async function cancelRegistrationByToken(
  deps: RegistrationDeps,
  token: string,
): Promise<{ registration: Registration; promoted: Registration | null }> {
  const { registration } = await findRegistrationByToken(deps, token);
  const outcome = await deps.registrations.cancel(registration, deps.clock.now());
  return { registration: outcome.registration, promoted: outcome.promoted };
}

/**
 * The session a registration is for: the copy in the list a warm container holds when that says
 * registration is open (the placement's transaction checks status, the switch, the closing time and
 * the seats on the item and refuses as precisely, so a read would answer nothing more), otherwise a
 * consistent read (no list yet, a session newer than the list, or one the list has closed or
 * cancelled: the read says whether that still holds). A container without a list reads that
 * first, as the consent fields need it anyway, and the programmes beside it.
 */
async function sessionToRegisterFor(
  deps: Pick<RegistrationDeps, 'sessions' | 'programmeReads'>,
  reads: ProgrammeReads,
  sessionId: string,
  now: Date,
  /** Read it whatever the list says: the list's copy proved older than the session's last edit. */
  fresh: boolean,
): Promise<{ session: Session; cached: boolean } | null> {
  let held = fresh ? undefined : reads.heldSession?.(sessionId);
  if (!held && !fresh && reads.heldSession) {
    // A cold container reads the list (the consent fields need it anyway), with the programmes
    // beside it, instead of the session and then its programme.
    await (reads.warm ? reads.warm() : reads.list());
    held = reads.heldSession?.(sessionId);
  }
  if (held && isRegistrationOpen(held, now)) return { session: held, cached: true };
  const session = await deps.sessions.get(sessionId);
  if (!session) return null;
  if (session.status === 'cancelled') throw new SessionCancelled(sessionId);
  if (!isRegistrationOpen(session, now)) throw new RegistrationClosed(sessionId);
  return { session, cached: false };
}
