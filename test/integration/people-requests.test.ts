import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../shared/ports/clock';
import {
  mailsTo,
  type PipelineStack,
  publishEveryEventTwice,
  registerForProgrammeVia,
  startPipelineStack,
  storedRegistrations,
  waitForMails,
} from '../support/pipeline';
import { aProgrammeFile, aSessionInput, uniqueId } from '../support/programme-builders';

/**
 * Everything held for an address, on request, on the local engines (DynamoDB Local and its
 * streams, the bus, mailer and SES emulator), the programme asking for address confirmation (the
 * default) and a clock the test moves by time travel: POST /people/requests answers the same for
 * every address; the person link goes only to a known, confirmed one, at most once per 10 minutes;
 * through it the person exports or erases everything of the address in the programme.
 */

const address = () => `${uniqueId('ask')}@example.org`;
const START = new Date('2027-03-01T09:00:00Z');
const full = aSessionInput({ date: '2027-03-10', capacity: 1 });
const open = aSessionInput({ date: '2027-03-17' });
const single = aSessionInput({ date: '2027-03-24' });
const small = aSessionInput({ date: '2027-03-31', capacity: 1 });
const programme = aProgrammeFile([full, open, single, small]);
delete programme.addressConfirmation; // the default: required

const isLinkMail = (m: { subject: string }) => /^(Je link voor|Your link for) /.test(m.subject);
const linkMails = async (email: string) => (await mailsTo(email)).filter(isLinkMail);
const tokenIn = (m: { body: { text?: string } }) =>
  /my-programme\.html\?token=([A-Za-z0-9_-]{43})/.exec(m.body.text ?? '')?.[1] ?? '';

let s: PipelineStack;
const clock = new ManualClock(START);
beforeAll(async () => {
  s = await startPipelineStack(programme, { sendRatePerSecond: 200 }, { clock });
});
afterAll(async () => {
  await s?.stop();
});

