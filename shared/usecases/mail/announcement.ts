import type { EventOf } from '../../events/catalogue';
import { log } from '../../log';
import { isLive, reaches } from './applicable';
import type { MailerDeps, MailOutcome } from './deps';
import { fanOut } from './fan-out';
import { mailRegistrant } from './mail-registrant';

/**
 * An organiser message goes to every live registrant of its session (confirmed and waiting; with a
 * language, only those who chose it), each as its own AnnouncementMailRequested.
 */
export async function fanOutAnnouncement(deps: MailerDeps, event: EventOf<'AnnouncementPosted'>): Promise<MailOutcome> {
  const { sessionId, announcementId } = event.data;
  const announcement = await deps.announcements.get(sessionId, announcementId);
  if (!announcement) {
    // Written before its INSERT reached the stream and read consistently, so it was removed since.
    log('warn', 'announcement not mailed: it no longer exists', { sessionId, announcementId });
    return { result: 'skipped', why: 'not-applicable' };
  }
  const registrants = (await deps.registrations.listForSession(sessionId)).filter(
    (r) => isLive(r) && !r.anonymisedAt && reaches(announcement, r),
  );
  return fanOut(
    deps,
    event,
    registrants,
    (r) => ({
      name: 'AnnouncementMailRequested',
      data: { registrationId: r.id, sessionId, announcementId, causationId: event.metadata.eventId },
    }),
    { sessionId, announcementId },
  );
}

/** One registrant's copy of an organiser message; the ledger entry `announcement#<id>` sends it once. */
export async function mailAnnouncement(
  deps: MailerDeps,
  d: EventOf<'AnnouncementMailRequested'>['data'],
): Promise<MailOutcome> {
  const announcement = await deps.announcements.get(d.sessionId, d.announcementId);
  if (!announcement) {
    log('warn', 'announcement not mailed: it no longer exists', d);
    return { result: 'skipped', why: 'not-applicable' };
  }
  return mailRegistrant(deps, {
    registrationId: d.registrationId,
    sessionId: d.sessionId,
    kind: 'announcement',
    occasion: announcement.id,
    announcement: { subject: announcement.subject, body: announcement.body, language: announcement.language },
  });
}
