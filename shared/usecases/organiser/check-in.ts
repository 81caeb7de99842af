import type { Attendance } from '../../domain/attendance';
import type { Organiser } from '../../domain/audit';
import { registrationIdOfCheckInCode } from '../../domain/check-in-code';
import { Conflict, NotFound, SessionCancelled } from '../../domain/errors';
import type { Registration } from '../../domain/model';
import { recordAudit } from './audit';
import { type OrganiserDeps, requireRegistration, requireSession } from './deps';

export interface CheckInDeps extends OrganiserDeps {
  /**
   * The deployment secret manage tokens are derived from; check-in codes use it with their own
   * label, so the public API, the mailer and this API agree without another secret to deploy.
   */
  manageTokenSecret: string;
}

export type CheckInTarget = { code: string } | { registrationId: string };

export interface CheckInResult {
  registration: Registration;
  attendance: Attendance;
  alreadyCheckedIn: boolean;
}

async function registrationOf(deps: CheckInDeps, target: CheckInTarget): Promise<Registration> {
  const id =
    'code' in target ? registrationIdOfCheckInCode(deps.manageTokenSecret, target.code) : target.registrationId;
  if (id === null) throw new NotFound('check-in code');
  return requireRegistration(deps, id);
}

const attendanceBy = (deps: CheckInDeps, actor: Organiser, present: boolean): Attendance => ({
  present,
  recordedAt: deps.clock.now().toISOString(),
  recordedBy: actor.sub,
});

/**
 * Marks a confirmed registrant present at the door. A repeat (a second scan, an offline queue
 * replayed) changes nothing and says so, so a mark is never counted twice.
 */
export async function checkIn(
  deps: CheckInDeps,
  actor: Organiser,
  sessionId: string,
  target: CheckInTarget,
): Promise<CheckInResult> {
  const registration = await registrationOf(deps, target);
  if (registration.sessionId !== sessionId) {
    throw new Conflict('wrong-session', `This registration is for another session (${registration.sessionId}).`);
  }
  if (registration.status !== 'confirmed') {
    throw new Conflict(
      registration.status === 'cancelled' ? 'registration-cancelled' : 'registration-not-confirmed',
      'Only a confirmed registration can be checked in; promote it from the waiting list first.',
    );
  }
  const previous = await deps.registrations.getAttendance(registration);
  if (previous?.present) return { registration, attendance: previous, alreadyCheckedIn: true };
  const attendance = attendanceBy(deps, actor, true);
  await deps.registrations.setAttendance(registration, attendance);
  await recordAudit(
    deps,
    actor,
    'registration.attendance',
    { sessionId, registrationId: registration.id },
    true,
    { present: previous?.present ?? null },
    { present: true, via: 'check-in' },
  );
  return { registration, attendance, alreadyCheckedIn: false };
}

/** Undoes a check-in: the registration goes back to having no attendance record. Repeating it is harmless. */
export async function undoCheckIn(
  deps: CheckInDeps,
  actor: Organiser,
  sessionId: string,
  registrationId: string,
): Promise<{ registration: Registration; changed: boolean }> {
  const registration = await requireRegistration(deps, registrationId);
  if (registration.sessionId !== sessionId) throw new NotFound('registration');
  const previous = await deps.registrations.getAttendance(registration);
  if (previous) await deps.registrations.clearAttendance(registration);
  await recordAudit(
    deps,
    actor,
    'registration.attendance',
    { sessionId, registrationId },
    previous !== null,
    { present: previous?.present ?? null },
    { present: null, via: 'undo' },
  );
  return { registration, changed: previous !== null };
}

/** When the door closes: every confirmed registrant without a record is recorded absent. */
export async function markRestAbsent(
  deps: CheckInDeps,
  actor: Organiser,
  sessionId: string,
): Promise<{ marked: number; present: number }> {
  const session = await requireSession(deps, sessionId);
  if (session.status === 'cancelled') throw new SessionCancelled(sessionId);
  const rows = await deps.registrations.listWithAttendance(sessionId);
  const unrecorded = rows.filter((r) => r.registration.status === 'confirmed' && r.attendance === null);
  const absent = attendanceBy(deps, actor, false);
  for (const row of unrecorded) await deps.registrations.setAttendance(row.registration, absent);
  await recordAudit(deps, actor, 'registration.attendance', { sessionId }, unrecorded.length > 0, null, {
    markedAbsent: unrecorded.length,
  });
  return { marked: unrecorded.length, present: rows.filter((r) => r.attendance?.present).length };
}
