import { createDocumentClient } from '../../shared/adapters/dynamodb/client';
import { createFeedbackRepository } from '../../shared/adapters/dynamodb/feedback';
import { createPrivacyRepository } from '../../shared/adapters/dynamodb/privacy';
import { createRegistrationRepository } from '../../shared/adapters/dynamodb/registrations';
import { createSessionRepository } from '../../shared/adapters/dynamodb/sessions';
import { readPublicApiConfig } from '../../shared/config/env';
import { httpApiHandler } from '../../shared/http/middleware';
import { systemClock } from '../../shared/ports/clock';
import { createPublicRoutes, registerPageWithError } from './routes';

// Configuration and clients at module scope: read and checked once per cold start.
const config = readPublicApiConfig();
const db = createDocumentClient({ endpoint: config.dynamoDbEndpoint });
const feedback = createFeedbackRepository(db, config);

export const handler = httpApiHandler(
  createPublicRoutes({
    sessions: createSessionRepository(db, config.sessionsTable),
    registrations: createRegistrationRepository(db, config, { clock: systemClock }),
    privacy: createPrivacyRepository(db, config),
    feedback,
    clock: systemClock,
    publicBaseUrl: config.publicBaseUrl,
    uidDomain: config.uidDomain,
    organiser: config.organiser,
    manageTokenSecret: config.manageTokenSecret,
  }),
  { browserFormErrorLocation: registerPageWithError(config.publicBaseUrl) },
);
