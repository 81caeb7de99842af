import { NotFound } from '../../domain/errors';
import type { Registration, Session } from '../../domain/model';
import type { AccessNeedsRepository } from '../../ports/access-needs';
import type { AnnouncementRepository } from '../../ports/announcements';
import type { AuditLog } from '../../ports/audit';
import type { Clock } from '../../ports/clock';
import type { PrivacyRepository } from '../../ports/privacy';
import type { RegistrationRepository } from '../../ports/registrations';
import type { SessionRepository } from '../../ports/sessions';

/** The ports the organiser use cases work with. */
export interface OrganiserDeps {
  sessions: SessionRepository;
  registrations: RegistrationRepository;
  announcements: AnnouncementRepository;
  audit: AuditLog;
  /** Erasure on request, and retention expiries that follow a programme's dates. */
  privacy: PrivacyRepository;
  /** Arranged marks, the counts kept after erasure, the first-timer class kept through it. */
  accessNeeds: AccessNeedsRepository;
  clock: Clock;
}

export async function requireSession(deps: Pick<OrganiserDeps, 'sessions'>, sessionId: string): Promise<Session> {
  const session = await deps.sessions.get(sessionId);
  if (!session) throw new NotFound('session');
  return session;
}

export async function requireRegistration(
  deps: Pick<OrganiserDeps, 'registrations'>,
  registrationId: string,
): Promise<Registration> {
  const registration = await deps.registrations.findById(registrationId);
  if (!registration) throw new NotFound('registration');
  return registration;
}

export async function listSessionsForOrganiser(deps: Pick<OrganiserDeps, 'sessions'>): Promise<Session[]> {
  return (await deps.sessions.list()).sort(
    (a, b) => a.date.localeCompare(b.date) || (a.startTime ?? '').localeCompare(b.startTime ?? ''),
  );
}
