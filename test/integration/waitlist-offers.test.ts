import { afterEach, describe, expect, inject, it } from 'vitest';
import { createDispatcherHandler } from '../../functions/dispatcher/create-handler';
import { dispatcherDeps } from '../../functions/dispatcher/deps';
import { lambdaContext } from '../../local/lambda-context';
import { createDocumentClient } from '../../shared/adapters/dynamodb/client';
import { scheduleName } from '../../shared/domain/schedules';
import { offerScheduleName } from '../../shared/domain/waitlist';
import { ManualClock } from '../../shared/ports/clock';
import {
  changeSession,
  mailsTo,
  type PipelineStack,
  publishEveryEventTwice,
  startPipelineStack,
  storedSession,
  waitForMails,
} from '../support/pipeline';
import { aProgrammeFile, aSessionInput, uniqueId } from '../support/programme-builders';

/**
 * The waiting list's end game on the local engines (DynamoDB Local, streams, bus, planner, the
 * in-process scheduler, dispatcher, mailer, SES emulator) with a clock the test moves: near the
 * start a freed seat is offered, claimed or passed on; once offers close those waiting hear once.
 * The races (concurrent claims, a claim against the expiry) are in waitlist-offers-contention.test.ts.
 */

// 2027-03-03 16:00 in Amsterdam is 15:00Z: 30 h after START, inside the 48 h offer window.
const SESSION_DAY = '2027-03-03';
const START = new Date('2027-03-02T09:00:00Z');

let stack: PipelineStack | undefined;
afterEach(async () => {
  await stack?.stop();
  stack = undefined;
});

const address = () => `${uniqueId('wl')}@example.org`;

async function withStack(session: Parameters<typeof aSessionInput>[0] = {}, programme: object = {}) {
  const input = aSessionInput({ date: SESSION_DAY, capacity: 1, ...session });
  const clock = new ManualClock(START);
  stack = await startPipelineStack(aProgrammeFile([input], programme), { sendRatePerSecond: 200 }, { clock });
  return { s: stack, id: input.id, clock };
}

interface Registered {
  manageToken: string;
  registration: { id: string; status: string };
}

async function register(s: PipelineStack, sessionId: string, email: string): Promise<Registered> {
  const res = await fetch(`${s.apiUrl}/sessions/${sessionId}/registrations`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name: 'Noor de Vries', email, role: 'teacher', consent: true }),
  });
  expect(res.status).toBe(201);
  return (await res.json()) as Registered;
}

async function cancel(s: PipelineStack, token: string) {
  const res = await fetch(`${s.apiUrl}/registrations/${token}/cancel`, { method: 'POST' });
  await res.arrayBuffer();
  expect(res.status).toBe(200);
}

const offerUrl = (s: PipelineStack, token: string) => `${s.apiUrl}/registrations/${token}/offer`;

async function claim(s: PipelineStack, token: string) {
  const res = await fetch(offerUrl(s, token), { method: 'POST' });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> & { type?: string } };
}

async function registrationOf(s: PipelineStack, token: string) {
  const res = await fetch(`${s.apiUrl}/registrations/${token}`);
  return ((await res.json()) as { registration: { status: string; waitlistPosition: number | null } }).registration;
}

async function timeTravel(s: PipelineStack, to: string) {
  const res = await fetch(`${s.apiUrl}/_local/time-travel`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ to }),
  });
  return (await res.json()) as { fired: Array<{ name: string; purpose: string; result?: Record<string, unknown> }> };
}

async function adminRegistrations(s: PipelineStack, sessionId: string, format = 'json') {
  const token = await s.auth.signToken({ sub: 'organiser-1', email: 'org@example.org' });
  return fetch(`${s.apiUrl}/admin/sessions/${sessionId}/registrations?format=${format}`, {
    headers: { authorization: `Bearer ${token}` },
  });
}

const subjects = async (email: string) => (await mailsTo(email)).map((m) => m.subject);
const startingWith = (list: string[], prefix: string) => list.filter((x) => x.startsWith(prefix));

