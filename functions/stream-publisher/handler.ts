import { createEventBridgeClient, createEventBridgePublisher } from '../../shared/adapters/eventbridge/publisher';
import { readStreamPublisherConfig } from '../../shared/config/env';
import { dynamoStreamHandler } from '../../shared/events/middleware';
import { publishStreamRecords, tableKindResolver } from '../../shared/usecases/publish-stream-events';

// Configuration and clients at module scope: read and checked once per cold start.
const config = readStreamPublisherConfig();
const publisher = createEventBridgePublisher(createEventBridgeClient(), config.eventBusName);
const tableKindOf = tableKindResolver(config);

/** DynamoDB Streams (both tables) → domain events on the custom bus. */
export const handler = dynamoStreamHandler((event) => publishStreamRecords({ publisher, tableKindOf }, event.Records));
