import { randomUUID } from 'node:crypto';
import type { AdminSessionCreate, AnnouncementRequest, SessionPatch } from '../../domain/admin-schemas';
import type { Organiser } from '../../domain/audit';
import { Conflict, NotFound, SessionCancelled, ValidationFailed } from '../../domain/errors';
import type { Registration, Session } from '../../domain/model';
import { applySessionPatch, sessionSummary } from '../../domain/session-changes';
import { refreshPersonalDataExpiry } from '../privacy';
import { recordAudit } from './audit';
import { type OrganiserDeps, requireSession } from './deps';

/** Optimistic edits re-read and re-apply this often before giving up on a hot session. */
const EDIT_ATTEMPTS = 5;

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
    offeredCount: 0,
    createdAt: at,
    updatedAt: at,
    ...(input.reminders === undefined ? {} : { reminders: input.reminders }),
  };
  await deps.sessions.create(session);
  await recordAudit(deps, actor, 'session.create', { sessionId: session.id }, true, null, sessionSummary(session));
  // A session after the programme's last one moves its end, and with it the retention period.
  await refreshPersonalDataExpiry(deps, session.programmeId);
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
    // A later date may push the retention period out; stored expiries follow (only ever later).
    if (changed.includes('date')) await refreshPersonalDataExpiry(deps, session.programmeId);
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
