import {
  AlreadyRegistered,
  ContentionExhausted,
  NotFound,
  RegistrationClosed,
  SessionCancelled,
} from '../domain/errors';
import { confirmedInstead } from '../domain/holds';
import { describeError, log } from '../log';
import type { Clock } from '../ports/clock';
import type {
  PlacementMessage,
  PlacementOutcome,
  PlacementOutcomes,
  PlacementQueue,
  PlacementRefusal,
} from '../ports/placement-queue';
import type { NewRegistration, PlacedRegistration } from '../ports/registrations';
import { sleep } from '../reliability/retry';

/** One queued registration for the group commit (shared/adapters/dynamodb/registrations/place-batch.ts). */
export interface QueuedPlacement {
  reg: NewRegistration;
  now: Date;
  queued: true;
}

export interface PlacementConsumerDeps {
  /** Places one session's registrations in one transaction each round, outcome items included. */
  placeGroup(group: QueuedPlacement[]): Promise<Array<PromiseSettledResult<PlacedRegistration>>>;
  outcomes: PlacementOutcomes;
  clock: Clock;
  /** True for the error a placement throws when its outcome stood already (a repeat, or withdrawn). */
  isOutcomeStands(e: unknown): boolean;
}

/** The refusal a registrant hears, for the errors placement throws; null for anything to retry. */
export function refusalOf(e: unknown): PlacementRefusal | null {
  if (e instanceof AlreadyRegistered) return 'already-registered';
  if (e instanceof SessionCancelled) return 'session-cancelled';
  if (e instanceof RegistrationClosed) return 'registration-closed';
  if (e instanceof NotFound) return 'session-not-found';
  return null;
}

/** The error the direct path would have thrown for a refusal, so the API answers the same. */
export function errorOfRefusal(sessionId: string, o: Extract<PlacementOutcome, { outcome: 'refused' }>): Error {
  switch (o.reason) {
    case 'already-registered': {
      const err = new AlreadyRegistered(sessionId);
      if (o.existingRegistrationId) Object.assign(err, { existingRegistrationId: o.existingRegistrationId });
      return err;
    }
    case 'session-cancelled':
      return new SessionCancelled(sessionId);
    case 'registration-closed':
      return new RegistrationClosed(sessionId);
    case 'session-not-found':
      return new NotFound('session');
  }
}

/**
 * The placement consumer's work for one message group (one session), in queue order: messages
 * past their answer time are withdrawn unplaced (the API has stopped waiting and answers 503), the
 * rest are placed together, and every refusal is recorded as the registration's outcome. Answers
 * per message null (done) or the error to retry it with; a repeat delivery finds its outcome
 * standing and changes nothing.
 */
export async function placeQueuedGroup(
  deps: PlacementConsumerDeps,
  messages: PlacementMessage[],
): Promise<Array<Error | null>> {
  const now = deps.clock.now();
  const results: Array<Error | null> = messages.map(() => null);
  const live: number[] = [];
  for (const [i, m] of messages.entries()) {
    if (m.answerBy <= now.getTime()) await deps.outcomes.withdraw(m.reg.id, now);
    else live.push(i);
  }
  if (live.length === 0) return results;
  const settled = await deps.placeGroup(
    live.map((i) => {
      const m = messages[i] as PlacementMessage;
      return { reg: m.reg, now: new Date(m.now), queued: true };
    }),
  );
  for (const [j, i] of live.entries()) {
    const r = settled[j];
    if (!r) {
      results[i] = new ContentionExhausted('registration');
      continue;
    }
    if (r.status === 'fulfilled' || deps.isOutcomeStands(r.reason)) continue;
    const refusal = refusalOf(r.reason);
    if (refusal === null) {
      results[i] = r.reason instanceof Error ? r.reason : new Error(String(r.reason));
      continue;
    }
    const existing = (r.reason as { existingRegistrationId?: unknown }).existingRegistrationId;
    await deps.outcomes.refuse(
      (messages[i] as PlacementMessage).reg.id,
      refusal,
      now,
      typeof existing === 'string' ? existing : undefined,
    );
  }
  return results;
}

export interface QueuedPlaceDeps {
  queue: PlacementQueue;
  outcomes: PlacementOutcomes;
  clock: Clock;
  /** How long the API waits for the outcome before it withdraws the registration (default 8 s). */
  waitMs?: number;
  sleep?: (ms: number) => Promise<void>;
  /**
   * One direct attempt before the queue: the registration repository's own place with a single
   * attempt. Uncontended, the seat or position is had in one transaction; contended
   * (ContentionExhausted, so nothing was stored) it goes through the queue after all.
   */
  firstTry?: (reg: NewRegistration, now: Date) => Promise<PlacedRegistration>;
  /** After a contended first try, how long this container sends that session's registrations straight to the queue (default 2 s). */
  contendedForMs?: number;
}

