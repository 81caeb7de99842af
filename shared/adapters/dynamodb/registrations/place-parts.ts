import { AlreadyRegistered, NotFound, RegistrationClosed, SessionCancelled } from '../../../domain/errors';
import { guardHashOf } from '../../../domain/holds';
import type { Registration } from '../../../domain/model';
import { type NewRegistration, SessionChanged } from '../../../ports/registrations';
import type { Cancellation, TransactItem } from '../conditions';
import { type RegistrationStore, registrationKeys, toRegistrationItem } from './items';

/** What placing a registration writes, by name: the session's counter, the registration, its two link items and the address check. */
export type PlaceItem = 'session' | 'registration' | 'emailGuard' | 'token' | 'addressCheck';

/** RegistrationRepositoryOptions.capacityGuard (registrations/index.ts), default applied. */
export interface PlaceOptions {
  capacityGuard: boolean;
}

/** The session's condition for any registration: it exists, is scheduled, open, and not yet closed. */
export const SESSION_OPEN =
  'attribute_exists(pk) AND #status = :scheduled AND registrationOpen = :true AND registrationClosesAt > :now';

/** The registration as stored: without its token (only the token item has the hash) or the placement's check. */
export const stripToken = (
  reg: NewRegistration,
): Omit<NewRegistration, 'tokenHash' | 'heldUnlessConfirmed' | 'sessionVersion'> => {
  const { tokenHash: _t, heldUnlessConfirmed: _h, sessionVersion: _v, ...rest } = reg;
  return rest;
};

/** The condition on the session's version for a registration computed from a cached copy ('' when it was read). */
export const versionCondition = (
  reg: Pick<NewRegistration, 'sessionVersion'>,
): { condition: string; names: Record<string, string>; values: Record<string, unknown> } =>
  reg.sessionVersion === undefined
    ? { condition: '', names: {}, values: {} }
    : {
        condition: ' AND #version = :sessionVersion',
        names: { '#version': 'version' },
        values: { ':sessionVersion': reg.sessionVersion },
      };

/** Throws SessionChanged when the session item's version is not the one the registration was computed from. */
export function throwIfSessionChanged(old: Record<string, unknown>, reg: NewRegistration): void {
  if (reg.sessionVersion !== undefined && old.version !== reg.sessionVersion) throw new SessionChanged(reg.sessionId);
}

/**
 * A placement cancelled because the address its registration was held for proved confirmed for the
 * programme (`heldUnlessConfirmed`): nothing was stored; it is placed again as confirmed.
 */
export class AddressConfirmed extends Error {
  override readonly name = 'AddressConfirmed';
  constructor(readonly confirmedAt: string) {
    super('the address is confirmed for the programme already');
  }
}

/** Throws AddressConfirmed when the transaction failed on the address check (`heldUnlessConfirmed`). */
export function throwIfAddressConfirmed(cancelled: Cancellation<string>, check = 'addressCheck'): void {
  if (!cancelled.failed(check)) return;
  const confirmedAt = cancelled.oldItem(check)?.confirmedAt;
  throw new AddressConfirmed(typeof confirmedAt === 'string' ? confirmedAt : new Date().toISOString());
}

/** Translates a failed session condition into the reason a registrant should hear (null: it was full). */
export function sessionRefusal(old: Record<string, unknown> | undefined, sessionId: string, now: Date): Error | null {
  if (!old) return new NotFound('session');
  if (old.status === 'cancelled') return new SessionCancelled(sessionId);
  if (old.registrationOpen !== true || (old.registrationClosesAt as number) <= now.getTime()) {
    return new RegistrationClosed(sessionId);
  }
  return null;
}

export function throwIfDuplicate(cancelled: Cancellation<string>, reg: NewRegistration, guard = 'emailGuard'): void {
  if (!cancelled.failed(guard)) return;
  const err = new AlreadyRegistered(reg.sessionId);
  const existing = cancelled.oldItem(guard)?.registrationId;
  if (typeof existing === 'string') Object.assign(err, { existingRegistrationId: existing });
  throw err;
}

/** The session's counters as a failed condition returned them. */
export interface SessionCounters {
  kind: 'counters';
  confirmedCount: number;
  waitlistCount: number;
  waitlistSeq: number;
  /** False for a session item written before tickets were stored (the ticket counter starts at 0). */
  seqStored: boolean;
  capacity: number | null;
}

export const countersOf = (item: Record<string, unknown>): SessionCounters => ({
  kind: 'counters',
  confirmedCount: Number(item.confirmedCount ?? 0),
  waitlistCount: Number(item.waitlistCount ?? 0),
  waitlistSeq: Number(item.waitlistSeq ?? 0),
  seqStored: typeof item.waitlistSeq === 'number',
  capacity: typeof item.capacity === 'number' ? item.capacity : null,
});

export const isCounters = (x: unknown): x is SessionCounters => (x as SessionCounters | undefined)?.kind === 'counters';

/** Full as the conditions see it: someone waits, or every seat is taken. */
export const isFullState = (c: SessionCounters) =>
  c.waitlistCount > 0 || (c.capacity !== null && c.confirmedCount >= c.capacity);

/** The items placing one registration writes besides the session's counter, by name. */
export function placeItems(store: Pick<RegistrationStore, 'registrationsTable'>) {
  const { registrationsTable } = store;
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
    // Held without a lookup: only while the address has no live confirmation for the programme
    // (holds.ts reads one past its expiry as none, since TTL deletes late).
    addressCheck: reg.heldUnlessConfirmed
      ? {
          ConditionCheck: {
            TableName: registrationsTable,
            Key: registrationKeys.addressConfirmation(reg.heldUnlessConfirmed.programmeId, reg.emailHash),
            ConditionExpression: 'NOT attribute_type(confirmedAt, :string) OR expiresAt <= :nowSeconds',
            ExpressionAttributeValues: { ':string': 'S', ':nowSeconds': Math.floor(Date.parse(reg.createdAt) / 1000) },
            ReturnValuesOnConditionCheckFailure: 'ALL_OLD' as const,
          },
        }
      : null,
  });
  return items;
}
