import type { Attendance } from '../../domain/attendance';
import type { Organiser } from '../../domain/audit';
import { SessionCancelled } from '../../domain/errors';
import { deriveManageToken, emailKey, hashToken, newRegistrationId } from '../../domain/identity';
import type { Registration } from '../../domain/model';
import type { Language, Role } from '../../domain/schemas';
import { consentFor } from '../consent';
import { recordAudit } from './audit';
import type { CheckInDeps } from './check-in';
import { requireSession } from './deps';

export interface WalkInRequest {
  name: string;
  email: string;
  role: Role;
  organisation?: string | undefined;
  neighbourhood?: string | undefined;
  language: Language;
}

/**
 * Someone who turns up without a registration: registered and checked in in one step. Registration
 * may have closed (it closes before the start) and the session may be full: at the door the
 * organiser decides, so a walk-in gets a seat, the capacity rising by one when none is free. The
 * manage token is derived like any other, so the confirmation mail links it and carries the QR.
 */
export async function registerWalkIn(
  deps: CheckInDeps,
  actor: Organiser,
  sessionId: string,
  request: WalkInRequest,
): Promise<{ registration: Registration; attendance: Attendance }> {
  const session = await requireSession(deps, sessionId);
  if (session.status === 'cancelled') throw new SessionCancelled(sessionId);
  const now = deps.clock.now();
  const at = now.toISOString();
  const id = newRegistrationId();
  const emailHash = emailKey(request.email);
  const consent = await consentFor(deps, session, emailHash);
  const { waitlistPosition: _position, ...placed } = await deps.registrations.place(
    {
      id,
      sessionId,
      name: request.name,
      email: request.email,
      emailHash,
      role: request.role,
      organisation: request.organisation ?? null,
      neighbourhood: request.neighbourhood ?? null,
      language: request.language,
      consentAt: at,
      createdAt: at,
      updatedAt: at,
      ...consent,
      tokenHash: hashToken(deriveManageToken(deps.manageTokenSecret, id)),
    },
    now,
  );
  let registration: Registration = placed;
  if (registration.status === 'waitlisted') {
    registration = (await deps.registrations.promoteByHand(registration, now)).registration;
  }
  const attendance: Attendance = { present: true, recordedAt: at, recordedBy: actor.sub, walkIn: true };
  await deps.registrations.setAttendance(registration, attendance);
  await recordAudit(deps, actor, 'registration.attendance', { sessionId, registrationId: id }, true, null, {
    present: true,
    via: 'walk-in',
  });
  return { registration, attendance };
}
