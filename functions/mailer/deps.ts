import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { createAnnouncementRepository } from '../../shared/adapters/dynamodb/announcements';
import { createMailLedger } from '../../shared/adapters/dynamodb/mail-ledger';
import { createRegistrationRepository } from '../../shared/adapters/dynamodb/registrations';
import { createSessionRepository } from '../../shared/adapters/dynamodb/sessions';
import { createSuppressionRepository } from '../../shared/adapters/dynamodb/suppressions';
import type { CalendarParty } from '../../shared/domain/calendar';
import { renderEmail } from '../../shared/domain/email/content';
import { composeRawEmail } from '../../shared/domain/email/mime';
import { deriveManageToken } from '../../shared/domain/identity';
import type { Clock } from '../../shared/ports/clock';
import type { EventPublisher } from '../../shared/ports/event-publisher';
import type { MailSender } from '../../shared/ports/mail-sender';
import type { MailerDeps } from '../../shared/usecases/mail';

export interface MailerWiring {
  db: DynamoDBDocumentClient;
  tables: { sessionsTable: string; registrationsTable: string };
  sender: MailSender;
  publisher: EventPublisher;
  clock: Clock;
  publicBaseUrl: string;
  /** Where the API answers (the calendar link in reminders); the web pages' base when absent. */
  publicApiUrl?: string | undefined;
  manageTokenSecret: string;
  organiser: CalendarParty;
  uidDomain: string;
  leaseMs?: number;
}

/** The same manage link the public API hands out (functions/public-api/routes.ts). */
export const manageLink = (base: string, secret: string, registrationId: string) =>
  `${base}/manage.html?token=${encodeURIComponent(deriveManageToken(secret, registrationId))}`;

/** The manage page opened on its cancel confirmation: a link scanner following it cancels nothing. */
export const cancelLink = (base: string, secret: string, registrationId: string) =>
  `${manageLink(base, secret, registrationId)}&action=cancel`;

/** The feedback page of a registration (the manage token opens it). */
export const feedbackLink = (base: string, secret: string, registrationId: string) =>
  `${base}/feedback.html?token=${encodeURIComponent(deriveManageToken(secret, registrationId))}`;

/** The mailer's ports over their adapters; shared by the Lambda handler and the local stack. */
export function mailerDeps(w: MailerWiring): MailerDeps {
  const registrations = createRegistrationRepository(w.db, w.tables);
  return {
    sessions: createSessionRepository(w.db, w.tables.sessionsTable),
    registrations,
    suppressions: createSuppressionRepository(w.db, w.tables.registrationsTable),
    ledger: createMailLedger(w.db, w.tables.registrationsTable),
    announcements: createAnnouncementRepository(w.db, w.tables.sessionsTable),
    sender: w.sender,
    publisher: w.publisher,
    render: renderEmail,
    compose: composeRawEmail,
    clock: w.clock,
    // The invite travels as an attachment; reminders also link the session's .ics route.
    links: {
      manage: (id) => manageLink(w.publicBaseUrl, w.manageTokenSecret, id),
      calendar: (sessionId) =>
        `${(w.publicApiUrl ?? w.publicBaseUrl).replace(/\/+$/, '')}/sessions/${encodeURIComponent(sessionId)}/calendar.ics`,
      cancel: (id) => cancelLink(w.publicBaseUrl, w.manageTokenSecret, id),
      feedback: (id) => feedbackLink(w.publicBaseUrl, w.manageTokenSecret, id),
    },
    attendance: registrations,
    organiser: w.organiser,
    uidDomain: w.uidDomain,
    ...(w.leaseMs === undefined ? {} : { leaseMs: w.leaseMs }),
  };
}
