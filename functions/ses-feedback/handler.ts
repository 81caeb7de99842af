import { createDocumentClient } from '../../shared/adapters/dynamodb/client';
import { createSuppressionRepository } from '../../shared/adapters/dynamodb/suppressions';
import { optionalEnv, requireEnv } from '../../shared/config/env';
import { eventBridgeHandler } from '../../shared/events/middleware';
import { handleSesFeedback, SesFeedbackDetail } from '../../shared/usecases/suppression';

// Configuration and clients at module scope: read and checked once per cold start.
const registrationsTable = requireEnv('REGISTRATIONS_TABLE');
const db = createDocumentClient({ endpoint: optionalEnv('DYNAMODB_ENDPOINT') });
const suppressions = createSuppressionRepository(db, registrationsTable);

/** SES bounce and complaint events (default bus) → suppressed addresses. */
export const handler = eventBridgeHandler(SesFeedbackDetail, async (detail, event) => {
  await handleSesFeedback({ suppressions }, detail, new Date(event.time));
});
