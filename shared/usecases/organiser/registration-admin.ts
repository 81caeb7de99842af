import type { Organiser } from '../../domain/audit';
import { questionsOf } from '../../domain/default-questions';
import { Conflict } from '../../domain/errors';
import type { Registration, Session } from '../../domain/model';
import type { ErasureRecord } from '../../domain/privacy';
import { answersFor } from '../../domain/registration-answers';
import type { AreaSettings, RegistrationQuestion } from '../../domain/schemas';
import type { RegistrationWithAttendance } from '../../ports/registrations';
import { eraseOnRequest, type OrganiserErasureScope } from '../privacy';
import { sensitiveAnswersExpired } from './access-needs';
import { recordAudit, recordErasure } from './audit';
import { type OrganiserDeps, requireRegistration, requireSession } from './deps';

export interface OrganiserRegistrationRow extends RegistrationWithAttendance {
  waitlistPosition: number | null;
}

/** A session's registrations for organisers, with waiting-list positions and attendance. */
export async function listSessionRegistrations(
  deps: OrganiserDeps,
  sessionId: string,
): Promise<{
  session: Session;
  questions: RegistrationQuestion[];
  areas: AreaSettings | undefined;
  rows: OrganiserRegistrationRow[];
}> {
  const session = await requireSession(deps, sessionId);
  const programme = await deps.sessions.getProgramme(session.programmeId);
  const questions = questionsOf(programme);
  // A week after the session the sensitive answers are gone, whether or not the job has run yet.
  const expired = sensitiveAnswersExpired(session, deps.clock.now());
  const rows = (await deps.registrations.listWithAttendance(sessionId)).map((r) =>
    expired ? { ...r, registration: withoutSensitiveAnswers(r.registration, questions) } : r,
  );
  const waiting = rows
    .filter((r) => r.registration.status === 'waitlisted')
    .sort((a, b) => (a.registration.waitlistSeq ?? 0) - (b.registration.waitlistSeq ?? 0));
  const positions = new Map(waiting.map((r, i) => [r.registration.id, i + 1]));
  return {
    session,
    questions,
    areas: programme?.areas,
    rows: rows.map((r) => ({ ...r, waitlistPosition: positions.get(r.registration.id) ?? null })),
  };
}

function withoutSensitiveAnswers(r: Registration, questions: readonly RegistrationQuestion[]): Registration {
  if (!r.answers) return r;
  return { ...r, answers: answersFor(questions, r.answers, false) };
}

/** The CSV with the sensitive answers is special-category data leaving the system: who asked goes in the audit trail. */
export async function recordSensitiveExport(
  deps: OrganiserDeps,
  actor: Organiser,
  sessionId: string,
  rows: number,
): Promise<void> {
  await recordAudit(deps, actor, 'registration.export-sensitive', { sessionId }, false, null, { rows });
}

export async function recordAttendance(
  deps: OrganiserDeps,
  actor: Organiser,
  registrationId: string,
  present: boolean,
): Promise<RegistrationWithAttendance> {
  const registration = await requireRegistration(deps, registrationId);
  const previous = await deps.registrations.getAttendance(registration);
  const attendance = { present, recordedAt: deps.clock.now().toISOString(), recordedBy: actor.sub };
  await deps.registrations.setAttendance(registration, attendance);
  await recordAudit(
    deps,
    actor,
    'registration.attendance',
    { sessionId: registration.sessionId, registrationId },
    previous?.present !== present,
    { status: registration.status, present: previous?.present ?? null },
    { status: registration.status, present },
  );
  return { registration, attendance };
}

/**
 * Seats a waiting registrant by hand, out of queue order (a speaker, a neighbourhood
 * representative). When the session is full its capacity rises by one, so the confirmed count
 * never exceeds capacity. Promoting someone already confirmed changes nothing.
 */
export async function promoteRegistration(
  deps: OrganiserDeps,
  actor: Organiser,
  registrationId: string,
): Promise<{ registration: Registration; changed: boolean; capacity: number | null }> {
  const registration = await requireRegistration(deps, registrationId);
  const targets = { sessionId: registration.sessionId, registrationId };
  if (registration.status === 'confirmed') {
    await recordAudit(deps, actor, 'registration.promote', targets, false, null, null);
    const session = await requireSession(deps, registration.sessionId);
    return { registration, changed: false, capacity: session.capacity };
  }
  if (registration.status === 'cancelled') {
    throw new Conflict('registration-cancelled', 'A cancelled registration cannot be promoted.');
  }
  const result = await deps.registrations.promoteByHand(registration, deps.clock.now());
  await recordAudit(
    deps,
    actor,
    'registration.promote',
    targets,
    true,
    { status: 'waitlisted', capacity: result.capacityBefore },
    { status: 'confirmed', capacity: result.capacityAfter },
  );
  return { registration: result.registration, changed: true, capacity: result.capacityAfter };
}

/** Removes a registrant: the registration is cancelled and a freed seat goes to the first in line. */
export async function removeRegistration(
  deps: OrganiserDeps,
  actor: Organiser,
  registrationId: string,
): Promise<{ registration: Registration; promoted: Registration | null; changed: boolean }> {
  const registration = await requireRegistration(deps, registrationId);
  const outcome = await deps.registrations.cancel(registration, deps.clock.now());
  await recordAudit(
    deps,
    actor,
    'registration.remove',
    { sessionId: registration.sessionId, registrationId },
    outcome.changed,
    { status: registration.status },
    { status: outcome.registration.status, promotedRegistrationId: outcome.promoted?.id ?? null },
  );
  return outcome;
}

/** Erasure on request by an organiser, noted in the audit trail as well as in the erasure records. */
export async function eraseRegistrationOnRequest(
  deps: OrganiserDeps,
  actor: Organiser,
  registrationId: string,
  scope: OrganiserErasureScope,
): Promise<ErasureRecord> {
  const erasure = await eraseOnRequest(deps, actor.sub, registrationId, scope);
  await recordErasure(deps, actor, erasure);
  return erasure;
}
