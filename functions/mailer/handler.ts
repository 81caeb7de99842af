import { createDocumentClient } from '../../shared/adapters/dynamodb/client';
import { createEventBridgeClient, createEventBridgePublisher } from '../../shared/adapters/eventbridge/publisher';
import { createSesClient, createSesSender } from '../../shared/adapters/ses/sender';
import { readMailerConfig } from '../../shared/config/env';
import { sqsEventHandler } from '../../shared/events/middleware';
import { systemClock } from '../../shared/ports/clock';
import { handleMailEvent } from '../../shared/usecases/mail';
import { handleSesFeedback } from '../../shared/usecases/suppression';
import { mailerDeps } from './deps';

// Configuration and clients at module scope: read and checked once per cold start.
const config = readMailerConfig();
const deps = mailerDeps({
  db: createDocumentClient({ endpoint: config.dynamoDbEndpoint }),
  tables: config,
  sender: createSesSender(createSesClient({ endpoint: config.sesEndpoint }), {
    configurationSet: config.sesConfigurationSet,
  }),
  publisher: createEventBridgePublisher(createEventBridgeClient(), config.eventBusName),
  clock: systemClock,
  publicBaseUrl: config.publicBaseUrl,
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
