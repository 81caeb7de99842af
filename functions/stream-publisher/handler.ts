import { createEventBridgeClient, createEventBridgePublisher } from '../../shared/adapters/eventbridge/publisher';
import { requireEnv } from '../../shared/config/env';
import { createMetrics } from '../../shared/metrics';
import { createStreamPublisherHandler } from './create-handler';
import { streamPublisherDeps } from './deps';

const deps = streamPublisherDeps({
  publisher: createEventBridgePublisher(createEventBridgeClient(), requireEnv('EVENT_BUS_NAME')),
});

export const handler = createStreamPublisherHandler(deps, { metrics: createMetrics('stream-publisher') });
