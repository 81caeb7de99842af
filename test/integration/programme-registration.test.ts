import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApi, type TestApi } from '../support/http';
import { parseCalendar } from '../support/ical';
import { aProgrammeFile, aRegistrationRequest, aSessionInput, uniqueId } from '../support/programme-builders';

const first = aSessionInput({ date: '2027-03-03', capacity: 1 });
const closed = aSessionInput({ date: '2027-03-10', registrationOpen: false });
const third = aSessionInput({ date: '2027-04-23', startTime: null, endTime: null });
const programme = aProgrammeFile([first, closed, third]);

type Entry = { sessionId: string; status?: string; waitlistPosition?: number | null; problem?: { type: string } };

describe('programme registration: many sessions in one request, and the person page', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi(programme);
  });
  afterAll(async () => {
    await api.stack.stop();
  });

  const registerProgramme = (body: Record<string, unknown>) =>
    api.post(`/programmes/${programme.id}/registrations`, body);
  const byId = (entries: unknown) => new Map((entries as Entry[]).map((e) => [e.sessionId, e]));

  it('registers for three sessions of which one is closed: the closed one is refused, the others stand', async () => {
    const res = await registerProgramme({ ...aRegistrationRequest(), sessions: [first.id, closed.id, third.id] });

    expect(res.status).toBe(201);
    const entries = byId(res.body.registrations);
    expect(entries.get(first.id)).toMatchObject({ status: 'confirmed', waitlistPosition: null });
    expect(entries.get(closed.id)).toMatchObject({ problem: { type: '/problems/registration-closed' } });
    expect(entries.get(closed.id)?.status).toBeUndefined();
    expect(entries.get(third.id)).toMatchObject({ status: 'confirmed' });
    expect(res.body.personUrl).toMatch(/\/my-programme\.html\?token=[A-Za-z0-9_-]{43}$/);

    const person = await api.json(`/people/${res.body.personToken}`);
    expect(person.status).toBe(200);
    const regs = person.body.registrations as Array<{ registration: { status: string }; session: { id: string } }>;
    expect(regs.map((r) => [r.session.id, r.registration.status])).toEqual([
      [first.id, 'confirmed'],
      [third.id, 'confirmed'],
    ]);
    expect((await api.json(`/sessions/${closed.id}`)).body).toMatchObject({ waitlistLength: 0, seatsLeft: 40 });
  });

  it('reports an existing registration as already-registered for that session only, and waitlists on a full one', async () => {
    const who = aRegistrationRequest();
    const single = await api.post(`/sessions/${third.id}/registrations`, who);
    expect(single.status).toBe(201);

    const res = await registerProgramme({ ...who, sessions: [first.id, third.id] });
    expect(res.status).toBe(201);
    const entries = byId(res.body.registrations);
    expect(entries.get(third.id)).toMatchObject({ problem: { type: '/problems/already-registered' } });
    // `first` has one seat, taken by the test above.
    expect(entries.get(first.id)).toMatchObject({ status: 'waitlisted', waitlistPosition: 1 });

    // The single-session registration is not shown on the new person page: the address is not
    // confirmed, and whoever typed it first must not read what its owner did.
    const person = await api.json(`/people/${res.body.personToken}`);
    const regs = person.body.registrations as Array<{ session: { id: string } }>;
    expect(regs.map((r) => r.session.id)).toEqual([first.id]);
  });

  it('gives the person link in the answer only to the request that created the person', async () => {
    const who = aRegistrationRequest();
    const once = await registerProgramme({ ...who, sessions: [third.id] });
    const twice = await registerProgramme({ ...who, email: who.email.toUpperCase(), sessions: [first.id] });

    expect(once.body.personToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(twice.status).toBe(201);
    expect(twice.body).toMatchObject({ personToken: null, personUrl: null });
    // The link in the first answer opens what that request registered, and no more: whoever typed
    // an address first never sees what its owner registers later (that goes by mail, in the link
    // every confirmation carries).
    const person = await api.json(`/people/${once.body.personToken}`);
    const regs = person.body.registrations as Array<{ session: { id: string } }>;
    expect(regs.map((r) => r.session.id)).toEqual([third.id]);
    expect(
      (await api.json(`/people/${once.body.personToken}/registrations/${first.id}/cancel`, { method: 'POST' })).status,
    ).toBe(404);
  });

  it('answers 400 naming the field for bad input, and stores nothing', async () => {
    const base = aRegistrationRequest();
    const unknown = await registerProgramme({ ...base, sessions: [first.id, third.id, 'no-such-session'] });
    const missing = await registerProgramme({ ...base });
    const empty = await registerProgramme({ ...base, sessions: [] });
    const twice = await registerProgramme({ ...base, sessions: [first.id, first.id] });
    const notSlug = await registerProgramme({ ...base, sessions: [first.id, 'Bad Id!'] });
    const word = await registerProgramme({ ...base, sessions: 'some' });
    const follow = await registerProgramme({ ...base, sessions: 'all', follow: 'maybe' });

    const fields = (r: { body: Record<string, unknown> }) =>
      (r.body.errors as Array<{ field: string }>).map((e) => e.field);
    for (const r of [unknown, missing, empty, twice, notSlug, word, follow]) expect(r.status).toBe(400);
    expect(fields(unknown)).toEqual(['sessions.2']);
    expect(fields(missing)).toEqual(['sessions']);
    expect(fields(empty)).toEqual(['sessions']);
    expect(fields(twice)).toEqual(['sessions.1']);
    expect(fields(notSlug)).toEqual(['sessions.1']);
    expect(fields(word)).toEqual(['sessions']);
    expect(fields(follow)).toEqual(['follow']);
    const unknownProgramme = await api.post('/programmes/no-such-programme/registrations', {
      ...base,
      sessions: 'all',
    });
    expect(unknownProgramme.status).toBe(404);
    // Nothing was stored for the address: a later registration for `third` is its first.
    const later = await api.post(`/sessions/${third.id}/registrations`, base);
    expect(later.status).toBe(201);
  });

  it('accepts a plain form post with one sessions checkbox per session', async () => {
    const fields = () =>
      new URLSearchParams([
        ['name', 'Kees'],
        ['email', `${uniqueId('kees')}@example.org`],
        ['role', 'resident'],
        ['consent', 'on'],
        ['follow', 'on'],
        ['sessions', first.id],
        ['sessions', third.id],
      ]);
    const asApi = await api.json(`/programmes/${programme.id}/registrations`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: fields(),
    });
    expect(asApi.status).toBe(201);
    expect([...byId(asApi.body.registrations).keys()]).toEqual([first.id, third.id]);
    expect((await api.json(`/people/${asApi.body.personToken}`)).body).toMatchObject({ following: true });

    const asBrowser = await fetch(api.url(`/programmes/${programme.id}/registrations`), {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' },
      body: fields(),
      redirect: 'manual',
    });
    expect(asBrowser.status).toBe(303);
    expect(asBrowser.headers.get('location')).toMatch(/\/my-programme\.html\?token=[A-Za-z0-9_-]{43}&registered=1$/);

    const none = await fetch(api.url(`/programmes/${programme.id}/registrations`), {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ name: 'Kees', email: 'k@example.org', role: 'resident', consent: 'on' }),
    });
    expect(none.status).toBe(400);
    expect(((await none.json()) as { errors: Array<{ field: string }> }).errors.map((e) => e.field)).toEqual([
      'sessions',
    ]);
  });

  it('cancels per session, adds sessions, and serves the feed with stable UIDs, SEQUENCE and STATUS', async () => {
    const res = await registerProgramme({ ...aRegistrationRequest({ language: 'en' }), sessions: [third.id] });
    const token = String(res.body.personToken);
    const added = await api.post(`/people/${token}/registrations`, { sessions: [first.id, closed.id] });
    expect(added.status).toBe(201);
    const entries = byId(added.body.registrations);
    expect(entries.get(first.id)).toMatchObject({ status: 'waitlisted' });
    expect(entries.get(closed.id)).toMatchObject({ problem: { type: '/problems/registration-closed' } });

    const cancel = await api.json(`/people/${token}/registrations/${third.id}/cancel`, { method: 'POST' });
    const again = await api.json(`/people/${token}/registrations/${third.id}/cancel`, { method: 'POST' });
    expect([cancel.status, again.status]).toEqual([200, 200]);
    expect(cancel.body.registration).toMatchObject({ status: 'cancelled' });
    expect((await api.json(`/people/${token}/registrations/${closed.id}/cancel`, { method: 'POST' })).status).toBe(404);

    const feed = await fetch(api.url(`/people/${token}/calendar.ics`));
    expect(feed.status).toBe(200);
    expect(feed.headers.get('content-type')).toMatch(/^text\/calendar/);
    const calendar = parseCalendar(await feed.text());
    expect(calendar.method).toBe('PUBLISH');
    const events = new Map(calendar.events.map((e) => [e.uid, e]));
    expect([...events.keys()].sort()).toEqual(
      [`${first.id}@stadsgesprekken.local`, `${third.id}@stadsgesprekken.local`].sort(),
    );
    const sessionVersion = async (id: string) => Number((await api.json(`/sessions/${id}`)).body.version);
    expect(events.get(`${third.id}@stadsgesprekken.local`)).toMatchObject({
      status: 'CANCELLED',
      sequence: await sessionVersion(third.id),
      allDay: true,
    });
    expect(events.get(`${first.id}@stadsgesprekken.local`)).toMatchObject({
      status: 'TENTATIVE',
      sequence: await sessionVersion(first.id),
      start: '2027-03-03T15:00:00.000Z',
    });
    expect(events.get(`${first.id}@stadsgesprekken.local`)?.description).toContain('waiting list');

    expect((await api.json('/people/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA')).status).toBe(404);
    expect((await fetch(api.url('/people/not-a-token/calendar.ics'))).status).toBe(404);
  });

  it('turns following on and off through the person link', async () => {
    const res = await registerProgramme({ ...aRegistrationRequest(), sessions: [third.id] });
    const token = String(res.body.personToken);
    expect((await api.json(`/people/${token}`)).body).toMatchObject({ following: false });
    expect((await api.post(`/people/${token}/following`, { following: true })).body).toEqual({ following: true });
    expect((await api.json(`/people/${token}`)).body).toMatchObject({ following: true });
    expect((await api.post(`/people/${token}/following`, { following: 'x' })).status).toBe(400);
  });
});
