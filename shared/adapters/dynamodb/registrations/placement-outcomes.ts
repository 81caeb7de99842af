import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { PlacementOutcome, PlacementOutcomes, PlacementRefusal } from '../../../ports/placement-queue';
import type { PlacedRegistration } from '../../../ports/registrations';
import { conditionFailedItem, isConditionalCheckFailed, type TransactItem } from '../conditions';
import type { RegistrationStore } from './items';

/**
 * What became of a registration sent through the placement queue, one item per registration id in
 * the registrations table: `PLACEMENT#<registrationId>` / `OUTCOME`. Written once (every write is
 * conditional on the item not existing), by whoever decides first: the placement consumer (in the
 * same transaction as the seat or the waiting-list place, or alone for a refusal) or the API that
 * stopped waiting (withdrawn). It holds no personal data and no index key, and expires after a day.
 */
export const placementOutcomeKey = (registrationId: string) => ({ pk: `PLACEMENT#${registrationId}`, sk: 'OUTCOME' });

const KEPT_S = 24 * 3600;

/** A queued registration whose outcome was decided before this placement: nothing more to do for it. */
export class OutcomeStands extends Error {
  constructor(readonly outcome: PlacementOutcome | null) {
    super('the placement outcome was decided already');
    this.name = 'OutcomeStands';
  }
}

const expiresAt = (now: Date) => Math.ceil(now.getTime() / 1000) + KEPT_S;

export function placementOutcomeOf(item: Record<string, unknown> | null | undefined): PlacementOutcome | null {
  if (!item) return null;
  if (item.outcome === 'placed') {
    return {
      outcome: 'placed',
      status: item.status === 'waitlisted' ? 'waitlisted' : 'confirmed',
      waitlistSeq: typeof item.waitlistSeq === 'number' ? item.waitlistSeq : null,
      confirmedAt: typeof item.confirmedAt === 'string' ? item.confirmedAt : null,
      waitlistPosition: typeof item.waitlistPosition === 'number' ? item.waitlistPosition : null,
      ...(typeof item.addressConfirmedAt === 'string' ? { addressConfirmedAt: item.addressConfirmedAt } : {}),
    };
  }
  if (item.outcome === 'refused') {
    return {
      outcome: 'refused',
      reason: item.reason as PlacementRefusal,
      ...(typeof item.existingRegistrationId === 'string'
        ? { existingRegistrationId: item.existingRegistrationId }
        : {}),
    };
  }
  if (item.outcome === 'withdrawn') return { outcome: 'withdrawn' };
  return null;
}

/** The outcome item of a placed registration, for the placement's own transaction. */
export function placedOutcomeItem(
  store: Pick<RegistrationStore, 'registrationsTable'>,
  placed: PlacedRegistration,
  now: Date,
): TransactItem {
  return {
    Put: {
      TableName: store.registrationsTable,
      Item: {
        ...placementOutcomeKey(placed.id),
        type: 'placement-outcome',
        outcome: 'placed',
        status: placed.status,
        waitlistSeq: placed.waitlistSeq,
        confirmedAt: placed.confirmedAt,
        waitlistPosition: placed.waitlistPosition,
        ...(placed.addressConfirmedAt ? { addressConfirmedAt: placed.addressConfirmedAt } : {}),
        expiresAt: expiresAt(now),
      },
      ConditionExpression: 'attribute_not_exists(pk)',
      ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
    },
  };
}

export function placementOutcomes(store: Pick<RegistrationStore, 'db' | 'registrationsTable'>): PlacementOutcomes {
  const { db, registrationsTable: TableName } = store;

  /** Writes the outcome unless one exists; answers the one that stands. */
  async function decide(
    registrationId: string,
    fields: Record<string, unknown>,
    now: Date,
  ): Promise<PlacementOutcome | null> {
    try {
      await db.send(
        new PutCommand({
          TableName,
          Item: {
            ...placementOutcomeKey(registrationId),
            type: 'placement-outcome',
            ...fields,
            expiresAt: expiresAt(now),
          },
          ConditionExpression: 'attribute_not_exists(pk)',
          ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
        }),
      );
      return placementOutcomeOf(fields);
    } catch (e) {
      if (!isConditionalCheckFailed(e)) throw e;
      return placementOutcomeOf(conditionFailedItem(e)) ?? (await get(registrationId));
    }
  }

  async function get(registrationId: string): Promise<PlacementOutcome | null> {
    const { Item } = await db.send(
      new GetCommand({ TableName, Key: placementOutcomeKey(registrationId), ConsistentRead: true }),
    );
    return placementOutcomeOf(Item);
  }

  return {
    get,
    refuse: (registrationId, reason, now, existingRegistrationId) =>
      decide(
        registrationId,
        { outcome: 'refused', reason, ...(existingRegistrationId ? { existingRegistrationId } : {}) },
        now,
      ),
    withdraw: (registrationId, now) => decide(registrationId, { outcome: 'withdrawn' }, now),
  };
}
