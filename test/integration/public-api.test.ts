import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RegistrationView, SessionView } from '../../shared/domain/views';
import { startTestApi, type TestApi } from '../support/http';
import { parseCalendar } from '../support/ical';
import { aProgrammeFile, aRegistrationRequest, aSessionInput } from '../support/programme-builders';

const small = aSessionInput({ capacity: 1, date: '2027-03-03' });
const tbd = aSessionInput({ date: '2027-04-23', startTime: null, endTime: null, kind: 'practice' });
const early = aSessionInput({ date: '2027-02-01' });

describe('public HTTP API through the local API Gateway stand-in', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi(aProgrammeFile([small, tbd, early]));
  });
  afterAll(async () => {
    await api.stack.stop();
  });

  const register = (sessionId: string, body: unknown) => api.post(`/sessions/${sessionId}/registrations`, body);

  it('lists sessions by date with derived, DST-correct instants', async () => {
    const { status, body } = await api.json('/sessions');
    const sessions = (body.sessions as unknown[]).map((s) => SessionView.parse(s));

    expect(status).toBe(200);
    expect(sessions.map((s) => s.id)).toEqual([early.id, small.id, tbd.id]);
    expect(sessions[1]?.startsAt).toBe('2027-03-03T16:00:00+01:00');
    expect(sessions[2]).toMatchObject({ startTime: null, startsAt: null, endsAt: null, provisional: true });
  });

  it('registers from JSON, then the full session waitlists, and cancelling promotes', async () => {
    const first = await register(small.id, aRegistrationRequest());
    const second = await register(small.id, aRegistrationRequest({ language: 'en' }));

    expect(first.status).toBe(201);
    expect(RegistrationView.parse((first.body as { registration: unknown }).registration).status).toBe('confirmed');
    expect(first.body.manageUrl).toMatch(/\/manage\.html\?token=[A-Za-z0-9_-]{43}$/);
    expect(second.body.registration).toMatchObject({ status: 'waitlisted', waitlistPosition: 1, language: 'en' });
    expect((await api.json(`/sessions/${small.id}`)).body).toMatchObject({ seatsLeft: 0, waitlistLength: 1 });

    const cancelled = await api.json(`/registrations/${first.body.manageToken}/cancel`, { method: 'POST' });
    expect(cancelled.body.registration).toMatchObject({ status: 'cancelled' });
    const promoted = await api.json(`/registrations/${second.body.manageToken}`);
    expect(promoted.body.registration).toMatchObject({ status: 'confirmed', waitlistPosition: null });
    expect((await api.json(`/sessions/${small.id}`)).body).toMatchObject({ seatsLeft: 0, waitlistLength: 0 });

    // DELETE is the same as POST …/cancel, and repeating it is harmless.
    const del = await api.json(`/registrations/${second.body.manageToken}`, { method: 'DELETE' });
    const again = await api.json(`/registrations/${second.body.manageToken}`, { method: 'DELETE' });
    expect([del.status, again.status]).toEqual([200, 200]);
    expect((await api.json(`/sessions/${small.id}`)).body).toMatchObject({ seatsLeft: 1 });
  });

  it('accepts a plain HTML form post: JSON for API clients, a redirect for browsers', async () => {
    const form = new URLSearchParams({ name: 'Kees', email: 'kees@example.org', role: 'resident', consent: 'on' });
    const asApi = await api.json(`/sessions/${tbd.id}/registrations`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: form,
    });
    expect(asApi.status).toBe(201);

    form.set('email', 'kees2@example.org');
    const asBrowser = await fetch(api.url(`/sessions/${tbd.id}/registrations`), {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html,application/xhtml+xml' },
      body: form,
      redirect: 'manual',
    });
    expect(asBrowser.status).toBe(303);
    expect(asBrowser.headers.get('location')).toMatch(/\/manage\.html\?token=[A-Za-z0-9_-]{43}&registered=1$/);
  });

  it('sends a browser whose form post failed back to the form, with the fields to mark (never their values)', async () => {
    const browserPost = (body: URLSearchParams) =>
      fetch(api.url(`/sessions/${tbd.id}/registrations`), {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' },
        body,
        redirect: 'manual',
      });
    const form = new URLSearchParams({ name: 'Lot', email: 'lot@example.org', role: 'teacher', consent: 'on' });
    await browserPost(form);

    const duplicate = await browserPost(form);
    form.delete('consent');
    form.set('name', '');
    form.set('email', 'someone@example.org');
    form.set('lang', 'en'); // the page's language, a hidden field of the form
    const invalid = await browserPost(form);
    const unknownQuestion = await browserPost(
      new URLSearchParams({ ...Object.fromEntries(form), name: 'Lot', consent: 'on', 'answers.nope': 'x' }),
    );

    expect(duplicate.status).toBe(303);
    expect(duplicate.headers.get('location')).toBe(
      `${api.stack.apiUrl}/register.html?session=${tbd.id}&error=already-registered`,
    );
    expect(invalid.status).toBe(303);
    const location = new URL(invalid.headers.get('location') ?? '');
    expect(`${location.origin}${location.pathname}`).toBe(`${api.stack.apiUrl}/register.html`);
    expect(Object.fromEntries(location.searchParams)).toEqual({
      session: tbd.id,
      lang: 'en',
      invalid: 'name:required,consent:required',
    });
    expect(invalid.headers.get('location')).not.toContain('someone');
    expect(new URL(unknownQuestion.headers.get('location') ?? '').searchParams.get('invalid')).toBe(
      'answers.nope:invalid',
    );

    // The page it lands on marks those fields, in English.
    const page = await (await fetch(invalid.headers.get('location') ?? '')).text();
    expect(page).toContain('<p class="sg-field-error" id="sg-name-error">');
    expect(page).toContain('aria-invalid="true" aria-describedby="sg-name-error"');
    expect(page).toContain('What you typed was not kept');
  });

  it('answers bad input with problem details naming each field', async () => {
    const res = await register(early.id, { name: '', email: 'not-an-email', role: 'mayor', language: 'fr' });

    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect(res.body.type).toBe('/problems/validation-error');
    const fields = (res.body.errors as Array<{ field: string }>).map((e) => e.field).sort();
    expect(fields).toEqual(['consent', 'email', 'language', 'name', 'role']);
  });

  it.each([
    ['not JSON', '{"name":', 'application/json', 400, 'validation-error'],
    ['a JSON array', '[1,2]', 'application/json', 400, 'validation-error'],
    ['text/plain', 'name=x', 'text/plain', 415, 'unsupported-media-type'],
    ['another charset', '{}', 'application/json; charset=iso-8859-1', 415, 'unsupported-media-type'],
    ['over 16 KiB', JSON.stringify({ name: 'x'.repeat(17 * 1024) }), 'application/json', 413, 'payload-too-large'],
  ])('refuses %s', async (_what, body, contentType, status, slug) => {
    const res = await api.json(`/sessions/${early.id}/registrations`, {
      method: 'POST',
      headers: { 'content-type': contentType },
      body,
    });
    expect(res.status).toBe(status);
    expect(res.body.type).toBe(`/problems/${slug}`);
  });

  it('answers 404 for unknown sessions, unknown tokens and malformed ids', async () => {
    expect((await api.json('/sessions/no-such-session')).status).toBe(404);
    expect((await api.json('/sessions/..%2F..%2Fetc')).status).toBe(404);
    expect((await register('no-such-session', aRegistrationRequest())).status).toBe(404);
    expect((await api.json(`/registrations/${'A'.repeat(43)}`)).status).toBe(404);
    expect((await api.json('/registrations/short/cancel', { method: 'POST' })).status).toBe(404);
  });

  it('answers 409 with the right slug for duplicates, cancelled and closed sessions', async () => {
    const person = aRegistrationRequest();
    await register(early.id, person);
    const dup = await register(early.id, { ...person, email: person.email.toUpperCase() });
    expect([dup.status, dup.body.type]).toEqual([409, '/problems/already-registered']);

    api.clock.set(new Date('2027-02-01T15:30:00Z')); // the session started at 16:00 CET
    const late = await register(early.id, aRegistrationRequest());
    expect([late.status, late.body.type]).toEqual([409, '/problems/registration-closed']);
    api.clock.set(new Date('2027-01-15T10:00:00Z'));
  });

  it('answers a filled honeypot like a normal registration and stores nothing', async () => {
    const res = await register(tbd.id, aRegistrationRequest({ website: 'https://spam.example' }));
    expect(res.status).toBe(201);
    expect((await api.json(`/registrations/${res.body.manageToken}`)).status).toBe(404);
  });

  it('serves an OpenAPI 3.1 document generated from the validating schemas', async () => {
    const { status, body } = await api.json('/openapi.json');
    const paths = body.paths as Record<
      string,
      Record<
        string,
        {
          requestBody?: {
            content: Record<string, { schema: { required?: string[]; properties?: Record<string, unknown> } }>;
          };
        }
      >
    >;

    expect(status).toBe(200);
    expect(body.openapi).toBe('3.1.0');
    const post = paths['/sessions/{sessionId}/registrations']?.post;
    const schema = post?.requestBody?.content['application/json']?.schema;
    expect(schema?.required).toEqual(expect.arrayContaining(['name', 'email', 'role', 'consent']));
    expect(Object.keys(schema?.properties ?? {})).toEqual(expect.arrayContaining(['website', 'language']));
    expect(post?.requestBody?.content).toHaveProperty('application/x-www-form-urlencoded');
  });

  it('serves one session as a calendar file with a stable UID and SEQUENCE = version', async () => {
    const res = await fetch(api.url(`/sessions/${small.id}/calendar.ics`));
    const cal = parseCalendar(await res.text());

    expect(res.headers.get('content-type')).toContain('text/calendar');
    expect(cal.method).toBe('PUBLISH');
    expect(cal.events).toHaveLength(1);
    expect(cal.events[0]).toMatchObject({
      uid: `${small.id}@stadsgesprekken.local`,
      sequence: 1,
      status: 'TENTATIVE',
      start: '2027-03-03T15:00:00.000Z',
      startTzid: 'Europe/Amsterdam',
    });
  });

  it('serves the whole programme as a feed, the undecided time as an all-day entry', async () => {
    const cal = parseCalendar(await (await fetch(api.url('/calendar.ics?lang=en'))).text());

    expect(cal.events.map((e) => e.uid).sort()).toEqual(
      [early.id, small.id, tbd.id].map((id) => `${id}@stadsgesprekken.local`).sort(),
    );
    expect(cal.events.find((e) => e.uid.startsWith(tbd.id))).toMatchObject({ allDay: true, start: '2027-04-23' });
  });
});
