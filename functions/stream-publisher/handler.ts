import { createEventBridgeClient, createEventBridgePublisher } from '../../shared/adapters/eventbridge/publisher';
import { readStreamPublisherConfig } from '../../shared/config/env';
import { dynamoStreamHandler } from '../../shared/events/middleware';
import { publishStreamRecords } from '../../shared/usecases/publish-stream-events';

// Configuration and clients at module scope: read and checked once per cold start.
const publisher = createEventBridgePublisher(createEventBridgeClient(), readStreamPublisherConfig().eventBusName);

/** DynamoDB Streams (both tables) → domain events on the custom bus. */
export const handler = dynamoStreamHandler((event) => publishStreamRecords({ publisher }, event.Records));
