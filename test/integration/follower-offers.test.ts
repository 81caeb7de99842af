import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createDocumentClient } from '../../shared/adapters/dynamodb/client';
import { createSessionRepository } from '../../shared/adapters/dynamodb/sessions';
import { ManualClock } from '../../shared/ports/clock';
import { aSession } from '../support/builders';
import {
  changeSession,
  deliverEveryBatchTwice,
  mailsTo,
  type PipelineStack,
  publishEveryEventTwice,
  registerForProgrammeVia,
  type StoredMail,
  startPipelineStack,
  storedRegistrations,
  storedSession,
  waitForMails,
} from '../support/pipeline';
import { aProgrammeFile, aSessionInput, uniqueId } from '../support/programme-builders';

/**
 * Offers to the followers of a programme, on the local engines (DynamoDB Local and its streams,
 * the bus, the mail queue, the mailer, the SES emulator): a session added to the programme, or one
 * whose time becomes known, is mailed once to every follower whose address is confirmed there, who
 * still follows and holds no live registration for it, with a link to a page whose GET takes
 * nothing and whose button (POST) takes the seat. The mailer gets every queue batch twice
 * throughout (SQS is at-least-once), so every count below also says "exactly once".
 */

const START = new Date('2027-03-01T09:00:00Z');
const base = aSessionInput({ date: '2027-03-10' });
const undecided = aSessionInput({ date: '2027-03-25', startTime: null, endTime: null });
const programme = aProgrammeFile([base, undecided], { title: { nl: 'Jaarprogramma', en: 'Programme' } });
delete programme.addressConfirmation; // the default: required, so an unconfirmed address is possible

const address = (tag: string) => `${uniqueId(tag)}@example.org`;
const isOffer = (m: StoredMail) => /^(Nieuw in|New in|Nu ingepland|Now scheduled)/.test(m.subject);
const offersTo = async (email: string) => (await mailsTo(email)).filter(isOffer);
const linkIn = (m: StoredMail) => {
  const link = /(https?:\/\/[^\s)]+\/people\/[A-Za-z0-9_-]{43}\/offers\/[a-z0-9-]+)/.exec(m.body.text ?? '')?.[1];
  if (!link) throw new Error(`no take-seat link in "${m.subject}"`);
  return link;
};

let s: PipelineStack;
const clock = new ManualClock(START);
const people = {
  en: address('follow-en'),
  nl: address('follow-nl'),
  unconfirmed: address('unconfirmed'),
  notFollowing: address('not-following'),
  unfollowed: address('unfollowed'),
  registered: address('registered'),
};