async function post(path: string, body: unknown) {
  const res = await fetch(`${s.apiUrl}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: res.status, text: await res.text(), headers: res.headers };
}

const ask = (email: string) => post('/people/requests', { email, programmeId: programme.id });

/** Registers through the programme form; confirms the address unless told not to. */
async function registerProgramme(
  email: string,
  sessions: string[],
  opts: { confirm?: boolean; language?: string } = {},
) {
  const r = await registerForProgrammeVia(s, programme.id, email, sessions, opts);
  expect(r.status).toBe(201);
  await s.pipeline.settled();
  return r;
}

async function timeTravel(to: Date) {
  const res = await fetch(`${s.apiUrl}/_local/time-travel`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ to: to.toISOString() }),
  });
  expect(res.status).toBe(200);
  await res.arrayBuffer();
}

describe('everything held for an address, on request', () => {
  it('answers the same 202 for a known confirmed, an unconfirmed and an unknown address; only the first gets a mail', async () => {
    const known = address();
    const unconfirmed = address();
    const unknown = address();
    await registerProgramme(known, [open.id], { language: 'en' });
    await registerProgramme(unconfirmed, [open.id], { confirm: false });
    const before = { known: (await mailsTo(known)).length, unconfirmed: (await mailsTo(unconfirmed)).length };

    const answers = [await ask(known), await ask(unconfirmed), await ask(unknown)];
    for (const a of answers) expect(a.status).toBe(202);
    expect(answers[1]?.text).toBe(answers[0]?.text);
    expect(answers[2]?.text).toBe(answers[0]?.text);
    expect(JSON.parse(answers[0]?.text ?? '{}')).toMatchObject({ request: 'accepted' });

    const mails = await waitForMails(known, before.known + 1);
    await s.pipeline.settled();
    const sent = (await mailsTo(known)).filter(isLinkMail);
    expect(sent).toHaveLength(1);
    expect(mails).toHaveLength(before.known + 1);
    // In the person's language, with nothing the requester typed, and a link that opens the page.
    expect(sent[0]?.subject).toMatch(/^Your link for /);
    expect(sent[0]?.destination.to).toEqual([known]);
    expect(`${sent[0]?.body.text}${sent[0]?.body.html}`).not.toContain('Noor');
    const page = await fetch(`${s.apiUrl}/people/${tokenIn(sent[0] as never)}`);
    expect(page.status).toBe(200);
    expect(((await page.json()) as { email: string }).email).toBe(known);

    expect(await mailsTo(unconfirmed)).toHaveLength(before.unconfirmed);
    expect(await mailsTo(unknown)).toHaveLength(0);
  });

  it('sends nothing for a second request within 10 minutes, and again after them', async () => {
    const email = address();
    await registerProgramme(email, [open.id]);
    expect((await ask(email)).status).toBe(202);
    await s.pipeline.settled();
    expect(await linkMails(email)).toHaveLength(1);

    expect((await ask(email)).status).toBe(202);
    await s.pipeline.settled();
    expect(await linkMails(email)).toHaveLength(1);

    await timeTravel(new Date(clock.now().getTime() + 11 * 60 * 1000));
    expect((await ask(email)).status).toBe(202);
    await s.pipeline.settled();
    expect(await linkMails(email)).toHaveLength(2);
  });

  it('sends one mail when the request event is delivered twice', async () => {
    const email = address();
    await registerProgramme(email, [open.id]);
    publishEveryEventTwice(s.pipeline.bus);
    expect((await ask(email)).status).toBe(202);
    await s.pipeline.settled();
    expect(await linkMails(email)).toHaveLength(1);
  });

  it('answers 400 naming the field for malformed input', async () => {
    const badEmail = await ask('not-an-address');
    expect(badEmail.status).toBe(400);
    expect(badEmail.text).toContain('"email"');
    const badProgramme = await post('/people/requests', { email: address(), programmeId: 'Not A Slug!' });
    expect(badProgramme.status).toBe(400);
    expect(badProgramme.text).toContain('"programmeId"');
    const missing = await post('/people/requests', {});
    expect(missing.status).toBe(400);
    expect(missing.text).toContain('"email"');
    expect(missing.text).toContain('"programmeId"');
  });

  it('exports every registration of the address in the programme through the link; the scoped answer link may not', async () => {
    const email = address();
    const made = await registerProgramme(email, [open.id, single.id]);
    expect(made.registrations).toHaveLength(2);
    // One more on a single-session form, found by the address.
    const other = await post(`/sessions/${full.id}/registrations`, {
      name: 'Noor de Vries',
      email,
      role: 'teacher',
      consent: true,
    });
    expect(other.status).toBe(201);
    await s.pipeline.settled();
    await ask(email);
    await s.pipeline.settled();
    const [mail] = await linkMails(email);
    const token = tokenIn(mail as never);

    const res = await fetch(`${s.apiUrl}/people/${token}/export`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toMatch(/^attachment;/);
    const data = (await res.json()) as {
      scope: string;
      person: { email: string };
      registrations: Array<{ session: { id: string }; registration: { email: string } }>;
    };
    expect(data.scope).toBe('person');
    expect(data.person.email).toBe(email);
    expect(data.registrations.map((r) => r.session.id).sort()).toEqual([full.id, open.id, single.id].sort());
    expect(data.registrations.every((r) => r.registration.email === email)).toBe(true);
    // The link in the registration's answer, scoped to what that request registered, opens no export or erasure.
    expect((await fetch(`${s.apiUrl}/people/${made.personToken}/export`)).status).toBe(403);
    expect((await post(`/people/${made.personToken}/erase`, {})).status).toBe(403);
  });

  it('erases everything through the link: registrations cancelled, the waiting list promoted, the link dead', async () => {
    const email = address();
    const waiting = address();
    await registerProgramme(email, [open.id, small.id]);
    const w = await post(`/sessions/${small.id}/registrations`, {
      name: 'Sam Bakker',
      email: waiting,
      role: 'teacher',
      consent: true,
    });
    expect(w.status).toBe(201);
    const waitingToken = (JSON.parse(w.text) as { manageToken: string }).manageToken;
    await fetch(`${s.apiUrl}/registrations/${waitingToken}/address-confirmation`, { method: 'POST' });
    await s.pipeline.settled();
    expect(await storedRegistrations(s, small.id)).toMatchObject({ confirmed: 1, waitlisted: 1 });

    await ask(email);
    await s.pipeline.settled();
    const token = tokenIn((await linkMails(email))[0] as never);
    const erased = await post(`/people/${token}/erase`, {});
    expect(erased.status).toBe(200);
    expect(JSON.parse(erased.text)).toMatchObject({
      erasure: { scope: 'person', anonymised: 2, cancelled: 2, suppressed: true },
    });
    await s.pipeline.settled();

    const after = await fetch(`${s.apiUrl}/registrations/${waitingToken}`);
    expect(((await after.json()) as { registration: { status: string } }).registration.status).toBe('confirmed');
    expect(await storedRegistrations(s, small.id)).toMatchObject({ confirmed: 1, waitlisted: 0, cancelled: 1 });
    expect((await fetch(`${s.apiUrl}/people/${token}`)).status).toBe(404);
    expect((await fetch(`${s.apiUrl}/people/${token}/export`)).status).toBe(404);
    // A new request after the window finds no one: no mail.
    await timeTravel(new Date(clock.now().getTime() + 11 * 60 * 1000));
    await ask(email);
    await s.pipeline.settled();
    expect(await linkMails(email)).toHaveLength(1);
  });
});
