import type { EmailInput } from '../../domain/email/content';
import { anonymousKinds } from '../../domain/email/templates/registry';
import type { Registration, Session } from '../../domain/model';
import type { MailerDeps, MailJob } from './deps';

/** What the templates need for one job: the registrant, the session, the links in their language. */
export function emailInputFor(
  deps: Pick<MailerDeps, 'links' | 'organiser' | 'uidDomain' | 'clock'>,
  job: MailJob,
  reg: Registration,
  session: Session,
  programme: EmailInput['programme'],
  waitlistPosition: number | null,
  /** The person link, for the confirmations of a programme registration. */
  person: string | null = null,
): EmailInput {
  // Links open the pages and calendar files in the reader's language (Dutch is the default).
  const inLanguage = (url: string) =>
    reg.language === 'nl' ? url : `${url}${url.includes('?') ? '&' : '?'}lang=${reg.language}`;
  const base = {
    language: reg.language,
    // A mail to an unconfirmed address carries nothing the registrant typed, the name included.
    registration: {
      name: anonymousKinds.has(job.kind) ? '' : reg.name,
      email: reg.email,
      status: reg.status,
      waitlistPosition,
    },
    session,
    programme,
    links: {
      manage: inLanguage(deps.links.manage(reg.id)),
      ...(deps.links.calendar ? { calendar: inLanguage(deps.links.calendar(session.id)) } : {}),
      ...(person ? { person: inLanguage(person) } : {}),
    },
    organiser: deps.organiser,
    calendar: { uidDomain: deps.uidDomain, now: deps.clock.now() },
    ...(deps.links.checkInCode && reg.status === 'confirmed' ? { checkInCode: deps.links.checkInCode(reg.id) } : {}),
  };
  // "What changed" is shown against the session as registrants last heard of it.
  const previous: Session = {
    ...session,
    ...(job.previous?.timing ?? {}),
    ...(job.previous?.location !== undefined ? { location: job.previous.location } : {}),
  };
  switch (job.kind) {
    case 'announcement':
      if (!job.announcement) throw new Error('an announcement mail without its announcement');
      return { ...base, kind: job.kind, announcement: job.announcement };
    case 'session-rescheduled':
    case 'session-location-changed':
      return { ...base, kind: job.kind, previous };
    case 'session-time-confirmed':
      return { ...base, kind: job.kind, previous };
    case 'reminder': {
      if (!deps.links.calendar || !deps.links.cancel) throw new Error('reminders need the calendar and cancel links');
      return {
        ...base,
        kind: job.kind,
        links: {
          ...base.links,
          calendar: inLanguage(deps.links.calendar(session.id)),
          cancel: inLanguage(deps.links.cancel(reg.id)),
        },
      };
    }
    case 'feedback-request': {
      if (!deps.links.feedback) throw new Error('feedback requests need the feedback link');
      return { ...base, kind: job.kind, links: { ...base.links, feedback: inLanguage(deps.links.feedback(reg.id)) } };
    }
    case 'address-confirmation': {
      if (!deps.links.confirmAddress) throw new Error('the confirmation request needs the confirmation link');
      if (!reg.holdExpiresAt) throw new Error('a confirmation request for a registration without a hold');
      return {
        ...base,
        kind: job.kind,
        holdExpiresAt: reg.holdExpiresAt,
        links: { ...base.links, confirmAddress: inLanguage(deps.links.confirmAddress(reg.id)) },
      };
    }
    case 'waitlist-offer': {
      if (!deps.links.claimOffer) throw new Error('an offer from the waiting list needs the claim link');
      if (!reg.offerExpiresAt) throw new Error('an offer mail for a registration without an offer');
      return {
        ...base,
        kind: job.kind,
        offerExpiresAt: reg.offerExpiresAt,
        links: { ...base.links, claimOffer: inLanguage(deps.links.claimOffer(reg.id)) },
      };
    }
    case 'hold-released':
    case 'waitlist-offer-lapsed':
      return {
        ...base,
        kind: job.kind,
        links: {
          ...base.links,
          ...(deps.links.session ? { session: inLanguage(deps.links.session(session.id)) } : {}),
        },
      };
    default:
      return { ...base, kind: job.kind };
  }
}
