import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { createPeopleRepository } from '../../shared/adapters/dynamodb/people';
import { privacyRecords } from '../../shared/adapters/dynamodb/privacy/records';
import { createRegistrationReader } from '../../shared/adapters/dynamodb/registrations';
import { createSessionRepository } from '../../shared/adapters/dynamodb/sessions';
import type { PublicDocumentsConfig } from '../../shared/config/env';
import type { PublicDocumentsDeps } from '../../shared/http/public/documents';
import type { Clock } from '../../shared/ports/clock';

export type PublicDocumentsSettings = Pick<
  PublicDocumentsConfig,
  'sessionsTable' | 'registrationsTable' | 'publicBaseUrl' | 'uidDomain' | 'organiser'
> &
  Partial<Pick<PublicDocumentsConfig, 'publicApiUrl'>>;

/**
 * The document routes' ports on DynamoDB, shared by the Lambda handler and the local stack: only
 * their reads are used (the person feed looks the person up by token hash, then their registrations).
 * The base URLs are read when a route needs them: the local stack only knows them once its server listens.
 */
export function publicDocumentsDeps(
  db: DynamoDBDocumentClient,
  config: PublicDocumentsSettings,
  clock: Clock,
): PublicDocumentsDeps {
  return {
    sessions: createSessionRepository(db, config.sessionsTable),
    registrations: createRegistrationReader(db, config, { clock }),
    people: createPeopleRepository(db, config.registrationsTable, clock),
    privacy: privacyRecords(db, config.registrationsTable).reads,
    clock,
    uidDomain: config.uidDomain,
    organiser: config.organiser,
    get publicBaseUrl() {
      return config.publicBaseUrl;
    },
    get publicApiUrl() {
      return config.publicApiUrl;
    },
  };
}
