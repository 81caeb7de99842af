import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { ContentionExhausted, NotFound } from '../../../domain/errors';
import { confirmedInstead, guardHashOf } from '../../../domain/holds';
import type { Registration } from '../../../domain/model';
import type { NewRegistration, PlacedRegistration } from '../../../ports/registrations';
import { pause } from '../../../reliability/retry';
import { CONTENTION_BACKOFF, type TransactItem, writeTransaction } from '../conditions';
import { sessionKeys } from '../sessions';
import { type RegistrationStore, registrationKeys } from './items';
import {
  AddressConfirmed,
  countersOf,
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
import { OutcomeStands, placedOutcomeItem, placementOutcomeOf } from './placement-outcomes';

/**
 * One registration waiting in a group for its session: in a container's own group, or (`queued`)
 * in a message group of the placement queue, whose outcome item is written in the same transaction
 * (shared/adapters/dynamodb/registrations/placement-outcomes.ts).
 */
export interface Waiting {
  reg: NewRegistration;
  now: Date;
  queued?: true;
}

/**
 * 1 session item + at most 4 items per registration (the registration, its guard and token, and
 * the address check or, queued, the outcome) within TransactWriteItems' 100, with room.
 */
export const MAX_GROUP = 24;

type Settled = PromiseSettledResult<PlacedRegistration>;

const settle = (p: Promise<PlacedRegistration>): Promise<Settled> =>
  p.then(
    (value) => ({ status: 'fulfilled', value }),
    (reason: unknown) => ({ status: 'rejected', reason }),
  );

const refusedWith = (e: unknown): Settled => ({ status: 'rejected', reason: e });

/** How many of `n` registrations get a seat, with the counters as seen (the rest join the waiting list). */
export function seatsFor(c: SessionCounters, n: number, capacityGuard: boolean): number {
  if (!capacityGuard || c.capacity === null) return n;
  if (c.waitlistCount > 0) return 0;
  return Math.max(0, Math.min(n, c.capacity - c.confirmedCount));
}

/** `confirmedCount = :c`, also true for an item that has no counter yet when :c is 0. */
const counterIs = (attr: string, placeholder: string, value: number) =>
  value === 0 ? `(attribute_not_exists(${attr}) OR ${attr} = ${placeholder})` : `${attr} = ${placeholder}`;

/**
 * Group commit: the registrations that queued in this container for one session are placed in one
 * transaction with one update of the session's counters, on condition that the counters are exactly
 * as seen. The first `seatsFor` of them (in arrival order) are confirmed, the rest join the waiting
 * list with consecutive tickets and positions, so the answers are those one-at-a-time placement
 * would give. A duplicate address is refused alone and the rest tried again; counters that moved are
 * re-read from the failed condition; a conflict backs off (bounded). A second registration of one
 * address in the same group goes alone afterwards (an item may occur once in a transaction).
 */
export function batchPlacement(
  store: RegistrationStore,
  options: PlaceOptions,
  one: {
    place: (reg: NewRegistration, now: Date) => Promise<PlacedRegistration>;
    seen: (sessionId: string) => SessionCounters | null;
    remember: (sessionId: string, c: SessionCounters) => void;
  },
) {
  const { db, sessionsTable } = store;
  const items = placeItems(store);

  const readCounters = async (sessionId: string): Promise<SessionCounters | null> => {
    const { Item } = await db.send(
      new GetCommand({ TableName: sessionsTable, Key: sessionKeys.session(sessionId), ConsistentRead: true }),
    );
    return Item ? countersOf(Item) : null;
  };

  const sessionUpdate = (
    sessionId: string,
    c: SessionCounters,
    seats: number,
    waiting: number,
    now: Date,
    /** The group's registrations computed from a cached copy of the session: the version they were computed from. */
    computedFrom: Pick<NewRegistration, 'sessionVersion'>,
  ): TransactItem => {
    const version = versionCondition(computedFrom);
    const values: Record<string, unknown> = {
      ':scheduled': 'scheduled',
      ':true': true,
      ':now': now.getTime(),
      ...version.values,
    };
    if (!options.capacityGuard) {
      return {
        Update: {
          TableName: sessionsTable,
          Key: sessionKeys.session(sessionId),
          UpdateExpression: 'ADD confirmedCount :seats',
          ConditionExpression: SESSION_OPEN + version.condition,
          ExpressionAttributeNames: { '#status': 'status', ...version.names },
          ExpressionAttributeValues: { ...values, ':seats': seats },
          ReturnValuesOnConditionCheckFailure: 'ALL_OLD' as const,
        },
      };
    }
    const conditions = [
      SESSION_OPEN,
      counterIs('confirmedCount', ':seenConfirmed', c.confirmedCount),
      counterIs('waitlistCount', ':seenWaiting', c.waitlistCount),
      c.capacity === null
        ? '(attribute_not_exists(#capacity) OR attribute_type(#capacity, :nullType))'
        : '#capacity = :capacity',
      c.seqStored ? 'waitlistSeq = :seenSeq' : 'attribute_not_exists(waitlistSeq)',
    ];
    const sets = ['confirmedCount = :confirmed', 'waitlistCount = :waiting'];
    if (waiting > 0) sets.push('waitlistSeq = :seq');
    Object.assign(values, {
      ':seenConfirmed': c.confirmedCount,
      ':seenWaiting': c.waitlistCount,
      ':confirmed': c.confirmedCount + seats,
      ':waiting': c.waitlistCount + waiting,
      ...(c.capacity === null ? { ':nullType': 'NULL' } : { ':capacity': c.capacity }),
      ...(c.seqStored ? { ':seenSeq': c.waitlistSeq } : {}),
      ...(waiting > 0 ? { ':seq': c.waitlistSeq + waiting } : {}),
    });
    return {
      Update: {
        TableName: sessionsTable,
        Key: sessionKeys.session(sessionId),
        UpdateExpression: `SET ${sets.join(', ')}`,
        ConditionExpression: conditions.join(' AND ') + version.condition,
        ExpressionAttributeNames: { '#status': 'status', '#capacity': 'capacity', ...version.names },
        ExpressionAttributeValues: values,
        ReturnValuesOnConditionCheckFailure: 'ALL_OLD' as const,
      },
    };
  };

  /** The registrations as they are stored when the group commits with counters `c`. */
  const planned = (group: Waiting[], c: SessionCounters, seats: number): PlacedRegistration[] =>
    group.map(({ reg, now }, i) => {
      const base = { ...stripToken(reg), cancelledAt: null, promotedFromWaitlist: false };
      if (i < seats) {
        return {
          ...base,
          status: 'confirmed',
          waitlistSeq: null,
          confirmedAt: now.toISOString(),
          waitlistPosition: null,
        };
      }
      const k = i - seats + 1;
      return {
        ...base,
        status: 'waitlisted',
        waitlistSeq: c.waitlistSeq + k,
        confirmedAt: null,
        waitlistPosition: c.waitlistCount + k,
      };
    });

  const queueKey = (r: Registration) =>
    r.status === 'confirmed'
      ? registrationKeys.queue.confirmed(r.confirmedAt ?? '', r.id)
      : registrationKeys.queue.waitlisted(r.waitlistSeq ?? 0);

  /** One transaction for the whole group: settled results, or why it was cancelled. */
  async function commit(sessionId: string, group: Waiting[], c: SessionCounters) {
    const seats = seatsFor(c, group.length, options.capacityGuard);
    const now = new Date(Math.max(...group.map((w) => w.now.getTime())));
    const registrations = planned(group, c, seats);
    const named: Record<string, TransactItem | null> = {
      session: sessionUpdate(
        sessionId,
        c,
        seats,
        group.length - seats,
        now,
        group.find((w) => w.reg.sessionVersion !== undefined)?.reg ?? {},
      ),
    };
    registrations.forEach((r, i) => {
      const { waitlistPosition: _p, ...registration } = r;
      const { session: _s, ...theirs } = items(
        group[i]?.reg as NewRegistration,
        registration,
        queueKey(r),
        named.session as TransactItem,
      );
      for (const [name, item] of Object.entries(theirs)) named[`${name}${i}`] = item;
      if (group[i]?.queued) named[`outcome${i}`] = placedOutcomeItem(store, r, now);
    });
    const cancelled = await writeTransaction(db, named);
    return { cancelled, registrations, seats };
  }

  async function placeGroup(sent: Waiting[]): Promise<Settled[]> {
    // A registration held without a lookup whose address proves confirmed is replaced, in its place.
    const group = [...sent];
    const first = group[0];
    // A queued registration always goes through the group commit: its outcome item is part of it.
    const queued = group.some((w) => w.queued);
    if (group.length === 1 && first && !queued) return [await settle(one.place(first.reg, first.now))];
    const sessionId = first?.reg.sessionId ?? '';
    const results: Array<Settled | undefined> = group.map(() => undefined);
    const guards = new Set<string>();
    const alone: number[] = [];
    let live: number[] = [];
    group.forEach((w, i) => {
      const guard = guardHashOf(w.reg);
      (guards.has(guard) ? alone : live).push(i);
      guards.add(guard);
    });
    let c = one.seen(sessionId) ?? (await readCounters(sessionId));
    if (c === null) {
      if (queued) {
        for (const i of [...live, ...alone]) results[i] = refusedWith(new NotFound('session'));
        return results as Settled[];
      }
      alone.push(...live); // no session item: each gets its own refusal
      live = [];
    }
    for (let attempt = 0; c !== null && live.length > 0 && attempt < store.maxAttempts; attempt++) {
      const batch = live.map((i) => group[i] as Waiting);
      const { cancelled, registrations, seats } = await commit(sessionId, batch, c);
      if (!cancelled) {
        live.forEach((i, j) => {
          results[i] = { status: 'fulfilled', value: registrations[j] as PlacedRegistration };
        });
        const waiting = batch.length - seats;
        one.remember(sessionId, {
          ...c,
          confirmedCount: c.confirmedCount + seats,
          waitlistCount: c.waitlistCount + waiting,
          waitlistSeq: c.waitlistSeq + waiting,
          seqStored: c.seqStored || waiting > 0,
        });
        live = [];
        break;
      }
      // A queued registration whose outcome was decided already (a repeat delivery, or the API
      // withdrew it) is done; its own items failing says nothing about the others.
      const standing = live.filter((_, j) => cancelled.failed(`outcome${j}`));
      for (const i of standing) {
        const old = cancelled.oldItem(`outcome${live.indexOf(i)}`);
        results[i] = refusedWith(new OutcomeStands(placementOutcomeOf(old)));
      }
      const duplicates = live.filter((i, j) => !standing.includes(i) && cancelled.failed(`emailGuard${j}`));
      for (const i of duplicates) {
        const j = live.indexOf(i);
        try {
          throwIfDuplicate(cancelled, group[i]?.reg as NewRegistration, `emailGuard${j}`);
        } catch (e) {
          results[i] = refusedWith(e);
        }
      }
      const removed = [...standing, ...duplicates];
      // Held without a lookup but confirmed: placed as confirmed in the next round, in the same place.
      let replaced = 0;
      for (const [j, i] of live.entries()) {
        if (removed.includes(i)) continue;
        try {
          throwIfAddressConfirmed(cancelled, `addressCheck${j}`);
        } catch (e) {
          if (!(e instanceof AddressConfirmed)) throw e;
          const w = group[i] as Waiting;
          group[i] = { ...w, reg: confirmedInstead(w.reg, e.confirmedAt) };
          replaced++;
        }
      }
      live = live.filter((i) => !removed.includes(i));
      if (cancelled.failed('session')) {
        const old = cancelled.oldItem('session');
        const refusal = sessionRefusal(old, sessionId, new Date(Math.max(...batch.map((w) => w.now.getTime()))));
        if (refusal) {
          for (const i of live) results[i] = refusedWith(refusal);
          live = [];
          break;
        }
        // Computed from a copy of the session older than its last edit: each goes back to be computed again.
        const changed = live.filter((i) => {
          try {
            throwIfSessionChanged(old as Record<string, unknown>, group[i]?.reg as NewRegistration);
            return false;
          } catch (e) {
            results[i] = refusedWith(e);
            return true;
          }
        });
        live = live.filter((i) => !changed.includes(i));
        c = countersOf(old as Record<string, unknown>);
        one.remember(sessionId, c);
        continue;
      }
      if (replaced > 0 && removed.length === 0 && !cancelled.failed('session')) {
        attempt--; // not contention, and each registration is replaced once at most
        continue;
      }
      if (removed.length > 0 || replaced > 0) continue;
      if (!cancelled.retryable) {
        for (const i of live) results[i] = refusedWith(cancelled.error);
        live = [];
        break;
      }
      await pause(attempt, CONTENTION_BACKOFF);
    }
    for (const i of live) results[i] = refusedWith(new ContentionExhausted('registration'));
    for (const i of alone) {
      const w = group[i] as Waiting;
      const [settled] = w.queued ? await placeGroup([w]) : [await settle(one.place(w.reg, w.now))];
      results[i] = settled;
    }
    return results.map((r) => r ?? refusedWith(new Error('registration group: no result')));
  }

  return { placeGroup };
}
