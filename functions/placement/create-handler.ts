import { type ChainOptions, sqsFifoGroupHandler } from '../../shared/events/middleware';
import { count } from '../../shared/metrics';
import { parsePlacementMessage } from '../../shared/ports/placement-queue';
import { type PlacementConsumerDeps, placeQueuedGroup } from '../../shared/usecases/placement';

/**
 * Placement queue (SQS FIFO, one message group per session) → each session's registrations of
 * the batch placed together, in queue order, with their outcome items (shared/usecases/placement.ts).
 * A message that fails is delivered again with the rest of its group behind it; an unreadable one
 * ends in the dead-letter queue, and the API that sent it has withdrawn it by then.
 */
export function createPlacementHandler(deps: PlacementConsumerDeps, opts: ChainOptions = {}) {
  return sqsFifoGroupHandler(
    parsePlacementMessage,
    async (messages) => {
      const results = await placeQueuedGroup(deps, messages);
      count(opts.metrics, 'RegistrationsPlaced', results.filter((r) => r === null).length);
      return results;
    },
    opts,
  );
}