const DEFAULT_WAIT_MS = 8_000;
/** Outcome reads: first soon (an idle queue answers in tens of ms), then at most every half second. */
const POLL = { firstMs: 40, factor: 1.5, capMs: 500 };
const DEFAULT_CONTENDED_FOR_MS = 2_000;

/**
 * `RegistrationRepository.place` through the placement queue (after a direct first try, when one is
 * given and the session was not found contended lately): sends the registration, waits for
 * its outcome and answers as the direct path would (the placed registration with its position, or
 * the refusal's error). When no outcome comes within the wait it withdraws the registration; the
 * withdrawal and the consumer's placement are each written only if no outcome stands, so exactly
 * one wins, and ContentionExhausted (503) is thrown only when nothing was stored.
 */
export function placeThroughQueue(deps: QueuedPlaceDeps) {
  const wait = deps.waitMs ?? DEFAULT_WAIT_MS;
  const pauseFor = deps.sleep ?? sleep;
  const contendedFor = deps.contendedForMs ?? DEFAULT_CONTENDED_FOR_MS;
  /** Per session, until when this container skips the first try (it found the session contended). */
  const contendedUntil = new Map<string, number>();

  /** The direct attempt's answer, or null when it was contended and nothing was stored. */
  const tryDirect = async (reg: NewRegistration, now: Date): Promise<PlacedRegistration | null> => {
    if (!deps.firstTry || (contendedUntil.get(reg.sessionId) ?? 0) > performance.now()) return null;
    try {
      return await deps.firstTry(reg, now);
    } catch (e) {
      if (!(e instanceof ContentionExhausted)) throw e;
      log('info', 'placement: session contended, through the queue', { sessionId: reg.sessionId, forMs: contendedFor });
      if (contendedUntil.size > 1000) contendedUntil.clear();
      contendedUntil.set(reg.sessionId, performance.now() + contendedFor);
      return null;
    }
  };

  const answer = (reg: NewRegistration, o: PlacementOutcome): PlacedRegistration => {
    if (o.outcome === 'refused') throw errorOfRefusal(reg.sessionId, o);
    if (o.outcome === 'withdrawn') throw new ContentionExhausted('registration');
    const { tokenHash: _t, heldUnlessConfirmed: _h, sessionVersion: _s, ...told } = reg;
    // Sent as held, it may have proved confirmed for the programme: then it was placed as such.
    const rest = o.addressConfirmedAt ? confirmedInstead(told, o.addressConfirmedAt) : told;
    return {
      ...rest,
      status: o.status,
      waitlistSeq: o.waitlistSeq,
      confirmedAt: o.confirmedAt,
      cancelledAt: null,
      promotedFromWaitlist: false,
      waitlistPosition: o.waitlistPosition,
    };
  };

  return async (asTold: NewRegistration, now: Date): Promise<PlacedRegistration> => {
    const direct = await tryDirect(asTold, now);
    if (direct) return direct;
    // The consumer's group commit takes a session's registrations as they come and checks no copy's
    // version: a contended registration is placed with the dates it was computed from.
    const { sessionVersion: _v, ...reg } = asTold;
    const started = performance.now();
    try {
      await deps.queue.send({ reg, now: now.toISOString(), answerBy: deps.clock.now().getTime() + wait });
    } catch (e) {
      log('warn', 'placement queue: send failed; withdrawing', { registrationId: reg.id, ...describeError(e) });
      // Not sent, or sent with the answer lost: the withdrawal decides, so the 503 holds either way
      // (unless the consumer was quicker, and then that is the answer).
      const standing = await deps.outcomes.withdraw(reg.id, deps.clock.now());
      return answer(reg, standing ?? { outcome: 'withdrawn' });
    }
    let delay = POLL.firstMs;
    while (performance.now() - started < wait) {
      await pauseFor(Math.min(delay, Math.max(0, wait - (performance.now() - started))));
      const o = await deps.outcomes.get(reg.id);
      if (o) return answer(reg, o);
      delay = Math.min(POLL.capMs, delay * POLL.factor);
    }
    const standing = await deps.outcomes.withdraw(reg.id, deps.clock.now());
    return answer(reg, standing ?? { outcome: 'withdrawn' });
  };
}
