import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RegistrationQuestions } from '../../shared/domain/schemas';
import { startTestApi, type TestApi } from '../support/http';
import { aProgrammeFile, aRegistrationRequest, aSessionInput } from '../support/programme-builders';

const session = aSessionInput({ date: '2027-03-03' });
const registrationQuestions = RegistrationQuestions.parse([
  {
    id: 'workshop',
    type: 'choice',
    required: true,
    label: { nl: 'Werkgroep', en: 'Workshop' },
    options: [
      { id: 'a', label: { nl: 'Groep A', en: 'Group A' } },
      { id: 'b', label: { nl: 'Groep B', en: 'Group B' } },
    ],
  },
  {
    id: 'access',
    type: 'multi',
    sensitive: true,
    label: { nl: 'Toegankelijkheid', en: 'Accessibility' },
    options: [{ id: 'hearing-loop', label: { nl: 'Ringleiding', en: 'Hearing loop' } }],
  },
]);
const programme = aProgrammeFile([session], { registrationQuestions, areas: { askPostcode: true } });

/** Registration questions and areas end to end: programme settings → form contract → storage → organiser and person exports. */
describe('registration questions and areas (local HTTP stack, DynamoDB Local)', () => {
  let api: TestApi;
  let token: string;
  const admin = (path: string) => api.json(path, { headers: { authorization: `Bearer ${token}` } });

  beforeAll(async () => {
    api = await startTestApi(programme);
    token = await api.stack.auth.signToken({ sub: 'organiser-1', email: 'org@example.org' });
  });
  afterAll(async () => {
    await api.stack.stop();
  });

  it('gives the forms the programme’s questions', async () => {
    const res = await api.json(`/programmes/${programme.id}`);
    expect(res.body.programme).toMatchObject({ registrationQuestions });
  });

  it('renders the questions and areas on the plain forms (no JavaScript) from the stored programme', async () => {
    const page = async (path: string) => (await fetch(api.url(path))).text();
    const single = await page(`/register.html?session=${session.id}&lang=en`);
    expect(single).toContain('<legend class="sg-label">Workshop <span class="sg-req">(required)</span></legend>');
    expect(single).toContain('name="answers.access" type="checkbox" value="hearing-loop"');
    expect(single).toContain('id="sg-postcode"');
    const whole = await page(`/register-programme.html?programme=${programme.id}`);
    expect(whole).toContain(`name="sessions" type="checkbox" value="${session.id}"`);
    expect(whole).toContain('<legend class="sg-label">Werkgroep <span class="sg-req">(verplicht)</span></legend>');
    expect(whole).toContain('<option value="outside-amsterdam">Buiten Amsterdam</option>');
  });

  it('takes a browser form post with answers.<id> fields, and sends a missing required answer back to its field', async () => {
    const form = (extra: Record<string, string>) =>
      new URLSearchParams({
        name: 'Plain Post',
        email: `plain-${Date.now()}@example.org`,
        role: 'resident',
        consent: 'on',
        'answers.access': 'hearing-loop',
        ...extra,
      });
    const post = (path: string, body: URLSearchParams) =>
      fetch(api.url(path), {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' },
        body,
        redirect: 'manual',
      });
    const missing = await post(`/programmes/${programme.id}/registrations`, form({ sessions: session.id }));
    expect(missing.status).toBe(303);
    const back = new URL(missing.headers.get('location') ?? '');
    expect(back.pathname).toBe('/register-programme.html');
    expect(back.searchParams.get('invalid')).toBe('answers.workshop:required');

    const ok = await post(`/sessions/${session.id}/registrations`, form({ 'answers.workshop': 'b' }));
    expect(ok.status).toBe(303);
    const listed = await admin(`/admin/sessions/${session.id}/registrations`);
    const stored = (listed.body.registrations as Array<{ name: string; answers: unknown }>).find(
      (r) => r.name === 'Plain Post',
    );
    expect(stored?.answers).toEqual({ workshop: 'b', access: ['hearing-loop'] });
  });

  it('refuses wrong answers with problem details naming answers.<questionId>', async () => {
    const res = await api.post(
      `/sessions/${session.id}/registrations`,
      aRegistrationRequest({ answers: { workshop: 'z', unknown: 'x' } }),
    );
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect(res.body.errors).toEqual(
      expect.arrayContaining([
        { field: 'answers.workshop', message: 'must be one of: a, b' },
        { field: 'answers.unknown', message: 'is not a question of this programme' },
      ]),
    );
    const missing = await api.post(`/sessions/${session.id}/registrations`, aRegistrationRequest());
    expect(missing.body.errors).toEqual([{ field: 'answers.workshop', message: 'is required' }]);
  });

  it('stores the answers: organisers see them, the CSV leaves the sensitive ones out, the export has all', async () => {
    // Arrange
    const reg = await api.post(
      `/sessions/${session.id}/registrations`,
      aRegistrationRequest({ name: 'Sanne de Vries', answers: { workshop: 'b', access: ['hearing-loop'] } }),
    );
    expect(reg.status).toBe(201);

    // Act
    const list = await admin(`/admin/sessions/${session.id}/registrations`);
    const csv = await fetch(api.url(`/admin/sessions/${session.id}/registrations?format=csv`), {
      headers: { authorization: `Bearer ${token}` },
    }).then((r) => r.text());
    const exported = await api.json(`/registrations/${reg.body.manageToken}/export`);

    // Assert
    const mine = (list.body.registrations as { name: string; answers: unknown }[]).find(
      (r) => r.name === 'Sanne de Vries',
    );
    expect(mine?.answers).toEqual({ workshop: 'b', access: ['hearing-loop'] });
    const rows = parse(csv.replace(/^\uFEFF/, ''), { delimiter: ';' }) as string[][];
    expect(rows[0]).toContain('Werkgroep');
    expect(rows[0]).not.toContain('Toegankelijkheid');
    expect(rows.find((r) => r[0] === 'Sanne de Vries')).toContain('Groep B');
    expect(csv).not.toContain('Ringleiding');
    expect((exported.body.registration as { answers: unknown }).answers).toEqual({
      workshop: 'b',
      access: ['hearing-loop'],
    });
  });

  it('offers the areas, refuses free text without "other", and shows the area by name in the CSV', async () => {
    // Arrange
    const programmeView = await api.json(`/programmes/${programme.id}`);
    const refused = await api.post(
      `/sessions/${session.id}/registrations`,
      aRegistrationRequest({ answers: { workshop: 'a' }, area: 'noord', areaOther: 'IJplein', postcode: '10' }),
    );

    // Act
    const reg = await api.post(
      `/sessions/${session.id}/registrations`,
      aRegistrationRequest({ name: 'Ayoub Bakker', answers: { workshop: 'a' }, area: 'nieuw-west', postcode: '1063' }),
    );
    const csv = await fetch(api.url(`/admin/sessions/${session.id}/registrations?format=csv`), {
      headers: { authorization: `Bearer ${token}` },
    }).then((r) => r.text());

    // Assert
    const areas = (programmeView.body.programme as { areas: { options: { id: string }[]; askPostcode: boolean } })
      .areas;
    expect(areas.askPostcode).toBe(true);
    expect(areas.options.map((o) => o.id)).toContain('rather-not-say');
    expect(areas.options.at(-1)?.id).toBe('other');
    expect(refused.status).toBe(400);
    expect((refused.body.errors as { field: string }[]).map((e) => e.field)).toEqual(['areaOther', 'postcode']);
    expect(reg.status).toBe(201);
    const rows = parse(csv.replace(/^\uFEFF/, ''), { delimiter: ';' }) as string[][];
    expect(rows[0]?.[4]).toBe('Wijk');
    expect(rows[0]).toContain('Postcode');
    const row = rows.find((r) => r[0] === 'Ayoub Bakker');
    expect(row?.[4]).toBe('Nieuw-West');
    expect(row).toContain('1063');
  });

  it('erases the answers, the "other" text and the postcode with the registration, keeping the area for the counts', async () => {
    // Arrange
    const reg = await api.post(
      `/sessions/${session.id}/registrations`,
      aRegistrationRequest({
        name: 'Noor Visser',
        answers: { workshop: 'a', access: ['hearing-loop'] },
        area: 'other',
        areaOther: 'Amstelveen',
        postcode: '1181',
      }),
    );
    const id = (reg.body.registration as { id: string }).id;

    // Act
    const erased = await api.post(`/registrations/${reg.body.manageToken}/erase`, {});

    // Assert
    expect(erased.status).toBe(200);
    const list = await admin(`/admin/sessions/${session.id}/registrations`);
    const after = (list.body.registrations as Record<string, unknown>[]).find((r) => r.id === id);
    expect(after).toMatchObject({ name: '', answers: {}, area: 'other', areaOther: null, postcode: null });
  });
});
