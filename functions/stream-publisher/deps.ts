import { readStreamImage } from '../../shared/adapters/dynamodb/stream-images';
import type { EventPublisher } from '../../shared/ports/event-publisher';
import type { StreamPublisherDeps } from '../../shared/usecases/publish-stream-events';

/** The stream publisher needs only the bus: EventBridge in AWS, the local bus in process. */
export const streamPublisherDeps = (w: { publisher: EventPublisher }): StreamPublisherDeps => ({
  publisher: w.publisher,
  readImage: readStreamImage,
});
