import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { Conflict, ContentionExhausted, NotFound, SessionCancelled } from '../../../domain/errors';
import type { Registration } from '../../../domain/model';
import type { HandPromotion } from '../../../ports/registrations';
import { pause } from '../../../reliability/retry';
import { CONTENTION_BACKOFF, type TransactItem, writeTransaction } from '../conditions';
import { fromSessionItem, sessionKeys } from '../sessions';
import { asPromoted, type RegistrationStore, registrationKeys } from './items';
import { firstWaiting } from './queries';

/** Hand-promotions retry a lost race this often before giving up on a hot session. */
const HAND_PROMOTION_ATTEMPTS = 20;

/** The waiting registration takes a seat: confirmed at `at`, out of the waiting list. */
export const promoteWrite = (store: RegistrationStore, r: Registration, at: string): TransactItem => ({
  Update: {
    TableName: store.registrationsTable,
    Key: registrationKeys.registration(r.sessionId, r.id),
    UpdateExpression:
      'SET #status = :confirmed, queueKey = :q, confirmedAt = :at, updatedAt = :at, promotedFromWaitlist = :true REMOVE waitlistSeq',
    ConditionExpression: '#status = :waitlisted',
    ExpressionAttributeNames: { '#status': 'status' },
    ExpressionAttributeValues: {
      ':confirmed': 'confirmed',
      ':waitlisted': 'waitlisted',
      ':q': registrationKeys.queue.confirmed(at, r.id),
      ':at': at,
      ':true': true,
    },
  },
});

/** A conditional move of the session's counters (confirmedCount, waitlistCount). */
export const sessionCounterUpdate = (
  store: RegistrationStore,
  sessionId: string,
  update: string,
  condition: string,
  values: Record<string, unknown>,
  names: Record<string, string> = {},
): TransactItem => ({
  Update: {
    TableName: store.sessionsTable,
    Key: sessionKeys.session(sessionId),
    UpdateExpression: update,
    ConditionExpression: condition,
    ExpressionAttributeValues: values,
    ...(Object.keys(names).length ? { ExpressionAttributeNames: names } : {}),
  },
});

/** Hands free seats to the waiting list in queue order; returns who got one. */
export async function fillFreeSeats(store: RegistrationStore, sessionId: string, now: Date): Promise<Registration[]> {
  const promoted: Registration[] = [];
  for (let attempt = 0; attempt < store.maxAttempts; ) {
    const next = await firstWaiting(store, sessionId);
    if (!next) return promoted;
    const at = now.toISOString();
    const cancelled = await writeTransaction(store.db, {
      promoted: promoteWrite(store, next, at),
      session: sessionCounterUpdate(
        store,
        sessionId,
        'ADD confirmedCount :one, waitlistCount :minus',
        // Capacity may have been lifted altogether (null): then everyone waiting gets a seat.
        '#status = :scheduled AND registrationClosesAt > :now AND waitlistCount > :zero AND (attribute_type(#capacity, :nullType) OR confirmedCount < #capacity)',
        { ':one': 1, ':minus': -1, ':zero': 0, ':scheduled': 'scheduled', ':now': now.getTime(), ':nullType': 'NULL' },
        { '#status': 'status', '#capacity': 'capacity' },
      ),
    });
    if (!cancelled) {
      promoted.push(asPromoted(next, at));
      continue;
    }
    // A full (or closed) session stops the filling; a lost race for this waitlister is tried again.
    if (cancelled.failed('session')) return promoted;
    attempt++;
    await pause(attempt, CONTENTION_BACKOFF);
  }
  return promoted;
}

/**
 * Seats a waiting registrant out of queue order. The new capacity is computed from the counts read
 * here, so the session's update is conditional on exactly those counts and that capacity.
 */
export async function promoteByHand(store: RegistrationStore, reg: Registration, now: Date): Promise<HandPromotion> {
  for (let attempt = 0; attempt < HAND_PROMOTION_ATTEMPTS; attempt++) {
    const s = await store.db.send(
      new GetCommand({ TableName: store.sessionsTable, Key: sessionKeys.session(reg.sessionId), ConsistentRead: true }),
    );
    if (!s.Item) throw new NotFound('session');
    const session = fromSessionItem(s.Item);
    if (session.status === 'cancelled') throw new SessionCancelled(session.id);
    const capacityAfter = session.capacity === null ? null : Math.max(session.capacity, session.confirmedCount + 1);
    const raisesCapacity = capacityAfter !== session.capacity;
    const at = now.toISOString();
    const cancelled = await writeTransaction(store.db, {
      registration: promoteWrite(store, reg, at),
      session: sessionCounterUpdate(
        store,
        reg.sessionId,
        `ADD confirmedCount :one, waitlistCount :minus${raisesCapacity ? ' SET #capacity = :capAfter' : ''}`,
        '#status = :scheduled AND confirmedCount = :confirmed AND waitlistCount > :zero AND ' +
          (session.capacity === null ? 'attribute_type(#capacity, :nullType)' : '#capacity = :capBefore'),
        {
          ':one': 1,
          ':minus': -1,
          ':zero': 0,
          ':scheduled': 'scheduled',
          ':confirmed': session.confirmedCount,
          ...(session.capacity === null ? { ':nullType': 'NULL' } : { ':capBefore': session.capacity }),
          ...(raisesCapacity ? { ':capAfter': capacityAfter } : {}),
        },
        { '#status': 'status', '#capacity': 'capacity' },
      ),
    });
    if (!cancelled) {
      return { registration: asPromoted(reg, at), capacityBefore: session.capacity, capacityAfter };
    }
    if (cancelled.failed('registration')) {
      // No longer waiting (promoted or cancelled meanwhile): the caller re-reads it.
      throw new Conflict('not-waitlisted', 'This registration is not on the waiting list.');
    }
    await pause(attempt, CONTENTION_BACKOFF);
  }
  throw new ContentionExhausted('promotion');
}
