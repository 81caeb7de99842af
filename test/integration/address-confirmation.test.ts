import { afterEach, describe, expect, inject, it } from 'vitest';
import { createDispatcherHandler } from '../../functions/dispatcher/create-handler';
import { dispatcherDeps } from '../../functions/dispatcher/deps';
import { lambdaContext } from '../../local/lambda-context';
import { createDocumentClient } from '../../shared/adapters/dynamodb/client';
import { createRegistrationRepository } from '../../shared/adapters/dynamodb/registrations';
import { createSessionRepository } from '../../shared/adapters/dynamodb/sessions';
import { holdScheduleName } from '../../shared/domain/holds';
import { ManualClock } from '../../shared/ports/clock';
import {
  mailsTo,
  type PipelineStack,
  publishEveryEventTwice,
  startPipelineStack,
  waitForMails,
} from '../support/pipeline';
import { aProgrammeFile, aSessionInput, uniqueId } from '../support/programme-builders';

/**
 * Address confirmation on the local engines (DynamoDB Local, streams, bus, planner, the in-process
 * scheduler, dispatcher, mailer, SES emulator), with the programme's default `required` and a
 * clock the test moves by time travel.
 */

const address = () => `${uniqueId('conf')}@example.org`;
const START = new Date('2027-03-01T09:00:00Z');
// 2027-03-03 16:00 in Amsterdam is 15:00Z: 54 h after START.
const SESSION_DAY = '2027-03-03';
const NAME = 'Beste Anna, je aanmelding is VERLOPEN';

let stack: PipelineStack | undefined;
afterEach(async () => {
  await stack?.stop();
  stack = undefined;
});

async function withStack(sessions: Array<Parameters<typeof aSessionInput>[0]>) {
  const inputs = sessions.map((o) => aSessionInput({ date: SESSION_DAY, ...o }));
  const clock = new ManualClock(START);
  // Holds are the subject here: a released seat goes to the waiting list at once, without the
  // offers made near the start (waitlist-offers.test.ts).
  const programme = aProgrammeFile(inputs, {
    waitlist: { offerWithinHours: 0, offerHours: 12, closeHoursBeforeStart: 2 },
  });
  delete programme.addressConfirmation; // the default: required
  stack = await startPipelineStack(programme, { sendRatePerSecond: 200 }, { clock });
  return { s: stack, ids: inputs.map((i) => i.id), clock };
}

interface Registered {
  status: number;
  manageToken: string;
  registration: { id: string; status: string; addressConfirmedAt: string | null; holdExpiresAt: string | null };
}

async function register(s: PipelineStack, sessionId: string, email: string, name = NAME): Promise<Registered> {
  const res = await fetch(`${s.apiUrl}/sessions/${sessionId}/registrations`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name, email, role: 'teacher', consent: true }),
  });
  return { status: res.status, ...((await res.json()) as Omit<Registered, 'status'>) };
}

const confirmUrl = (s: PipelineStack, token: string) => `${s.apiUrl}/registrations/${token}/address-confirmation`;

async function confirm(s: PipelineStack, token: string) {
  const res = await fetch(confirmUrl(s, token), { method: 'POST' });
  return {
    status: res.status,
    body: (await res.json()) as { confirmedNow: number; addressConfirmedAt: string | null },
  };
}

async function registrationOf(s: PipelineStack, token: string) {
  const res = await fetch(`${s.apiUrl}/registrations/${token}`);
  return ((await res.json()) as { registration: Registered['registration'] & { waitlistPosition: number | null } })
    .registration;
}

async function timeTravel(s: PipelineStack, to: string) {
  const res = await fetch(`${s.apiUrl}/_local/time-travel`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ to }),
  });
  return (await res.json()) as { fired: Array<{ name: string; purpose: string; result?: { result: string } }> };
}

