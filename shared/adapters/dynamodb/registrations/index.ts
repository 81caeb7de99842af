import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { type Clock, systemClock } from '../../../ports/clock';
import type { RegistrationCanceller, RegistrationReader, RegistrationRepository } from '../../../ports/registrations';
import { attendanceAccess, attendanceRead } from './attendance';
import { cancelRegistration } from './cancel';
import { fromRegistrationItem, type RegistrationStore } from './items';
import { claimOffer } from './offers';
import { placement } from './place';
import { OutcomeStands, placementOutcomes } from './placement-outcomes';
import { fillFreeSeats, promoteByHand } from './promote';
import { registrationReads } from './queries';

export { registrationKeys } from './items';
export { placementOutcomes } from './placement-outcomes';

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

type RegistrationTables = { sessionsTable: string; registrationsTable: string };

function registrationStore(
  db: DynamoDBDocumentClient,
  tables: RegistrationTables,
  options: RegistrationRepositoryOptions,
): RegistrationStore {
  const clock = options.clock ?? systemClock;
  return {
    db,
    sessionsTable: tables.sessionsTable,
    registrationsTable: tables.registrationsTable,
    clock,
    maxAttempts: options.maxAttempts ?? 40,
    read: (item) => fromRegistrationItem(item, clock.now()),
  };
}

/** Registration, email-guard and manage-token items in the registrations table, with the session's counters. */
export function createRegistrationRepository(
  db: DynamoDBDocumentClient,
  tables: RegistrationTables,
  options: RegistrationRepositoryOptions = {},
): RegistrationRepository {
  const store = registrationStore(db, tables, options);
  // The group commit itself is the placement consumer's (createPlacementStore), not part of the port.
  const { placeGroup: _consumersOnly, ...placing } = placement(store, { capacityGuard: options.capacityGuard ?? true });
  return {
    ...placing,
    ...registrationReads(store),
    ...attendanceAccess(store),
    cancel: (reg, now, options) => cancelRegistration(store, reg, now, options),
    claimOffer: (reg, now) => claimOffer(store, reg, now),
    fillFreeSeats: (sessionId, now) => fillFreeSeats(store, sessionId, now),
    promoteByHand: (reg, now) => promoteByHand(store, reg, now),
  };
}

/**
 * What the placement queue's consumer needs (shared/usecases/placement.ts): the group commit for
 * queued registrations, with their outcome items, and the outcomes themselves.
 */
export function createPlacementStore(
  db: DynamoDBDocumentClient,
  tables: RegistrationTables,
  options: Pick<RegistrationRepositoryOptions, 'maxAttempts'> = {},
) {
  const store = registrationStore(db, tables, options);
  const { placeGroup } = placement(store, { capacityGuard: true });
  return {
    placeGroup,
    outcomes: placementOutcomes(store),
    isOutcomeStands: (e: unknown) => e instanceof OutcomeStands,
  };
}

/**
 * The reads alone, for the functions that change no registration (the mailer, public-documents,
 * retention): their bundles leave out placement, offers and promotion.
 */
export function createRegistrationReader(
  db: DynamoDBDocumentClient,
  tables: RegistrationTables,
  options: Pick<RegistrationRepositoryOptions, 'clock'> = {},
): RegistrationReader {
  const store = registrationStore(db, tables, options);
  return { ...registrationReads(store), ...attendanceRead(store) };
}

/** The reads and the cancellation, for the dispatcher (a hold or an offer whose time is up). */
export function createRegistrationCanceller(
  db: DynamoDBDocumentClient,
  tables: RegistrationTables,
  options: Pick<RegistrationRepositoryOptions, 'clock' | 'maxAttempts'> = {},
): RegistrationCanceller {
  const store = registrationStore(db, tables, options);
  return {
    ...registrationReads(store),
    cancel: (reg, now, options) => cancelRegistration(store, reg, now, options),
  };
}
