import { createEventBridgeClient, createEventBridgePublisher } from '../../shared/adapters/eventbridge/publisher';
import { requireEnv } from '../../shared/config/env';
import { createMetrics } from '../../shared/metrics';
import { createStreamPublisherHandler } from './create-handler';
import { streamPublisherDeps } from './deps';

// Configuration and clients at module scope: read and checked once per cold start.
const deps = streamPublisherDeps({
  publisher: createEventBridgePublisher(createEventBridgeClient(), requireEnv('EVENT_BUS_NAME')),
});

export const handler = createStreamPublisherHandler(deps, { metrics: createMetrics('stream-publisher') });
