import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { createAnnouncementRepository } from '../../shared/adapters/dynamodb/announcements';
import { createMailLedger } from '../../shared/adapters/dynamodb/mail-ledger';
import { createRegistrationAdminRepository } from '../../shared/adapters/dynamodb/registration-admin';
import { createRegistrationRepository } from '../../shared/adapters/dynamodb/registrations';
import { createSessionRepository } from '../../shared/adapters/dynamodb/sessions';
import { createSuppressionRepository } from '../../shared/adapters/dynamodb/suppressions';
import type { MailSender } from '../../shared/adapters/ses/sender';
import type { CalendarParty } from '../../shared/domain/calendar';
import { renderEmail } from '../../shared/domain/email/content';
import { composeRawEmail } from '../../shared/domain/email/mime';
import { deriveManageToken } from '../../shared/domain/identity';
import { cancelUrl, feedbackUrl, manageUrl } from '../../shared/domain/links';
import type { EventPublisher } from '../../shared/events/publisher';
import type { Clock } from '../../shared/ports/clock';
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

/** The mailer's ports over their adapters; shared by the Lambda handler and the local stack. */
export function mailerDeps(w: MailerWiring): MailerDeps {
  return {
    sessions: createSessionRepository(w.db, w.tables.sessionsTable),
    registrations: createRegistrationRepository(w.db, w.tables),
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
      manage: (id) => manageUrl(w.publicBaseUrl, deriveManageToken(w.manageTokenSecret, id)),
      calendar: (sessionId) =>
        `${(w.publicApiUrl ?? w.publicBaseUrl).replace(/\/+$/, '')}/sessions/${encodeURIComponent(sessionId)}/calendar.ics`,
      cancel: (id) => cancelUrl(w.publicBaseUrl, deriveManageToken(w.manageTokenSecret, id)),
      feedback: (id) => feedbackUrl(w.publicBaseUrl, deriveManageToken(w.manageTokenSecret, id)),
    },
    attendance: createRegistrationAdminRepository(w.db, w.tables),
    organiser: w.organiser,
    uidDomain: w.uidDomain,
    ...(w.leaseMs === undefined ? {} : { leaseMs: w.leaseMs }),
  };
}
