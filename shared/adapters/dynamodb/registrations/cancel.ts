import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { ContentionExhausted, NotFound } from '../../../domain/errors';
import { guardHashOf, isHeld } from '../../../domain/holds';
import type { Registration } from '../../../domain/model';
import { offerHasLapsed } from '../../../domain/waitlist';
import type { CancelOptions, CancelOutcome } from '../../../ports/registrations';
import { pause } from '../../../reliability/retry';
import { CONTENTION_BACKOFF, type TransactItem, writeTransaction } from '../conditions';
import { sessionKeys } from '../sessions';
import { asCancelled, asPromoted, type RegistrationStore, registrationKeys } from './items';
import { asOffered, freedSeatFor, offerWrite } from './offers';
import { promoteWrite, sessionCounterUpdate } from './promote';
import { firstWaiting, getRegistration } from './queries';

type SeatOrPlace = Exclude<Registration['status'], 'cancelled'>;

const cancelWrite = (
  store: RegistrationStore,
  r: Registration,
  expected: SeatOrPlace,
  at: string,
  options: CancelOptions,
): TransactItem => ({
  Update: {
    TableName: store.registrationsTable,
    Key: registrationKeys.registration(r.sessionId, r.id),
    UpdateExpression: `SET #status = :cancelled, queueKey = :q, cancelledAt = :at, updatedAt = :at${
      options.releasedBecause ? ', releasedBecause = :why' : ''
    } REMOVE waitlistSeq`,
    // A release only while the hold stands: a confirmation that lands first wins. A lapse only
    // once the offer's time is up: a claim that lands first wins.
    ConditionExpression: `#status = :expected${
      options.whileHeld
        ? ' AND attribute_type(holdExpiresAt, :string) AND attribute_not_exists(addressConfirmedAt)'
        : ''
    }${options.onlyLapsedOffer ? ' AND offerExpiresAt <= :at' : ''}`,
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
  expected: SeatOrPlace,
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
  // A seat (confirmed, or held by an offer) is freed: it passes on in the same transaction, so
  // it is never free in between and nobody can jump the queue. Far from the start the first in
  // line gets it; near the start it is offered to them; once offers have closed it stays free.
  const heldByOffer = r.status === 'offered';
  const next = await firstWaiting(store, r.sessionId);
  const freed = next ? await freedSeatFor(store, r.sessionId, now) : null;
  if (next && freed && freed.kind !== 'keep') {
    const offer = freed.kind === 'offer' ? freed.expiresAt : null;
    const offers = (offer ? 1 : 0) - (heldByOffer ? 1 : 0);
    const ok = await cancelTransaction(
      store,
      r,
      r.status as SeatOrPlace,
      at,
      {
        promoted: offer ? offerWrite(store, next, at, offer) : promoteWrite(store, next, at),
        session: counter(
          `ADD waitlistCount :minus${offers === 0 ? '' : ', offeredCount :offers'}`,
          'waitlistCount > :zero AND #status = :scheduled AND registrationClosesAt > :now',
          {
            ':minus': -1,
            ':zero': 0,
            ':scheduled': 'scheduled',
            ':now': now.getTime(),
            ...(offers === 0 ? {} : { ':offers': offers }),
          },
          { '#status': 'status' },
        ),
      },
      options,
    );
    if (!ok) return null;
    return offer ? { ...done(null), offered: asOffered(next, at, offer) } : done(asPromoted(next, at));
  }
  const ok = await cancelTransaction(
    store,
    r,
    r.status as SeatOrPlace,
    at,
    {
      promoted: null,
      session: counter(
        `ADD confirmedCount :minus${heldByOffer ? ', offeredCount :minus' : ''}`,
        // With nobody waiting the seat is simply free (someone joining the list meanwhile fails
        // this, and the next attempt passes the seat on); once offers closed it stays free anyway.
        `confirmedCount > :zero${next ? '' : ' AND waitlistCount = :zero'}`,
        { ':minus': -1, ':zero': 0 },
      ),
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
    r.status === 'offered' ? 'offered' : 'confirmed',
    at,
    {
      promoted: null,
      session: sessionCounterUpdate(
        store,
        r.sessionId,
        `ADD confirmedCount :minus${r.status === 'offered' ? ', offeredCount :minus' : ''}`,
        'confirmedCount > :zero',
        { ':minus': -1, ':zero': 0 },
      ),
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
    if (options.onlyLapsedOffer && !offerHasLapsed(current, now)) {
      return { registration: current, promoted: null, changed: false };
    }
    let outcome = await cancelOnce(store, current, now, options);
    if (!outcome && (current.status === 'confirmed' || current.status === 'offered')) {
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
