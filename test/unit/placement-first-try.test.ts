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
function withFirstTry(
  decide: (r: NewRegistration) => PlacedRegistration | Error,
  contendedForMs?: number,
  confirmedAddresses: Record<string, string> = {},
) {
  const q = fakeQueue();
  const tried: string[] = [];
  const lookups: string[] = [];
  const place = placeThroughQueue({
    ...q,
    clock,
    addressConfirmedAt: async (programmeId, emailHash) => {
      lookups.push(`${programmeId}/${emailHash}`);
      return confirmedAddresses[emailHash] ?? null;
    },
    sleep: noSleep,
    ...(contendedForMs === undefined ? {} : { contendedForMs }),
    firstTry: async (r) => {
      tried.push(r.id);
      const answer = decide(r);
      if (answer instanceof Error) throw answer;
      return answer;
    },
  });
  return { place, tried, lookups, messages: q.sent, sent: () => q.sent.map((m) => m.reg.id) };
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

  it('queues a registration held without a lookup with its address looked up: confirmed, or held as before', async () => {
    const held = (id: string): NewRegistration =>
      ({ ...reg(id), holdExpiresAt: '2027-03-02T10:00:00.000Z', heldUnlessConfirmed: { programmeId: 'p1' } }) as never;
    const { place, lookups, messages } = withFirstTry(contended, 60_000, { 'h-a': '2027-01-05T09:00:00.000Z' });
    const a = await place(held('a'), clock.now());
    const b = await place(held('b'), clock.now());
    const c = await place(reg('c'), clock.now());

    expect(lookups).toEqual(['p1/h-a', 'p1/h-b']); // c was not held: nothing to look up
    expect(messages.map((m) => m.reg)).toEqual([
      expect.objectContaining({ id: 'a', addressConfirmedAt: '2027-01-05T09:00:00.000Z' }),
      expect.objectContaining({ id: 'b', holdExpiresAt: '2027-03-02T10:00:00.000Z' }),
      expect.objectContaining({ id: 'c' }),
    ]);
    for (const m of messages) expect(m.reg).not.toHaveProperty('heldUnlessConfirmed');
    expect(messages[0]?.reg).not.toHaveProperty('holdExpiresAt');
    expect(a).toMatchObject({ addressConfirmedAt: '2027-01-05T09:00:00.000Z' });
    expect(a).not.toHaveProperty('holdExpiresAt');
    expect(b).toMatchObject({ holdExpiresAt: '2027-03-02T10:00:00.000Z' });
    expect(c).not.toHaveProperty('heldUnlessConfirmed');
  });
});
