import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { type Clock, systemClock } from '../../../ports/clock';
import type { RegistrationRepository } from '../../../ports/registrations';
import { attendanceAccess } from './attendance';
import { cancelRegistration } from './cancel';
import { fromRegistrationItem, type RegistrationStore } from './items';
import { placement } from './place';
import { fillFreeSeats, promoteByHand } from './promote';
import { registrationReads } from './queries';

export { registrationKeys } from './items';

export interface RegistrationRepositoryOptions {
  /**
   * Only for the concurrency test's control variant, which must see overbooking when the guard is
   * off. Production code never sets it.
   */
  capacityGuard?: boolean;
  maxAttempts?: number;
  /** Reads return registrations whose personal data has expired as anonymised (privacy: retention). */
  clock?: Clock;
}

/** Registration, email-guard and manage-token items in the registrations table, with the session's counters. */
export function createRegistrationRepository(
  db: DynamoDBDocumentClient,
  tables: { sessionsTable: string; registrationsTable: string },
  options: RegistrationRepositoryOptions = {},
): RegistrationRepository {
  const clock = options.clock ?? systemClock;
  const store: RegistrationStore = {
    db,
    sessionsTable: tables.sessionsTable,
    registrationsTable: tables.registrationsTable,
    clock,
    maxAttempts: options.maxAttempts ?? 40,
    read: (item) => fromRegistrationItem(item, clock.now()),
  };
  return {
    ...placement(store, { capacityGuard: options.capacityGuard ?? true }),
    ...registrationReads(store),
    ...attendanceAccess(store),
    cancel: (reg, now, options) => cancelRegistration(store, reg, now, options),
    fillFreeSeats: (sessionId, now) => fillFreeSeats(store, sessionId, now),
    promoteByHand: (reg, now) => promoteByHand(store, reg, now),
  };
}
