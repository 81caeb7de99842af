import { type ChainOptions, dynamoStreamHandler } from '../../shared/events/middleware';
import { count } from '../../shared/metrics';
import { publishStreamRecords, type StreamPublisherDeps } from '../../shared/usecases/publish-stream-events';

/** DynamoDB Streams (both tables) → domain events on the custom bus. */
export function createStreamPublisherHandler(deps: StreamPublisherDeps, opts: ChainOptions = {}) {
  return dynamoStreamHandler(async (event) => {
    const response = await publishStreamRecords(deps, event.Records);
    count(opts.metrics, 'StreamRecordsRead', event.Records.length);
    return response;
  }, opts);
}
