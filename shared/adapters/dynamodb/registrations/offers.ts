import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { Conflict, ContentionExhausted, Gone, NotFound, SessionCancelled } from '../../../domain/errors';
import type { Registration } from '../../../domain/model';
import { type FreedSeat, freedSeatDecision, offerIsOpen, waitlistSettingsOf } from '../../../domain/waitlist';
import type { OfferClaim } from '../../../ports/registrations';
import { pause } from '../../../reliability/retry';
import { CONTENTION_BACKOFF, type TransactItem, writeTransaction } from '../conditions';
import { fromProgrammeItem } from '../programmes';
import { fromSessionItem, sessionKeys } from '../sessions';
import type { RegistrationStore } from './items';
import { registrationKeys } from './items';
import { sessionCounterUpdate } from './promote';
import { getRegistration } from './queries';

/**
 * Offers from the waiting list (shared/domain/waitlist.ts). An offer holds its seat: the session's
 * `confirmedCount` counts it (so capacity is never exceeded and nobody else can take it) and
 * `offeredCount` says how many of those seats are offers. Claiming and lapsing are conditional on
 * the offer still standing and on its expiry, so of a claim and an expiry racing exactly one wins.
 */

/** What a seat freed now becomes, from the session and its programme as they are now. */
export async function freedSeatFor(store: RegistrationStore, sessionId: string, now: Date): Promise<FreedSeat> {
  const s = await store.db.send(
    new GetCommand({ TableName: store.sessionsTable, Key: sessionKeys.session(sessionId), ConsistentRead: true }),
  );
  if (!s.Item) return { kind: 'promote' };
  const session = fromSessionItem(s.Item);
  const p = await store.db.send(
    new GetCommand({
      TableName: store.sessionsTable,
      Key: sessionKeys.programme(session.programmeId),
      ConsistentRead: true,
    }),
  );
  const programme = p.Item ? fromProgrammeItem(p.Item) : null;
  return freedSeatDecision(session, waitlistSettingsOf(programme), now);
}

/** The waiting registration is offered the seat until `expiresAt`, out of the waiting list. */
export const offerWrite = (store: RegistrationStore, r: Registration, at: string, expiresAt: string): TransactItem => ({
  Update: {
    TableName: store.registrationsTable,
    Key: registrationKeys.registration(r.sessionId, r.id),
    UpdateExpression:
      'SET #status = :offered, queueKey = :q, offeredAt = :at, offerExpiresAt = :until, updatedAt = :at REMOVE waitlistSeq',
    ConditionExpression: '#status = :waitlisted',
    ExpressionAttributeNames: { '#status': 'status' },
    ExpressionAttributeValues: {
      ':offered': 'offered',
      ':waitlisted': 'waitlisted',
      ':q': registrationKeys.queue.offered(at, r.id),
      ':at': at,
      ':until': expiresAt,
    },
  },
});

export const asOffered = (r: Registration, at: string, expiresAt: string): Registration => ({
  ...r,
  status: 'offered',
  waitlistSeq: null,
  offerExpiresAt: expiresAt,
  updatedAt: at,
});

/**
 * Claims the offer: confirmed, out of the offers, the seat it held now the registrant's. A repeat
 * after a claim answers with the confirmed registration and changes nothing.
 */
export async function claimOffer(store: RegistrationStore, reg: Registration, now: Date): Promise<OfferClaim> {
  for (let attempt = 0; attempt < store.maxAttempts; attempt++) {
    const current = await getRegistration(store, reg.sessionId, reg.id);
    if (!current) throw new NotFound('registration');
    if (current.status === 'confirmed' && current.promotedFromWaitlist && current.offerExpiresAt) {
      return { registration: current, changed: false };
    }
    if (current.status === 'cancelled' && current.releasedBecause === 'offer-lapsed') {
      throw new Gone('offer-expired', 'The offer of a seat has expired; it went to the next person waiting.');
    }
    if (current.status !== 'offered') {
      throw new Conflict('no-offer', 'There is no open offer of a seat for this registration.');
    }
    if (!offerIsOpen(current, now)) throw new Gone('offer-expired', 'The offer of a seat has expired.');
    const at = now.toISOString();
    const cancelled = await writeTransaction(store.db, {
      registration: {
        Update: {
          TableName: store.registrationsTable,
          Key: registrationKeys.registration(current.sessionId, current.id),
          UpdateExpression:
            'SET #status = :confirmed, queueKey = :q, confirmedAt = :at, updatedAt = :at, promotedFromWaitlist = :true',
          // Only the open offer: an expiry that lands first wins, and so does a claim already made.
          ConditionExpression: '#status = :offered AND offerExpiresAt > :at',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: {
            ':confirmed': 'confirmed',
            ':offered': 'offered',
            ':q': registrationKeys.queue.confirmed(at, current.id),
            ':at': at,
            ':true': true,
          },
        },
      },
      // The seat was counted as taken already: only the offer count moves.
      session: sessionCounterUpdate(
        store,
        current.sessionId,
        'ADD offeredCount :minus',
        '#status = :scheduled AND offeredCount > :zero',
        { ':minus': -1, ':zero': 0, ':scheduled': 'scheduled' },
        { '#status': 'status' },
      ),
    });
    if (!cancelled) {
      return {
        registration: { ...current, status: 'confirmed', confirmedAt: at, updatedAt: at, promotedFromWaitlist: true },
        changed: true,
      };
    }
    if (cancelled.failed('session')) {
      const s = await store.db.send(
        new GetCommand({
          TableName: store.sessionsTable,
          Key: sessionKeys.session(current.sessionId),
          ConsistentRead: true,
        }),
      );
      if (s.Item?.status === 'cancelled') throw new SessionCancelled(current.sessionId);
    }
    // The registration moved under us (claimed, lapsed, cancelled) or a conflict: read again.
    await pause(attempt, CONTENTION_BACKOFF);
  }
  throw new ContentionExhausted('claim');
}
