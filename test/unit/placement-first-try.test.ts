import { describe, expect, it } from 'vitest';
import { AlreadyRegistered, ContentionExhausted } from '../../shared/domain/errors';
import { ManualClock } from '../../shared/ports/clock';
import type { PlacementMessage, PlacementOutcome, PlacementOutcomes } from '../../shared/ports/placement-queue';
import type { NewRegistration, PlacedRegistration } from '../../shared/ports/registrations';
import { placeThroughQueue } from '../../shared/usecases/placement';

/**
 * The public API's placement when it has the queue: one direct attempt first, the queue only when
 * that attempt found the session contended (and nothing was stored), and for a while after that
 * the queue straight away for that session in this container.
 */
const clock = new ManualClock(new Date('2027-03-01T10:00:00Z'));

const reg = (id: string, sessionId = 's1') =>
  ({ id, sessionId, emailHash: `h-${id}`, tokenHash: `t-${id}` }) as NewRegistration;

const placed = (r: NewRegistration): PlacedRegistration =>
  ({
    ...r,
    status: 'confirmed',
    waitlistSeq: null,
    confirmedAt: clock.now().toISOString(),
    waitlistPosition: null,
  }) as never;

/** A queue whose consumer decides at once: every message sent is placed on the waiting list at 7. */
function fakeQueue() {
  const sent: PlacementMessage[] = [];
  const outcomes = new Map<string, PlacementOutcome>();
  const store: PlacementOutcomes = {
    get: async (id) => outcomes.get(id) ?? null,
    refuse: async () => null,
    withdraw: async (id) => outcomes.get(id) ?? null,
  };
  const queue = {
    send: async (m: PlacementMessage) => {
      sent.push(m);
      outcomes.set(m.reg.id, {
        outcome: 'placed',
        status: 'waitlisted',
        waitlistSeq: 7,
        confirmedAt: null,
        waitlistPosition: 7,
      });
    },
  };
  return { sent, queue, outcomes: store };
}

const noSleep = async () => undefined;
const contended = () => new ContentionExhausted('registration');

/** The placement under test on the fake queue; `decide` gives the first try's answer (an error is thrown). */
function withFirstTry(decide: (r: NewRegistration) => PlacedRegistration | Error, contendedForMs?: number) {
  const q = fakeQueue();
  const tried: string[] = [];
  const place = placeThroughQueue({
    ...q,
    clock,
    sleep: noSleep,
    ...(contendedForMs === undefined ? {} : { contendedForMs }),
    firstTry: async (r) => {
      tried.push(r.id);
      const answer = decide(r);
      if (answer instanceof Error) throw answer;
      return answer;
    },
  });
  return { place, tried, sent: () => q.sent.map((m) => m.reg.id) };
}

describe('placement with a direct first try', () => {
  it('places an uncontended registration directly and sends nothing', async () => {
    const { place, tried, sent } = withFirstTry(placed);
    const out = await place(reg('a'), clock.now());
    expect(out).toMatchObject({ id: 'a', status: 'confirmed', waitlistPosition: null });
    expect(tried).toEqual(['a']);
    expect(sent()).toEqual([]);
  });

  it('queues a contended one and answers what the consumer decided', async () => {
    const { place, sent } = withFirstTry(contended);
    const out = await place(reg('a'), clock.now());
    expect(out).toMatchObject({ id: 'a', status: 'waitlisted', waitlistPosition: 7 });
    expect(sent()).toEqual(['a']);
  });

  it('passes any other answer of the first try on as it is, without queueing', async () => {
    const duplicate = withFirstTry((r) => new AlreadyRegistered(r.sessionId));
    await expect(duplicate.place(reg('a'), clock.now())).rejects.toBeInstanceOf(AlreadyRegistered);
    const broken = withFirstTry(() => new Error('network'));
    await expect(broken.place(reg('b'), clock.now())).rejects.toThrow('network');
    expect([...duplicate.sent(), ...broken.sent()]).toEqual([]);
  });

  it('after a contended try sends that session straight to the queue for a while; other sessions still try', async () => {
    const { place, tried, sent } = withFirstTry((r) => (r.sessionId === 's1' ? contended() : placed(r)), 60_000);
    await place(reg('a', 's1'), clock.now());
    await place(reg('b', 's1'), clock.now());
    await place(reg('c', 's2'), clock.now());
    expect(tried).toEqual(['a', 'c']);
    expect(sent()).toEqual(['a', 'b']);
  });

  it('tries directly again once the contended spell is over', async () => {
    let busy = true;
    const { place, tried, sent } = withFirstTry((r) => (busy ? contended() : placed(r)), 0);
    await place(reg('a'), clock.now());
    busy = false;
    const out = await place(reg('b'), clock.now());
    expect(out.status).toBe('confirmed');
    expect(tried).toEqual(['a', 'b']);
    expect(sent()).toEqual(['a']);
  });

  it('answers a registration sent as held with the address state the consumer placed it with', async () => {
    const held = (id: string): NewRegistration =>
      ({ ...reg(id), holdExpiresAt: '2027-03-02T10:00:00.000Z', heldUnlessConfirmed: { programmeId: 'p1' } }) as never;
    const q = fakeQueue();
    const place = placeThroughQueue({ ...q, clock, sleep: noSleep });
    const confirmedAt = '2027-01-05T09:00:00.000Z';
    q.queue.send = async (m) => {
      q.sent.push(m);
      // The consumer found the first address confirmed (its check failed) and placed it so.
      outcomeOf.set(m.reg.id, {
        outcome: 'placed',
        status: 'confirmed',
        waitlistSeq: null,
        confirmedAt: clock.now().toISOString(),
        waitlistPosition: null,
        ...(m.reg.id === 'a' ? { addressConfirmedAt: confirmedAt } : {}),
      });
    };
    const outcomeOf = new Map<string, PlacementOutcome>();
    q.outcomes.get = async (id) => outcomeOf.get(id) ?? null;

    const a = await place(held('a'), clock.now());
    const b = await place(held('b'), clock.now());

    expect(q.sent.map((m) => m.reg.heldUnlessConfirmed)).toEqual([{ programmeId: 'p1' }, { programmeId: 'p1' }]);
    expect(a).toMatchObject({ addressConfirmedAt: confirmedAt, status: 'confirmed' });
    expect(a).not.toHaveProperty('holdExpiresAt');
    expect(b).toMatchObject({ holdExpiresAt: '2027-03-02T10:00:00.000Z' });
    expect(b).not.toHaveProperty('addressConfirmedAt');
    for (const r of [a, b]) expect(r).not.toHaveProperty('heldUnlessConfirmed');
  });
});
