import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import {
  AlreadyRegistered,
  ContentionExhausted,
  NotFound,
  RegistrationClosed,
  SessionCancelled,
} from '../../../domain/errors';
import { guardHashOf } from '../../../domain/holds';
import type { Registration } from '../../../domain/model';
import type { NewRegistration } from '../../../ports/registrations';
import { pause } from '../../../reliability/retry';
import {
  type Cancellation,
  CONTENTION_BACKOFF,
  isConditionalCheckFailed,
  isRetryableCancellation,
  type TransactItem,
  writeTransaction,
} from '../conditions';
import { sessionKeys } from '../sessions';
import { type RegistrationStore, registrationKeys, toRegistrationItem } from './items';

/** At most one duplicate-attempt reminder per address and session in this interval. */
const DUPLICATE_ATTEMPT_INTERVAL_MS = 15 * 60 * 1000;

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
        Item: linkItem(registrationKeys.emailGuard(reg.sessionId, guardHashOf(reg)), 'email-guard', reg),
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
   * Writes the registration with the session's counter update. Null when the session's condition
   * failed only on its capacity part (full, or no longer full); a refusal or a duplicate is thrown.
   */
  async function write(
    reg: NewRegistration,
    registration: Registration,
    queueKey: string,
    session: TransactItem,
    now: Date,
  ): Promise<Registration | null> {
    const cancelled = await writeTransaction(db, items(reg, registration, queueKey, session));
    if (!cancelled) return registration;
    throwIfDuplicate(cancelled, reg);
    if (!cancelled.failed('session')) throw cancelled.error;
    const refusal = sessionRefusal(cancelled.oldItem('session'), reg.sessionId, now);
    if (refusal) throw refusal;
    return null;
  }

  async function tryConfirm(reg: NewRegistration, now: Date): Promise<Registration | 'full'> {
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
    const placed = await write(
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
    return placed ?? 'full';
  }

  async function tryWaitlist(reg: NewRegistration, now: Date): Promise<Registration | 'not-full'> {
    // A ticket from the session's counter fixes the place in the queue; a ticket left unused by a
    // failed attempt only leaves a gap, and positions are counted, not taken from the ticket.
    const ticket = await db.send(
      new UpdateCommand({
        TableName: sessionsTable,
        Key: sessionKeys.session(reg.sessionId),
        UpdateExpression: 'ADD waitlistSeq :one',
        ConditionExpression: 'attribute_exists(pk)',
        ExpressionAttributeValues: { ':one': 1 },
        ReturnValues: 'UPDATED_NEW',
      }),
    );
    const seq = ticket.Attributes?.waitlistSeq as number;
    const registration: Registration = {
      ...stripToken(reg),
      status: 'waitlisted',
      waitlistSeq: seq,
      confirmedAt: null,
      cancelledAt: null,
      promotedFromWaitlist: false,
    };
    const placed = await write(
      reg,
      registration,
      registrationKeys.queue.waitlisted(seq),
      {
        Update: {
          TableName: sessionsTable,
          Key: sessionKeys.session(reg.sessionId),
          UpdateExpression: 'ADD waitlistCount :one',
          ConditionExpression: `${SESSION_OPEN} AND (waitlistCount > :zero OR confirmedCount >= #capacity)`,
          ExpressionAttributeNames: { '#status': 'status', '#capacity': 'capacity' },
          ExpressionAttributeValues: {
            ':one': 1,
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
    return placed ?? 'not-full'; // not-full: a seat came free in between, so try to confirm again
  }

  return {
    /** Confirms when a seat is free and nobody waits, else joins the waiting list; retried on conflicts. */
    async place(reg: NewRegistration, now: Date): Promise<Registration> {
      for (let attempt = 0; attempt < store.maxAttempts; attempt++) {
        try {
          const confirmed = await tryConfirm(reg, now);
          if (confirmed !== 'full') return confirmed;
          const waitlisted = await tryWaitlist(reg, now);
          if (waitlisted !== 'not-full') return waitlisted;
        } catch (e) {
          if (!isRetryableCancellation(e)) throw e;
        }
        await pause(attempt, CONTENTION_BACKOFF);
      }
      throw new ContentionExhausted('registration');
    },

    async recordDuplicateAttempt(sessionId: string, emailHash: string, now: Date): Promise<boolean> {
      try {
        await db.send(
          new UpdateCommand({
            TableName: registrationsTable,
            Key: registrationKeys.emailGuard(sessionId, emailHash),
            UpdateExpression: 'SET lastDuplicateAttemptAt = :now',
            ConditionExpression:
              'attribute_exists(pk) AND (attribute_not_exists(lastDuplicateAttemptAt) OR lastDuplicateAttemptAt <= :cutoff)',
            ExpressionAttributeValues: {
              ':now': now.getTime(),
              ':cutoff': now.getTime() - DUPLICATE_ATTEMPT_INTERVAL_MS,
            },
          }),
        );
        return true;
      } catch (e) {
        if (isConditionalCheckFailed(e)) return false; // stamped recently, or the guard is gone
        throw e;
      }
    },
  };
}
