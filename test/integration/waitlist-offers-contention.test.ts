import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../shared/ports/clock';
import {
  cancelRegistrationByToken,
  type RegistrationResult,
  registerForSession,
} from '../../shared/usecases/registrations';
import { claimOfferByToken } from '../../shared/usecases/waitlist-offer-claims';
import { passOnLapsedOffer } from '../../shared/usecases/waitlist-offers';
import { createTestDb, type TestDb } from '../support/dynamo';
import { aProgrammeFile, aRegistrationRequest, aSessionInput } from '../support/programme-builders';

// 2027-03-03 16:00 in Amsterdam is 15:00Z: 30 h after START, inside the 48 h offer window.
const SESSION_DAY = '2027-03-03';
const START = new Date('2027-03-02T09:00:00Z');

/**
 * Claims, expiries and cancellations at once, behind the contention model of real DynamoDB
 * (transactions on the same item cancel each other): every step is a conditional write or a
 * transaction, so two people never both get a seat and of a claim and an expiry exactly one wins.
 */
describe('offers under the contention model of DynamoDB', () => {
  const CONTENDED_TIMEOUT_MS = 120_000;

  async function sessionWith(t: TestDb, capacity: number, registrants: number) {
    const input = aSessionInput({ date: SESSION_DAY, capacity });
    await t.load(aProgrammeFile([input]));
    const regs: RegistrationResult[] = [];
    for (let i = 0; i < registrants; i++) regs.push(await registerForSession(t, input.id, aRegistrationRequest()));
    return { id: input.id, regs };
  }

  const statusOf = async (t: TestDb, r: RegistrationResult) =>
    (await t.registrations.get(r.registration.sessionId, r.registration.id))?.status;

  const settle = <T>(p: Promise<T>) =>
    p.then(
      (value) => ({ ok: true as const, value }),
      (e: Error & { slug?: string }) => ({ ok: false as const, error: e.slug ?? e.name }),
    );

  it(
    'cancellations and claims at once: each freed seat is offered once, claimed once, and capacity never exceeded',
    async () => {
      const t = await createTestDb(START, { contentionModel: {} });
      const { id, regs } = await sessionWith(t, 2, 6);
      const [c1, c2, w1, w2, w3, w4] = regs;
      if (!c1 || !c2 || !w1 || !w2 || !w3 || !w4) throw new Error('registrations missing');
      expect(regs.map((r) => r.registration.status)).toEqual([
        'confirmed',
        'confirmed',
        'waitlisted',
        'waitlisted',
        'waitlisted',
        'waitlisted',
      ]);

      // Both seats freed at once, each cancellation repeated: two offers, to the first two waiting.
      await Promise.all([c1, c2, c1, c2].map((r) => cancelRegistrationByToken(t, r.manageToken)));
      expect(await Promise.all([w1, w2, w3, w4].map((r) => statusOf(t, r)))).toEqual([
        'offered',
        'offered',
        'waitlisted',
        'waitlisted',
      ]);

      // Each offered person claims twice at once; the third in line tries to claim too.
      const claims = await Promise.all([w1, w2, w1, w2, w3].map((r) => settle(claimOfferByToken(t, r.manageToken))));
      const claimedNow = claims.filter((c) => c.ok && c.value.claimedNow);
      const repeats = claims.filter((c) => c.ok && !c.value.claimedNow);
      expect(claimedNow).toHaveLength(2);
      expect(repeats).toHaveLength(2);
      expect(claims[4]).toEqual({ ok: false, error: 'no-offer' });

      const stored = await t.registrations.listForSession(id);
      expect(
        stored
          .filter((r) => r.status === 'confirmed')
          .map((r) => r.id)
          .sort(),
      ).toEqual([w1.registration.id, w2.registration.id].sort());
      expect(stored.filter((r) => r.status === 'waitlisted')).toHaveLength(2);
      const s = await t.sessions.get(id);
      expect([s?.confirmedCount, s?.offeredCount, s?.waitlistCount]).toEqual([2, 0, 2]);
      expect(await t.registrations.waitlistPosition(stored.find((r) => r.id === w3.registration.id) as never)).toBe(1);
    },
    CONTENDED_TIMEOUT_MS,
  );

  it(
    'a claim and the expiry at the same moment: exactly one wins, every time',
    async () => {
      const t = await createTestDb(START, { contentionModel: {} });
      const outcomes: string[] = [];
      for (let round = 0; round < 6; round++) {
        t.clock.set(START);
        const { id, regs } = await sessionWith(t, 1, 3);
        const [c, w1, w2] = regs;
        if (!c || !w1 || !w2) throw new Error('registrations missing');
        await cancelRegistrationByToken(t, c.manageToken);
        const offer = await t.registrations.get(id, w1.registration.id);
        const expiresAt = new Date(offer?.offerExpiresAt ?? '');
        expect(offer?.status).toBe('offered');

        // The claim a millisecond before the end, the schedule (fired three times) at the end.
        const claimClock = new ManualClock(new Date(expiresAt.getTime() - 1));
        const expiryClock = new ManualClock(expiresAt);
        const [claimed, ...expiries] = await Promise.all([
          settle(claimOfferByToken({ ...t, clock: claimClock }, w1.manageToken)),
          ...[1, 2, 3].map(() =>
            passOnLapsedOffer(
              { registrations: t.registrations, clock: expiryClock },
              { sessionId: id, registrationId: w1.registration.id },
            ),
          ),
        ]);
        const passedOn = expiries.filter((e) => e.result === 'passed-on');
        const after = [await statusOf(t, w1), await statusOf(t, w2)];
        const s = await t.sessions.get(id);
        expect([s?.confirmedCount, s?.offeredCount]).toEqual(after[0] === 'confirmed' ? [1, 0] : [1, 1]);
        if (claimed.ok && claimed.value.claimedNow) {
          expect(passedOn).toHaveLength(0);
          expect(after).toEqual(['confirmed', 'waitlisted']);
          outcomes.push('claimed');
        } else {
          expect(claimed).toEqual({ ok: false, error: 'offer-expired' });
          expect(passedOn).toHaveLength(1);
          expect(after).toEqual(['cancelled', 'offered']);
          outcomes.push('passed-on');
        }
      }
      expect(outcomes).toHaveLength(6);
    },
    CONTENDED_TIMEOUT_MS,
  );

  it(
    'a claim after the offer’s end is refused with 410 even before its schedule fired, and the seat stays held',
    async () => {
      const t = await createTestDb(START, { contentionModel: {} });
      const { id, regs } = await sessionWith(t, 1, 2);
      const [c, w] = regs;
      if (!c || !w) throw new Error('registrations missing');
      await cancelRegistrationByToken(t, c.manageToken);
      const offer = await t.registrations.get(id, w.registration.id);
      t.clock.set(new Date(offer?.offerExpiresAt ?? ''));
      expect(await settle(claimOfferByToken(t, w.manageToken))).toEqual({ ok: false, error: 'offer-expired' });
      expect(await statusOf(t, w)).toBe('offered');
      const s = await t.sessions.get(id);
      expect([s?.confirmedCount, s?.offeredCount, s?.waitlistCount]).toEqual([1, 1, 0]);
      // Nobody else waits: passing on frees the seat.
      const passed = await passOnLapsedOffer(t, { sessionId: id, registrationId: w.registration.id });
      expect(passed).toMatchObject({ result: 'passed-on', offeredTo: null, promoted: null });
      const freed = await t.sessions.get(id);
      expect([freed?.confirmedCount, freed?.offeredCount, freed?.waitlistCount]).toEqual([0, 0, 0]);
    },
    CONTENDED_TIMEOUT_MS,
  );
});
