import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { createPlacementStore } from '../../shared/adapters/dynamodb/registrations';
import type { Clock } from '../../shared/ports/clock';
import type { PlacementConsumerDeps } from '../../shared/usecases/placement';

export interface PlacementWiring {
  db: DynamoDBDocumentClient;
  tables: { sessionsTable: string; registrationsTable: string };
  clock: Clock;
}

/** The placement consumer's ports on DynamoDB, shared by the Lambda handler and the local stack. */
export const placementDeps = (w: PlacementWiring): PlacementConsumerDeps => ({
  ...createPlacementStore(w.db, w.tables),
  clock: w.clock,
});
