import type { SESClient } from '@aws-sdk/client-ses';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { maxSendsPerWindow, seedConfirmedRegistrations } from '../../local/fanout';
import { createDocumentClient } from '../../shared/adapters/dynamodb/client';
import { createRegistrationRepository } from '../../shared/adapters/dynamodb/registrations';
import { createSessionRepository } from '../../shared/adapters/dynamodb/sessions';
import type { Session } from '../../shared/domain/model';
import { ManualClock } from '../../shared/ports/clock';
import { changeSession, mailsTo, type PipelineStack, startPipelineStack, waitForMails } from '../support/pipeline';
import { aProgrammeFile, aSessionInput, uniqueId } from '../support/programme-builders';

/**
 * Reminders and feedback requests on the local engines: DynamoDB Local, the stream trigger, the
 * bus with the real rules, the planner, the in-process scheduler, the dispatcher, the mail queue,
 * the rate-limited mailer and the SES emulator, with a clock the test moves through time travel.
 */

const address = () => `${uniqueId('rem')}@example.org`;
let stack: PipelineStack | undefined;
afterEach(async () => {
  await stack?.stop();
  stack = undefined;
});

const START = new Date('2027-03-01T09:00:00Z');
const NO_OFFERS = { offerWithinHours: 0, offerHours: 12, closeHoursBeforeStart: 2 };

async function withStack(
  overrides: Parameters<typeof aSessionInput>[0],
  knobs: Parameters<typeof startPipelineStack>[1] = {},
) {
  const input = aSessionInput({ capacity: null, ...overrides });
  const clock = new ManualClock(START);
  // Reminders and feedback requests are the subject here: the waiting list's offers (and its close
  // schedule) are off, so a freed seat is promoted at once as it always was (waitlist-offers.test.ts).
  const programme = aProgrammeFile([input], { waitlist: NO_OFFERS });
  stack = await startPipelineStack(programme, { sendRatePerSecond: 200, ...knobs }, { clock });
  return { s: stack, sessionId: input.id, clock };
}

async function register(s: PipelineStack, sessionId: string, email: string) {
  const res = await fetch(`${s.apiUrl}/sessions/${sessionId}/registrations`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name: 'Noor de Vries', email, role: 'teacher', consent: true }),
  });
  return (await res.json()) as { manageToken: string; registration: { id: string; status: string } };
}

async function timeTravel(s: PipelineStack, to: string) {
  const res = await fetch(`${s.apiUrl}/_local/time-travel`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ to }),
  });
  return {
    status: res.status,
    body: (await res.json()) as {
      fired: Array<{ name: string; at: string; result?: { result: string; why?: string } }>;
    },
  };
}

async function currentSession(s: PipelineStack, sessionId: string): Promise<Session> {
  const db = createDocumentClient({ endpoint: inject('dynamoEndpoint') });
  const session = await createSessionRepository(db, s.tables.sessionsTable).get(sessionId);
  db.destroy();
  if (!session) throw new Error('no session');
  return session;
}

/** Waits until the planner has put the wanted schedules of a session (no fixed sleeps). */
async function schedulesOf(s: PipelineStack, sessionId: string, expectCount: number, version?: number) {
  const until = Date.now() + 15_000;
  for (;;) {
    const mine = s.pipeline.scheduler.list().filter((x) => x.input.sessionId === sessionId);
    if (mine.length === expectCount && (version === undefined || mine.every((x) => x.input.version === version)))
      return mine;
    if (Date.now() > until)
      throw new Error(
        `expected ${expectCount} schedules, have ${JSON.stringify(mine.map((m) => [m.name, m.input.version]))}`,
      );
    await new Promise((r) => setTimeout(r, 50));
  }
}

const reminders = async (to: string) => (await mailsTo(to)).filter((m) => /^Herinnering/.test(m.subject));
const feedbackRequests = async (to: string) => (await mailsTo(to)).filter((m) => /^Wat vond je van/.test(m.subject));

