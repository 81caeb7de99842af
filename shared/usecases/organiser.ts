import { randomUUID } from 'node:crypto';
import type { AdminSessionCreate, AnnouncementRequest, AuditQuery, SessionPatch } from '../domain/admin-schemas';
import type { AuditAction, AuditTargets, Organiser } from '../domain/audit';
import { Conflict, NotFound, SessionCancelled, ValidationFailed } from '../domain/errors';
import type { Registration, Session } from '../domain/model';
import { type Role, roles } from '../domain/schemas';
import { applySessionPatch, sessionSummary } from '../domain/session-changes';
import type { AnnouncementRepository } from '../ports/announcements';
import type { AuditLog, AuditPage } from '../ports/audit';
import type { Clock } from '../ports/clock';
import type { RegistrationRepository, RegistrationWithAttendance } from '../ports/registrations';
import type { SessionRepository } from '../ports/sessions';

/** The ports the organiser use cases work with. */
export interface OrganiserDeps {
  sessions: SessionRepository;
  registrations: RegistrationRepository;
  announcements: AnnouncementRepository;
  audit: AuditLog;
  clock: Clock;
}

/** Optimistic edits re-read and re-apply this often before giving up on a hot session. */
const EDIT_ATTEMPTS = 5;

async function recordAudit(
  deps: OrganiserDeps,
  actor: Organiser,
  action: AuditAction,
  targets: AuditTargets,
  changed: boolean,
  before: Record<string, unknown> | null,
  after: Record<string, unknown> | null,
): Promise<void> {
  await deps.audit.record({
    id: randomUUID(),
    at: deps.clock.now().toISOString(),
    actor,
    action,
    targets,
    changed,
    before,
    after,
  });
}

const versionMismatch = (current: number) =>
  new Conflict(
    'version-mismatch',
    `The session has changed since you loaded it (it is now at version ${current}); reload and try again.`,
  );

const capacityBelowConfirmed = (confirmed: number) =>
  new Conflict(
    'capacity-below-confirmed',
    `Capacity cannot be lower than the ${confirmed} confirmed registration(s); remove registrations first.`,
  );

async function requireSession(deps: OrganiserDeps, sessionId: string): Promise<Session> {
  const session = await deps.sessions.get(sessionId);
  if (!session) throw new NotFound('session');
  return session;
}

async function requireRegistration(deps: OrganiserDeps, registrationId: string): Promise<Registration> {
  const registration = await deps.registrations.findById(registrationId);
  if (!registration) throw new NotFound('registration');
  return registration;
}

export async function listSessionsForOrganiser(deps: OrganiserDeps): Promise<Session[]> {
  return (await deps.sessions.list()).sort(
    (a, b) => a.date.localeCompare(b.date) || (a.startTime ?? '').localeCompare(b.startTime ?? ''),
  );
}

/** Adds a session to an existing programme, in the programme's time zone, at version 1. */
export async function createSession(
  deps: OrganiserDeps,
  actor: Organiser,
  input: AdminSessionCreate,
): Promise<Session> {
  const programme = await deps.sessions.getProgramme(input.programmeId);
  if (!programme) throw new ValidationFailed([{ field: 'programmeId', message: 'is not an existing programme' }]);
  const at = deps.clock.now().toISOString();
  const session: Session = {
    id: input.id,
    programmeId: programme.id,
    kind: input.kind,
    title: input.title,
    description: input.description ?? null,
    date: input.date,
    startTime: input.startTime,
    endTime: input.endTime,
    timeZone: programme.timeZone,
    location: input.location,
    capacity: input.capacity,
    provisional: input.provisional,
    status: 'scheduled',
    registrationOpen: input.registrationOpen,
    version: 1,
    confirmedCount: 0,
    waitlistCount: 0,
    createdAt: at,
    updatedAt: at,
    ...(input.reminders === undefined ? {} : { reminders: input.reminders }),
  };
  await deps.sessions.create(session);
  await recordAudit(deps, actor, 'session.create', { sessionId: session.id }, true, null, sessionSummary(session));
  return session;
}

export interface SessionEditResult {
  session: Session;
  /** Who got a seat because capacity rose. */
  promoted: Registration[];
  changed: string[];
}

/**
 * Edits a session: reschedule, set or clear times and location, capacity, flags, texts. A request
 * changing anything registrants must hear about raises `version` by exactly one. Raising
 * capacity hands the new seats to the waiting list in order; lowering it below the confirmed
 * count is refused.
 */
