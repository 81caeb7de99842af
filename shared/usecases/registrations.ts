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
import { describeError, log } from '../log';
import type { Clock } from '../ports/clock';
import type { HoldRepository } from '../ports/holds';
import type { PrivacyRepository } from '../ports/privacy';
import type { PlacedRegistration, RegistrationRepository } from '../ports/registrations';
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
): Promise<RegistrationResult> {
  const now = deps.clock.now();
  const programmeReads = deps.programmeReads ?? deps.sessions;
  const early = startAddressLookup(deps, programmeReads, sessionId, emailKey(request.email));
  const session = await deps.sessions.get(sessionId);
  if (!session) throw new NotFound('session');
  if (session.status === 'cancelled') throw new SessionCancelled(sessionId);
  if (!isRegistrationOpen(session, now)) throw new RegistrationClosed(sessionId);
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
    const waiting = isFull(session);
    const fake: Registration = {
      ...base,
      status: waiting ? 'waitlisted' : 'confirmed',
      waitlistSeq: waiting ? session.waitlistCount + 1 : null,
      confirmedAt: waiting ? null : at,
      cancelledAt: null,
      promotedFromWaitlist: false,
      ...(confirmationRequired(programme) ? { holdExpiresAt: holdExpiry(session, now).toISOString() } : {}),
    };
    return {
      registration: fake,
      waitlistPosition: waiting ? session.waitlistCount + 1 : null,
      manageToken,
      discarded: true,
    };
  }

  // The notice agreed to and when the personal fields expire (usecases/consent.ts), and whether the
  // address was confirmed for the programme before or is held until it is (usecases/holds.ts):
  // independent, so side by side (one round trip before the placement, not two).
  const [consent, address] = await Promise.all([
    consentFields({ sessions: programmeReads }, session, programme),
    addressStateFor(deps, session, programme, base.emailHash, now, early),
  ]);
  // The consent given here lifts an earlier erasure's suppression (usecases/consent.ts). It is
  // sent first and runs beside the placement, so it is done long before the pipeline mails. A
  // placement refused on a race after the checks above leaves it lifted, as the retry would.
  const lifting = liftSuppression(deps, base.emailHash);
  let placed: PlacedRegistration;
  try {
    placed = await deps.registrations.place(
      { ...base, ...consent, ...address, tokenHash: hashToken(manageToken) },
      now,
    );
    await lifting;
  } catch (e) {
    await lifting;
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
 * Where the reader knows the session's programme already (a warm container's session list), the
 * address lookup of address confirmation starts beside the session read instead of after it.
 */
function startAddressLookup(
  deps: Pick<RegistrationDeps, 'holds'>,
  reads: ProgrammeReads,
  sessionId: string,
  emailHash: string,
): { programmeId: string; confirmedAt: Promise<string | null> } | undefined {
  const programmeId = reads.programmeIdOf?.(sessionId);
  if (!programmeId) return undefined;
  const confirmedAt = reads
    .getProgramme(programmeId)
    .then((p) => (confirmationRequired(p) ? deps.holds.addressConfirmedAt(programmeId, emailHash) : null));
  confirmedAt.catch(() => undefined); // a refusal before it is awaited must not leave it unhandled
  return { programmeId, confirmedAt };
}

/**
 * Lifts the suppression; never throws. Failing (after the SDK's own retries) it is logged: the
 * registration stands, and its mails are held back as for a suppressed address until the next
 * registration of that address lifts it.
 */
async function liftSuppression(deps: Pick<RegistrationDeps, 'privacy'>, emailHash: string): Promise<void> {
  try {
    await deps.privacy.liftErasureSuppression(emailHash);
  } catch (e) {
    log('error', 'registration: erasure suppression not lifted', describeError(e));
  }
}
