import { createDocumentClient } from '../../shared/adapters/dynamodb/client';
import { createEventBridgeClient, createEventBridgePublisher } from '../../shared/adapters/eventbridge/publisher';
import { rateLimitedSender, TokenBucket } from '../../shared/adapters/ses/rate-limit';
import { createSesClient, createSesSender } from '../../shared/adapters/ses/sender';
import { readMailerConfig } from '../../shared/config/env';
import { sqsEventHandler } from '../../shared/events/middleware';
import { systemClock } from '../../shared/ports/clock';
import { handleMailEvent } from '../../shared/usecases/mail';
import { handleSesFeedback } from '../../shared/usecases/suppression';
import { mailerDeps } from './deps';

/**
 * Longest a send waits for a token before its message goes back to the queue. One token is at most
 * 1 / MAIL_SEND_RATE seconds away for the first in line, so this only trips at very low rates,
 * keeping a batch of ten inside the 30 s timeout.
 */
const MAX_TOKEN_WAIT_MS = 2_500;

// Configuration and clients at module scope: read and checked once per cold start.
const config = readMailerConfig();
const deps = mailerDeps({
  db: createDocumentClient({ endpoint: config.dynamoDbEndpoint }),
  tables: config,
  // This instance's share of the SES quota (MAIL_SEND_RATE × the event source's maxConcurrency ≤ quota).
  sender: rateLimitedSender(
    createSesSender(createSesClient({ endpoint: config.sesEndpoint }), {
      configurationSet: config.sesConfigurationSet,
    }),
    new TokenBucket({ ratePerSecond: config.sendRatePerSecond }),
    MAX_TOKEN_WAIT_MS,
  ),
  publisher: createEventBridgePublisher(createEventBridgeClient(), config.eventBusName),
  clock: systemClock,
  publicBaseUrl: config.publicBaseUrl,
  publicApiUrl: config.publicApiUrl,
  manageTokenSecret: config.manageTokenSecret,
  organiser: config.organiser,
  uidDomain: config.uidDomain,
});

/**
 * Mail queue (events from the bus rules) → one mail per registrant, at most once each; SES
 * bounces and complaints on the same queue mark addresses as suppressed.
 */
export const handler = sqsEventHandler(async (message) => {
  if (message.kind === 'ses-feedback') await handleSesFeedback(deps, message.detail, message.time);
  else await handleMailEvent(deps, message.event);
});
