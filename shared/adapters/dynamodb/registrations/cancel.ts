import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { ContentionExhausted, NotFound } from '../../../domain/errors';
import type { Registration } from '../../../domain/model';
import type { CancelOutcome } from '../../../ports/registrations';
import { pause } from '../../../reliability/retry';
import { CONTENTION_BACKOFF, type TransactItem, writeTransaction } from '../conditions';
import { sessionKeys } from '../sessions';
import { asCancelled, asPromoted, type RegistrationStore, registrationKeys } from './items';
import { promoteWrite, sessionCounterUpdate } from './promote';
import { firstWaiting, getRegistration } from './queries';

const cancelWrite = (
  store: RegistrationStore,
  r: Registration,
  expected: 'confirmed' | 'waitlisted',
  at: string,
): TransactItem => ({
  Update: {
    TableName: store.registrationsTable,
    Key: registrationKeys.registration(r.sessionId, r.id),
    UpdateExpression: 'SET #status = :cancelled, queueKey = :q, cancelledAt = :at, updatedAt = :at REMOVE waitlistSeq',
    ConditionExpression: '#status = :expected',
    ExpressionAttributeNames: { '#status': 'status' },
    ExpressionAttributeValues: {
      ':cancelled': 'cancelled',
      ':expected': expected,
      ':q': registrationKeys.queue.cancelled(at, r.id),
      ':at': at,
    },
  },
});

const releaseGuard = (store: RegistrationStore, r: Registration): TransactItem => ({
  Delete: {
    TableName: store.registrationsTable,
    Key: registrationKeys.emailGuard(r.sessionId, r.emailHash),
    // Only our own guard; a guard of a later registration with the same address stays.
    ConditionExpression: 'attribute_not_exists(pk) OR registrationId = :id',
    ExpressionAttributeValues: { ':id': r.id },
  },
});

/**
 * Every cancellation is one transaction: the registration leaves its status, the session's
 * counters move (and a waiting registrant may take the seat), and the email guard is released.
 * Returns false when a condition moved under us, so the caller re-reads and tries again.
 */
async function cancelTransaction(
  store: RegistrationStore,
  r: Registration,
  expected: 'confirmed' | 'waitlisted',
  at: string,
  moves: { promoted: TransactItem | null; session: TransactItem },
): Promise<boolean> {
  const cancelled = await writeTransaction(store.db, {
    registration: cancelWrite(store, r, expected, at),
    promoted: moves.promoted,
    session: moves.session,
    emailGuard: releaseGuard(store, r),
  });
  return cancelled === null;
}

/** One attempt at cancelling; returns null when a condition moved under us and we should re-read. */
async function cancelOnce(store: RegistrationStore, r: Registration, now: Date): Promise<CancelOutcome | null> {
  const at = now.toISOString();
  const done = (promoted: Registration | null): CancelOutcome => ({
    registration: asCancelled(r, at),
    promoted,
    changed: true,
  });
  const counter = (
    update: string,
    condition: string,
    values: Record<string, unknown>,
    names?: Record<string, string>,
  ) => sessionCounterUpdate(store, r.sessionId, update, condition, values, names);
  if (r.status === 'waitlisted') {
    const ok = await cancelTransaction(store, r, 'waitlisted', at, {
      promoted: null,
      session: counter('ADD waitlistCount :minus', 'waitlistCount > :zero', { ':minus': -1, ':zero': 0 }),
    });
    return ok ? done(null) : null;
  }
  const next = await firstWaiting(store, r.sessionId);
  if (next) {
    // The freed seat passes straight to the first in line, in the same transaction: it is
    // never free in between, so nobody can jump the queue.
    const ok = await cancelTransaction(store, r, 'confirmed', at, {
      promoted: promoteWrite(store, next, at),
      session: counter(
        'ADD waitlistCount :minus',
        'waitlistCount > :zero AND #status = :scheduled AND registrationClosesAt > :now',
        { ':minus': -1, ':zero': 0, ':scheduled': 'scheduled', ':now': now.getTime() },
        { '#status': 'status' },
      ),
    });
    return ok ? done(asPromoted(next, at)) : null;
  }
  const ok = await cancelTransaction(store, r, 'confirmed', at, {
    promoted: null,
    session: counter('ADD confirmedCount :minus', 'confirmedCount > :zero AND waitlistCount = :zero', {
      ':minus': -1,
      ':zero': 0,
    }),
  });
  return ok ? done(null) : null;
}

/** Cancels when nobody can be promoted: the session is cancelled or its registration has closed. */
async function cancelWithoutPromotion(
  store: RegistrationStore,
  r: Registration,
  now: Date,
): Promise<CancelOutcome | null> {
  const at = now.toISOString();
  const ok = await cancelTransaction(store, r, 'confirmed', at, {
    promoted: null,
    session: sessionCounterUpdate(store, r.sessionId, 'ADD confirmedCount :minus', 'confirmedCount > :zero', {
      ':minus': -1,
      ':zero': 0,
    }),
  });
  return ok ? { registration: asCancelled(r, at), promoted: null, changed: true } : null;
}

/** Cancels a registration; repeating it is harmless, and a freed seat goes to the first in line. */
export async function cancelRegistration(
  store: RegistrationStore,
  reg: Registration,
  now: Date,
): Promise<CancelOutcome> {
  for (let attempt = 0; attempt < store.maxAttempts; attempt++) {
    const current = await getRegistration(store, reg.sessionId, reg.id);
    if (!current) throw new NotFound('registration');
    if (current.status === 'cancelled') return { registration: current, promoted: null, changed: false };
    let outcome = await cancelOnce(store, current, now);
    if (!outcome && current.status === 'confirmed') {
      // Promotion may be impossible (session cancelled or closed): then just free the seat.
      const session = await store.db.send(
        new GetCommand({
          TableName: store.sessionsTable,
          Key: sessionKeys.session(reg.sessionId),
          ConsistentRead: true,
        }),
      );
      const s = session.Item;
      if (s?.status !== 'scheduled' || (s.registrationClosesAt as number) <= now.getTime()) {
        outcome = await cancelWithoutPromotion(store, current, now);
      }
    }
    if (outcome) return outcome;
    await pause(attempt, CONTENTION_BACKOFF);
  }
  throw new ContentionExhausted('cancellation');
}
