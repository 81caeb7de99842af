import type { EmailKind } from '../../domain/email/content';
import type { EventOf, SessionMailReason } from '../../events/catalogue';
import type { MailerDeps, MailOutcome } from './deps';
import { fanOut } from './fan-out';

export type SessionWideEvent = EventOf<
  'SessionRescheduled' | 'SessionTimeConfirmed' | 'SessionLocationChanged' | 'SessionCancelled'
>;

export const reasonKind: Record<SessionMailReason, EmailKind> = {
  SessionRescheduled: 'session-rescheduled',
  SessionTimeConfirmed: 'session-time-confirmed',
  SessionLocationChanged: 'session-location-changed',
  SessionCancelled: 'session-cancelled',
};

/**
 * A session-wide change is mailed to everyone not cancelled; whether each mail still applies is
 * decided when it is sent. The previous facts travel with each job, so the mail can show what
 * changed even after the session moved on again.
 */
export async function fanOutSessionChange(deps: MailerDeps, event: SessionWideEvent): Promise<MailOutcome> {
  const { sessionId, sessionVersion } = event.data;
  const previous =
    event.name === 'SessionRescheduled' || event.name === 'SessionTimeConfirmed'
      ? { timing: event.data.previous }
      : event.name === 'SessionLocationChanged'
        ? { location: event.data.previous }
        : {};
  const registrants = (await deps.registrations.listForSession(sessionId)).filter((r) => r.status !== 'cancelled');
  return fanOut(
    deps,
    event,
    registrants,
    (r) => ({
      name: 'RegistrantMailRequested',
      data: {
        registrationId: r.id,
        sessionId,
        reason: event.name,
        sessionVersion,
        causationId: event.metadata.eventId,
        previous,
      },
    }),
    { sessionId, sessionVersion },
  );
}