describe('reminders and feedback requests', () => {
  it('plans at the right instants across the change to summer time and fires the 2-day reminder at 14:00Z', async () => {
    const { s, sessionId } = await withStack({ date: '2027-03-30', startTime: '16:00', endTime: '17:30' });
    const a = address();
    const b = address();
    await register(s, sessionId, a);
    await register(s, sessionId, b);
    await waitForMails(a, 1);

    const planned = await schedulesOf(s, sessionId, 3);
    expect(planned.map((p) => [p.name, p.at.toISOString(), p.localAt, p.timeZone])).toEqual([
      [`${sessionId}-reminder-d2`, '2027-03-28T14:00:00.000Z', '2027-03-28T16:00:00', 'Europe/Amsterdam'],
      [`${sessionId}-reminder-d0-0900`, '2027-03-30T07:00:00.000Z', '2027-03-30T09:00:00', 'Europe/Amsterdam'],
      [`${sessionId}-feedback`, '2027-03-30T16:30:00.000Z', '2027-03-30T18:30:00', 'Europe/Amsterdam'],
    ]);

    expect((await timeTravel(s, '2027-03-28T13:59:59Z')).body.fired).toEqual([]);
    const fired = await timeTravel(s, '2027-03-28T14:00:00Z');
    expect(fired.status).toBe(200);
    expect(fired.body.fired.map((f) => f.name)).toEqual([`${sessionId}-reminder-d2`]);
    expect(fired.body.fired[0]?.result).toMatchObject({ result: 'dispatched', jobs: 2 });

    const [mail] = await waitForMails(a, 2).then(() => reminders(a));
    await waitForMails(b, 2);
    expect(mail?.body.text).toContain(`/sessions/${sessionId}/calendar.ics`);
    expect(mail?.body.text).toMatch(/manage\.html\?token=[A-Za-z0-9_-]{43}&action=cancel/);
    expect(s.pipeline.scheduler.list().map((x) => x.name)).not.toContain(`${sessionId}-reminder-d2`); // deleted after completion
  });

  it('rescheduling moves the schedules; the old firing does nothing (stale version)', async () => {
    const { s, sessionId } = await withStack({ date: '2027-03-30', startTime: '16:00', endTime: '17:30' });
    const a = address();
    await register(s, sessionId, a);
    await waitForMails(a, 1);
    const [old] = await schedulesOf(s, sessionId, 3, 1);
    const before = await currentSession(s, sessionId);

    await changeSession(s, sessionId, before, { date: '2027-04-06' });
    await waitForMails(a, 2); // the reschedule mail
    const moved = await schedulesOf(s, sessionId, 3, 2);
    expect(moved[0]?.at.toISOString()).toBe('2027-04-04T14:00:00.000Z');

    // The old 2-day schedule, as if it had not been moved in time, fires anyway: nothing is sent.
    if (!old) throw new Error('no schedule');
    await s.pipeline.scheduler.put({ ...old, name: `${old.name}.old` });
    const fired = await timeTravel(s, '2027-03-28T14:00:00Z');
    expect(fired.body.fired).toEqual([
      expect.objectContaining({
        name: `${old.name}.old`,
        result: { result: 'refused', schedule: old.name, why: 'stale-version' },
      }),
    ]);
    await s.pipeline.settled();
    expect(await reminders(a)).toHaveLength(0);

    await timeTravel(s, '2027-04-04T14:00:00Z');
    await waitForMails(a, 3);
    expect(await reminders(a)).toHaveLength(1);
  });

  it('a cancelled session loses its schedules and sends no reminder', async () => {
    const { s, sessionId } = await withStack({ date: '2027-03-30', startTime: '16:00', endTime: '17:30' });
    const a = address();
    await register(s, sessionId, a);
    await waitForMails(a, 1);
    await schedulesOf(s, sessionId, 3);
    await changeSession(s, sessionId, await currentSession(s, sessionId), { status: 'cancelled' });
    await waitForMails(a, 2);
    await schedulesOf(s, sessionId, 0);
    expect((await timeTravel(s, '2027-04-30T00:00:00Z')).body.fired).toEqual([]);
    await s.pipeline.settled();
    expect((await mailsTo(a)).map((m) => m.subject)).toEqual([
      expect.stringMatching(/^Aanmelding/),
      expect.stringMatching(/geannuleerd|Geannuleerd/i),
    ]);
  });

  it('a duplicate or late firing sends nothing twice', async () => {
    const { s, sessionId } = await withStack({ date: '2027-03-30', startTime: '16:00', endTime: '17:30' });
    const a = address();
    await register(s, sessionId, a);
    await waitForMails(a, 1);
    const [d2] = await schedulesOf(s, sessionId, 3);
    if (!d2) throw new Error('no schedule');
    await timeTravel(s, '2027-03-28T14:00:00Z');
    await waitForMails(a, 2);
    // The same schedule fires again, a day late (a retried delivery): dispatched, but the ledger holds.
    await s.pipeline.scheduler.put(d2);
    const again = await timeTravel(s, '2027-03-29T14:00:00Z');
    expect(again.body.fired[0]?.result).toMatchObject({ result: 'dispatched', jobs: 1 });
    await s.pipeline.settled();
    expect(await reminders(a)).toHaveLength(1);
  });

  it('a session whose time is to be decided gets reminders only once its time is set', async () => {
    const { s, sessionId } = await withStack({ date: '2027-03-30', startTime: null, endTime: null });
    const a = address();
    await register(s, sessionId, a);
    await waitForMails(a, 1);
    const tbd = await schedulesOf(s, sessionId, 1);
    expect(tbd.map((x) => [x.name, x.at.toISOString()])).toEqual([
      [`${sessionId}-feedback`, '2027-03-31T07:00:00.000Z'],
    ]);

    await changeSession(s, sessionId, await currentSession(s, sessionId), { startTime: '16:00', endTime: '17:30' });
    await waitForMails(a, 2); // time confirmed
    const timed = await schedulesOf(s, sessionId, 3, 2);
    expect(timed.map((x) => x.name)).toEqual([
      `${sessionId}-reminder-d2`,
      `${sessionId}-reminder-d0-0900`,
      `${sessionId}-feedback`,
    ]);
    await timeTravel(s, '2027-03-28T14:00:00Z');
    await waitForMails(a, 3);
    expect(await reminders(a)).toHaveLength(1);
  });

  it('"I can\'t come" from the reminder gives the seat to the next on the waiting list', async () => {
    const { s, sessionId } = await withStack({ date: '2027-03-30', startTime: '16:00', endTime: '17:30', capacity: 1 });
    const a = address();
    const b = address();
    await register(s, sessionId, a);
    const waiting = await register(s, sessionId, b);
    expect(waiting.registration.status).toBe('waitlisted');
    await waitForMails(a, 1);
    await waitForMails(b, 1);
    await timeTravel(s, '2027-03-28T14:00:00Z');
    await waitForMails(a, 2);
    expect(await reminders(b)).toHaveLength(0); // waiting, not confirmed

    const [reminder] = await reminders(a);
    const token = /manage\.html\?token=([A-Za-z0-9_-]{43})&action=cancel/.exec(reminder?.body.text ?? '')?.[1];
    expect(token).toBeDefined();
    // The link only opens the confirmation; the cancel itself is the POST the page sends.
    const cancel = await fetch(`${s.apiUrl}/registrations/${token}/cancel`, { method: 'POST' });
    expect(cancel.status).toBe(200);
    const promoted = await fetch(`${s.apiUrl}/registrations/${waiting.manageToken}`);
    expect(((await promoted.json()) as { registration: { status: string } }).registration.status).toBe('confirmed');
    await waitForMails(b, 2);
  });

  it('the feedback request goes to everyone confirmed, and only to those present once attendance is recorded', async () => {
    const { s, sessionId } = await withStack({ date: '2027-03-30', startTime: '16:00', endTime: '17:30' });
    const present = address();
    const absent = address();
    const unrecorded = address();
    const regs = [];
    for (const e of [present, absent, unrecorded]) regs.push(await register(s, sessionId, e));
    for (const e of [present, absent, unrecorded]) await waitForMails(e, 1);
    await schedulesOf(s, sessionId, 3);

    const db = createDocumentClient({ endpoint: inject('dynamoEndpoint') });
    const repo = createRegistrationRepository(db, s.tables);
    const at = '2027-03-30T16:00:00Z';
    for (const [i, isPresent] of [
      [0, true],
      [1, false],
    ] as const) {
      const reg = await repo.get(sessionId, regs[i]?.registration.id ?? '');
      if (!reg) throw new Error('no registration');
      await repo.setAttendance(reg, { present: isPresent, recordedAt: at, recordedBy: 'organiser-1' });
    }
    db.destroy();

    const fired = await timeTravel(s, '2027-03-30T16:30:00Z');
    expect(fired.body.fired.map((f) => f.name)).toContain(`${sessionId}-feedback`);
    const [request] = await waitForMails(present, 2).then(() => feedbackRequests(present));
    // The feedback-only token: the registration id and its HMAC for the purpose "feedback".
    expect(request?.body.text).toMatch(/feedback\.html\?token=[0-9a-f-]{36}\.[A-Za-z0-9_-]{43}/);
    await s.pipeline.settled();
    expect(await feedbackRequests(absent)).toHaveLength(0);
    expect(await feedbackRequests(unrecorded)).toHaveLength(0);
  });

  it('without recorded attendance every confirmed registrant gets the feedback request', async () => {
    const { s, sessionId } = await withStack({ date: '2027-03-30', startTime: '16:00', endTime: '17:30' });
    const a = address();
    const b = address();
    await register(s, sessionId, a);
    await register(s, sessionId, b);
    await waitForMails(a, 1);
    await timeTravel(s, '2027-03-30T16:30:00Z');
    // Confirmation and feedback request; the reminders fired after the start and sent nothing.
    await waitForMails(a, 2);
    await waitForMails(b, 2);
    expect(await feedbackRequests(a)).toHaveLength(1);
  });

  it('time travel refuses a bad body and a move backwards with 400', async () => {
    const { s } = await withStack({});
    const bad = await fetch(`${s.apiUrl}/_local/time-travel`, { method: 'POST', body: '{"to":"tomorrow"}' });
    expect(bad.status).toBe(400);
    expect(bad.headers.get('content-type')).toContain('application/problem+json');
    expect(((await bad.json()) as { errors: Array<{ field: string }> }).errors[0]?.field).toBe('to');
    const back = await timeTravel(s, '2020-01-01T00:00:00Z');
    expect(back.status).toBe(400);
  });
});

