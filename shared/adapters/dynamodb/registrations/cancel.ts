import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { ContentionExhausted, NotFound } from '../../../domain/errors';
import { guardHashOf, isHeld } from '../../../domain/holds';
import type { Registration } from '../../../domain/model';
import type { CancelOptions, CancelOutcome } from '../../../ports/registrations';
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
  options: CancelOptions,
): TransactItem => ({
  Update: {
    TableName: store.registrationsTable,
    Key: registrationKeys.registration(r.sessionId, r.id),
    UpdateExpression: `SET #status = :cancelled, queueKey = :q, cancelledAt = :at, updatedAt = :at${
      options.releasedBecause ? ', releasedBecause = :why' : ''
    } REMOVE waitlistSeq`,
    // A release only while the hold stands: a confirmation that lands first wins.
    ConditionExpression: `#status = :expected${
      options.whileHeld
        ? ' AND attribute_type(holdExpiresAt, :string) AND attribute_not_exists(addressConfirmedAt)'
        : ''
    }`,
    ExpressionAttributeNames: { '#status': 'status' },
    ExpressionAttributeValues: {
      ':cancelled': 'cancelled',
      ':expected': expected,
      ':q': registrationKeys.queue.cancelled(at, r.id),
      ':at': at,
      ...(options.releasedBecause ? { ':why': options.releasedBecause } : {}),
      ...(options.whileHeld ? { ':string': 'S' } : {}),
    },
  },
});

const releaseGuard = (store: RegistrationStore, r: Registration): TransactItem => ({
  Delete: {
    TableName: store.registrationsTable,
    Key: registrationKeys.emailGuard(r.sessionId, guardHashOf(r)),
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
  options: CancelOptions,
): Promise<boolean> {
  const cancelled = await writeTransaction(store.db, {
    registration: cancelWrite(store, r, expected, at, options),
    promoted: moves.promoted,
    session: moves.session,
    emailGuard: releaseGuard(store, r),
  });
  return cancelled === null;
}

/** One attempt at cancelling; returns null when a condition moved under us and we should re-read. */
async function cancelOnce(
  store: RegistrationStore,
  r: Registration,
  now: Date,
  options: CancelOptions,
): Promise<CancelOutcome | null> {
  const at = now.toISOString();
  const done = (promoted: Registration | null): CancelOutcome => ({
    registration: withRelease(asCancelled(r, at), options),
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
    const ok = await cancelTransaction(
      store,
      r,
      'waitlisted',
      at,
      {
        promoted: null,
        session: counter('ADD waitlistCount :minus', 'waitlistCount > :zero', { ':minus': -1, ':zero': 0 }),
      },
      options,
    );
    return ok ? done(null) : null;
  }
  const next = await firstWaiting(store, r.sessionId);
  if (next) {
    // The freed seat passes straight to the first in line, in the same transaction: it is
    // never free in between, so nobody can jump the queue.
    const ok = await cancelTransaction(
      store,
      r,
      'confirmed',
      at,
      {
        promoted: promoteWrite(store, next, at),
        session: counter(
          'ADD waitlistCount :minus',
          'waitlistCount > :zero AND #status = :scheduled AND registrationClosesAt > :now',
          { ':minus': -1, ':zero': 0, ':scheduled': 'scheduled', ':now': now.getTime() },
          { '#status': 'status' },
        ),
      },
      options,
    );
    return ok ? done(asPromoted(next, at)) : null;
  }
  const ok = await cancelTransaction(
    store,
    r,
    'confirmed',
    at,
    {
      promoted: null,
      session: counter('ADD confirmedCount :minus', 'confirmedCount > :zero AND waitlistCount = :zero', {
        ':minus': -1,
        ':zero': 0,
      }),
    },
    options,
  );
  return ok ? done(null) : null;
}

/** Cancels when nobody can be promoted: the session is cancelled or its registration has closed. */
async function cancelWithoutPromotion(
  store: RegistrationStore,
  r: Registration,
  now: Date,
  options: CancelOptions,
): Promise<CancelOutcome | null> {
  const at = now.toISOString();
  const ok = await cancelTransaction(
    store,
    r,
    'confirmed',
    at,
    {
      promoted: null,
      session: sessionCounterUpdate(store, r.sessionId, 'ADD confirmedCount :minus', 'confirmedCount > :zero', {
        ':minus': -1,
        ':zero': 0,
      }),
    },
    options,
  );
  return ok ? { registration: withRelease(asCancelled(r, at), options), promoted: null, changed: true } : null;
}

const withRelease = (r: Registration, options: CancelOptions): Registration =>
  options.releasedBecause ? { ...r, releasedBecause: options.releasedBecause } : r;

/**
 * Cancels a registration; repeating it is harmless, and a freed seat goes to the first in line.
 * With `whileHeld`, only a registration whose hold still stands is cancelled (a hold release).
 */
export async function cancelRegistration(
  store: RegistrationStore,
  reg: Registration,
  now: Date,
  options: CancelOptions = {},
): Promise<CancelOutcome> {
  for (let attempt = 0; attempt < store.maxAttempts; attempt++) {
    const current = await getRegistration(store, reg.sessionId, reg.id);
    if (!current) throw new NotFound('registration');
    if (current.status === 'cancelled') return { registration: current, promoted: null, changed: false };
    if (options.whileHeld && !isHeld(current)) return { registration: current, promoted: null, changed: false };
    let outcome = await cancelOnce(store, current, now, options);
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
        outcome = await cancelWithoutPromotion(store, current, now, options);
      }
    }
    if (outcome) return outcome;
    await pause(attempt, CONTENTION_BACKOFF);
  }
  throw new ContentionExhausted('cancellation');
}
