import type { DomainEvent } from '../../events/catalogue';
import { mailAccessSummary } from './access-summary';
import { mailAfterConfirmation, mailNewRegistration } from './address-confirmation';
import { fanOutAnnouncement, mailAnnouncement } from './announcement';
import type { MailerDeps, MailOutcome } from './deps';
import { fanOutFollowerOffers, mailFollowerOffer } from './follower-offer';
import { mailRegistrant } from './mail-registrant';
import { mailPersonLink } from './person-link';
import { fanOutSessionChange, reasonKind } from './session-change';

/**
 * One event from the mail queue: a registration event or a mail job becomes a mail to one
 * registrant; a session-wide change or an organiser message fans out to one job per registrant, a
 * new or newly timed session to one offer per follower of its programme.
 */
export async function handleMailEvent(deps: MailerDeps, event: DomainEvent): Promise<MailOutcome> {
  switch (event.name) {
    case 'RegistrationConfirmed':
      return mailNewRegistration(deps, event.data, 'registration-confirmed');
    case 'RegistrationWaitlisted':
      return mailNewRegistration(deps, event.data, 'registration-waitlisted');
    case 'AddressConfirmed':
      return mailAfterConfirmation(deps, event.data);
    case 'HoldReleased':
      return mailRegistrant(deps, { ...event.data, kind: 'hold-released', occasion: 'once' });
    case 'RegistrationPromoted':
      return mailRegistrant(deps, { ...event.data, kind: 'registration-promoted', occasion: 'once' });
    case 'WaitlistOfferMade':
      return mailRegistrant(deps, { ...event.data, kind: 'waitlist-offer', occasion: 'once' });
    case 'WaitlistOfferLapsed':
      return mailRegistrant(deps, { ...event.data, kind: 'waitlist-offer-lapsed', occasion: 'once' });
    case 'RegistrationCancelled':
      return mailRegistrant(deps, { ...event.data, kind: 'registration-cancelled', occasion: 'once' });
    case 'DuplicateRegistrationAttempted':
      return mailRegistrant(deps, {
        registrationId: event.data.registrationId,
        sessionId: event.data.sessionId,
        kind: 'already-registered',
        occasion: event.data.attemptedAt,
      });
    case 'SessionPublished':
      return fanOutFollowerOffers(deps, event);
    case 'SessionTimeConfirmed': {
      // One step, one rule: the registrants' mails and the followers' offers (each job sent once).
      const changed = await fanOutSessionChange(deps, event);
      const offered = await fanOutFollowerOffers(deps, event);
      const requests = (o: MailOutcome) => (o.result === 'fanned-out' ? o.requests : 0);
      return { result: 'fanned-out', requests: requests(changed) + requests(offered) };
    }
    case 'FollowerOfferMailRequested':
      return mailFollowerOffer(deps, event.data);
    case 'SessionRescheduled':
    case 'SessionLocationChanged':
    case 'SessionCancelled':
      return fanOutSessionChange(deps, event);
    case 'ScheduledMailRequested': {
      const d = event.data;
      return mailRegistrant(deps, {
        registrationId: d.registrationId,
        sessionId: d.sessionId,
        kind: d.purpose === 'waitlist-close' ? 'waitlist-closed' : d.purpose,
        occasion: d.occasion,
      });
    }
    case 'RegistrantMailRequested': {
      const d = event.data;
      return mailRegistrant(deps, {
        registrationId: d.registrationId,
        sessionId: d.sessionId,
        kind: reasonKind[d.reason],
        occasion: `v${d.sessionVersion}`,
        previous: d.previous,
      });
    }
    case 'AccessSummaryMailRequested':
      return mailAccessSummary(deps, event.data);
    case 'AnnouncementPosted':
      return fanOutAnnouncement(deps, event);
    case 'PersonLinkRequested':
      return mailPersonLink(deps, event.data);
    case 'AnnouncementMailRequested':
      return mailAnnouncement(deps, event.data);
    default:
      return { result: 'ignored' };
  }
}