export async function editSession(
  deps: OrganiserDeps,
  actor: Organiser,
  sessionId: string,
  patch: SessionPatch,
): Promise<SessionEditResult> {
  for (let attempt = 0; attempt < EDIT_ATTEMPTS; attempt++) {
    const before = await requireSession(deps, sessionId);
    if (before.status === 'cancelled') throw new SessionCancelled(sessionId);
    if (patch.expectedVersion !== undefined && patch.expectedVersion !== before.version) {
      throw versionMismatch(before.version);
    }
    const edit = applySessionPatch(before, patch);
    if (edit.changed.length === 0) {
      await recordAudit(deps, actor, 'session.update', { sessionId }, false, null, null);
      return { session: before, promoted: [], changed: [] };
    }
    const { next, changed, bumpsVersion } = edit;
    if (changed.includes('capacity') && next.capacity !== null && next.capacity < before.confirmedCount) {
      throw capacityBelowConfirmed(before.confirmedCount);
    }
    const at = deps.clock.now().toISOString();
    const saved = await deps.sessions.edit({ before, after: next, changed, bumpsVersion, at });
    if ('refused' in saved) {
      const current = saved.current;
      if (!current) throw new NotFound('session');
      if (current.status === 'cancelled') throw new SessionCancelled(sessionId);
      if (current.version !== before.version) {
        if (patch.expectedVersion !== undefined) throw versionMismatch(current.version);
        continue; // someone else changed it meanwhile: apply the patch to what is there now
      }
      if (changed.includes('capacity') && next.capacity !== null && current.confirmedCount > next.capacity) {
        throw capacityBelowConfirmed(current.confirmedCount);
      }
      continue;
    }

    let promoted: Registration[] = [];
    let session = saved;
    const capacityRose =
      changed.includes('capacity') &&
      (next.capacity === null || (before.capacity !== null && next.capacity > before.capacity));
    if (capacityRose && saved.waitlistCount > 0) {
      promoted = await deps.registrations.fillFreeSeats(sessionId, deps.clock.now());
      if (promoted.length > 0) session = await requireSession(deps, sessionId);
    }
    const fields = [...changed, 'version' as const];
    await recordAudit(deps, actor, 'session.update', { sessionId }, true, sessionSummary(before, fields), {
      ...sessionSummary(saved, fields),
      promotedFromWaitlist: promoted.length,
    });
    return { session, promoted, changed };
  }
  throw new Conflict('edit-contention', 'The session is being changed by others right now; please retry.');
}

/** Cancels a session (status `cancelled`, version + 1). Cancelling a cancelled session changes nothing. */
export async function cancelSession(
  deps: OrganiserDeps,
  actor: Organiser,
  sessionId: string,
  expectedVersion?: number,
): Promise<{ session: Session; changed: boolean }> {
  for (let attempt = 0; attempt < EDIT_ATTEMPTS; attempt++) {
    const before = await requireSession(deps, sessionId);
    if (before.status === 'cancelled') {
      await recordAudit(deps, actor, 'session.cancel', { sessionId }, false, null, null);
      return { session: before, changed: false };
    }
    if (expectedVersion !== undefined && expectedVersion !== before.version) throw versionMismatch(before.version);
    const saved = await deps.sessions.cancel(sessionId, before.version, deps.clock.now().toISOString());
    if ('refused' in saved) {
      if (!saved.current) throw new NotFound('session');
      if (saved.current.status === 'cancelled') continue; // cancelled meanwhile: the next round answers it
      if (expectedVersion !== undefined) throw versionMismatch(saved.current.version);
      continue;
    }
    const fields = ['status', 'version'] as const;
    await recordAudit(
      deps,
      actor,
      'session.cancel',
      { sessionId },
      true,
      sessionSummary(before, fields),
      sessionSummary(saved, fields),
    );
    return { session: saved, changed: true };
  }
  throw new Conflict('edit-contention', 'The session is being changed by others right now; please retry.');
}

export interface OrganiserRegistrationRow extends RegistrationWithAttendance {
  waitlistPosition: number | null;
}

