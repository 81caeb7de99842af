import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { beforeEach, describe, expect, it } from 'vitest';
import { cachedProgrammeReads } from '../../shared/adapters/dynamodb/cached-programme-reads';
import { AlreadyRegistered, NotFound, RegistrationClosed, SessionCancelled } from '../../shared/domain/errors';
import { emailKey } from '../../shared/domain/identity';
import {
  cancelRegistrationByToken,
  findRegistrationByToken,
  registerForSession,
} from '../../shared/usecases/registrations';
import { createTestDb, type TestDb } from '../support/dynamo';
import { aProgrammeFile, aRegistrationRequest, aSessionInput } from '../support/programme-builders';

describe('registering for a session (DynamoDB Local)', () => {
  let t: TestDb;
  beforeEach(async () => {
    t = await createTestDb();
  });

  const withSession = async (overrides: Parameters<typeof aSessionInput>[0] = {}) => {
    const input = aSessionInput(overrides);
    await t.load(aProgrammeFile([input]));
    return input.id;
  };

  /** Sets one attribute on the session item directly, as an organiser's edit would land. */
  const setOnSession = (id: string, attribute: string, value: unknown) =>
    t.db.send(
      new UpdateCommand({
        TableName: t.tables.sessionsTable,
        Key: { pk: `SESSION#${id}`, sk: 'SESSION' },
        UpdateExpression: 'SET #a = :v',
        ExpressionAttributeNames: { '#a': attribute },
        ExpressionAttributeValues: { ':v': value },
      }),
    );

  it('confirms while seats are free and lowers the seat count', async () => {
    const id = await withSession({ capacity: 2 });

    const r = await registerForSession(t, id, aRegistrationRequest());

    expect(r.registration.status).toBe('confirmed');
    expect(r.waitlistPosition).toBeNull();
    const s = await t.sessions.get(id);
    expect(s?.confirmedCount).toBe(1);
    expect(s?.waitlistCount).toBe(0);
  });

  it('puts registrants on the waiting list in order once full, and positions follow', async () => {
    const id = await withSession({ capacity: 1 });
    await registerForSession(t, id, aRegistrationRequest());

    const w1 = await registerForSession(t, id, aRegistrationRequest());
    const w2 = await registerForSession(t, id, aRegistrationRequest());

    expect([w1.registration.status, w2.registration.status]).toEqual(['waitlisted', 'waitlisted']);
    expect([w1.waitlistPosition, w2.waitlistPosition]).toEqual([1, 2]);
    // The first in line leaves: the second moves up.
    await cancelRegistrationByToken(t, w1.manageToken);
    expect((await findRegistrationByToken(t, w2.manageToken)).waitlistPosition).toBe(1);
    expect((await t.sessions.get(id))?.waitlistCount).toBe(1);
  });

  it('hands a freed seat to the first on the waiting list, in the same step', async () => {
    const id = await withSession({ capacity: 1 });
    const seated = await registerForSession(t, id, aRegistrationRequest());
    const first = await registerForSession(t, id, aRegistrationRequest());
    const second = await registerForSession(t, id, aRegistrationRequest());

    const { promoted } = await cancelRegistrationByToken(t, seated.manageToken);

    expect(promoted?.id).toBe(first.registration.id);
    expect((await findRegistrationByToken(t, first.manageToken)).registration.status).toBe('confirmed');
    expect((await findRegistrationByToken(t, second.manageToken)).waitlistPosition).toBe(1);
    const s = await t.sessions.get(id);
    expect([s?.confirmedCount, s?.waitlistCount]).toEqual([1, 1]);
  });

  it('frees the seat when nobody waits, and a repeated cancel changes nothing', async () => {
    const id = await withSession({ capacity: 3 });
    const r = await registerForSession(t, id, aRegistrationRequest());

    await cancelRegistrationByToken(t, r.manageToken);
    const again = await cancelRegistrationByToken(t, r.manageToken);

    expect(again.registration.status).toBe('cancelled');
    expect((await t.sessions.get(id))?.confirmedCount).toBe(0);
  });

  it('refuses a second registration for the same address, whatever its case or spacing', async () => {
    const id = await withSession();
    await registerForSession(t, id, aRegistrationRequest({ email: 'Jan.Jansen@Example.org' }));

    await expect(
      registerForSession(t, id, aRegistrationRequest({ email: ' jan.jansen@example.ORG' })),
    ).rejects.toBeInstanceOf(AlreadyRegistered);
    expect((await t.sessions.get(id))?.confirmedCount).toBe(1);
  });

  it('lets someone register again after cancelling', async () => {
    const id = await withSession();
    const first = await registerForSession(t, id, aRegistrationRequest({ email: 'again@example.org' }));
    await cancelRegistrationByToken(t, first.manageToken);

    const second = await registerForSession(t, id, aRegistrationRequest({ email: 'again@example.org' }));

    expect(second.registration.status).toBe('confirmed');
    expect((await t.sessions.get(id))?.confirmedCount).toBe(1);
  });

  it('refuses registrations for cancelled sessions and closed ones', async () => {
    const closed = await withSession({ registrationOpen: false });
    await expect(registerForSession(t, closed, aRegistrationRequest())).rejects.toBeInstanceOf(RegistrationClosed);

    const past = await withSession({ date: '2026-12-01' });
    t.clock.set(new Date('2026-12-01T15:00:01Z')); // 16:00:01 in Amsterdam: it has started
    await expect(registerForSession(t, past, aRegistrationRequest())).rejects.toBeInstanceOf(RegistrationClosed);

    const id = await withSession();
    const raw = await t.sessions.get(id);
    expect(raw).not.toBeNull();
    // Cancel it the way the organiser API will: status on the item.
    await setOnSession(id, 'status', 'cancelled');
    await expect(registerForSession(t, id, aRegistrationRequest())).rejects.toBeInstanceOf(SessionCancelled);
  });

  it('closes a session whose time is to be decided at the end of its day', async () => {
    const id = await withSession({ date: '2027-04-23', startTime: null, endTime: null });
    t.clock.set(new Date('2027-04-23T21:59:00Z')); // 23:59 in Amsterdam (CEST)
    expect((await registerForSession(t, id, aRegistrationRequest())).registration.status).toBe('confirmed');
    t.clock.set(new Date('2027-04-23T22:00:00Z'));
    await expect(registerForSession(t, id, aRegistrationRequest())).rejects.toBeInstanceOf(RegistrationClosed);
  });

  it('never puts anyone on a waiting list when capacity is unlimited', async () => {
    const id = await withSession({ capacity: null });
    const all = await Promise.all(Array.from({ length: 20 }, () => registerForSession(t, id, aRegistrationRequest())));
    expect(all.every((r) => r.registration.status === 'confirmed')).toBe(true);
    expect((await t.sessions.get(id))?.confirmedCount).toBe(20);
  });

  it('stores nothing when the honeypot field is filled, yet answers normally', async () => {
    const id = await withSession();
    const r = await registerForSession(t, id, aRegistrationRequest({ website: 'http://spam.example' }));

    expect(r.discarded).toBe(true);
    expect(r.registration.status).toBe('confirmed');
    expect(await t.registrations.listForSession(id)).toHaveLength(0);
    await expect(findRegistrationByToken(t, r.manageToken)).rejects.toBeInstanceOf(NotFound);
  });

  it('stores only a hash of the manage token', async () => {
    const id = await withSession();
    const r = await registerForSession(t, id, aRegistrationRequest());
    const { ScanCommand } = await import('@aws-sdk/lib-dynamodb');
    const items = (await t.db.send(new ScanCommand({ TableName: t.tables.registrationsTable }))).Items ?? [];

    expect(JSON.stringify(items)).not.toContain(r.manageToken);
    expect(items.some((i) => String(i.pk).startsWith('TOKEN#'))).toBe(true);
    expect(items.find((i) => i.type === 'email-guard')?.sk).toBe(`EMAIL#${emailKey(r.registration.email)}`);
  });

  it('does not find a registration by an unknown or malformed token', async () => {
    await expect(findRegistrationByToken(t, 'x'.repeat(43))).rejects.toBeInstanceOf(NotFound);
    await expect(findRegistrationByToken(t, '../../etc')).rejects.toBeInstanceOf(NotFound);
  });

  it('fills free seats from the waiting list in order when capacity rises', async () => {
    const id = await withSession({ capacity: 1 });
    await registerForSession(t, id, aRegistrationRequest());
    const waiting = [];
    for (let i = 0; i < 3; i++) waiting.push(await registerForSession(t, id, aRegistrationRequest()));
    await setOnSession(id, 'capacity', 3);

    const promoted = await t.registrations.fillFreeSeats(id, t.clock.now());

    expect(promoted.map((p) => p.id)).toEqual(waiting.slice(0, 2).map((w) => w.registration.id));
    const s = await t.sessions.get(id);
    expect([s?.confirmedCount, s?.waitlistCount]).toEqual([3, 1]);
    expect((await findRegistrationByToken(t, waiting[2]?.manageToken ?? '')).waitlistPosition).toBe(1);
  });

  it('in a container that holds the session list, takes the session from it and reads it only when the list cannot answer', async () => {
    const input = aSessionInput({ capacity: 5 });
    await t.load(aProgrammeFile([input], { addressConfirmation: 'required' }));
    const id = input.id;
    const programmeId = (await t.sessions.get(id))?.programmeId ?? '';
    const reads = cachedProgrammeReads(t.sessions, t.clock);
    await Promise.all([reads.list(), reads.getProgramme(programmeId)]);
    expect(reads.heldSession?.(id)?.programmeId).toBe(programmeId);

    const order: string[] = [];
    const deps = {
      ...t,
      programmeReads: reads,
      sessions: {
        ...t.sessions,
        get: async (sessionId: string) => {
          const s = await t.sessions.get(sessionId);
          order.push('session read');
          return s;
        },
      },
      holds: {
        ...t.holds,
        addressConfirmedAt: (p: string, e: string) => {
          order.push(`address lookup for ${p}`);
          return t.holds.addressConfirmedAt(p, e);
        },
      },
    };
    const r = await registerForSession(deps, id, aRegistrationRequest());
    // Neither read: the list answers for the session, the transaction for the address.
    expect(order).toEqual([]);
    // The programme asks for confirmation: a new address is held.
    expect(r.registration.holdExpiresAt).toEqual(expect.any(String));

    // Without the list the session is read first.
    order.length = 0;
    await registerForSession({ ...deps, programmeReads: t.sessions }, id, aRegistrationRequest());
    expect(order).toEqual(['session read']);

    // Cancelled after the list was read: the list still says open, the transaction refuses exactly.
    const before = await t.sessions.get(id);
    await t.sessions.cancel(id, before?.version ?? 0, t.clock.now().toISOString());
    order.length = 0;
    await expect(registerForSession(deps, id, aRegistrationRequest())).rejects.toBeInstanceOf(SessionCancelled);
    expect(order).toEqual([]);

    // A list that says closed is not taken at its word: the session is read.
    const closedReads = cachedProgrammeReads(t.sessions, t.clock);
    await closedReads.list();
    order.length = 0;
    await expect(
      registerForSession({ ...deps, programmeReads: closedReads }, id, aRegistrationRequest()),
    ).rejects.toBeInstanceOf(SessionCancelled);
    expect(order).toEqual(['session read']);
    expect((await t.registrations.listForSession(id)).length).toBe(2);
  });

  it('checks the address in the placement: confirmed ones are placed as confirmed, new and lapsed ones held, alone or grouped', async () => {
    const input = aSessionInput({ capacity: null });
    await t.load(aProgrammeFile([input], { addressConfirmation: 'required' }));
    const programmeId = (await t.sessions.get(input.id))?.programmeId ?? '';
    const confirmedAt = new Date(t.clock.now().getTime() - 86_400_000);
    const nowSeconds = Math.floor(t.clock.now().getTime() / 1000);
    // Alone, then six at once in one container (all but the first share a transaction: group commit).
    const requests = Array.from({ length: 7 }, () => aRegistrationRequest());
    const state = ['confirmed', 'confirmed', 'confirmed', 'confirmed', 'lapsed', 'new', 'new'];
    for (const [i, r] of requests.entries()) {
      if (state[i] === 'new') continue;
      const expires = state[i] === 'lapsed' ? nowSeconds - 1 : nowSeconds + 3600;
      await t.holds.recordAddressConfirmed(programmeId, emailKey(r.email), confirmedAt, expires);
    }
    const lookups: string[] = [];
    const deps = {
      ...t,
      holds: {
        ...t.holds,
        addressConfirmedAt: (p: string, e: string) => {
          lookups.push(e);
          return t.holds.addressConfirmedAt(p, e);
        },
      },
    };

    const first = await registerForSession(deps, input.id, requests[0] as never);
    const rest = await Promise.all(requests.slice(1).map((r) => registerForSession(deps, input.id, r)));

    expect(lookups).toEqual([]); // nothing looked up: the transactions checked
    const told = [first, ...rest].map((r) => [
      r.registration.addressConfirmedAt ?? null,
      r.registration.holdExpiresAt ?? null,
    ]);
    const held = [null, expect.any(String)];
    const confirmed = [confirmedAt.toISOString(), null];
    expect(told).toEqual([confirmed, confirmed, confirmed, confirmed, held, held, held]);
    const stored = new Map((await t.registrations.listForSession(input.id)).map((r) => [r.id, r]));
    for (const r of [first, ...rest]) {
      expect(stored.get(r.registration.id)).toMatchObject({
        status: 'confirmed',
        addressConfirmedAt: r.registration.addressConfirmedAt ?? null,
        holdExpiresAt: r.registration.holdExpiresAt ?? null,
      });
    }
    const { ScanCommand } = await import('@aws-sdk/lib-dynamodb');
    const items = (await t.db.send(new ScanCommand({ TableName: t.tables.registrationsTable }))).Items ?? [];
    expect(items.filter((i) => 'heldUnlessConfirmed' in i)).toEqual([]);
  });

  it('a cold container reads the session list and the programmes side by side, then nothing but the transaction', async () => {
    const input = aSessionInput({ capacity: 5 });
    await t.load(aProgrammeFile([input], { addressConfirmation: 'required' }));
    const reads: string[] = [];
    const counted = {
      ...t.sessions,
      get: (id: string) => {
        reads.push('session');
        return t.sessions.get(id);
      },
      getProgramme: (id: string) => {
        reads.push('programme');
        return t.sessions.getProgramme(id);
      },
      list: () => {
        reads.push('list');
        return t.sessions.list();
      },
      listProgrammes: () => {
        reads.push('programmes');
        return t.sessions.listProgrammes();
      },
    };
    const deps = { ...t, sessions: counted, programmeReads: cachedProgrammeReads(counted, t.clock) };

    const first = await registerForSession(deps, input.id, aRegistrationRequest());
    expect(reads.sort()).toEqual(['list', 'programmes']);
    reads.length = 0;
    const second = await registerForSession(deps, input.id, aRegistrationRequest());
    expect(reads).toEqual([]);
    expect([first.registration.status, second.registration.status]).toEqual(['confirmed', 'confirmed']);
    expect(first.registration.holdExpiresAt).toEqual(expect.any(String)); // the programme's setting was read

    // Without the programmes index (a reader that cannot list them) the programme is read by id.
    const { listProgrammes: _l, ...plain } = counted;
    reads.length = 0;
    await registerForSession(
      { ...t, sessions: counted, programmeReads: cachedProgrammeReads(plain, t.clock) },
      input.id,
      aRegistrationRequest(),
    );
    expect(reads).toEqual(['list', 'programme']);
  });

  it('a session moved after the list was read: the placement notices the new version and the expiries follow the new date', async () => {
    const input = aSessionInput({ capacity: null, date: '2099-03-03' });
    await t.load(aProgrammeFile([input], { retentionAfter: 'session' }));
    const reads = cachedProgrammeReads(t.sessions, t.clock);
    await reads.list();
    const before = (await t.sessions.get(input.id)) as { version: number };
    // An organiser moves it three months later (an edit raises the version).
    await setOnSession(input.id, 'date', '2099-06-03');
    await setOnSession(input.id, 'version', before.version + 1);
    const sessionReads: string[] = [];
    const deps = {
      ...t,
      programmeReads: reads,
      sessions: {
        ...t.sessions,
        get: (id: string) => {
          sessionReads.push(id);
          return t.sessions.get(id);
        },
      },
    };

    const alone = await registerForSession(deps, input.id, aRegistrationRequest());
    const grouped = await Promise.all([0, 1, 2].map(() => registerForSession(deps, input.id, aRegistrationRequest())));
    const asRead = await registerForSession(t, input.id, aRegistrationRequest());

    expect(reads.heldSession?.(input.id)?.date).toBe('2099-03-03'); // the copy is still the old one
    expect(sessionReads.length).toBeGreaterThanOrEqual(2); // each computed again from a read
    const expiry = asRead.registration.personalDataExpiresAt;
    expect(expiry).toEqual(expect.any(Number));
    for (const r of [alone, ...grouped]) expect(r.registration.personalDataExpiresAt).toBe(expiry);
    const stored = await t.registrations.listForSession(input.id);
    expect(stored).toHaveLength(5);
    for (const r of stored) expect(r.personalDataExpiresAt).toBe(expiry);
  });

  it('a session closed after the list was read is refused by the transaction as a read would refuse it', async () => {
    const id = await withSession({ capacity: 5 });
    const reads = cachedProgrammeReads(t.sessions, t.clock);
    await reads.list();
    await setOnSession(id, 'registrationOpen', false);
    await expect(
      registerForSession({ ...t, programmeReads: reads }, id, aRegistrationRequest()),
    ).rejects.toBeInstanceOf(RegistrationClosed);
    expect(await t.registrations.listForSession(id)).toEqual([]);
  });
});
