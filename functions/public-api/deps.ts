import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { createAccessNeedsRepository } from '../../shared/adapters/dynamodb/access-needs';
import { cachedProgrammeReads } from '../../shared/adapters/dynamodb/cached-programme-reads';
import { createFeedbackRepository } from '../../shared/adapters/dynamodb/feedback';
import { createHoldRepository } from '../../shared/adapters/dynamodb/holds';
import { createPeopleRepository } from '../../shared/adapters/dynamodb/people';
import { createPrivacyRepository } from '../../shared/adapters/dynamodb/privacy';
import { createRegistrationRepository, placementOutcomes } from '../../shared/adapters/dynamodb/registrations';
import { createSessionRepository } from '../../shared/adapters/dynamodb/sessions';
import type { PublicApiConfig } from '../../shared/config/env';
import type { PublicApiDeps } from '../../shared/http/public/deps';
import type { Clock } from '../../shared/ports/clock';
import type { PlacementQueue } from '../../shared/ports/placement-queue';
import { placeThroughQueue } from '../../shared/usecases/placement';

export type PublicApiSettings = Pick<PublicApiConfig, 'sessionsTable' | 'registrationsTable' | 'publicBaseUrl'> & {
  manageTokenSecret?: string | undefined;
  /**
   * Registrations go through the placement queue (docs/contention-model.md, "The placement
   * queue"): the API sends each one and waits up to `waitMs` for its outcome. Without it the API
   * places them itself, with its own group commit.
   */
  placement?:
    | {
        queue: PlacementQueue;
        waitMs?: number;
        /**
         * Whether a registration is first tried directly, with one attempt, and queued only when that
         * finds the session contended (default true; the queue's own tests turn it off).
         */
        firstTry?: boolean;
      }
    | undefined;
};

/**
 * The public API's ports on DynamoDB, shared by the Lambda handler and the local stack. The base
 * URL is read when a route needs them: the local stack only knows them once its server listens.
 */
export function publicApiDeps(db: DynamoDBDocumentClient, config: PublicApiSettings, clock: Clock): PublicApiDeps {
  const feedback = createFeedbackRepository(db, config);
  const sessions = createSessionRepository(db, config.sessionsTable);
  const registrations = createRegistrationRepository(db, config, { clock });
  const holds = createHoldRepository(db, config, { clock });
  if (config.placement) {
    registrations.place = placeThroughQueue({
      queue: config.placement.queue,
      outcomes: placementOutcomes({ db, registrationsTable: config.registrationsTable }),
      clock,
      ...(config.placement.waitMs === undefined ? {} : { waitMs: config.placement.waitMs }),
      ...(config.placement.firstTry === false
        ? {}
        : { firstTry: createRegistrationRepository(db, config, { clock, maxAttempts: 1 }).place }),
    });
  }
  return {
    sessions,
    programmeReads: cachedProgrammeReads(sessions, clock),
    registrations,
    privacy: createPrivacyRepository(db, config),
    holds,
    accessNeeds: createAccessNeedsRepository(db, config),
    people: createPeopleRepository(db, config.registrationsTable, clock),
    feedback,
    clock,
    placesConcurrently: config.placement !== undefined,
    ...(config.manageTokenSecret === undefined ? {} : { manageTokenSecret: config.manageTokenSecret }),
    get publicBaseUrl() {
      return config.publicBaseUrl;
    },
  };
}