describe('fan-out that respects the SES rate', () => {
  it('reminders to 400 registrants stay under the configured rate, every one sent once', async () => {
    // Below what the local pipeline manages on its own (~25-30 mails/s here), so the bucket is what paces it.
    const RATE = 20;
    // 20 s of paced sending at the least: twenty one-second windows and four five-second windows to
    // count, enough to see a bucket that lets bursts through (1,000 took 113 s alone, 240 s in the suite).
    const FAN_OUT = 400;
    const sendTimes: number[] = [];
    const input = aSessionInput({ date: '2027-03-30', startTime: '16:00', endTime: '17:30', capacity: null });
    const clock = new ManualClock(START);
    stack = await startPipelineStack(
      aProgrammeFile([input]),
      {
        streams: false,
        sendRatePerSecond: RATE,
        wrapSesClient: (client: SESClient) => ({
          send: ((command: never) => {
            sendTimes.push(performance.now());
            return client.send(command);
          }) as SESClient['send'],
        }),
      },
      { clock },
    );
    const s = stack;
    const tag = uniqueId('fan');
    const db = createDocumentClient({ endpoint: inject('dynamoEndpoint') });
    await seedConfirmedRegistrations({
      db,
      tables: s.tables,
      sessionId: input.id,
      count: FAN_OUT,
      manageTokenSecret: 'pipeline-test-secret',
      now: clock.now(),
      emailOf: (i) => `${tag}-${i}@example.org`,
    });
    db.destroy();
    await s.pipeline.replan(input.id);

    const fired = await timeTravel(s, '2027-03-28T14:00:00Z');
    expect(fired.body.fired[0]?.result).toMatchObject({ result: 'dispatched', jobs: FAN_OUT });
    await s.pipeline.settled(150_000);

    const store = (await (await fetch(inject('sesStoreUrl'))).json()) as {
      emails: Array<{ destination: { to: string[] }; at: number }>;
    };
    const mine = store.emails.filter((e) => e.destination.to.some((t) => t.includes(tag)));
    expect(mine).toHaveLength(FAN_OUT);
    expect(new Set(mine.map((e) => e.destination.to[0])).size).toBe(FAN_OUT);
    expect(sendTimes).toHaveLength(FAN_OUT);
    // Counted, not timed: no window of one second (sliding, on the mailer's send log) holds more
    // than the rate plus the bucket's one token and one for the window's edge; per whole second
    // of the emulator's own clock the same bound holds.
    expect(maxSendsPerWindow(sendTimes, 1000)).toBeLessThanOrEqual(RATE + 2);
    expect(maxSendsPerWindow(sendTimes, 5000)).toBeLessThanOrEqual(RATE * 5 + 2);
    const perSecond = new Map<number, number>();
    for (const e of mine) perSecond.set(e.at, (perSecond.get(e.at) ?? 0) + 1);
    expect(Math.max(...perSecond.values())).toBeLessThanOrEqual(RATE + 2);
    // 400 sends at 20/s take 20 s at the least; the budget is generous for a busy 2-core machine.
  }, 300_000);
});
