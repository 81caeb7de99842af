import type { Announcement } from '../domain/announcement';
import type { Attendance } from '../domain/attendance';
import type { CalendarParty } from '../domain/calendar';
import type { EmailInput, EmailKind, RenderedEmail } from '../domain/email/content';
import type { RawEmail } from '../domain/email/mime';
import { feedbackWindow, feedbackWindowDays, windowState } from '../domain/feedback';
import type { Programme, Registration, Session } from '../domain/model';
import { localToInstant } from '../domain/time';
import { type DomainEvent, type EventOf, newEvent, type SessionMailReason } from '../events/catalogue';
import { type PublishOptions, publishEvents } from '../events/publisher';
import { log } from '../log';
import type { AnnouncementReader } from '../ports/announcements';
import type { Clock } from '../ports/clock';
import type { EventPublisher } from '../ports/event-publisher';
import type { MailLedger } from '../ports/mail-ledger';
import type { MailSender } from '../ports/mail-sender';
import type { RegistrationRepository } from '../ports/registrations';
import type { SessionRepository } from '../ports/sessions';
import type { SuppressionRepository } from '../ports/suppressions';

export interface MailerDeps {
  sessions: SessionRepository;
  registrations: RegistrationRepository;
  suppressions: SuppressionRepository;
  ledger: MailLedger;
  /** Organiser messages, loaded by id when they are mailed (their text never travels on the bus). */
  announcements: AnnouncementReader;
  sender: MailSender;
  /** For the fan-out of session-wide changes. */
  publisher: EventPublisher;
  render: (input: EmailInput) => RenderedEmail;
  compose: (email: RawEmail) => Promise<Buffer>;
  clock: Clock;
  links: {
    manage: (registrationId: string) => string;
    calendar?: (sessionId: string) => string;
    /** The manage page opened on its cancel confirmation ("I can't come" in reminders). */
    cancel?: (registrationId: string) => string;
    /** The feedback page of the registration. */
    feedback?: (registrationId: string) => string;
  };
  /** Attendance as organisers recorded it: a feedback request skips those marked absent. */
  attendance?: { getAttendance(reg: Registration): Promise<Attendance | null> };
  organiser: CalendarParty;
  uidDomain: string;
  /** How long a claim on the ledger holds before another attempt may take over. */
  leaseMs?: number;
  publishOptions?: PublishOptions;
}

/** Another attempt holds the claim right now: try again later (the queue redelivers). */
export class MailInProgress extends Error {
  constructor(readonly entry: string) {
    super(`mail ${entry} is being sent by another attempt`);
    this.name = 'MailInProgress';
  }
}

/** Data that must exist for a registration that does exist: retried, then dead-lettered if it stays missing. */
export class InconsistentData extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InconsistentData';
  }
}

/**
 * A claim's lease. It must outlast one mailer invocation (Lambda timeout, 30 s), so a live attempt
 * is never overtaken, and the mail queue's visibility timeout must be at least this long, so a
 * redelivery after a crash finds the lease expired instead of spending a receive on MailInProgress.
 */
export const DEFAULT_LEASE_MS = 60 * 1000;

const reasonKind: Record<SessionMailReason, EmailKind> = {
  SessionRescheduled: 'session-rescheduled',
  SessionTimeConfirmed: 'session-time-confirmed',
  SessionLocationChanged: 'session-location-changed',
  SessionCancelled: 'session-cancelled',
};

/** A mail to one registrant, before we know whether it should still go. */
export interface MailJob {
  registrationId: string;
  sessionId: string;
  kind: EmailKind;
  /** The ledger's occasion: `once`, `v<session version>` or the duplicate attempt's time. */
  occasion: string;
  previous?: { timing?: Pick<Session, 'date' | 'startTime' | 'endTime'>; location?: Session['location'] };
  /** For kind `announcement` (occasion: its id): the organiser's message and whom it is for. */
  announcement?: Pick<Announcement, 'subject' | 'body' | 'language'>;
}

export type MailOutcome =
  | { result: 'sent'; messageId: string }
  | { result: 'skipped'; why: 'already-sent' | 'suppressed' | 'not-applicable' | 'registration-gone' }
  | { result: 'fanned-out'; requests: number }
  | { result: 'ignored' };

/**
 * Handles one event from the mail queue: a registration event becomes a mail to its holder; a
 * session-wide change fans out to one RegistrantMailRequested per registrant (each then its own
 * queue message with its own retries and dead-lettering).
 */
