import type { SQSEvent } from 'aws-lambda';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createPlacementHandler } from '../../functions/placement/create-handler';
import { placementDeps } from '../../functions/placement/deps';
import { publicApiDeps } from '../../functions/public-api/deps';
import { LocalFifoQueue, localPlacementQueue } from '../../local/fifo-queue';
import { lambdaContext } from '../../local/lambda-context';
import { placementOutcomes } from '../../shared/adapters/dynamodb/registrations';
import { AlreadyRegistered, ContentionExhausted, NotFound, SessionCancelled } from '../../shared/domain/errors';
import { emailKey } from '../../shared/domain/identity';
import type { PlacementQueue } from '../../shared/ports/placement-queue';
import { registerForSession } from '../../shared/usecases/registrations';
import { createTestDb, type TestDb } from '../support/dynamo';
import { aProgrammeFile, aRegistrationRequest, aSessionInput } from '../support/programme-builders';

/**
 * The placement queue (docs/contention-model.md, "The placement queue") end to end on DynamoDB
 * Local: the public API's use case in a container of its own per request, sending through the
 * local SQS FIFO stand-in to the real consumer handler, under the contention model of real
 * DynamoDB where a rush is concerned. What is checked is what the registrants are told against
 * what is stored: never more confirmed than seats, positions 1…N told once each, and a 503 only
 * for a registration of which nothing was stored.
 */
const RUSH_TIMEOUT_MS = 240_000;

let t: TestDb;
let queue: LocalFifoQueue;

/** The consumer as Lambda runs it: the handler with its middy chain, on a Lambda context. */
const consumerOn = (db = t.db) => {
  const handler = createPlacementHandler(placementDeps({ db, tables: t.tables, clock: t.clock }));
  return (event: SQSEvent) => handler(event, lambdaContext('placement'));
};

/**
 * One API container: its own repositories, sending to `to`. As deployed it first tries each
 * registration directly and queues it when that finds the session contended; `queueOnly` sends
 * every one through the queue, for the tests of the queue itself (plain DynamoDB Local never
 * contends, so the first try would always succeed there).
 */
let queueOnly = false;
const apiContainer = (to: PlacementQueue = localPlacementQueue(queue), waitMs?: number) =>
  publicApiDeps(
    t.db,
    { ...t.tables, publicBaseUrl: 'https://example.org', placement: { queue: to, waitMs, firstTry: !queueOnly } },
    t.clock,
  );

const register = (sessionId: string, deps = apiContainer()) =>
  registerForSession(deps, sessionId, aRegistrationRequest());

afterEach(async () => {
  await queue?.stop();
});

describe('the placement queue under the contention model of DynamoDB', () => {
  beforeEach(async () => {
    queueOnly = false;
    t = await createTestDb(undefined, { contentionModel: {} });
    queue = new LocalFifoQueue({ name: 'placement-test.fifo' });
    queue.start(consumerOn());
  });

  it(
    '200 at once, a container each, for 20 seats: 20 confirmed, 180 told 1…180 once each, nobody refused',
    async () => {
      const session = aSessionInput({ capacity: 20 });
      await t.load(aProgrammeFile([session]));

      // DynamoDB Local on two cores, shared with the other test files, is far slower than DynamoDB:
      // the API waits as long as it takes here. How long it takes is the bench's question (rush, `queue`).
      const settled = await Promise.allSettled(
        Array.from({ length: 200 }, () => register(session.id, apiContainer(localPlacementQueue(queue), 120_000))),
      );

      const failed = settled.filter((r) => r.status === 'rejected');
      expect(failed.map((r) => String((r as PromiseRejectedResult).reason))).toEqual([]);
      const results = settled.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
      expect(results.filter((r) => r.registration.status === 'confirmed')).toHaveLength(20);
      const told = results.flatMap((r) => (r.waitlistPosition === null ? [] : [r.waitlistPosition]));
      expect(told.sort((a, b) => a - b)).toEqual(Array.from({ length: 180 }, (_, i) => i + 1));

      const stored = await t.registrations.listForSession(session.id);
      expect(stored.filter((r) => r.status === 'confirmed')).toHaveLength(20);
      expect(stored.filter((r) => r.status === 'waitlisted')).toHaveLength(180);
      const s = await t.sessions.get(session.id);
      expect(s).toMatchObject({ confirmedCount: 20, waitlistCount: 180 });
      // What each was told is what is stored.
      for (const r of results) {
        const mine = stored.find((x) => x.id === r.registration.id);
        expect(mine?.status).toBe(r.registration.status);
        if (r.waitlistPosition !== null)
          expect(await t.registrations.waitlistPosition(mine as never)).toBe(r.waitlistPosition);
      }
      // One session is one message group: batches of at most ten, one group commit each.
      expect(queue.deliveries.every((d) => d.groupId === session.id && d.messageIds.length <= 10)).toBe(true);
      expect(queue.deadLetters).toEqual([]);
    },
    RUSH_TIMEOUT_MS,
  );
});

