import middy from '@middy/core';
import { createDocumentClient } from '../../shared/adapters/dynamodb/client';
import { createPrivacyRepository } from '../../shared/adapters/dynamodb/privacy';
import { createRegistrationRepository } from '../../shared/adapters/dynamodb/registrations';
import { createSessionRepository } from '../../shared/adapters/dynamodb/sessions';
import { readRetentionConfig } from '../../shared/config/env';
import { describeError, log } from '../../shared/log';
import { systemClock } from '../../shared/ports/clock';
import { type RetentionRun, runRetention } from '../../shared/usecases/privacy';

/**
 * The daily retention job (EventBridge schedule): erases personal data whose retention period has
 * passed. The event carries nothing the job needs; a failed run throws, so the scheduler retries
 * and, in the end, its dead-letter queue and alarm tell the organiser.
 */
const tables = readRetentionConfig();
const db = createDocumentClient({ endpoint: tables.dynamoDbEndpoint });
const deps = {
  sessions: createSessionRepository(db, tables.sessionsTable),
  registrations: createRegistrationRepository(db, tables, { clock: systemClock }),
  privacy: createPrivacyRepository(db, tables),
  clock: systemClock,
};

export const handler = middy<unknown, RetentionRun>(() => runRetention(deps)).use({
  onError: (request) => {
    log('error', 'retention run failed', describeError(request.error));
  },
});