/** A session's registrations for organisers, with waiting-list positions and attendance. */
export async function listSessionRegistrations(
  deps: OrganiserDeps,
  sessionId: string,
): Promise<{ session: Session; rows: OrganiserRegistrationRow[] }> {
  const session = await requireSession(deps, sessionId);
  const rows = await deps.registrations.listWithAttendance(sessionId);
  const waiting = rows
    .filter((r) => r.registration.status === 'waitlisted')
    .sort((a, b) => (a.registration.waitlistSeq ?? 0) - (b.registration.waitlistSeq ?? 0));
  const positions = new Map(waiting.map((r, i) => [r.registration.id, i + 1]));
  return {
    session,
    rows: rows.map((r) => ({ ...r, waitlistPosition: positions.get(r.registration.id) ?? null })),
  };
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

/** Stores a message for all live registrants of a session; the mail pipeline sends it from the stream. */
export async function messageRegistrants(
  deps: OrganiserDeps,
  actor: Organiser,
  sessionId: string,
  request: AnnouncementRequest,
): Promise<{ id: string; createdAt: string }> {
  const session = await requireSession(deps, sessionId);
  const id = randomUUID();
  const createdAt = deps.clock.now().toISOString();
  await deps.announcements.add({
    id,
    sessionId,
    sessionVersion: session.version,
    subject: request.subject,
    body: request.body,
    language: request.language ?? null,
    createdAt,
    createdBy: actor.sub,
  });
  // The text itself stays out of the audit trail: it may name people.
  await recordAudit(deps, actor, 'session.message', { sessionId, announcementId: id }, true, null, {
    language: request.language ?? null,
    subjectLength: request.subject.length,
    bodyLength: request.body.length,
  });
  return { id, createdAt };
}

export interface ParticipationCounts {
  confirmed: number;
  waitlisted: number;
  cancelled: number;
  /** Recorded present. */
  attended: number;
  /** Recorded absent (no record at all counts as neither). */
  absent: number;
}

export interface SessionParticipation extends ParticipationCounts {
  sessionId: string;
  date: string;
  title: Session['title'];
  status: Session['status'];
  capacity: number | null;
  byRole: Record<Role, ParticipationCounts>;
  byNeighbourhood: Record<string, ParticipationCounts>;
}

const zero = (): ParticipationCounts => ({ confirmed: 0, waitlisted: 0, cancelled: 0, attended: 0, absent: 0 });

function count(into: ParticipationCounts, row: RegistrationWithAttendance): void {
  into[row.registration.status]++;
  if (row.registration.status !== 'cancelled' && row.attendance) {
    if (row.attendance.present) into.attended++;
    else into.absent++;
  }
}

/** Label under which registrants who left the neighbourhood empty are counted. */
export const UNSPECIFIED_NEIGHBOURHOOD = '(unspecified)';

/**
 * Per session: confirmed, waiting, cancelled, attended, by role and by neighbourhood.
 * Neighbourhoods are free text: they are grouped ignoring case and spacing, under the first
 * spelling seen.
 */
export async function participationReport(deps: OrganiserDeps): Promise<SessionParticipation[]> {
  const sessions = await listSessionsForOrganiser(deps);
  const out: SessionParticipation[] = [];
  for (const s of sessions) {
    const rows = await deps.registrations.listWithAttendance(s.id);
    const total = zero();
    const byRole = Object.fromEntries(roles.map((r) => [r, zero()])) as Record<Role, ParticipationCounts>;
    const labels = new Map<string, string>();
    const byNeighbourhood: Record<string, ParticipationCounts> = {};
    for (const row of rows) {
      count(total, row);
      count(byRole[row.registration.role], row);
      const raw = row.registration.neighbourhood?.trim().replace(/\s+/g, ' ') ?? '';
      const key = raw === '' ? '' : raw.normalize('NFC').toLocaleLowerCase('nl');
      if (!labels.has(key)) labels.set(key, raw === '' ? UNSPECIFIED_NEIGHBOURHOOD : raw);
      const label = labels.get(key) as string;
      byNeighbourhood[label] ??= zero();
      count(byNeighbourhood[label], row);
    }
    out.push({
      sessionId: s.id,
      date: s.date,
      title: s.title,
      status: s.status,
      capacity: s.capacity,
      ...total,
      byRole,
      byNeighbourhood,
    });
  }
  return out;
}

/** The audit trail of one month (default: the current month, UTC), newest first. */
export async function listAudit(deps: OrganiserDeps, query: AuditQuery): Promise<AuditPage & { month: string }> {
  const month = query.month ?? deps.clock.now().toISOString().slice(0, 7);
  const page = await deps.audit.list(month, query.limit, query.cursor);
  return { month, ...page };
}