/** Everything in flight delivered, then every stream record delivered again (duplicate delivery). */
async function settleTwice(s: PipelineStack) {
  await s.pipeline.settled();
  await s.pipeline.replayStreams();
  await s.pipeline.settled();
}

describe('offers from the waiting list', () => {
  it('a seat freed inside the window is offered by mail; a scanner’s GET changes nothing; the claim confirms once', async () => {
    const { s, id } = await withStack();
    const [a, b, c] = [address(), address(), address()];
    const ra = await register(s, id, a);
    const rb = await register(s, id, b);
    const rc = await register(s, id, c);
    // b and c hear they are waiting before the seat frees (a mailer that runs after the cancel
    // would rightly skip that mail, as b is no longer waiting).
    await s.pipeline.settled();
    await cancel(s, ra.manageToken);

    expect((await registrationOf(s, rb.manageToken)).status).toBe('offered');
    expect(await registrationOf(s, rc.manageToken)).toMatchObject({ status: 'waitlisted', waitlistPosition: 1 });
    const stored = await storedSession(s, id);
    expect([stored.confirmedCount, stored.offeredCount, stored.waitlistCount]).toEqual([1, 1, 1]);

    await waitForMails(b, 2);
    const [offer] = (await mailsTo(b)).filter((m) => m.subject.startsWith('Er is een plek voor je vrij'));
    const body = `${offer?.body.text}${offer?.body.html}`;
    expect(body).toContain(offerUrl(s, rb.manageToken));
    // 12 h from 09:00Z would be 21:00Z; in words, in Amsterdam time (22:00).
    expect(body).toContain('2 maart 2027 om 22:00');
    expect(offer?.attachments ?? []).toEqual([]);

    // Organisers see the open offer: the session's counts, JSON and CSV.
    const admin = (await (await adminRegistrations(s, id)).json()) as {
      session: { confirmedCount: number; offeredCount: number; seatsLeft: number | null };
      registrations: Array<{ id: string; status: string; offerExpiresAt: string | null }>;
    };
    expect(admin.session).toMatchObject({ confirmedCount: 0, offeredCount: 1, seatsLeft: 0 });
    expect(admin.registrations.find((r) => r.id === rb.registration.id)).toMatchObject({
      status: 'offered',
      offerExpiresAt: '2027-03-02T21:00:00.000Z',
    });
    const csv = await (await adminRegistrations(s, id, 'csv')).text();
    expect(csv).toContain('"Aanbod geldig tot"');
    expect(csv).toContain('"plek aangeboden"');
    expect(csv).toContain('"2027-03-02 22:00"');

    // A mail scanner's GET (the page and the JSON, twice) claims nothing.
    const page = await fetch(offerUrl(s, rb.manageToken), { headers: { accept: 'text/html' } });
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    expect(await page.text()).toContain('<form method="post">');
    const json = (await (await fetch(offerUrl(s, rb.manageToken))).json()) as Record<string, unknown>;
    expect(json).toMatchObject({ offer: 'open', offerExpiresAt: '2027-03-02T21:00:00.000Z' });
    expect((await registrationOf(s, rb.manageToken)).status).toBe('offered');

    // Someone still waiting has no offer to claim.
    const notOffered = await claim(s, rc.manageToken);
    expect([notOffered.status, notOffered.body.type]).toEqual([409, '/problems/no-offer']);

    const [first, again] = [await claim(s, rb.manageToken), await claim(s, rb.manageToken)];
    expect([first.status, first.body.claimedNow, first.body.offer]).toEqual([200, true, 'claimed']);
    expect([again.status, again.body.claimedNow]).toEqual([200, false]);
    expect((await registrationOf(s, rb.manageToken)).status).toBe('confirmed');
    const after = await storedSession(s, id);
    expect([after.confirmedCount, after.offeredCount, after.waitlistCount]).toEqual([1, 0, 1]);

    // The usual confirmation with the invite, once, even with every stream record delivered twice.
    await waitForMails(b, 3);
    await settleTwice(s);
    const mails = await mailsTo(b);
    expect(mails.map((m) => m.subject.replace(/:.*/, ''))).toEqual([
      'Je staat op de wachtlijst',
      'Er is een plek voor je vrij',
      'Er is een plek voor je',
    ]);
    expect(mails[2]?.attachments.some((x) => x.contentType.startsWith('text/calendar'))).toBe(true);
    expect(startingWith(await subjects(c), 'Er is een plek')).toEqual([]);
  });

  it('an offer not claimed in time passes to the next person exactly once under duplicate delivery', async () => {
    const { s, id, clock } = await withStack();
    publishEveryEventTwice(s.pipeline.bus);
    const [a, b, c, d] = [address(), address(), address(), address()];
    const ra = await register(s, id, a);
    const rb = await register(s, id, b);
    const rc = await register(s, id, c);
    const rd = await register(s, id, d);
    await cancel(s, ra.manageToken);
    await s.pipeline.settled();
    const pending = await s.pipeline.scheduler.get(offerScheduleName(rb.registration.id));
    expect(pending?.dueAt).toBe('2027-03-02T21:00:00Z');

    const fired = await timeTravel(s, '2027-03-02T21:00:00Z');
    const passes = fired.fired.filter((f) => f.name === offerScheduleName(rb.registration.id));
    expect(passes.map((f) => f.result?.result)).toEqual(['passed-on']);
    expect(passes[0]?.result?.offeredTo).toBe(rc.registration.id);

    // Duplicate delivery: the same firing twice more, concurrently.
    const db = createDocumentClient({ endpoint: inject('dynamoEndpoint') });
    const dispatcher = createDispatcherHandler(
      dispatcherDeps({ db, tables: s.tables, mailQueue: { sendBatch: async () => ({ failed: [] }) }, clock }),
    );
    if (!pending) throw new Error('no offer schedule');
    const repeats = await Promise.all([
      dispatcher(pending, lambdaContext('dispatcher')),
      dispatcher(pending, lambdaContext('dispatcher')),
    ]);
    db.destroy();
    expect(repeats.map((r) => (r as { result: string }).result)).toEqual(['kept', 'kept']);

    expect((await registrationOf(s, rb.manageToken)).status).toBe('cancelled');
    expect((await registrationOf(s, rc.manageToken)).status).toBe('offered');
    expect(await registrationOf(s, rd.manageToken)).toMatchObject({ status: 'waitlisted', waitlistPosition: 1 });
    const stored = await storedSession(s, id);
    expect([stored.confirmedCount, stored.offeredCount, stored.waitlistCount]).toEqual([1, 1, 1]);
    // The next offer ends 12 h later, 09:00Z on the day (well before one hour before the start).
    expect((await s.pipeline.scheduler.get(offerScheduleName(rc.registration.id)))?.dueAt).toBe('2027-03-03T09:00:00Z');
    const lapsed = await claim(s, rb.manageToken);
    expect([lapsed.status, lapsed.body.type]).toEqual([410, '/problems/offer-expired']);

    await waitForMails(b, 2);
    await waitForMails(c, 1);
    await settleTwice(s);
    const toB = await subjects(b);
    expect(startingWith(toB, 'Er is een plek voor je vrij')).toHaveLength(1);
    expect(startingWith(toB, 'Aangeboden plek vervallen')).toHaveLength(1);
    expect(startingWith(await subjects(c), 'Er is een plek voor je vrij')).toHaveLength(1);
    expect(startingWith(await subjects(d), 'Er is een plek')).toEqual([]);
  });

  it('outside the window the freed seat goes to the first person waiting at once, as before', async () => {
    const { s, id } = await withStack({ date: '2027-03-09' });
    const [a, b] = [address(), address()];
    const ra = await register(s, id, a);
    const rb = await register(s, id, b);
    await cancel(s, ra.manageToken);
    expect((await registrationOf(s, rb.manageToken)).status).toBe('confirmed');
    await waitForMails(b, 1);
    await settleTwice(s);
    const toB = await subjects(b);
    expect(startingWith(toB, 'Er is een plek voor je:')).toHaveLength(1);
    expect(startingWith(toB, 'Er is een plek voor je vrij')).toEqual([]);
  });

  it('once offers close those waiting hear it once, and a seat freed after that stays free', async () => {
    const { s, id } = await withStack();
    publishEveryEventTwice(s.pipeline.bus);
    const [a, b, c] = [address(), address(), address()];
    const ra = await register(s, id, a);
    const rb = await register(s, id, b);
    await register(s, id, c);
    await s.pipeline.settled();
    const closeName = scheduleName(id, 'waitlist-close');
    expect((await s.pipeline.scheduler.get(closeName))?.dueAt).toBe('2027-03-03T13:00:00Z');

    const fired = await timeTravel(s, '2027-03-03T13:00:00Z');
    expect(fired.fired.filter((f) => f.name === closeName).map((f) => f.result)).toEqual([
      { result: 'dispatched', schedule: closeName, jobs: 2 },
    ]);
    await waitForMails(b, 2);
    await waitForMails(c, 2);

    await cancel(s, ra.manageToken);
    expect((await registrationOf(s, rb.manageToken)).status).toBe('waitlisted');
    const stored = await storedSession(s, id);
    expect([stored.confirmedCount, stored.offeredCount, stored.waitlistCount]).toEqual([0, 0, 2]);

    await settleTwice(s);
    for (const who of [b, c]) {
      const mine = await subjects(who);
      expect(startingWith(mine, 'Wachtlijst gesloten')).toHaveLength(1);
      expect(startingWith(mine, 'Er is een plek')).toEqual([]);
    }
    const [closed] = (await mailsTo(b)).filter((m) => m.subject.startsWith('Wachtlijst gesloten'));
    expect(closed?.body.text).toContain('aan de deur');
    expect(startingWith(await subjects(a), 'Wachtlijst gesloten')).toEqual([]);
  });

  it('a reschedule moves the close of the waiting list with the session', async () => {
    const { s, id } = await withStack();
    await s.pipeline.settled();
    const closeName = scheduleName(id, 'waitlist-close');
    expect((await s.pipeline.scheduler.get(closeName))?.dueAt).toBe('2027-03-03T13:00:00Z');
    await changeSession(s, id, await storedSession(s, id), { date: '2027-03-04' });
    await s.pipeline.settled();
    expect((await s.pipeline.scheduler.get(closeName))?.dueAt).toBe('2027-03-04T13:00:00Z');
  });

  it('programme settings are validated: a bad one is a 400 naming the field', async () => {
    const { s } = await withStack();
    const token = await s.auth.signToken({ sub: 'organiser-1', email: 'org@example.org' });
    const put = (waitlist: unknown) =>
      fetch(`${s.apiUrl}/admin/programmes/${uniqueId('programme')}`, {
        method: 'PUT',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ title: { nl: 'P' }, timeZone: 'Europe/Amsterdam', feedbackQuestions: [], waitlist }),
      });
    const bad = await put({ offerHours: 0 });
    expect(bad.status).toBe(400);
    const problem = (await bad.json()) as { errors: Array<{ field: string }> };
    expect(problem.errors.map((e) => e.field)).toEqual(['waitlist.offerHours']);
    const unknown = await put({ offerWithinHours: 24, offerMinutes: 5 });
    expect(unknown.status).toBe(400);
    const good = await put({ offerWithinHours: 24 });
    expect(good.status).toBe(201);
    expect(((await good.json()) as { waitlist: unknown }).waitlist).toEqual({
      offerWithinHours: 24,
      offerHours: 12,
      closeHoursBeforeStart: 2,
    });
  });
});
