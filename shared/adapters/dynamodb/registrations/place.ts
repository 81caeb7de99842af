import {
  AlreadyRegistered,
  ContentionExhausted,
  NotFound,
  RegistrationClosed,
  SessionCancelled,
} from '../../../domain/errors';
import type { Registration } from '../../../domain/model';
import type { NewRegistration, PlacedRegistration } from '../../../ports/registrations';
import { keyedQueue } from '../../../reliability/keyed-queue';
import { pause } from '../../../reliability/retry';
import {
  type Cancellation,
  CONTENTION_BACKOFF,
  isRetryableCancellation,
  type TransactItem,
  writeTransaction,
} from '../conditions';
import { sessionKeys } from '../sessions';
import { recordDuplicateAttempt } from './duplicate-attempt';
import { type RegistrationStore, registrationKeys, toRegistrationItem } from './items';

/** What placing a registration writes, by name: the session's counter, the registration and its two link items. */
type PlaceItem = 'session' | 'registration' | 'emailGuard' | 'token';

/** RegistrationRepositoryOptions.capacityGuard (registrations/index.ts), default applied. */
export interface PlaceOptions {
  capacityGuard: boolean;
}

const SESSION_OPEN =
  'attribute_exists(pk) AND #status = :scheduled AND registrationOpen = :true AND registrationClosesAt > :now';

const stripToken = (reg: NewRegistration): Omit<NewRegistration, 'tokenHash'> => {
  const { tokenHash: _t, ...rest } = reg;
  return rest;
};

/** Translates a failed session condition into the reason a registrant should hear (null: it was full). */
function sessionRefusal(old: Record<string, unknown> | undefined, sessionId: string, now: Date): Error | null {
  if (!old) return new NotFound('session');
  if (old.status === 'cancelled') return new SessionCancelled(sessionId);
  if (old.registrationOpen !== true || (old.registrationClosesAt as number) <= now.getTime()) {
    return new RegistrationClosed(sessionId);
  }
  return null;
}

function throwIfDuplicate(cancelled: Cancellation<PlaceItem>, reg: NewRegistration): void {
  if (!cancelled.failed('emailGuard')) return;
  const err = new AlreadyRegistered(reg.sessionId);
  const existing = cancelled.oldItem('emailGuard')?.registrationId;
  if (typeof existing === 'string') Object.assign(err, { existingRegistrationId: existing });
  throw err;
}

/** The session's counters as a failed condition returned them. */
interface SessionCounters {
  kind: 'counters';
  confirmedCount: number;
  waitlistCount: number;
  waitlistSeq: number;
  /** False for a session item written before tickets were stored (the ticket counter starts at 0). */
  seqStored: boolean;
  capacity: number | null;
}

const countersOf = (item: Record<string, unknown>): SessionCounters => ({
  kind: 'counters',
  confirmedCount: Number(item.confirmedCount ?? 0),
  waitlistCount: Number(item.waitlistCount ?? 0),
  waitlistSeq: Number(item.waitlistSeq ?? 0),
  seqStored: typeof item.waitlistSeq === 'number',
  capacity: typeof item.capacity === 'number' ? item.capacity : null,
});

const isCounters = (x: unknown): x is SessionCounters => (x as SessionCounters | undefined)?.kind === 'counters';

/** Full as the conditions see it: someone waits, or every seat is taken. */
const isFullState = (c: SessionCounters) =>
  c.waitlistCount > 0 || (c.capacity !== null && c.confirmedCount >= c.capacity);

export function placement(store: RegistrationStore, options: PlaceOptions) {
  const { db, sessionsTable, registrationsTable } = store;
  // The guard and token items hold no personal data themselves but lead to it: DynamoDB's TTL
  // deletes them when the registration's personal data expires.
  const ttl = (reg: NewRegistration) =>
    typeof reg.personalDataExpiresAt === 'number' ? { expiresAt: reg.personalDataExpiresAt } : {};

  const linkItem = (key: { pk: string; sk: string }, type: string, reg: NewRegistration) => ({
    ...key,
    type,
    registrationId: reg.id,
    sessionId: reg.sessionId,
    ...ttl(reg),
  });

  const items = (reg: NewRegistration, registration: Registration, queueKey: string, session: TransactItem) => ({
    session,
    registration: {
      Put: {
        TableName: registrationsTable,
        Item: toRegistrationItem(registration, reg.tokenHash, queueKey),
        ConditionExpression: 'attribute_not_exists(pk)',
      },
    },
    emailGuard: {
      Put: {
        TableName: registrationsTable,
        Item: linkItem(registrationKeys.emailGuard(reg.sessionId, reg.emailHash), 'email-guard', reg),
        ConditionExpression: 'attribute_not_exists(pk)',
        ReturnValuesOnConditionCheckFailure: 'ALL_OLD' as const,
      },
    },
    token: {
      Put: {
        TableName: registrationsTable,
        Item: linkItem(registrationKeys.token(reg.tokenHash), 'manage-token', reg),
        ConditionExpression: 'attribute_not_exists(pk)',
      },
    },
  });

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
    if (!cancelled.failed('session')) throw cancelled.error;
    const old = cancelled.oldItem('session');
    const refusal = sessionRefusal(old, reg.sessionId, now);
    if (refusal) throw refusal;
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
          ConditionExpression: SESSION_OPEN + capacityCondition,
          ExpressionAttributeNames: { '#status': 'status', ...(guard ? { '#capacity': 'capacity' } : {}) },
          ExpressionAttributeValues: {
            ':one': 1,
            ':scheduled': 'scheduled',
            ':true': true,
            ':now': now.getTime(),
            ...(guard ? { ':zero': 0, ':nullType': 'NULL' } : {}),
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
          ConditionExpression: `${SESSION_OPEN} AND ${seqCondition} AND waitlistCount = :seenCount AND (waitlistCount > :zero OR confirmedCount >= #capacity)`,
          ExpressionAttributeNames: { '#status': 'status', '#capacity': 'capacity' },
          ExpressionAttributeValues: {
            ':seq': seq,
            ':position': position,
            ':seenCount': seen.waitlistCount,
            ...(seen.seqStored ? { ':seenSeq': seen.waitlistSeq } : {}),
            ':zero': 0,
            ':scheduled': 'scheduled',
            ':true': true,
            ':now': now.getTime(),
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

  // A session's registrations in this container go to its counter item one at a time: under a
  // rush they would otherwise cancel each other's transactions (docs/contention-model.md).
  const serialised = keyedQueue();

  return {
    /**
     * Confirms when a seat is free and nobody waits, else joins the end of the waiting list; a
     * conflict or a counter that moved is tried again (bounded, with jittered backoff).
     */
    place: (reg: NewRegistration, now: Date): Promise<PlacedRegistration> =>
      serialised(reg.sessionId, () => placeNow(reg, now)),

    recordDuplicateAttempt: (sessionId: string, emailHash: string, now: Date) =>
      recordDuplicateAttempt(store, sessionId, emailHash, now),
  };

  async function placeNow(reg: NewRegistration, now: Date): Promise<PlacedRegistration> {
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
        if (!isRetryableCancellation(e)) throw e;
      }
      await pause(attempt, CONTENTION_BACKOFF);
    }
    throw new ContentionExhausted('registration');
  }
}
