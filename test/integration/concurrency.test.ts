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
 * Hundreds of transactions against one DynamoDB Local, while the other integration files run beside
 * it on two cores: generous time, as this checks counts, never speed.
 */
const BURST_TIMEOUT_MS = 240_000;

/** DynamoDB Local as it is (transactions serialised), and behind the contention model of real DynamoDB. */
const engines = [
  { name: 'DynamoDB Local', model: false },
  { name: 'the contention model of DynamoDB', model: true },
] as const;

describe.each(engines)('capacity under concurrency ($name)', ({ model }) => {
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
    '500 concurrent registrations for 50 seats: exactly 50 confirmed, 450 waiting at 1…450',
    async () => {
      const session = aSessionInput({ capacity: 50 });
      await t.load(aProgrammeFile([session]));

      const results = await burst(session.id, 500);

      const stored = await t.registrations.listForSession(session.id);
      const confirmed = stored.filter((r) => r.status === 'confirmed');
      const waiting = stored.filter((r) => r.status === 'waitlisted');
      expect(results).toHaveLength(500);
      expect(confirmed).toHaveLength(50);
      expect(waiting).toHaveLength(450);
      expect(await positions(waiting)).toEqual(Array.from({ length: 450 }, (_, i) => i + 1));
      const s = await t.sessions.get(session.id);
      expect(s?.confirmedCount).toBe(confirmed.length);
      expect(s?.waitlistCount).toBe(waiting.length);
      // What each registrant was told matches what is stored, positions included.
      expect(results.filter((r) => r.registration.status === 'confirmed')).toHaveLength(50);
      const told = results.flatMap((r) => (r.waitlistPosition === null ? [] : [r.waitlistPosition]));
      expect(told.sort((a, b) => a - b)).toEqual(Array.from({ length: 450 }, (_, i) => i + 1));
    },
    BURST_TIMEOUT_MS,
  );

  it(
    '300 at once for 20 seats: the 280 waiting are told 1…280, each place once, and views agree',
    async () => {
      const session = aSessionInput({ capacity: 20 });
      await t.load(aProgrammeFile([session]));

      const results = await burst(session.id, 300);

      const told = results.flatMap((r) => (r.waitlistPosition === null ? [] : [r.waitlistPosition]));
      expect(told.sort((a, b) => a - b)).toEqual(Array.from({ length: 280 }, (_, i) => i + 1));
      const waiting = results.filter((r) => r.registration.status === 'waitlisted').map((r) => r.registration);
      expect(await positions(waiting)).toEqual(told);
    },
    BURST_TIMEOUT_MS,
  );

  it(
    'control: with the capacity condition switched off the same burst overbooks',
    async () => {
      const session = aSessionInput({ capacity: 50 });
      await t.load(aProgrammeFile([session]));
      const unguarded = { ...t, registrations: t.repositoryWith({ capacityGuard: false }) };

      await burst(session.id, 500, unguarded);

      const confirmed = (await t.registrations.listForSession(session.id)).filter((r) => r.status === 'confirmed');
      expect(confirmed.length).toBeGreaterThan(50);
    },
    BURST_TIMEOUT_MS,
  );

  it(
    'concurrent and repeated cancellations keep every count exact and promote in order',
    async () => {
      const session = aSessionInput({ capacity: 30 });
      await t.load(aProgrammeFile([session]));
      const seated = [];
      for (let i = 0; i < 30; i++) seated.push(await registerForSession(t, session.id, aRegistrationRequest()));
      const waiting = [];
      for (let i = 0; i < 60; i++) waiting.push(await registerForSession(t, session.id, aRegistrationRequest()));

      // 20 seated and 10 waiting people cancel at once, each of them twice (a double click, a retry).
      const leaving = [...seated.slice(0, 20), ...waiting.slice(40, 50)];
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
      expect(confirmed).toHaveLength(30);
      expect(stored.filter((r) => r.status === 'cancelled')).toHaveLength(30);
      expect(stillWaiting).toHaveLength(30);
      expect([s?.confirmedCount, s?.waitlistCount]).toEqual([30, 30]);
      // The 20 freed seats went to the first 20 in line, nobody else.
      const promotedIds = new Set(confirmed.filter((r) => r.promotedFromWaitlist).map((r) => r.id));
      expect(promotedIds).toEqual(new Set(waiting.slice(0, 20).map((w) => w.registration.id)));
      expect(await positions(stillWaiting)).toEqual(Array.from({ length: 30 }, (_, i) => i + 1));
    },
    BURST_TIMEOUT_MS,
  );
});