describe('the placement queue on DynamoDB Local', () => {
  beforeEach(async () => {
    queueOnly = true;
    t = await createTestDb();
    queue = new LocalFifoQueue({ name: 'placement-test.fifo', visibilityTimeoutMs: 200 });
  });

  it('answers as the direct path does: a duplicate address, a cancelled session, an unknown session', async () => {
    queue.start(consumerOn());
    const open = aSessionInput({ capacity: 5 });
    const cancelled = aSessionInput();
    await t.load(aProgrammeFile([open, cancelled]));
    const before = await t.sessions.get(cancelled.id);
    await t.sessions.cancel(cancelled.id, before?.version ?? 0, t.clock.now().toISOString());

    const request = aRegistrationRequest();
    const first = await registerForSession(apiContainer(), open.id, request);
    const again = await registerForSession(apiContainer(), open.id, request).catch((e: unknown) => e);
    expect(again).toBeInstanceOf(AlreadyRegistered);
    expect((again as { existingRegistrationId?: string }).existingRegistrationId).toBe(first.registration.id);

    // The use case refuses these before sending; the consumer's own refusals are the same errors.
    const deps = placementDeps({ db: t.db, tables: t.tables, clock: t.clock });
    const place = apiContainer().registrations.place;
    const reg = (sessionId: string) => ({
      ...first.registration,
      id: `reg-${sessionId}-${Math.random().toString(36).slice(2)}`,
      sessionId,
      emailHash: `hash-${Math.random()}`,
      tokenHash: `tok-${Math.random()}`,
    });
    await expect(place(reg(cancelled.id) as never, t.clock.now())).rejects.toBeInstanceOf(SessionCancelled);
    await expect(place(reg('no-such-session') as never, t.clock.now())).rejects.toBeInstanceOf(NotFound);
    expect(deps.isOutcomeStands(again)).toBe(false);
    expect(await t.registrations.listForSession(open.id)).toHaveLength(1);
  });

  it('a registration sent as held whose address is confirmed is placed as confirmed and told so', async () => {
    queue.start(consumerOn());
    const session = aSessionInput({ capacity: 2 });
    await t.load(aProgrammeFile([session], { addressConfirmation: 'required' }));
    const programmeId = (await t.sessions.get(session.id))?.programmeId ?? '';
    const requests = [aRegistrationRequest(), aRegistrationRequest(), aRegistrationRequest()];
    const confirmedAt = new Date(t.clock.now().getTime() - 3_600_000);
    await t.holds.recordAddressConfirmed(programmeId, emailKey(requests[1]?.email ?? ''), confirmedAt, null);

    // Three at once, each from a container of its own, all through the queue (one group).
    const told = await Promise.all(requests.map((r) => registerForSession(apiContainer(), session.id, r)));

    expect(told.map((r) => r.registration.addressConfirmedAt ?? null)).toEqual([null, confirmedAt.toISOString(), null]);
    expect(told.map((r) => typeof (r.registration.holdExpiresAt ?? null))).toEqual(['string', 'object', 'string']);
    expect(queue.deliveries.length).toBeGreaterThan(0);
    const stored = new Map((await t.registrations.listForSession(session.id)).map((r) => [r.id, r]));
    for (const r of told) {
      expect(stored.get(r.registration.id)).toMatchObject({
        status: r.registration.status,
        addressConfirmedAt: r.registration.addressConfirmedAt ?? null,
      });
    }
    expect(told.filter((r) => r.registration.status === 'confirmed')).toHaveLength(2);
    expect(told.map((r) => r.waitlistPosition).filter((p) => p !== null)).toEqual([1]);
  });

  it('a message delivered twice places once: the repeat finds its outcome and changes nothing', async () => {
    const session = aSessionInput({ capacity: 1 });
    await t.load(aProgrammeFile([session]));
    const consumer = consumerOn();
    const events: SQSEvent[] = [];
    // Every batch goes to the consumer twice, as SQS's at-least-once delivery may do.
    queue.start(async (event) => {
      events.push(event);
      await consumer(event);
      return consumer(event);
    });

    const a = await register(session.id);
    const b = await register(session.id);
    expect(a.registration.status).toBe('confirmed');
    expect(b).toMatchObject({ registration: { status: 'waitlisted' }, waitlistPosition: 1 });
    // And once more, long after: a redrive of the same messages.
    for (const event of events) expect((await consumer(event))?.batchItemFailures).toEqual([]);

    expect(await t.registrations.listForSession(session.id)).toHaveLength(2);
    expect(await t.sessions.get(session.id)).toMatchObject({ confirmedCount: 1, waitlistCount: 1 });
  });

  it('a consumer that dies after its transaction: the message comes again, is not placed twice, and the API is told the first answer', async () => {
    const session = aSessionInput({ capacity: 1 });
    await t.load(aProgrammeFile([session]));
    const consumer = consumerOn();
    let crashes = 0;
    queue.start(async (event) => {
      await consumer(event); // committed: the seat and the outcome item
      if (crashes++ === 0) throw new Error('container died before acknowledging');
      return consumer(event);
    });

    const a = await register(session.id);
    expect(a.registration.status).toBe('confirmed'); // the outcome item was committed with the seat
    await queue.whenIdle();
    expect(crashes).toBeGreaterThanOrEqual(2); // delivered again after the visibility timeout
    expect(await t.registrations.listForSession(session.id)).toHaveLength(1);
    expect(await t.sessions.get(session.id)).toMatchObject({ confirmedCount: 1, waitlistCount: 0 });
  });

  it('no answer in time: the API withdraws it (503), and the consumer, coming later, stores nothing', async () => {
    const session = aSessionInput({ capacity: 3 });
    await t.load(aProgrammeFile([session]));
    // The consumer is not running yet: the API waits 300 ms, then withdraws.
    const err = await register(session.id, apiContainer(localPlacementQueue(queue), 300)).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ContentionExhausted);
    expect(queue.depth).toBe(1);

    queue.start(consumerOn());
    await queue.whenIdle();
    expect(await t.registrations.listForSession(session.id)).toEqual([]);
    expect(await t.sessions.get(session.id)).toMatchObject({ confirmedCount: 0, waitlistCount: 0 });
    expect(queue.deadLetters).toEqual([]);
  });

  it('the withdrawal and the placement race: exactly one wins, and the answer says which', async () => {
    const session = aSessionInput({ capacity: 50 });
    await t.load(aProgrammeFile([session]));
    queue.start(consumerOn());
    // Waits around the consumer's own time, so some answers come in time and some do not.
    const settled = await Promise.allSettled(
      Array.from({ length: 40 }, (_, i) => register(session.id, apiContainer(localPlacementQueue(queue), 20 + i * 5))),
    );
    await queue.whenIdle();
    const placed = settled.filter((r) => r.status === 'fulfilled').length;
    const withdrawn = settled.filter(
      (r) => r.status === 'rejected' && (r as PromiseRejectedResult).reason instanceof ContentionExhausted,
    ).length;
    expect(placed + withdrawn).toBe(40);
    const stored = await t.registrations.listForSession(session.id);
    expect(stored).toHaveLength(placed);
    expect(await t.sessions.get(session.id)).toMatchObject({ confirmedCount: placed, waitlistCount: 0 });
    // Every registration has exactly the outcome its answer said.
    const outcomes = placementOutcomes({ db: t.db, registrationsTable: t.tables.registrationsTable });
    for (const r of stored) expect((await outcomes.get(r.id))?.outcome).toBe('placed');
  });

  it('a send that fails, or whose answer is lost after SQS took it: the answer agrees with what is stored', async () => {
    const session = aSessionInput({ capacity: 3 });
    await t.load(aProgrammeFile([session]));
    queue.start(consumerOn());
    const real = localPlacementQueue(queue);
    const refused: PlacementQueue = {
      send: async () => {
        throw Object.assign(new Error('We encountered an internal error.'), { name: 'InternalError' });
      },
    };
    const lostAnswer: PlacementQueue = {
      send: async (m) => {
        await real.send(m);
        throw Object.assign(new Error('socket hang up'), { name: 'TimeoutError' });
      },
    };
    await expect(register(session.id, apiContainer(refused))).rejects.toBeInstanceOf(ContentionExhausted);
    const lost = await Promise.allSettled(
      Array.from({ length: 5 }, () => register(session.id, apiContainer(lostAnswer))),
    );
    await queue.whenIdle();
    const placed = lost.flatMap((r) => (r.status === 'fulfilled' ? [r.value.registration.id] : []));
    for (const r of lost) if (r.status === 'rejected') expect(r.reason).toBeInstanceOf(ContentionExhausted);
    const stored = await t.registrations.listForSession(session.id);
    expect(stored.map((r) => r.id).sort()).toEqual(placed.sort());
    const s = await t.sessions.get(session.id);
    expect((s?.confirmedCount ?? 0) + (s?.waitlistCount ?? 0)).toBe(placed.length);
  });

  it('an unreadable message ends in the dead-letter queue without holding up the other sessions', async () => {
    const a = aSessionInput({ capacity: 2 });
    const b = aSessionInput({ capacity: 2 });
    await t.load(aProgrammeFile([a, b]));
    queue.start(consumerOn());
    queue.send('{"not":"a registration"}', a.id, 'garbage-1');
    const placed = await register(b.id);
    expect(placed.registration.status).toBe('confirmed');
    await queue.whenIdle();
    expect(queue.deadLetters.map((d) => d.groupId)).toEqual([a.id]);
    // After it, session a's group goes on.
    expect((await register(a.id)).registration.status).toBe('confirmed');
  });
});
