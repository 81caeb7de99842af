import type { SESClient } from '@aws-sdk/client-ses';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { createAccessNeedsRepository } from '../../shared/adapters/dynamodb/access-needs';
import { createAnnouncementRepository } from '../../shared/adapters/dynamodb/announcements';
import { createHoldRepository } from '../../shared/adapters/dynamodb/holds';
import { createMailLedger } from '../../shared/adapters/dynamodb/mail-ledger';
import { createPeopleRepository } from '../../shared/adapters/dynamodb/people';
import { createRegistrationReader } from '../../shared/adapters/dynamodb/registrations';
import { createSessionRepository } from '../../shared/adapters/dynamodb/sessions';
import { createSuppressionRepository } from '../../shared/adapters/dynamodb/suppressions';
import { rateLimitedSender, TokenBucket } from '../../shared/adapters/ses/rate-limit';
import { createSesSender } from '../../shared/adapters/ses/sender';
import type { CalendarParty } from '../../shared/domain/calendar';
import { checkInCode } from '../../shared/domain/check-in-code';
import { renderEmail } from '../../shared/domain/email/content';
import { composeRawEmail } from '../../shared/domain/email/mime';
import { deriveFeedbackToken, deriveManageToken } from '../../shared/domain/identity';
import { cancelUrl, feedbackUrl, manageUrl } from '../../shared/domain/links';
import { derivePersonToken, personUrl, takeSeatPath } from '../../shared/domain/person-token';
import type { Clock } from '../../shared/ports/clock';
import type { MailQueuePort } from '../../shared/ports/mail-queue';
import type { MailSender } from '../../shared/ports/mail-sender';
import type { MailerDeps } from '../../shared/usecases/mail/deps';

/** What the mailer is built from, in Lambda (functions/mailer/handler.ts) and locally (local/pipeline.ts). */
export interface MailerWiring {
  db: DynamoDBDocumentClient;
  tables: { sessionsTable: string; registrationsTable: string };
  sender: MailSender;
  mailQueue: MailQueuePort;
  clock: Clock;
  publicBaseUrl: string;
  /** Where the API answers (the calendar link in reminders); the web pages' base when absent. */
  publicApiUrl?: string | undefined;
  manageTokenSecret: string;
  organiser: CalendarParty;
  uidDomain: string;
  leaseMs?: number;
}

/**
 * Longest a send waits for a token before its message goes back to the queue. One token is at most
 * 1 / MAIL_SEND_RATE seconds away for the first in line, so this only trips at very low rates,
 * keeping a batch of ten inside the 30 s timeout.
 */
export const MAX_TOKEN_WAIT_MS = 2_500;

/**
 * SES behind this instance's token bucket: its share of the SES quota (MAIL_SEND_RATE × the event
 * source's maxConcurrency ≤ quota). The bucket is returned too, for the local stack to show.
 */
export function rateLimitedSesSender(
  ses: Pick<SESClient, 'send'>,
  opts: { ratePerSecond: number; configurationSet?: string | undefined; retryBaseDelayMs?: number },
): { sender: MailSender; bucket: TokenBucket } {
  const bucket = new TokenBucket({ ratePerSecond: opts.ratePerSecond });
  const direct = createSesSender(ses, {
    configurationSet: opts.configurationSet,
    ...(opts.retryBaseDelayMs === undefined ? {} : { baseDelayMs: opts.retryBaseDelayMs }),
  });
  return { sender: rateLimitedSender(direct, bucket, MAX_TOKEN_WAIT_MS), bucket };
}

/** The mailer's ports over their adapters; shared by the Lambda handler and the local stack. */
export function mailerDeps(w: MailerWiring): MailerDeps {
  const registrations = createRegistrationReader(w.db, w.tables);
  return {
    sessions: createSessionRepository(w.db, w.tables.sessionsTable),
    registrations,
    suppressions: createSuppressionRepository(w.db, w.tables.registrationsTable),
    ledger: createMailLedger(w.db, w.tables.registrationsTable),
    announcements: createAnnouncementRepository(w.db, w.tables.sessionsTable),
    sender: w.sender,
    mailQueue: w.mailQueue,
    render: renderEmail,
    compose: composeRawEmail,
    clock: w.clock,
    // The invite travels as an attachment; reminders also link the session's .ics route.
    links: {
      manage: (id) => manageUrl(w.publicBaseUrl, deriveManageToken(w.manageTokenSecret, id)),
      calendar: (sessionId) =>
        `${(w.publicApiUrl ?? w.publicBaseUrl).replace(/\/+$/, '')}/sessions/${encodeURIComponent(sessionId)}/calendar.ics`,
      cancel: (id) => cancelUrl(w.publicBaseUrl, deriveManageToken(w.manageTokenSecret, id)),
      feedback: (id) => feedbackUrl(w.publicBaseUrl, deriveFeedbackToken(w.manageTokenSecret, id)),
      checkInCode: (id) => checkInCode(w.manageTokenSecret, id),
      // The API's own page with the one button that confirms (public/address-confirmation.ts).
      confirmAddress: (id) =>
        `${(w.publicApiUrl ?? w.publicBaseUrl).replace(/\/+$/, '')}/registrations/${encodeURIComponent(
          deriveManageToken(w.manageTokenSecret, id),
        )}/address-confirmation`,
      // The API's own page with the one button that claims an offered seat (public/waitlist-offer.ts).
      claimOffer: (id) =>
        `${(w.publicApiUrl ?? w.publicBaseUrl).replace(/\/+$/, '')}/registrations/${encodeURIComponent(
          deriveManageToken(w.manageTokenSecret, id),
        )}/offer`,
      session: (sessionId) => `${w.publicBaseUrl}/register.html?session=${encodeURIComponent(sessionId)}`,
      person: (personId) => personUrl(w.publicBaseUrl, derivePersonToken(w.manageTokenSecret, personId)),
      personToken: (personId) => derivePersonToken(w.manageTokenSecret, personId),
      // The API's own page with the one button that takes the seat (public/seat-offers.ts).
      takeSeat: (personId, sessionId) =>
        `${(w.publicApiUrl ?? w.publicBaseUrl).replace(/\/+$/, '')}${takeSeatPath(
          derivePersonToken(w.manageTokenSecret, personId),
          sessionId,
        )}`,
    },
    people: createPeopleRepository(w.db, w.tables.registrationsTable, w.clock),
    attendance: registrations,
    holds: createHoldRepository(w.db, w.tables, { clock: w.clock }),
    accessNeeds: createAccessNeedsRepository(w.db, w.tables),
    organiser: w.organiser,
    uidDomain: w.uidDomain,
    ...(w.leaseMs === undefined ? {} : { leaseMs: w.leaseMs }),
  };
}
