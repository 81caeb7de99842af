import type { Announcement } from '../../domain/announcement';
import type { EmailKind } from '../../domain/email/content';
import { feedbackWindow, feedbackWindowDays, windowState } from '../../domain/feedback';
import { isHeld } from '../../domain/holds';
import type { Programme, Registration, Session } from '../../domain/model';
import { localToInstant } from '../../domain/time';
import type { MailerDeps } from './deps';

export const isLive = (r: Registration) =>
  r.status === 'confirmed' || r.status === 'waitlisted' || r.status === 'offered';

/** A message with a language is for the registrants who chose that language only. */
export const reaches = (a: Pick<Announcement, 'language'>, r: Registration) =>
  a.language === null || a.language === r.language;

const WAITLIST_KINDS: ReadonlySet<EmailKind> = new Set(['waitlist-offer', 'waitlist-offer-lapsed', 'waitlist-closed']);

/** Whether the mail still makes sense now: state may have moved on since the event. */
export function applicable(kind: EmailKind, reg: Registration, session: Session): boolean {
  const live = isLive(reg);
  const scheduled = session.status === 'scheduled';
  // While the address is unconfirmed only the confirmation request goes: every other mail would
  // carry what the registrant typed (the name) to an address that may not be theirs.
  // The waiting list's own mails carry nothing typed either, so they go to a held registration too.
  if (isHeld(reg) && !WAITLIST_KINDS.has(kind)) return kind === 'address-confirmation' && scheduled;
  switch (kind) {
    case 'registration-confirmed':
    case 'registration-promoted':
      return reg.status === 'confirmed' && scheduled;
    case 'registration-waitlisted':
      return reg.status === 'waitlisted' && scheduled;
    case 'registration-cancelled':
      // When the session itself is off, its cancellation mail says it all.
      return reg.status === 'cancelled' && scheduled;
    case 'already-registered':
      return live && scheduled;
    case 'session-rescheduled':
    case 'session-time-confirmed':
    case 'session-location-changed':
      return live && scheduled;
    case 'session-cancelled':
      return live && !scheduled;
    case 'address-confirmation':
      return false; // only while held (above)
    case 'hold-released':
      return reg.status === 'cancelled' && reg.releasedBecause === 'hold-expired' && scheduled;
    case 'waitlist-offer':
      return reg.status === 'offered' && scheduled;
    case 'waitlist-offer-lapsed':
      return reg.status === 'cancelled' && reg.releasedBecause === 'offer-lapsed' && scheduled;
    case 'waitlist-closed':
      return reg.status === 'waitlisted' && scheduled;
    case 'announcement':
      // The organiser chose to write to this session's registrants, whatever its status.
      return live;
    default:
      return false;
  }
}

/**
 * Whether a scheduled mail still makes sense at the moment of sending (the dispatcher checked when
 * the schedule fired; a queue message may wait): a reminder until the session starts, a feedback
 * request while feedback is open and not to someone marked absent.
 */
export async function scheduledApplicable(
  deps: Pick<MailerDeps, 'clock' | 'attendance'>,
  kind: 'reminder' | 'feedback-request',
  reg: Registration,
  session: Session,
  programme: Programme,
): Promise<boolean> {
  if (reg.status !== 'confirmed' || session.status !== 'scheduled' || isHeld(reg)) return false;
  const now = deps.clock.now();
  if (kind === 'reminder') {
    if (session.startTime === null) return false;
    return now.getTime() < localToInstant(session.date, session.startTime, session.timeZone).getTime();
  }
  if (windowState(feedbackWindow(session, feedbackWindowDays(programme)), now) === 'closed') return false;
  const attendance = deps.attendance ? await deps.attendance.getAttendance(reg) : null;
  return attendance?.present !== false;
}
