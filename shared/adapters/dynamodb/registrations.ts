import type { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import {
  type DynamoDBDocumentClient,
  GetCommand,
  QueryCommand,
  TransactWriteCommand,
  type TransactWriteCommandInput,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import {
  AlreadyRegistered,
  ContentionExhausted,
  NotFound,
  RegistrationClosed,
  SessionCancelled,
} from '../../domain/errors';
import type { Registration } from '../../domain/model';
import { withRetentionApplied } from '../../domain/privacy';
import { type Clock, systemClock } from '../../ports/clock';
import { countAll, queryAll } from './query';
import {
  backoff,
  isConditionalCheckFailed,
  isRetryableCancellation,
  isTransactionCanceled,
  reasonCode,
  reasonItem,
} from './retry';
import { sessionKeys } from './sessions';
import { REGISTRATIONS_BY_ID_INDEX, REGISTRATIONS_QUEUE_INDEX } from './table-specs';

/**
 * Keys of the registrations table, defined once.
 * - registration:  SESSION#<sessionId> / REG#<registrationId>   (queueKey orders the session's list)
 * - email guard:   SESSION#<sessionId> / EMAIL#<emailHash>       (one live registration per address)
 * - manage token:  TOKEN#<tokenHash>   / TOKEN                    (token → registration, strongly consistent)
 */
export const registrationKeys = {
  registration: (sessionId: string, registrationId: string) => ({
    pk: `SESSION#${sessionId}`,
    sk: `REG#${registrationId}`,
  }),
  emailGuard: (sessionId: string, emailHash: string) => ({ pk: `SESSION#${sessionId}`, sk: `EMAIL#${emailHash}` }),
  token: (tokenHash: string) => ({ pk: `TOKEN#${tokenHash}`, sk: 'TOKEN' }),
  queue: {
    waitlisted: (seq: number) => `W#${String(seq).padStart(12, '0')}`,
    confirmed: (at: string, id: string) => `C#${at}#${id}`,
    cancelled: (at: string, id: string) => `X#${at}#${id}`,
  },
};

export interface NewRegistration
  extends Omit<Registration, 'status' | 'waitlistSeq' | 'confirmedAt' | 'cancelledAt' | 'promotedFromWaitlist'> {
  tokenHash: string;
}

export interface CancelOutcome {
  registration: Registration;
  /** The registration that got the freed seat, if any. */
  promoted: Registration | null;
  /** False when the registration was already cancelled (a harmless repeat). */
  changed: boolean;
}

export interface RegistrationRepository {
  /** Confirms when a seat is free (and nobody waits), otherwise puts the registration on the waiting list. */
  place(reg: NewRegistration, now: Date): Promise<Registration>;
  get(sessionId: string, registrationId: string): Promise<Registration | null>;
  findByTokenHash(tokenHash: string): Promise<Registration | null>;
  findById(registrationId: string): Promise<Registration | null>;
  /** 1-based position among those still waiting, or null when not waitlisted. */
  waitlistPosition(reg: Registration): Promise<number | null>;
  listForSession(sessionId: string): Promise<Registration[]>;
  cancel(reg: Registration, now: Date): Promise<CancelOutcome>;
  /** Hands free seats to the waiting list in order (after a capacity increase); returns who got one. */
  fillFreeSeats(sessionId: string, now: Date): Promise<Registration[]>;
  /**
   * Stamps a repeated registration attempt on the address's email guard; the stream turns the
   * stamp into a reminder mail. Rate-limited per guard (DUPLICATE_ATTEMPT_INTERVAL_MS) so nobody
   * can be mail-bombed through the form. Returns false when nothing was stamped.
   */
  recordDuplicateAttempt(sessionId: string, emailHash: string, now: Date): Promise<boolean>;
}

/** At most one duplicate-attempt reminder per address and session in this interval. */
export const DUPLICATE_ATTEMPT_INTERVAL_MS = 15 * 60 * 1000;

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

type RegistrationItem = Registration & {
  pk: string;
  sk: string;
  type: 'registration';
  queueKey: string;
  registrationId: string;
  tokenHash: string;
};

const toItem = (r: Registration, tokenHash: string, queueKey: string): RegistrationItem => ({
  ...r,
  ...registrationKeys.registration(r.sessionId, r.id),
  type: 'registration',
  registrationId: r.id,
  queueKey,
  tokenHash,
});

/**
 * An item as a registration. Past its personal-data expiry it comes back anonymised even when the
 * retention job has not run yet (DynamoDB Local never expires items, and TTL may lag in AWS).
 */
export function fromRegistrationItem(item: Record<string, unknown>, now: Date = new Date()): Registration {
  const i = item as unknown as RegistrationItem;
  return withRetentionApplied(
    {
      id: i.registrationId,
      sessionId: i.sessionId,
      status: i.status,
      waitlistSeq: i.waitlistSeq ?? null,
      // Absent once anonymised.
      name: i.name ?? '',
      email: i.email ?? '',
      emailHash: i.emailHash ?? '',
      role: i.role,
      organisation: i.organisation ?? null,
      neighbourhood: i.neighbourhood ?? null,
      language: i.language,
      consentAt: i.consentAt,
      createdAt: i.createdAt,
      updatedAt: i.updatedAt,
      confirmedAt: i.confirmedAt ?? null,
      cancelledAt: i.cancelledAt ?? null,
      promotedFromWaitlist: i.promotedFromWaitlist ?? false,
      privacyNotice: i.privacyNotice ?? null,
      personalDataExpiresAt: i.personalDataExpiresAt ?? null,
      anonymisedAt: i.anonymisedAt ?? null,
      erasedBy: i.erasedBy ?? null,
    },
    now,
  );
}

const SESSION_OPEN =
  'attribute_exists(pk) AND #status = :scheduled AND registrationOpen = :true AND registrationClosesAt > :now';

export function createRegistrationRepository(
  db: DynamoDBDocumentClient,
  tables: { sessionsTable: string; registrationsTable: string },
  options: RegistrationRepositoryOptions = {},
): RegistrationRepository {
  const { sessionsTable, registrationsTable } = tables;
  const capacityGuard = options.capacityGuard ?? true;
  const maxAttempts = options.maxAttempts ?? 40;
  const clock = options.clock ?? systemClock;
  const read = (item: Record<string, unknown>) => fromRegistrationItem(item, clock.now());
  // The guard and token items hold no personal data themselves but lead to it: DynamoDB's TTL
  // deletes them when the registration's personal data expires.
  const ttl = (reg: NewRegistration) =>
    typeof reg.personalDataExpiresAt === 'number' ? { expiresAt: reg.personalDataExpiresAt } : {};

  const registrationWrites = (reg: NewRegistration, full: Registration, queueKey: string) => [
    {
      Put: {
        TableName: registrationsTable,
        Item: toItem(full, reg.tokenHash, queueKey),
        ConditionExpression: 'attribute_not_exists(pk)',
      },
    },
    {
      Put: {
        TableName: registrationsTable,
        Item: {
          ...registrationKeys.emailGuard(reg.sessionId, reg.emailHash),
          type: 'email-guard',
          registrationId: reg.id,
          sessionId: reg.sessionId,
          ...ttl(reg),
        },
        ConditionExpression: 'attribute_not_exists(pk)',
        ReturnValuesOnConditionCheckFailure: 'ALL_OLD' as const,
      },
    },
    {
      Put: {
        TableName: registrationsTable,
        Item: {
          ...registrationKeys.token(reg.tokenHash),
          type: 'manage-token',
          registrationId: reg.id,
          sessionId: reg.sessionId,
          ...ttl(reg),
        },
        ConditionExpression: 'attribute_not_exists(pk)',
      },
    },
  ];

  /** Translates a failed session condition into the reason a registrant should hear. */
  const explainSessionRefusal = (old: Record<string, unknown> | undefined, sessionId: string, now: Date) => {
    if (!old) return new NotFound('session');
    if (old.status === 'cancelled') return new SessionCancelled(sessionId);
    if (old.registrationOpen !== true || (old.registrationClosesAt as number) <= now.getTime()) {
      return new RegistrationClosed(sessionId);
    }
    return null; // open, so it was the capacity part of the condition
  };

  const transact = (input: TransactWriteCommandInput) => db.send(new TransactWriteCommand(input));

  async function tryConfirm(reg: NewRegistration, now: Date): Promise<Registration | 'full'> {
    const at = now.toISOString();
    const full: Registration = {
      ...stripToken(reg),
      status: 'confirmed',
      waitlistSeq: null,
      confirmedAt: at,
      cancelledAt: null,
      promotedFromWaitlist: false,
    };
    const capacityCondition = capacityGuard
      ? ' AND waitlistCount = :zero AND (attribute_not_exists(#capacity) OR attribute_type(#capacity, :nullType) OR confirmedCount < #capacity)'
      : '';
    try {
      await transact({
        TransactItems: [
          {
            Update: {
              TableName: sessionsTable,
              Key: sessionKeys.session(reg.sessionId),
              UpdateExpression: 'ADD confirmedCount :one',
              ConditionExpression: SESSION_OPEN + capacityCondition,
              ExpressionAttributeNames: { '#status': 'status', ...(capacityGuard ? { '#capacity': 'capacity' } : {}) },
              ExpressionAttributeValues: {
                ':one': 1,
                ':scheduled': 'scheduled',
                ':true': true,
                ':now': now.getTime(),
                ...(capacityGuard ? { ':zero': 0, ':nullType': 'NULL' } : {}),
              },
              ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
            },
          },
          ...registrationWrites(reg, full, registrationKeys.queue.confirmed(at, reg.id)),
        ],
      });
      return full;
    } catch (e) {
      if (!isTransactionCanceled(e)) throw e;
      throwIfDuplicate(e, reg);
      if (reasonCode(e, 0) === 'ConditionalCheckFailed') {
        const refusal = explainSessionRefusal(reasonItem(e, 0), reg.sessionId, now);
        if (refusal) throw refusal;
        return 'full';
      }
      throw e;
    }
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
    const full: Registration = {
      ...stripToken(reg),
      status: 'waitlisted',
      waitlistSeq: seq,
      confirmedAt: null,
      cancelledAt: null,
      promotedFromWaitlist: false,
    };
    try {
      await transact({
        TransactItems: [
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
          ...registrationWrites(reg, full, registrationKeys.queue.waitlisted(seq)),
        ],
      });
      return full;
    } catch (e) {
      if (!isTransactionCanceled(e)) throw e;
      throwIfDuplicate(e, reg);
      if (reasonCode(e, 0) === 'ConditionalCheckFailed') {
        const refusal = explainSessionRefusal(reasonItem(e, 0), reg.sessionId, now);
        if (refusal) throw refusal;
        return 'not-full'; // a seat came free in between: try to confirm again
      }
      throw e;
    }
  }

  function throwIfDuplicate(e: TransactionCanceledException, reg: NewRegistration): void {
    if (reasonCode(e, 2) === 'ConditionalCheckFailed') {
      const err = new AlreadyRegistered(reg.sessionId);
      const existing = reasonItem(e, 2)?.registrationId;
      if (typeof existing === 'string') Object.assign(err, { existingRegistrationId: existing });
      throw err;
    }
  }

  async function firstWaiting(sessionId: string): Promise<Registration | null> {
    const r = await db.send(
      new QueryCommand({
        TableName: registrationsTable,
        IndexName: REGISTRATIONS_QUEUE_INDEX,
        KeyConditionExpression: 'pk = :pk AND begins_with(queueKey, :w)',
        ExpressionAttributeValues: { ':pk': `SESSION#${sessionId}`, ':w': 'W#' },
        ConsistentRead: true,
        Limit: 1,
      }),
    );
    const item = r.Items?.[0];
    return item ? read(item) : null;
  }

  const get = async (sessionId: string, registrationId: string): Promise<Registration | null> => {
    const r = await db.send(
      new GetCommand({
        TableName: registrationsTable,
        Key: registrationKeys.registration(sessionId, registrationId),
        ConsistentRead: true,
      }),
    );
    return r.Item ? read(r.Item) : null;
  };

  const cancelWrite = (r: Registration, expected: 'confirmed' | 'waitlisted', at: string) => ({
    Update: {
      TableName: registrationsTable,
      Key: registrationKeys.registration(r.sessionId, r.id),
      UpdateExpression:
        'SET #status = :cancelled, queueKey = :q, cancelledAt = :at, updatedAt = :at REMOVE waitlistSeq',
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

  const promoteWrite = (r: Registration, at: string) => ({
    Update: {
      TableName: registrationsTable,
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

  const releaseGuard = (r: Registration) => ({
    Delete: {
      TableName: registrationsTable,
      Key: registrationKeys.emailGuard(r.sessionId, r.emailHash),
      // Only our own guard; a guard of a later registration with the same address stays.
      ConditionExpression: 'attribute_not_exists(pk) OR registrationId = :id',
      ExpressionAttributeValues: { ':id': r.id },
    },
  });

  const sessionCounterUpdate = (
    sessionId: string,
    update: string,
    condition: string,
    values: Record<string, unknown>,
    names: Record<string, string> = {},
  ) => ({
    Update: {
      TableName: sessionsTable,
      Key: sessionKeys.session(sessionId),
      UpdateExpression: update,
      ConditionExpression: condition,
      ExpressionAttributeValues: values,
      ...(Object.keys(names).length ? { ExpressionAttributeNames: names } : {}),
    },
  });

  /** A registration as it is once cancelled, or once promoted from the waiting list, at `at`. */
  const asCancelled = (r: Registration, at: string): Registration => ({
    ...r,
    status: 'cancelled',
    waitlistSeq: null,
    cancelledAt: at,
    updatedAt: at,
  });
  const asPromoted = (r: Registration, at: string): Registration => ({
    ...r,
    status: 'confirmed',
    waitlistSeq: null,
    confirmedAt: at,
    updatedAt: at,
    promotedFromWaitlist: true,
  });

  /**
   * Every cancellation is one transaction: the registration leaves its status, the session's
   * counters move (with `between` items such as a promotion), and the email guard is released.
   * Returns false when a condition moved under us, so the caller re-reads and tries again.
   */
  async function cancelTransaction(
    r: Registration,
    expected: 'confirmed' | 'waitlisted',
    at: string,
    between: NonNullable<TransactWriteCommandInput['TransactItems']>,
  ): Promise<boolean> {
    try {
      await transact({ TransactItems: [cancelWrite(r, expected, at), ...between, releaseGuard(r)] });
      return true;
    } catch (e) {
      if (isTransactionCanceled(e)) return false;
      throw e;
    }
  }

  /** One attempt at cancelling; returns null when a condition moved under us and we should re-read. */
  async function cancelOnce(r: Registration, now: Date): Promise<CancelOutcome | null> {
    const at = now.toISOString();
    const done = (promoted: Registration | null): CancelOutcome => ({
      registration: asCancelled(r, at),
      promoted,
      changed: true,
    });
    if (r.status === 'waitlisted') {
      const ok = await cancelTransaction(r, 'waitlisted', at, [
        sessionCounterUpdate(r.sessionId, 'ADD waitlistCount :minus', 'waitlistCount > :zero', {
          ':minus': -1,
          ':zero': 0,
        }),
      ]);
      return ok ? done(null) : null;
    }
    const next = await firstWaiting(r.sessionId);
    if (next) {
      // The freed seat passes straight to the first in line, in the same transaction: it is
      // never free in between, so nobody can jump the queue.
      const ok = await cancelTransaction(r, 'confirmed', at, [
        promoteWrite(next, at),
        sessionCounterUpdate(
          r.sessionId,
          'ADD waitlistCount :minus',
          'waitlistCount > :zero AND #status = :scheduled AND registrationClosesAt > :now',
          { ':minus': -1, ':zero': 0, ':scheduled': 'scheduled', ':now': now.getTime() },
          { '#status': 'status' },
        ),
      ]);
      return ok ? done(asPromoted(next, at)) : null;
    }
    const ok = await cancelTransaction(r, 'confirmed', at, [
      sessionCounterUpdate(
        r.sessionId,
        'ADD confirmedCount :minus',
        'confirmedCount > :zero AND waitlistCount = :zero',
        {
          ':minus': -1,
          ':zero': 0,
        },
      ),
    ]);
    return ok ? done(null) : null;
  }

  /** Cancels when nobody can be promoted: the session is cancelled or its registration has closed. */
  async function cancelWithoutPromotion(r: Registration, now: Date): Promise<CancelOutcome | null> {
    const at = now.toISOString();
    const ok = await cancelTransaction(r, 'confirmed', at, [
      sessionCounterUpdate(r.sessionId, 'ADD confirmedCount :minus', 'confirmedCount > :zero', {
        ':minus': -1,
        ':zero': 0,
      }),
    ]);
    return ok ? { registration: asCancelled(r, at), promoted: null, changed: true } : null;
  }

  return {
    async recordDuplicateAttempt(sessionId, emailHash, now) {
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

    async place(reg, now) {
      for (let attempt = 0; attempt < maxAttempts; attempt++) {
        try {
          const confirmed = await tryConfirm(reg, now);
          if (confirmed !== 'full') return confirmed;
          const waitlisted = await tryWaitlist(reg, now);
          if (waitlisted !== 'not-full') return waitlisted;
        } catch (e) {
          if (!(isTransactionCanceled(e) && isRetryableCancellation(e))) throw e;
        }
        await backoff(attempt);
      }
      throw new ContentionExhausted('registration');
    },

    get,

    async findByTokenHash(tokenHash) {
      const t = await db.send(
        new GetCommand({ TableName: registrationsTable, Key: registrationKeys.token(tokenHash), ConsistentRead: true }),
      );
      if (!t.Item) return null;
      // An expired token leads nowhere, whether or not DynamoDB has deleted it yet.
      if (typeof t.Item.expiresAt === 'number' && t.Item.expiresAt * 1000 <= clock.now().getTime()) return null;
      const reg = await db.send(
        new GetCommand({
          TableName: registrationsTable,
          Key: registrationKeys.registration(t.Item.sessionId as string, t.Item.registrationId as string),
          ConsistentRead: true,
        }),
      );
      if (!reg.Item || reg.Item.tokenHash !== tokenHash) return null;
      const registration = read(reg.Item);
      return registration.anonymisedAt ? null : registration;
    },

    async findById(registrationId) {
      const r = await db.send(
        new QueryCommand({
          TableName: registrationsTable,
          IndexName: REGISTRATIONS_BY_ID_INDEX,
          KeyConditionExpression: 'registrationId = :id',
          ExpressionAttributeValues: { ':id': registrationId },
        }),
      );
      const key = r.Items?.find((i) => String(i.sk).startsWith('REG#'));
      if (!key) return null;
      return get(String(key.pk).slice('SESSION#'.length), registrationId);
    },

    async waitlistPosition(reg) {
      if (reg.status !== 'waitlisted' || reg.waitlistSeq === null) return null;
      return countAll(db, {
        TableName: registrationsTable,
        IndexName: REGISTRATIONS_QUEUE_INDEX,
        KeyConditionExpression: 'pk = :pk AND queueKey BETWEEN :from AND :to',
        ExpressionAttributeValues: {
          ':pk': `SESSION#${reg.sessionId}`,
          ':from': 'W#',
          ':to': registrationKeys.queue.waitlisted(reg.waitlistSeq),
        },
        ConsistentRead: true,
      });
    },

    async listForSession(sessionId) {
      const out: Registration[] = [];
      const items = await queryAll(db, {
        TableName: registrationsTable,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :reg)',
        ExpressionAttributeValues: { ':pk': `SESSION#${sessionId}`, ':reg': 'REG#' },
        ConsistentRead: true,
      });
      for (const item of items) out.push(read(item));
      return out.sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id));
    },

    async cancel(reg, now) {
      for (let attempt = 0; attempt < maxAttempts; attempt++) {
        const current = await get(reg.sessionId, reg.id);
        if (!current) throw new NotFound('registration');
        if (current.status === 'cancelled') return { registration: current, promoted: null, changed: false };
        let outcome = await cancelOnce(current, now);
        if (!outcome && current.status === 'confirmed') {
          // Promotion may be impossible (session cancelled or closed): then just free the seat.
          const session = await db.send(
            new GetCommand({ TableName: sessionsTable, Key: sessionKeys.session(reg.sessionId), ConsistentRead: true }),
          );
          const s = session.Item;
          if (s?.status !== 'scheduled' || (s.registrationClosesAt as number) <= now.getTime()) {
            outcome = await cancelWithoutPromotion(current, now);
          }
        }
        if (outcome) return outcome;
        await backoff(attempt);
      }
      throw new ContentionExhausted('cancellation');
    },

    async fillFreeSeats(sessionId, now) {
      const promoted: Registration[] = [];
      for (let attempt = 0; attempt < maxAttempts; ) {
        const next = await firstWaiting(sessionId);
        if (!next) return promoted;
        const at = now.toISOString();
        try {
          await transact({
            TransactItems: [
              promoteWrite(next, at),
              sessionCounterUpdate(
                sessionId,
                'ADD confirmedCount :one, waitlistCount :minus',
                // Capacity may have been lifted altogether (null): then everyone waiting gets a seat.
                '#status = :scheduled AND registrationClosesAt > :now AND waitlistCount > :zero AND (attribute_type(#capacity, :nullType) OR confirmedCount < #capacity)',
                {
                  ':one': 1,
                  ':minus': -1,
                  ':zero': 0,
                  ':scheduled': 'scheduled',
                  ':now': now.getTime(),
                  ':nullType': 'NULL',
                },
                { '#status': 'status', '#capacity': 'capacity' },
              ),
            ],
            // Tell a full session (stop) from a lost race for this waitlister (retry).
          });
          promoted.push(asPromoted(next, at));
        } catch (e) {
          if (!isTransactionCanceled(e)) throw e;
          if (reasonCode(e, 1) === 'ConditionalCheckFailed') return promoted; // no free seat (or closed)
          attempt++;
          await backoff(attempt);
        }
      }
      return promoted;
    },
  };
}

function stripToken(reg: NewRegistration): Omit<NewRegistration, 'tokenHash'> {
  const { tokenHash: _t, ...rest } = reg;
  return rest;
}