async function post(path: string, body: unknown) {
  const res = await fetch(`${s.apiUrl}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

/** A programme registration; the address confirmed through its link unless told not to. */
async function register(
  email: string,
  sessions: string[],
  opts: { follow: boolean; confirm?: boolean; language?: string },
) {
  const r = await registerForProgrammeVia(s, programme.id, email, sessions, opts);
  expect(r.status).toBe(201);
  return r;
}

/** Adds a session to the programme as an organiser's import does: a new session item (SessionPublished). */
async function addSession(overrides: Parameters<typeof aSession>[0] = {}) {
  const db = createDocumentClient({ endpoint: inject('dynamoEndpoint') });
  const session = aSession({
    id: uniqueId('added'),
    programmeId: programme.id,
    title: { nl: 'Extra bijeenkomst', en: 'Extra session' },
    date: '2027-03-20',
    capacity: 1,
    createdAt: clock.now().toISOString(),
    updatedAt: clock.now().toISOString(),
    ...overrides,
  });
  try {
    await createSessionRepository(db, s.tables.sessionsTable).create(session);
  } finally {
    db.destroy();
  }
  await s.pipeline.settled();
  return session;
}

const browserPost = (url: string) =>
  fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' },
    body: '',
  });

beforeAll(async () => {
  s = await startPipelineStack(
    programme,
    { sendRatePerSecond: 200, wrapMailer: deliverEveryBatchTwice('concurrent') },
    { clock },
  );
  // The programme's own sessions are published by loading it: those events are handled before
  // anyone follows, so the offers below are for the sessions the tests add.
  await s.pipeline.settled();
  await register(people.en, [base.id], { follow: true, language: 'en' });
  await register(people.nl, [base.id], { follow: true });
  await register(people.unconfirmed, [base.id], { follow: true, confirm: false });
  await register(people.notFollowing, [base.id], { follow: false });
  const unfollowed = await register(people.unfollowed, [base.id], { follow: true });
  const off = await post(`/people/${unfollowed.personToken}/following`, { following: false });
  expect(off.body).toEqual({ following: false });
  await register(people.registered, [base.id, undecided.id], { follow: true });
  await s.pipeline.settled();
});
afterAll(async () => {
  await s?.stop();
});

describe('offers to the followers of a programme', () => {
  it('mails one offer, in the person’s language, to confirmed followers only, when a session is added', async () => {
    const added = await addSession();
    const en = await waitForMails(people.en, 1).then(() => offersTo(people.en));
    const nl = await offersTo(people.nl);
    expect(en).toHaveLength(1);
    expect(nl).toHaveLength(1);
    expect(en[0]?.subject).toBe('New in Programme: Extra session');
    expect(nl[0]?.subject).toBe('Nieuw in Jaarprogramma: Extra bijeenkomst');
    expect(en[0]?.destination.to).toEqual([people.en]);
    expect(linkIn(en[0] as StoredMail)).toBe(
      `${s.apiUrl}/people/${/\/people\/([^/]+)\//.exec(linkIn(en[0] as StoredMail))?.[1]}/offers/${added.id}`,
    );
    for (const nobody of [people.unconfirmed, people.notFollowing, people.unfollowed]) {
      expect(await offersTo(nobody)).toHaveLength(0);
    }
    // Registered for other sessions, not this one: offered too.
    expect(await offersTo(people.registered)).toHaveLength(1);
    // Nobody was put in a seat by the mail.
    expect(await storedRegistrations(s, added.id)).toMatchObject({ confirmed: 0, waitlisted: 0 });
  });

  it('the link’s GET shows what will happen and takes nothing; the POST takes the seat, a second POST none', async () => {
    const added = await addSession({ capacity: 1 });
    const [offerEn] = await offersTo(people.en).then((m) => m.filter((x) => x.body.text?.includes(added.id)));
    const [offerNl] = await offersTo(people.nl).then((m) => m.filter((x) => x.body.text?.includes(added.id)));
    const linkEn = linkIn(offerEn as StoredMail);
    const linkNl = linkIn(offerNl as StoredMail);

    // A mail scanner follows the link twice: a page with a button, nothing stored.
    for (let i = 0; i < 2; i++) {
      const page = await fetch(linkEn);
      expect(page.status).toBe(200);
      expect(page.headers.get('content-type')).toMatch(/^text\/html/);
      const html = await page.text();
      expect(html).toContain('<h1>Take a seat at Extra session</h1>');
      expect(html).toContain('<form method="post"><button type="submit">Take a seat</button></form>');
      expect(html).toContain('you join the waiting list');
    }
    expect(await storedRegistrations(s, added.id)).toMatchObject({ confirmed: 0, waitlisted: 0 });

    // The button: a seat (the only one).
    const taken = await browserPost(linkEn);
    expect(taken.status).toBe(200);
    expect(await taken.text()).toContain('<h1>Done: you have a seat</h1>');
    // Again: told clearly, nothing more stored.
    const again = await browserPost(linkEn);
    expect(again.status).toBe(409);
    expect(await again.text()).toContain('<h1>You are already registered for Extra session</h1>');
    const json = await fetch(linkEn, { method: 'POST' });
    expect(json.status).toBe(409);
    expect(((await json.json()) as { type: string }).type).toMatch(/already-registered$/);

    // The second taker finds the seat gone and joins the waiting list (JSON client).
    const second = await fetch(linkNl, { method: 'POST' });
    expect(second.status).toBe(201);
    const body = (await second.json()) as { registration: { status: string; waitlistPosition: number } };
    expect(body.registration).toMatchObject({ status: 'waitlisted', waitlistPosition: 1 });
    expect((await fetch(linkNl)).status).toBe(200);
    expect(await storedRegistrations(s, added.id)).toMatchObject({
      confirmed: 1,
      waitlisted: 1,
      confirmedCount: 1,
      waitlistCount: 1,
    });
    // The seat is on the person page too.
    const token = /\/people\/([^/]+)\//.exec(linkEn)?.[1];
    const person = (await (await fetch(`${s.apiUrl}/people/${token}`)).json()) as {
      registrations: Array<{ session: { id: string }; registration: { status: string } }>;
    };
    expect(person.registrations.find((r) => r.session.id === added.id)?.registration.status).toBe('confirmed');
  });

  it('offers a session whose time becomes known, not to whoever is registered for it', async () => {
    const before = { en: (await offersTo(people.en)).length, registered: (await offersTo(people.registered)).length };
    const mailsOfRegistered = (await mailsTo(people.registered)).length;
    await changeSession(s, undecided.id, await storedSession(s, undecided.id), {
      startTime: '14:00',
      endTime: '15:30',
    });
    await s.pipeline.settled();
    const en = await offersTo(people.en);
    expect(en).toHaveLength(before.en + 1);
    expect(en.at(-1)?.subject).toBe('Now scheduled: Knowledge session, Thursday 25 March 2027, 14:00–15:30');
    expect(en.at(-1)?.body.text).toContain('14:00');
    expect(linkIn(en.at(-1) as StoredMail)).toMatch(new RegExp(`/offers/${undecided.id}$`));
    // The registrant hears of the time as a registrant (one mail), and is offered nothing.
    expect(await offersTo(people.registered)).toHaveLength(before.registered);
    expect(await mailsTo(people.registered)).toHaveLength(mailsOfRegistered + 1);
    for (const nobody of [people.unconfirmed, people.notFollowing, people.unfollowed]) {
      expect(await offersTo(nobody)).toHaveLength(0);
    }
  });

  it('a session added without a time is offered again when its time is set, except to who took a seat', async () => {
    const added = await addSession({ startTime: null, endTime: null, capacity: 10 });
    const about = (m: StoredMail) => m.body.text?.includes(added.id) === true;
    const first = (await offersTo(people.nl)).filter(about);
    expect(first).toHaveLength(1);
    expect(first[0]?.body.text).toContain('tijd nog niet bekend');
    expect((await fetch(linkIn(first[0] as StoredMail), { method: 'POST' })).status).toBe(201);

    await changeSession(s, added.id, await storedSession(s, added.id), { startTime: '19:00', endTime: '21:00' });
    await s.pipeline.settled();
    expect((await offersTo(people.en)).filter(about).map((m) => m.subject)).toEqual([
      'New in Programme: Extra session',
      'Now scheduled: Extra session, Saturday 20 March 2027, 19:00–21:00',
    ]);
    // Registered after the first offer: the time reaches them as a registrant, not as a second offer.
    expect((await offersTo(people.nl)).filter(about)).toHaveLength(1);
  });

  it('a cancelled or closed session answers with its problem, and the page says so', async () => {
    const added = await addSession({ capacity: 5 });
    const [offer] = (await offersTo(people.en)).filter((m) => m.body.text?.includes(added.id));
    const link = linkIn(offer as StoredMail);
    await changeSession(s, added.id, await storedSession(s, added.id), { status: 'cancelled' });
    await s.pipeline.settled();

    const res = await fetch(link, { method: 'POST' });
    expect(res.status).toBe(409);
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(((await res.json()) as { type: string }).type).toMatch(/session-cancelled$/);
    const page = await fetch(link);
    expect(await page.text()).toContain('<h1>This session has been cancelled</h1>');
    expect(await storedRegistrations(s, added.id)).toMatchObject({ confirmed: 0, waitlisted: 0 });

    // A session of another programme, or none, is not found through the link.
    const elsewhere = link.replace(/\/offers\/.+$/, '/offers/no-such-session');
    expect((await fetch(elsewhere)).status).toBe(404);
    expect((await fetch(elsewhere, { method: 'POST' })).status).toBe(404);
  });

  it('two POSTs at once take one seat: the other is told the address is registered', async () => {
    const added = await addSession({ capacity: 5 });
    const [offer] = (await offersTo(people.registered)).filter((m) => m.body.text?.includes(added.id));
    const link = linkIn(offer as StoredMail);
    const answers = await Promise.all([fetch(link, { method: 'POST' }), fetch(link, { method: 'POST' })]);
    expect(answers.map((a) => a.status).sort()).toEqual([201, 409]);
    const refused = answers.find((a) => a.status === 409);
    if (!refused) throw new Error('no refusal');
    expect(((await refused.json()) as { type: string }).type).toMatch(/already-registered$/);
    expect(await storedRegistrations(s, added.id)).toMatchObject({ confirmed: 1, waitlisted: 0, confirmedCount: 1 });
  });

  it('sends one offer per follower when the session event is delivered twice as well', async () => {
    publishEveryEventTwice(s.pipeline.bus);
    const added = await addSession();
    const about = (m: StoredMail) => m.body.text?.includes(added.id) === true;
    expect((await offersTo(people.en)).filter(about)).toHaveLength(1);
    expect((await offersTo(people.nl)).filter(about)).toHaveLength(1);
    expect((await offersTo(people.registered)).filter(about)).toHaveLength(1);
  });

  it('a late delivery of a session’s publication offers it to nobody who joined after it was published', async () => {
    const added = await addSession();
    const about = (m: StoredMail) => m.body.text?.includes(added.id) === true;
    expect((await offersTo(people.en)).filter(about)).toHaveLength(1);
    // An hour later someone new registers for the programme and follows it.
    clock.advance(60 * 60 * 1000);
    const newcomer = address('newcomer');
    await register(newcomer, [base.id], { follow: true });
    await s.pipeline.settled();
    // Every stream record delivered again, the session's publication with them (a retry, a redrive).
    await s.pipeline.replayStreams();
    await s.pipeline.settled();
    expect((await offersTo(newcomer)).filter(about)).toEqual([]);
    expect((await offersTo(people.en)).filter(about)).toHaveLength(1);
  });
});
