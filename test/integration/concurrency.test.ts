import { beforeEach, describe, expect, it } from 'vitest';
import type { Registration } from '../../shared/domain/model';
import { cancelRegistrationByToken, registerForSession } from '../../shared/usecases/registrations';
import { createTestDb, type TestDb } from '../support/dynamo';
import { aProgrammeFile, aRegistrationRequest, aSessionInput } from '../support/programme-builders';

/**
 * Capacity under contention. Each test also has a control variant with the safeguard switched
 * off, which must fail the same check: that is what makes a green run mean something.
 */
/**
 * Hundreds of transactions at once against one DynamoDB Local, while the other integration files
 * run beside it on two cores: generous time, as this checks counts, never speed. Each burst
 * oversubscribes its session 10×; the rush of 1,000 is `npm run bench -- --only rush`.
 */
const BURST_TIMEOUT_MS = 240_000;

/**
 * DynamoDB Local as it is (transactions serialised), and behind the contention model of real
 * DynamoDB. The model, where conflicts happen, takes the rush at 500 at once for 50 seats
 * (about 90 s here); DynamoDB Local, which serialises and never conflicts, shows it at 120 for 12.
 */
const engines = [
  { name: 'DynamoDB Local', model: false, rush: { n: 120, seats: 12 } },
  { name: 'the contention model of DynamoDB', model: true, rush: { n: 500, seats: 50 } },
] as const;

describe.each(engines)('capacity under concurrency ($name)', ({ model, rush }) => {
  let t: TestDb;
  beforeEach(async () => {
    t = await createTestDb(undefined, model ? { contentionModel: {} } : {});
  });

  async function burst(sessionId: string, n: number, deps = t) {
    return Promise.all(Array.from({ length: n }, () => registerForSession(deps, sessionId, aRegistrationRequest())));
  }

  async function positions(list: Registration[]): Promise<number[]> {
    const out: number[] = [];
    for (const r of list) out.push((await t.registrations.waitlistPosition(r)) ?? -1);
    return out.sort((a, b) => a - b);
  }

  it(
    `${rush.n} concurrent registrations for ${rush.seats} seats: exactly ${rush.seats} confirmed, ${rush.n - rush.seats} waiting at 1…${rush.n - rush.seats}`,
    async () => {
      const waitlisted = rush.n - rush.seats;
      const session = aSessionInput({ capacity: rush.seats });
      await t.load(aProgrammeFile([session]));

      const results = await burst(session.id, rush.n);

      const stored = await t.registrations.listForSession(session.id);
      const confirmed = stored.filter((r) => r.status === 'confirmed');
      const waiting = stored.filter((r) => r.status === 'waitlisted');
      expect(results).toHaveLength(rush.n);
      expect(confirmed).toHaveLength(rush.seats);
      expect(waiting).toHaveLength(waitlisted);
      expect(await positions(waiting)).toEqual(Array.from({ length: waitlisted }, (_, i) => i + 1));
      const s = await t.sessions.get(session.id);
      expect(s?.confirmedCount).toBe(confirmed.length);
      expect(s?.waitlistCount).toBe(waiting.length);
      // What each registrant was told matches what is stored, positions included.
      expect(results.filter((r) => r.registration.status === 'confirmed')).toHaveLength(rush.seats);
      const told = results.flatMap((r) => (r.waitlistPosition === null ? [] : [r.waitlistPosition]));
      expect(told.sort((a, b) => a - b)).toEqual(Array.from({ length: waitlisted }, (_, i) => i + 1));
    },
    BURST_TIMEOUT_MS,
  );

  it(
    '80 at once for 8 seats: the 72 waiting are told 1…72, each place once, and views agree',
    async () => {
      const session = aSessionInput({ capacity: 8 });
      await t.load(aProgrammeFile([session]));

      const results = await burst(session.id, 80);

      const told = results.flatMap((r) => (r.waitlistPosition === null ? [] : [r.waitlistPosition]));
      expect(told.sort((a, b) => a - b)).toEqual(Array.from({ length: 72 }, (_, i) => i + 1));
      const waiting = results.filter((r) => r.registration.status === 'waitlisted').map((r) => r.registration);
      expect(await positions(waiting)).toEqual(told);
    },
    BURST_TIMEOUT_MS,
  );

  it(
    'control: with the capacity condition switched off the same burst overbooks',
    async () => {
      const session = aSessionInput({ capacity: 12 });
      await t.load(aProgrammeFile([session]));
      const unguarded = { ...t, registrations: t.repositoryWith({ capacityGuard: false }) };

      await burst(session.id, 120, unguarded);

      const confirmed = (await t.registrations.listForSession(session.id)).filter((r) => r.status === 'confirmed');
      expect(confirmed.length).toBeGreaterThan(12);
    },
    BURST_TIMEOUT_MS,
  );

  it(
    'concurrent and repeated cancellations keep every count exact and promote in order',
    async () => {
      const session = aSessionInput({ capacity: 12 });
      await t.load(aProgrammeFile([session]));
      const seated = [];
      for (let i = 0; i < 12; i++) seated.push(await registerForSession(t, session.id, aRegistrationRequest()));
      const waiting = [];
      for (let i = 0; i < 24; i++) waiting.push(await registerForSession(t, session.id, aRegistrationRequest()));

      // 8 seated and 4 waiting people cancel at once, each of them twice (a double click, a retry).
      const leaving = [...seated.slice(0, 8), ...waiting.slice(16, 20)];
      await Promise.all(
        leaving.flatMap((r) => [
          cancelRegistrationByToken(t, r.manageToken),
          cancelRegistrationByToken(t, r.manageToken),
        ]),
      );

      const stored = await t.registrations.listForSession(session.id);
      const confirmed = stored.filter((r) => r.status === 'confirmed');
      const stillWaiting = stored.filter((r) => r.status === 'waitlisted');
      const s = await t.sessions.get(session.id);
      expect(confirmed).toHaveLength(12);
      expect(stored.filter((r) => r.status === 'cancelled')).toHaveLength(12);
      expect(stillWaiting).toHaveLength(12);
      expect([s?.confirmedCount, s?.waitlistCount]).toEqual([12, 12]);
      // The 8 freed seats went to the first 8 in line, nobody else.
      const promotedIds = new Set(confirmed.filter((r) => r.promotedFromWaitlist).map((r) => r.id));
      expect(promotedIds).toEqual(new Set(waiting.slice(0, 8).map((w) => w.registration.id)));
      expect(await positions(stillWaiting)).toEqual(Array.from({ length: 12 }, (_, i) => i + 1));
    },
    BURST_TIMEOUT_MS,
  );
});
