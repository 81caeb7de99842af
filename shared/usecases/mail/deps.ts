import type { Announcement } from '../../domain/announcement';
import type { Attendance } from '../../domain/attendance';
import type { CalendarParty } from '../../domain/calendar';
import type { EmailInput, EmailKind, RenderedEmail } from '../../domain/email/content';
import type { RawEmail } from '../../domain/email/mime';
import type { Registration, Session } from '../../domain/model';
import type { AccessNeedsRepository } from '../../ports/access-needs';
import type { AnnouncementReader } from '../../ports/announcements';
import type { Clock } from '../../ports/clock';
import type { HoldRepository } from '../../ports/holds';
import type { MailLedger } from '../../ports/mail-ledger';
import type { MailQueuePort } from '../../ports/mail-queue';
import type { MailSender } from '../../ports/mail-sender';
import type { PeopleRepository } from '../../ports/people';
import type { RegistrationRepository } from '../../ports/registrations';
import type { SessionRepository } from '../../ports/sessions';
import type { SuppressionRepository } from '../../ports/suppressions';
import type { EnqueueOptions } from './enqueue';

export interface MailerDeps {
  sessions: SessionRepository;
  registrations: Pick<RegistrationRepository, 'get' | 'waitlistPosition' | 'listForSession' | 'isRegistered'>;
  suppressions: SuppressionRepository;
  ledger: MailLedger;
  /** Organiser messages, loaded by id when they are mailed (their text never travels on the bus). */
  announcements: AnnouncementReader;
  sender: MailSender;
  /** Where the fan-outs put one mail job per registrant. */
  mailQueue: MailQueuePort;
  enqueueOptions?: EnqueueOptions;
  render: (input: EmailInput) => RenderedEmail;
  compose: (email: RawEmail) => Promise<Buffer>;
  clock: Clock;
  links: {
    manage: (registrationId: string) => string;
    calendar?: (sessionId: string) => string;
    /** The manage page opened on its cancel confirmation ("I can't come" in reminders). */
    cancel?: (registrationId: string) => string;
    feedback?: (registrationId: string) => string;
    /** The check-in code a confirmed registrant shows at the door (a QR in confirmation and reminder). */
    checkInCode?: (registrationId: string) => string;
    /** The address-confirmation page (a button that POSTs) for a held registration. */
    confirmAddress?: (registrationId: string) => string;
    /** The page of an offered seat (a button that POSTs the claim). */
    claimOffer?: (registrationId: string) => string;
    /** The public page of a session, to register again. */
    session?: (sessionId: string) => string;
    /** The person page, by the person's id. */
    person?: (personId: string) => string;
    /** The person token in that page's link (derived from the id): the mailer stores its hash when it mails the link. */
    personToken?: (personId: string) => string;
    /** The API's take-seat page of a session for a person (a button that POSTs), in a follower's offer. */
    takeSeat?: (personId: string, sessionId: string) => string;
    /** The organisers' console page of a session (the "to arrange" summary links it). */
    consoleSession?: (sessionId: string) => string;
  };
  /** Holds of unconfirmed addresses: a hard bounce releases them at once (usecases/suppression.ts). */
  holds?: Pick<HoldRepository, 'heldForAddress' | 'release' | 'addressConfirmedAt'>;
  /** People of programme registrations: their confirmations carry the person link, also mailed on request. */
  people?: Pick<PeopleRepository, 'get' | 'addToken' | 'listFollowers'>;
  /** The organisers' arranged marks and kept counts: the "to arrange" summary reads them. */
  accessNeeds?: Pick<AccessNeedsRepository, 'arranged' | 'keptCounts'>;
  /** Attendance as organisers recorded it: a feedback request skips those marked absent. */
  attendance?: { getAttendance(reg: Registration): Promise<Attendance | null> };
  organiser: CalendarParty;
  uidDomain: string;
  /** How long a claim on the ledger holds before another attempt may take over. */
  leaseMs?: number;
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
