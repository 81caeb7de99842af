import { ContentionExhausted } from '../../../domain/errors';
import { confirmedInstead } from '../../../domain/holds';
import type { Registration } from '../../../domain/model';
import type { NewRegistration, PlacedRegistration } from '../../../ports/registrations';
import { groupedQueue } from '../../../reliability/grouped-queue';
import { pause } from '../../../reliability/retry';
import { CONTENTION_BACKOFF, isRetryableCancellation, type TransactItem, writeTransaction } from '../conditions';
import { sessionKeys } from '../sessions';
import { recordDuplicateAttempt } from './duplicate-attempt';
import { type RegistrationStore, registrationKeys } from './items';
import { batchPlacement, MAX_GROUP } from './place-batch';
import {
  AddressConfirmed,
  countersOf,
  isCounters,
  isFullState,
  type PlaceOptions,
  placeItems,
  SESSION_OPEN,
  type SessionCounters,
  sessionRefusal,
  stripToken,
  throwIfAddressConfirmed,
  throwIfDuplicate,
  throwIfSessionChanged,
  versionCondition,
} from './place-parts';

export type { PlaceOptions } from './place-parts';

export function placement(store: RegistrationStore, options: PlaceOptions) {
  const { db, sessionsTable } = store;
  const items = placeItems(store);

  /**
   * Writes the registration with the session's counter update. When the session's condition failed
   * only on its counters (full, no longer full, or moved on) the session as it is now comes back;
   * a refusal or a duplicate is thrown.
   */
  async function write(
    reg: NewRegistration,
    registration: Registration,
    queueKey: string,
    session: TransactItem,
    now: Date,
  ): Promise<Registration | SessionCounters> {
    const cancelled = await writeTransaction(db, items(reg, registration, queueKey, session));
    if (!cancelled) return registration;
    throwIfDuplicate(cancelled, reg);
    throwIfAddressConfirmed(cancelled);
    if (!cancelled.failed('session')) throw cancelled.error;
    const old = cancelled.oldItem('session');
    const refusal = sessionRefusal(old, reg.sessionId, now);
    if (refusal) throw refusal;
    throwIfSessionChanged(old as Record<string, unknown>, reg);
    return countersOf(old as Record<string, unknown>);
  }

  async function tryConfirm(reg: NewRegistration, now: Date): Promise<Registration | SessionCounters> {
    const at = now.toISOString();
    const registration: Registration = {
      ...stripToken(reg),
      status: 'confirmed',
      waitlistSeq: null,
      confirmedAt: at,
      cancelledAt: null,
      promotedFromWaitlist: false,
    };
    const guard = options.capacityGuard;
    const capacityCondition = guard
      ? ' AND waitlistCount = :zero AND (attribute_not_exists(#capacity) OR attribute_type(#capacity, :nullType) OR confirmedCount < #capacity)'
      : '';
    return write(
      reg,
      registration,
      registrationKeys.queue.confirmed(at, reg.id),
      {
        Update: {
          TableName: sessionsTable,
          Key: sessionKeys.session(reg.sessionId),
          UpdateExpression: 'ADD confirmedCount :one',
          ConditionExpression: SESSION_OPEN + capacityCondition + versionCondition(reg).condition,
          ExpressionAttributeNames: {
            '#status': 'status',
            ...(guard ? { '#capacity': 'capacity' } : {}),
            ...versionCondition(reg).names,
          },
          ExpressionAttributeValues: {
            ':one': 1,
            ':scheduled': 'scheduled',
            ':true': true,
            ':now': now.getTime(),
            ...(guard ? { ':zero': 0, ':nullType': 'NULL' } : {}),
            ...versionCondition(reg).values,
          },
          ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
        },
      },
      now,
    );
  }

  /**
   * Joins the end of the waiting list as the session's counters were seen: the ticket (seen + 1) and
   * the count are set in the same transaction as the entry, conditional on the counters being exactly
   * as seen, so tickets are dense and the position told (count + 1) is the one held when it commits.
   */
  async function tryWaitlist(
    reg: NewRegistration,
    now: Date,
    seen: SessionCounters,
  ): Promise<PlacedRegistration | SessionCounters> {
    const seq = seen.waitlistSeq + 1;
    const position = seen.waitlistCount + 1;
    const registration: Registration = {
      ...stripToken(reg),
      status: 'waitlisted',
      waitlistSeq: seq,
      confirmedAt: null,
      cancelledAt: null,
      promotedFromWaitlist: false,
    };
    const seqCondition = seen.seqStored ? 'waitlistSeq = :seenSeq' : 'attribute_not_exists(waitlistSeq)';
    const placed = await write(
      reg,
      registration,
      registrationKeys.queue.waitlisted(seq),
      {
        Update: {
          TableName: sessionsTable,
          Key: sessionKeys.session(reg.sessionId),
          UpdateExpression: 'SET waitlistSeq = :seq, waitlistCount = :position',
          ConditionExpression: `${SESSION_OPEN} AND ${seqCondition} AND waitlistCount = :seenCount AND (waitlistCount > :zero OR confirmedCount >= #capacity)${versionCondition(reg).condition}`,
          ExpressionAttributeNames: { '#status': 'status', '#capacity': 'capacity', ...versionCondition(reg).names },
          ExpressionAttributeValues: {
            ':seq': seq,
            ':position': position,
            ':seenCount': seen.waitlistCount,
            ...(seen.seqStored ? { ':seenSeq': seen.waitlistSeq } : {}),
            ':zero': 0,
            ':scheduled': 'scheduled',
            ':true': true,
            ':now': now.getTime(),
            ...versionCondition(reg).values,
          },
          ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
        },
      },
      now,
    );
    return isCounters(placed) ? placed : { ...placed, waitlistPosition: position };
  }

  /** The counters this container saw last per session: a full session is joined without a failed confirm first. */
  const lastSeen = new Map<string, SessionCounters>();
  const remember = (sessionId: string, c: SessionCounters) => {
    if (lastSeen.size > 1000) lastSeen.clear();
    lastSeen.set(sessionId, c);
  };

  // A session's registrations in this container share one transaction when they queue up (group
  // commit): under a rush they would otherwise cancel each other's transactions on the counter item
  // (docs/contention-model.md). One arriving alone is placed at once, as below.
  const { placeGroup } = batchPlacement(store, options, {
    place: placeNow,
    seen: (sessionId) => lastSeen.get(sessionId) ?? null,
    remember,
  });
  const grouped = groupedQueue(placeGroup, MAX_GROUP);

  return {
    /**
     * Confirms when a seat is free and nobody waits, else joins the end of the waiting list; a
     * conflict or a counter that moved is tried again (bounded, with jittered backoff).
     */
    place: (reg: NewRegistration, now: Date): Promise<PlacedRegistration> => grouped(reg.sessionId, { reg, now }),

    recordDuplicateAttempt: (sessionId: string, emailHash: string, now: Date) =>
      recordDuplicateAttempt(store, sessionId, emailHash, now),

    /** The group commit itself, for the placement queue's consumer (queued registrations, one session). */
    placeGroup,
  };

  async function placeNow(sent: NewRegistration, now: Date): Promise<PlacedRegistration> {
    let reg = sent;
    let seen = lastSeen.get(reg.sessionId) ?? null;
    for (let attempt = 0; attempt < store.maxAttempts; attempt++) {
      try {
        if (!seen || !isFullState(seen) || !options.capacityGuard) {
          const confirmed = await tryConfirm(reg, now);
          if (!isCounters(confirmed)) return { ...confirmed, waitlistPosition: null };
          seen = confirmed;
          remember(reg.sessionId, seen);
        }
        if (isFullState(seen)) {
          const waitlisted = await tryWaitlist(reg, now, seen);
          if (!isCounters(waitlisted)) {
            remember(reg.sessionId, {
              ...seen,
              seqStored: true,
              waitlistSeq: seen.waitlistSeq + 1,
              waitlistCount: seen.waitlistCount + 1,
            });
            return waitlisted;
          }
          seen = waitlisted; // the counters moved on (or a seat came free): try again as they are now
          remember(reg.sessionId, seen);
        }
      } catch (e) {
        if (e instanceof AddressConfirmed) {
          // Held without a lookup, but the address is confirmed: placed as such, at once. Not an
          // attempt lost to contention, and it cannot happen twice (the check is gone).
          reg = confirmedInstead(reg, e.confirmedAt);
          attempt--;
          continue;
        }
        if (!isRetryableCancellation(e)) throw e;
      }
      await pause(attempt, CONTENTION_BACKOFF);
    }
    throw new ContentionExhausted('registration');
  }
}