export async function handleMailEvent(deps: MailerDeps, event: DomainEvent): Promise<MailOutcome> {
  switch (event.name) {
    case 'RegistrationConfirmed':
      return mailRegistrant(deps, { ...event.data, kind: 'registration-confirmed', occasion: 'once' });
    case 'RegistrationWaitlisted':
      return mailRegistrant(deps, { ...event.data, kind: 'registration-waitlisted', occasion: 'once' });
    case 'RegistrationPromoted':
      return mailRegistrant(deps, { ...event.data, kind: 'registration-promoted', occasion: 'once' });
    case 'RegistrationCancelled':
      return mailRegistrant(deps, { ...event.data, kind: 'registration-cancelled', occasion: 'once' });
    case 'DuplicateRegistrationAttempted':
      return mailRegistrant(deps, {
        registrationId: event.data.registrationId,
        sessionId: event.data.sessionId,
        kind: 'already-registered',
        occasion: event.data.attemptedAt,
      });
    case 'SessionRescheduled':
    case 'SessionTimeConfirmed':
    case 'SessionLocationChanged':
    case 'SessionCancelled':
      return fanOut(deps, event);
    case 'ScheduledMailRequested': {
      const d = event.data;
      return mailRegistrant(deps, {
        registrationId: d.registrationId,
        sessionId: d.sessionId,
        kind: d.purpose,
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
    case 'AnnouncementPosted':
      return fanOutAnnouncement(deps, event);
    case 'AnnouncementMailRequested':
      return mailAnnouncement(deps, event.data);
    default:
      return { result: 'ignored' };
  }
}

type SessionWideEvent = EventOf<
  'SessionRescheduled' | 'SessionTimeConfirmed' | 'SessionLocationChanged' | 'SessionCancelled'
>;

async function fanOut(deps: MailerDeps, event: SessionWideEvent): Promise<MailOutcome> {
  const { sessionId, sessionVersion } = event.data;
  const previous =
    event.name === 'SessionRescheduled' || event.name === 'SessionTimeConfirmed'
      ? { timing: event.data.previous }
      : event.name === 'SessionLocationChanged'
        ? { location: event.data.previous }
        : {};
  const registrants = (await deps.registrations.listForSession(sessionId)).filter((r) => r.status !== 'cancelled');
  const requests = registrants.map((r) =>
    newEvent(
      {
        name: 'RegistrantMailRequested',
        data: {
          registrationId: r.id,
          sessionId,
          reason: event.name,
          sessionVersion,
          causationId: event.metadata.eventId,
          previous,
        },
      },
      // Deterministic: a repeated fan-out asks for the same mails, and the ledger sends each once.
      `${event.metadata.eventId}/${r.id}`,
      new Date(event.metadata.occurredAt),
    ),
  );
  if (requests.length) {
    const failed = await publishEvents(deps.publisher, requests, deps.publishOptions);
    if (failed.size > 0) {
      // Redo the whole fan-out: the requests that did go out are harmless repeats.
      throw new Error(`${failed.size} of ${requests.length} mail requests were not accepted by the bus`);
    }
  }
  log('info', 'session change fanned out', { sessionId, sessionVersion, event: event.name, requests: requests.length });
  return { result: 'fanned-out', requests: requests.length };
}

/**
 * Whether a scheduled mail still makes sense at the moment of sending (the dispatcher checked when
 * the schedule fired; a queue message may wait): a reminder until the session starts, a feedback
 * request while feedback is open and not to someone marked absent.
 */
async function scheduledApplicable(
  deps: MailerDeps,
  kind: 'reminder' | 'feedback-request',
  reg: Registration,
  session: Session,
  programme: Programme,
): Promise<boolean> {
  if (reg.status !== 'confirmed' || session.status !== 'scheduled') return false;
  const now = deps.clock.now();
  if (kind === 'reminder') {
    if (session.startTime === null) return false;
    return now.getTime() < localToInstant(session.date, session.startTime, session.timeZone).toMillis();
  }
  if (windowState(feedbackWindow(session, feedbackWindowDays(programme)), now) === 'closed') return false;
  const attendance = deps.attendance ? await deps.attendance.getAttendance(reg) : null;
  return attendance?.present !== false;
}

/** Whether the mail still makes sense now: state may have moved on since the event. */
function applicable(kind: EmailKind, reg: Registration, session: Session): boolean {
  const live = reg.status === 'confirmed' || reg.status === 'waitlisted';
  const scheduled = session.status === 'scheduled';
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
    case 'announcement':
      // The organiser chose to write to this session's registrants, whatever its status.
      return live;
    default:
      return false;
  }
}

function buildInput(
  deps: MailerDeps,
  job: MailJob,
  reg: Registration,
  session: Session,
  programme: EmailInput['programme'],
  waitlistPosition: number | null,
): EmailInput {
  // Links open the pages and calendar files in the reader's language (Dutch is the default).
  const inLanguage = (url: string) =>
    reg.language === 'nl' ? url : `${url}${url.includes('?') ? '&' : '?'}lang=${reg.language}`;
  const base = {
    language: reg.language,
    registration: { name: reg.name, email: reg.email, status: reg.status, waitlistPosition },
    session,
    programme,
    links: {
      manage: inLanguage(deps.links.manage(reg.id)),
      ...(deps.links.calendar ? { calendar: inLanguage(deps.links.calendar(session.id)) } : {}),
    },
    organiser: deps.organiser,
    calendar: { uidDomain: deps.uidDomain, now: deps.clock.now() },
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
    default:
      return { ...base, kind: job.kind };
  }
}

/**
 * One mail to one registrant, sent at most once per (registration, kind, occasion):
 * claim the ledger entry (a conditional write), send, mark it sent.
 *
 * The one window that remains: SES accepted the message, then this attempt died (timeout,
 * crash) before marking the entry sent. After the lease runs out a redelivery claims the entry
 * again and the registrant gets the mail twice. No ledger can close that window without SES
 * taking part in the transaction; the lease keeps it to crashes in the few milliseconds between
 * SES's answer and the ledger write. A send that fails for certain gives its claim back at once.
 */
export async function mailRegistrant(deps: MailerDeps, job: MailJob): Promise<MailOutcome> {
  const entry = `${job.kind}#${job.occasion}`;
  const reg = await deps.registrations.get(job.sessionId, job.registrationId);
  // An erased registration (privacy) has no one left to mail: as good as gone.
  if (!reg || reg.anonymisedAt) {
    log('info', 'mail skipped: registration gone', { registrationId: job.registrationId, kind: job.kind });
    return { result: 'skipped', why: 'registration-gone' };
  }
  if (job.announcement && !reaches(job.announcement, reg)) {
    log('info', 'mail skipped: the message is for another language', { registrationId: reg.id, kind: job.kind });
    return { result: 'skipped', why: 'not-applicable' };
  }
  const session = await deps.sessions.get(job.sessionId);
  if (!session) throw new InconsistentData(`session ${job.sessionId} of registration ${reg.id} not found`);
  const programme = await deps.sessions.getProgramme(session.programmeId);
  if (!programme) throw new InconsistentData(`programme ${session.programmeId} not found`);
  const scheduled = job.kind === 'reminder' || job.kind === 'feedback-request';
  if (
    scheduled
      ? !(await scheduledApplicable(deps, job.kind as 'reminder' | 'feedback-request', reg, session, programme))
      : !applicable(job.kind, reg, session)
  ) {
    log('info', 'mail skipped: no longer applicable', { registrationId: reg.id, kind: job.kind, status: reg.status });
    return { result: 'skipped', why: 'not-applicable' };
  }
  if (await deps.suppressions.isSuppressed(reg.emailHash)) {
    log('info', 'mail skipped: address suppressed', { registrationId: reg.id, kind: job.kind });
    return { result: 'skipped', why: 'suppressed' };
  }
  const waitlistPosition = await deps.registrations.waitlistPosition(reg);

  const now = deps.clock.now();
  const claim = await deps.ledger.claim(reg.id, entry, now, deps.leaseMs ?? DEFAULT_LEASE_MS);
  if (claim === 'already-sent') return { result: 'skipped', why: 'already-sent' };
  if (claim === 'in-progress') throw new MailInProgress(entry);

  let messageId: string;
  try {
    const content = deps.render(buildInput(deps, job, reg, session, programme, waitlistPosition));
    const raw = await deps.compose({
      from: { name: deps.organiser.name, address: deps.organiser.email },
      to: { name: reg.name, address: reg.email },
      subject: content.subject,
      text: content.text,
      html: content.html,
      ...(content.calendar ? { calendar: content.calendar } : {}),
      headers: { 'X-Stadsgesprekken-Mail': `${reg.id}/${entry}` },
      date: now,
    });
    ({ messageId } = await deps.sender.sendRaw({ from: deps.organiser.email, to: reg.email, raw }));
  } catch (e) {
    await deps.ledger.release(reg.id, entry);
    throw e;
  }
  await deps.ledger.markSent(reg.id, entry, messageId, deps.clock.now());
  log('info', 'mail sent', { registrationId: reg.id, kind: job.kind, occasion: job.occasion, messageId });
  return { result: 'sent', messageId };
}

/**
 * An organiser message goes to every live registrant of its session (confirmed and waiting; with a
 * language, only those who chose it), each as its own AnnouncementMailRequested, like the fan-out
 * of a session-wide change.
 */
async function fanOutAnnouncement(deps: MailerDeps, event: EventOf<'AnnouncementPosted'>): Promise<MailOutcome> {
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
  const requests = registrants.map((r) =>
    newEvent(
      {
        name: 'AnnouncementMailRequested',
        data: { registrationId: r.id, sessionId, announcementId, causationId: event.metadata.eventId },
      },
      // Deterministic, as for session changes: a repeated fan-out asks for the same mails.
      `${event.metadata.eventId}/${r.id}`,
      new Date(event.metadata.occurredAt),
    ),
  );
  if (requests.length) {
    const failed = await publishEvents(deps.publisher, requests, deps.publishOptions);
    if (failed.size > 0) {
      throw new Error(`${failed.size} of ${requests.length} announcement mail requests were not accepted by the bus`);
    }
  }
  log('info', 'announcement fanned out', { sessionId, announcementId, requests: requests.length });
  return { result: 'fanned-out', requests: requests.length };
}

/** One registrant's copy of an organiser message; the ledger entry `announcement#<id>` sends it once. */
async function mailAnnouncement(
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

const isLive = (r: Registration) => r.status === 'confirmed' || r.status === 'waitlisted';
const reaches = (a: Pick<Announcement, 'language'>, r: Registration) =>
  a.language === null || a.language === r.language;