describe('address confirmation', () => {
  it('holds the seat and asks for one click, in a mail with nothing the registrant typed', async () => {
    const { s, ids } = await withStack([{}]);
    const email = address();
    const r = await register(s, ids[0] as string, email);
    expect(r.status).toBe(201);
    expect(r.registration.status).toBe('confirmed');
    expect(r.registration.addressConfirmedAt).toBeNull();
    // 48 h would end 2027-03-03T09:00Z; a hold ends at least 24 h before the 15:00Z start.
    expect(r.registration.holdExpiresAt).toBe('2027-03-02T15:00:00.000Z');

    const [request] = await waitForMails(email, 1);
    await s.pipeline.settled();
    expect(await mailsTo(email)).toHaveLength(1);
    expect(request?.subject).toMatch(/^Bevestig je e-mailadres/);
    expect(request?.destination.to).toEqual([email]); // no display name
    const body = `${request?.body.text}${request?.body.html}`;
    expect(body).not.toContain('Anna');
    expect(body).not.toContain('VERLOPEN');
    expect(body).toContain('Hallo,');
    expect(body).toContain(confirmUrl(s, r.manageToken));
    expect(request?.attachments ?? []).toEqual([]);
  });

  it("a mail scanner's GET confirms nothing; the button's POST does, and a second POST is harmless", async () => {
    const { s, ids } = await withStack([{}, {}]);
    const email = address();
    const r = await register(s, ids[0] as string, email);
    const second = await register(s, ids[1] as string, email);
    expect(second.registration.holdExpiresAt).not.toBeNull();

    const page = await fetch(confirmUrl(s, r.manageToken));
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    const html = await page.text();
    expect(html).toContain('<form method="post">');
    expect(html).not.toContain('VERLOPEN');
    // The scanner's GET (twice, as scanners do) left the hold in place.
    await fetch(confirmUrl(s, r.manageToken)).then((x) => x.arrayBuffer());
    expect((await registrationOf(s, r.manageToken)).holdExpiresAt).not.toBeNull();

    const first = await confirm(s, r.manageToken);
    expect(first.status).toBe(200);
    expect(first.body.confirmedNow).toBe(2); // one click ends both holds of the address in the programme
    const again = await confirm(s, r.manageToken);
    expect(again.status).toBe(200);
    expect(again.body.confirmedNow).toBe(0);
    expect(again.body.addressConfirmedAt).toBe(first.body.addressConfirmedAt);

    const held = await registrationOf(s, second.manageToken);
    expect(held.addressConfirmedAt).toBe(first.body.addressConfirmedAt);
    expect(held.holdExpiresAt).toBeNull();

    // The usual confirmation with the invite follows, once per registration, with the name now. The
    // second registration's own request may or may not have gone before the click confirmed it, so
    // the wait is for the two confirmations, not for a number of mails.
    const confirmations = async () =>
      (await mailsTo(email)).filter((m) => m.subject.startsWith('Aanmelding bevestigd')).length;
    await expect.poll(confirmations, { timeout: 15_000, interval: 50 }).toBe(2);
    await s.pipeline.settled();
    const mails = await mailsTo(email);
    await s.pipeline.replayStreams();
    await s.pipeline.settled();
    const all = await mailsTo(email);
    expect(all.filter((m) => m.subject.startsWith('Aanmelding bevestigd'))).toHaveLength(2);
    expect(all.filter((m) => m.subject.startsWith('Bevestig je e-mailadres')).length).toBeGreaterThanOrEqual(1);
    expect(all).toHaveLength(mails.length); // every stream record again: no mail twice

    // Confirmed once for the programme: a later registration there is confirmed straight away.
    const third = await register(s, ids[1] as string, email.replace('@', '+later@'));
    expect(third.status).toBe(409); // a sub-address is the same address for the one-per-session rule
  });

  it('an address confirmed before is confirmed for a later registration in the programme at once', async () => {
    const { s, ids } = await withStack([{}, {}]);
    const email = address();
    const r = await register(s, ids[0] as string, email);
    await confirm(s, r.manageToken);
    const later = await register(s, ids[1] as string, email);
    expect(later.registration.addressConfirmedAt).not.toBeNull();
    expect(later.registration.holdExpiresAt).toBeNull();
  });

  it('registrations within 48 h of the start get a hold of 2 h', async () => {
    const { s, ids } = await withStack([{ date: '2027-03-02' }]); // 16:00 CET = 15:00Z, 30 h away
    const r = await register(s, ids[0] as string, address());
    expect(r.registration.holdExpiresAt).toBe('2027-03-01T11:00:00.000Z');
  });

  it('an expired hold releases the seat to the waiting list in queue order, exactly once under duplicate delivery', async () => {
    const { s, ids, clock } = await withStack([{ capacity: 1 }]);
    publishEveryEventTwice(s.pipeline.bus);
    const sessionId = ids[0] as string;
    const [a, b, c] = [address(), address(), address()];
    const ra = await register(s, sessionId, a);
    const rb = await register(s, sessionId, b);
    const rc = await register(s, sessionId, c);
    expect([ra, rb, rc].map((r) => r.registration.status)).toEqual(['confirmed', 'waitlisted', 'waitlisted']);
    await confirm(s, rb.manageToken);
    await confirm(s, rc.manageToken);
    await s.pipeline.settled();
    const pending = await s.pipeline.scheduler.get(holdScheduleName(ra.registration.id));
    expect(pending?.dueAt).toBe('2027-03-02T15:00:00Z');

    expect((await timeTravel(s, '2027-03-02T14:59:59Z')).fired.filter((f) => f.purpose === 'hold-expiry')).toEqual([]);
    const fired = await timeTravel(s, '2027-03-02T15:00:00Z');
    const releases = fired.fired.filter((f) => f.name === holdScheduleName(ra.registration.id));
    expect(releases.map((f) => f.result?.result)).toEqual(['released']);

    // Duplicate delivery: the same firing twice more, concurrently.
    const db = createDocumentClient({ endpoint: inject('dynamoEndpoint') });
    const dispatcher = createDispatcherHandler(
      dispatcherDeps({ db, tables: s.tables, mailQueue: { sendBatch: async () => ({ failed: [] }) }, clock }),
    );
    if (!pending) throw new Error('no hold schedule');
    const repeats = await Promise.all([
      dispatcher(pending, lambdaContext('dispatcher')),
      dispatcher(pending, lambdaContext('dispatcher')),
    ]);
    expect(repeats.map((r) => (r as { result: string }).result)).toEqual(['kept', 'kept']);

    expect((await registrationOf(s, ra.manageToken)).status).toBe('cancelled');
    expect((await registrationOf(s, rb.manageToken)).status).toBe('confirmed'); // first in line
    const stillWaiting = await registrationOf(s, rc.manageToken);
    expect([stillWaiting.status, stillWaiting.waitlistPosition]).toEqual(['waitlisted', 1]);
    const session = await createSessionRepository(db, s.tables.sessionsTable).get(sessionId);
    expect([session?.confirmedCount, session?.waitlistCount]).toEqual([1, 1]);
    const regs = await createRegistrationRepository(db, s.tables).listForSession(sessionId);
    expect(regs.filter((r) => r.status === 'confirmed')).toHaveLength(1);
    db.destroy();

    await s.pipeline.settled();
    await s.pipeline.replayStreams();
    await s.pipeline.settled();
    // Every hold event went on the bus twice (and the streams were read twice); each mail went once.
    const kinds = s.pipeline.bus.history.map((e) => e['detail-type']);
    for (const kind of ['RegistrationHeld', 'AddressConfirmed', 'HoldReleased']) {
      expect(kinds.filter((k) => k === kind).length, kind).toBeGreaterThanOrEqual(2);
    }
    const toA = await mailsTo(a);
    expect(toA.map((m) => m.subject.split(':')[0])).toEqual(['Bevestig je e-mailadres', 'Plek vrijgegeven']);
    expect(`${toA[1]?.body.text}`).not.toContain('Anna');
    expect(
      (await mailsTo(b)).filter((m) => /^(Je hebt een plek|Er is een plek)/.test(m.subject)).length,
    ).toBeLessThanOrEqual(1);
  });

  it('a confirmation that lands before the expiry keeps the seat, and its hold schedule is deleted', async () => {
    const { s, ids } = await withStack([{ capacity: 1 }]);
    const r = await register(s, ids[0] as string, address());
    await s.pipeline.settled();
    expect(await s.pipeline.scheduler.get(holdScheduleName(r.registration.id))).not.toBeNull();
    await confirm(s, r.manageToken);
    await s.pipeline.settled();
    // AddressConfirmed: the planner deleted the schedule; a repeat finds none, and that is fine.
    expect(await s.pipeline.scheduler.get(holdScheduleName(r.registration.id))).toBeNull();
    await s.pipeline.replayStreams();
    await s.pipeline.settled();
    const fired = await timeTravel(s, '2027-03-02T15:00:00Z');
    expect(fired.fired.filter((f) => f.purpose === 'hold-expiry')).toEqual([]);
    expect((await registrationOf(s, r.manageToken)).status).toBe('confirmed');
  });

  it('a hard bounce of the confirmation request releases the hold at once', async () => {
    const { s, ids } = await withStack([{ capacity: 1 }]);
    const bouncing = address();
    const waiting = address();
    const rb = await register(s, ids[0] as string, bouncing);
    const rw = await register(s, ids[0] as string, waiting);
    await confirm(s, rw.manageToken);
    const [request] = await waitForMails(bouncing, 1);
    await s.pipeline.bus.deliver({
      version: '0',
      id: uniqueId('ses'),
      'detail-type': 'Email Bounced',
      source: 'aws.ses',
      account: '000000000000',
      time: new Date().toISOString(),
      region: 'eu-west-1',
      resources: [],
      detail: {
        eventType: 'Bounce',
        bounce: { bounceType: 'Permanent', bounceSubType: 'General', bouncedRecipients: [{ emailAddress: bouncing }] },
        mail: { messageId: request?.messageId ?? 'x', destination: [bouncing] },
      },
    });
    await s.pipeline.settled();
    expect((await registrationOf(s, rb.manageToken)).status).toBe('cancelled');
    expect((await registrationOf(s, rw.manageToken)).status).toBe('confirmed');
    expect(await mailsTo(bouncing)).toHaveLength(1); // nothing more to a bounced address
    // HoldReleased: the released hold's schedule is gone (and the confirmed one's, by AddressConfirmed).
    expect(await s.pipeline.scheduler.get(holdScheduleName(rb.registration.id))).toBeNull();
    expect(await s.pipeline.scheduler.get(holdScheduleName(rw.registration.id))).toBeNull();
  });

  it('reminders go only to confirmed addresses', async () => {
    const { s, ids } = await withStack([{ capacity: null }]);
    const held = address();
    const confirmed = address();
    await register(s, ids[0] as string, held);
    const rc = await register(s, ids[0] as string, confirmed);
    await confirm(s, rc.manageToken);
    await s.pipeline.settled();
    // The first default reminder: two days before at the start time (2027-03-01T15:00Z).
    const fired = await timeTravel(s, '2027-03-01T15:00:00Z');
    expect(fired.fired.some((f) => f.purpose === 'reminder')).toBe(true);
    await s.pipeline.settled();
    expect((await mailsTo(confirmed)).filter((m) => m.subject.startsWith('Herinnering'))).toHaveLength(1);
    expect((await mailsTo(held)).map((m) => m.subject.split(':')[0])).toEqual(['Bevestig je e-mailadres']);
  });
});
