import { createEventBridgeClient, createEventBridgePublisher } from '../../shared/adapters/eventbridge/publisher';
import { readStreamPublisherConfig } from '../../shared/config/env';
import { createMetrics } from '../../shared/metrics';
import { createStreamPublisherHandler } from './create-handler';
import { streamPublisherDeps } from './deps';

const deps = streamPublisherDeps({
  publisher: createEventBridgePublisher(createEventBridgeClient(), readStreamPublisherConfig().eventBusName),
});

export const handler = createStreamPublisherHandler(deps, { metrics: createMetrics('stream-publisher') });
