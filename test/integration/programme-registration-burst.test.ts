import { beforeEach, describe, expect, it } from 'vitest';
import { createPeopleRepository } from '../../shared/adapters/dynamodb/people';
import type { Registration } from '../../shared/domain/model';
import type { RegistrationRepository } from '../../shared/ports/registrations';
import { registerForProgramme } from '../../shared/usecases/programme-registration';
import { createTestDb, type TestDb } from '../support/dynamo';
import { aProgrammeFile, aRegistrationRequest, aSessionInput } from '../support/programme-builders';

/**
 * Counts under contention, never speed: generous time beside the other integration files on two
 * cores. Sized to show the property (every session oversubscribed 7×, 20 requests in flight); the
 * rush at full size is `npm run bench -- --only rush`.
 */
const BURST_TIMEOUT_MS = 240_000;
const IN_FLIGHT = 20;

describe('programme registration under a burst (DynamoDB Local)', () => {
  let t: TestDb;
  beforeEach(async () => {
    t = await createTestDb();
  });

  const seatsAndQueue = async (registrations: RegistrationRepository, sessionId: string) => {
    const stored = await registrations.listForSession(sessionId);
    const waiting = stored.filter((r) => r.status === 'waitlisted');
    const positions: number[] = [];
    for (const r of waiting) positions.push((await registrations.waitlistPosition(r)) ?? -1);
    return {
      confirmed: stored.filter((r) => r.status === 'confirmed').length,
      waiting,
      positions: positions.sort((a, b) => a - b),
    };
  };

  const burst = async (registrations: RegistrationRepository, programmeId: string, n: number) => {
    const deps = {
      ...t,
      registrations,
      people: createPeopleRepository(t.db, t.tables.registrationsTable, t.clock),
      manageTokenSecret: 'burst-test-secret',
    };
    // DynamoDB Local gives up on its item locks ("too long waiting for a lock", a 500 real DynamoDB
    // never gives) once a few hundred transactions queue on one busy machine: requests stay in
    // flight (20), each placing its three sessions in turn, so the sessions' transactions interleave.
    const results: Awaited<ReturnType<typeof registerForProgramme>>[] = [];
    let next = 0;
    const worker = async () => {
      while (next < n) {
        next++;
        results.push(
          await registerForProgramme(deps, programmeId, { ...aRegistrationRequest(), sessions: 'all', follow: false }),
        );
      }
    };
    await Promise.all(Array.from({ length: Math.min(IN_FLIGHT, n) }, worker));
    return results;
  };

  it(
    '60 registrations for "all" of three 8-seat sessions: each session 8 confirmed, 52 waiting at 1…52',
    async () => {
      const sessions = [1, 2, 3].map((d) => aSessionInput({ capacity: 8, date: `2027-03-0${d}` }));
      const programme = aProgrammeFile(sessions);
      await t.load(programme);

      const results = await burst(t.registrations, programme.id, 60);

      // Every request got one placed registration per session, none refused.
      expect(results.every((r) => r.outcomes.length === 3 && r.outcomes.every((o) => 'registration' in o))).toBe(true);
      expect(new Set(results.map((r) => r.personToken)).size).toBe(60);
      for (const s of sessions) {
        const { confirmed, waiting, positions } = await seatsAndQueue(t.registrations, s.id);
        expect(confirmed).toBe(8);
        expect(waiting).toHaveLength(52);
        expect(positions).toEqual(Array.from({ length: 52 }, (_, i) => i + 1));
        // Queue order is ticket order: positions rise with the tickets.
        const byTicket = [...waiting].sort((a, b) => (a.waitlistSeq ?? 0) - (b.waitlistSeq ?? 0));
        const inOrder: number[] = [];
        for (const r of byTicket) inOrder.push((await t.registrations.waitlistPosition(r as Registration)) ?? -1);
        expect(inOrder).toEqual(positions);
        const stored = await t.sessions.get(s.id);
        expect([stored?.confirmedCount, stored?.waitlistCount]).toEqual([8, 52]);
      }
    },
    BURST_TIMEOUT_MS,
  );

  it(
    'control: with the capacity condition switched off the same burst overbooks',
    async () => {
      const sessions = [1, 2].map((d) => aSessionInput({ capacity: 8, date: `2027-03-0${d}` }));
      const programme = aProgrammeFile(sessions);
      await t.load(programme);
      const unguarded = t.repositoryWith({ capacityGuard: false });

      await burst(unguarded, programme.id, 60);

      const confirmed = await Promise.all(sessions.map(async (s) => (await seatsAndQueue(unguarded, s.id)).confirmed));
      expect(Math.max(...confirmed)).toBeGreaterThan(8);
    },
    BURST_TIMEOUT_MS,
  );
});
