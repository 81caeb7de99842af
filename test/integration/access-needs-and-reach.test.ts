import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApi, type TestApi } from '../support/http';
import { aProgrammeFile, aRegistrationRequest, aSessionInput } from '../support/programme-builders';

const march = aSessionInput({ date: '2027-03-03', startTime: '19:00', endTime: '21:00' });
const may = aSessionInput({ date: '2027-05-28', startTime: '19:00', endTime: '21:00' });
const programme = aProgrammeFile([march, may], {
  areas: { askPostcode: false },
  inclusion: { accessNeeds: true, heardVia: true, accessSummaryDaysBefore: 3 },
});
const DAY = 24 * 60 * 60 * 1000;
const marchEnd = new Date('2027-03-03T20:00:00Z'); // 21:00 in Amsterdam (CET)

/** Access needs (sensitive data) and the reach report on the local stack: DynamoDB Local, the local clock, the retention job. */
describe('access needs and the reach report (local HTTP stack, DynamoDB Local)', () => {
  let api: TestApi;
  let token: string;
  const auth = () => ({ authorization: `Bearer ${token}` });
  const admin = (path: string, init: RequestInit = {}) =>
    api.json(path, { ...init, headers: { ...auth(), 'content-type': 'application/json', ...(init.headers ?? {}) } });
  const csvOf = async (path: string) => {
    const text = await fetch(api.url(path), { headers: auth() }).then((r) => r.text());
    return parse(text.replace(/^\uFEFF/, ''), { delimiter: ';' }) as string[][];
  };
  const addresses = Array.from({ length: 7 }, (_, i) => `person-${i}-${Date.now()}@example.org`);

  beforeAll(async () => {
    api = await startTestApi(programme);
    token = await api.stack.auth.signToken({ sub: 'organiser-1', email: 'org@example.org' });
    // Six in March, two of them with access needs; one of them as a plain form post.
    for (let i = 0; i < 6; i++) {
      const answers =
        i === 0
          ? { 'access-needs': ['hearing-loop', 'step-free'], 'heard-via': 'newsletter' }
          : i === 1
            ? { 'access-needs-other': 'Een stoel met leuning', 'heard-via': 'colleague' }
            : { 'heard-via': 'newsletter' };
      const res = await api.post(
        `/sessions/${march.id}/registrations`,
        aRegistrationRequest({ name: `Deelnemer ${i}`, email: addresses[i], role: 'resident', area: 'noord', answers }),
      );
      expect(res.status).toBe(201);
    }
    const form = new URLSearchParams([
      ['name', 'Deelnemer 6'],
      ['email', addresses[6] as string],
      ['role', 'resident'],
      ['area', 'oost'],
      ['consent', 'on'],
      ['answers.access-needs', 'hearing-loop'],
      ['answers.access-needs', 'quiet-space'],
      ['answers[heard-via]', 'social-media'],
    ]);
    const posted = await fetch(api.url(`/sessions/${march.id}/registrations`), {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
      body: form.toString(),
    });
    expect(posted.status).toBe(201);
  });
  afterAll(async () => {
    await api.stack.stop();
  });

  it('refuses an unknown need by its field, also in a form post', async () => {
    const res = await api.post(
      `/sessions/${march.id}/registrations`,
      aRegistrationRequest({ answers: { 'access-needs': ['lift'] }, area: 'noord' }),
    );
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([
      { field: 'answers.access-needs', message: expect.stringContaining('must be a list of: step-free') },
    ]);
  });

  it('leaves access needs out of the CSV unless asked, and records who asked in the audit trail', async () => {
    const plain = await csvOf(`/admin/sessions/${march.id}/registrations?format=csv`);
    expect(plain[0]).toContain('Hoe heb je over deze bijeenkomst gehoord?');
    expect(plain[0]).not.toContain('Wat heb je nodig om mee te kunnen doen?');
    expect(JSON.stringify(plain)).not.toContain('Ringleiding');
    const before = await admin('/admin/audit?month=2027-01');
    expect((before.body.entries as { action: string }[]).map((e) => e.action)).not.toContain(
      'registration.export-sensitive',
    );

    const full = await csvOf(`/admin/sessions/${march.id}/registrations?format=csv&include=sensitive`);
    expect(full[0]).toContain('Wat heb je nodig om mee te kunnen doen?');
    expect(full.find((r) => r[0] === 'Deelnemer 6')).toContain('Ringleiding, Een rustige ruimte');
    const audit = await admin('/admin/audit?month=2027-01');
    const entry = (audit.body.entries as Record<string, unknown>[]).find(
      (e) => e.action === 'registration.export-sensitive',
    );
    expect(entry).toMatchObject({
      actor: { sub: 'organiser-1', email: 'org@example.org' },
      targets: { sessionId: march.id },
      after: { rows: 7 },
    });
    const bad = await admin(`/admin/sessions/${march.id}/registrations?format=csv&include=everything`);
    expect(bad.status).toBe(400);
    expect(bad.body.errors).toEqual([{ field: 'include', message: 'must be sensitive' }]);
  });

  it('shows the hosts counts per need and who, and takes an "arranged" mark (idempotent)', async () => {
    const view = await admin(`/admin/sessions/${march.id}/access-needs`);
    const need = (body: Record<string, unknown>, n: string) =>
      (body.needs as { need: string; count: number; people: { name: string; note: string | null }[] }[]).find(
        (x) => x.need === n,
      );
    expect(
      need(view.body, 'hearing-loop')
        ?.people.map((p) => p.name)
        .sort(),
    ).toEqual(['Deelnemer 0', 'Deelnemer 6']);
    expect(need(view.body, 'other')?.people).toEqual([
      expect.objectContaining({ name: 'Deelnemer 1', note: 'Een stoel met leuning' }),
    ]);
    expect(view.body.toArrange).toEqual(['step-free', 'hearing-loop', 'quiet-space', 'other']);

    const put = (arranged: unknown) =>
      admin(`/admin/sessions/${march.id}/access-needs/hearing-loop/arranged`, {
        method: 'PUT',
        body: JSON.stringify({ arranged }),
      });
    const marked = await put(true);
    const again = await put(true);
    expect(marked.body.toArrange).toEqual(['step-free', 'quiet-space', 'other']);
    expect(again.body).toEqual(marked.body);
    expect((await put('yes')).body.errors).toEqual([{ field: 'arranged', message: 'must be true or false' }]);
    const unknownNeed = await admin(`/admin/sessions/${march.id}/access-needs/lift/arranged`, {
      method: 'PUT',
      body: JSON.stringify({ arranged: true }),
    });
    // A path that names no need cannot exist, as with any other path parameter.
    expect(unknownNeed.status).toBe(404);
  });

  it('erases the access needs at the session end + 7 days with the retention job, keeping only the counts', async () => {
    // Six days after: still there.
    api.clock.set(new Date(marchEnd.getTime() + 6 * DAY));
    const early = await fetch(api.url('/_local/retention'), { method: 'POST' }).then((r) => r.json());
    expect(early.sensitive).toEqual({ sessionsErased: 0, answersErased: 0 });
    expect((await admin(`/admin/sessions/${march.id}/access-needs`)).body.erasedAt).toBeNull();

    // Seven days after: gone, counts kept; the rest of the registration stays.
    api.clock.set(new Date(marchEnd.getTime() + 7 * DAY + 60_000));
    const run = await fetch(api.url('/_local/retention'), { method: 'POST' }).then((r) => r.json());
    const repeat = await fetch(api.url('/_local/retention'), { method: 'POST' }).then((r) => r.json());
    expect(run.sensitive).toEqual({ sessionsErased: 1, answersErased: 3 });
    expect(repeat.sensitive).toEqual({ sessionsErased: 0, answersErased: 0 });
    const list = await admin(`/admin/sessions/${march.id}/registrations`);
    const regs = list.body.registrations as { name: string; answers: Record<string, unknown> }[];
    expect(regs.find((r) => r.name === 'Deelnemer 6')?.answers).toEqual({ 'heard-via': 'social-media' });
    expect(JSON.stringify(regs)).not.toContain('access-needs');
    const full = await csvOf(`/admin/sessions/${march.id}/registrations?format=csv&include=sensitive`);
    expect(JSON.stringify(full)).not.toContain('Ringleiding');
    const after = await admin(`/admin/sessions/${march.id}/access-needs`);
    expect(after.body.erasedAt).toEqual(expect.any(String));
    const counts = Object.fromEntries(
      (after.body.needs as { need: string; count: number; people: unknown[] }[]).map((n) => [
        n.need,
        [n.count, n.people.length],
      ]),
    );
    expect(counts).toMatchObject({ 'hearing-loop': [2, 0], 'step-free': [1, 0], 'quiet-space': [1, 0], other: [1, 0] });
    const exported = await api.json(`/admin/reports/reach?format=json&sessionId=${march.id}`, { headers: auth() });
    const loop = (exported.body.accessNeeds as { need: string; asked: unknown; met: unknown }[]).find(
      (a) => a.need === 'hearing-loop',
    );
    expect(loop).toEqual({
      need: 'hearing-loop',
      asked: { value: null, suppressed: 'small' },
      met: { value: null, suppressed: 'small' },
    });
  });

  it('reports reach with small cells suppressed, returning people counted on the address and kept through erasure', async () => {
    // Five of March's seven come back in May, plus five new people.
    api.clock.set(new Date('2027-04-01T10:00:00Z'));
    for (const email of addresses.slice(0, 5)) {
      const r = await api.post(
        `/sessions/${may.id}/registrations`,
        aRegistrationRequest({ email, role: 'resident', area: 'noord' }),
      );
      expect(r.status).toBe(201);
    }
    for (let i = 0; i < 5; i++) {
      const r = await api.post(
        `/sessions/${may.id}/registrations`,
        aRegistrationRequest({ role: 'teacher', area: 'zuid' }),
      );
      expect(r.status).toBe(201);
    }
    // One returning person erases their March registration: May still counts them as returning.
    const marchRegs = (await admin(`/admin/sessions/${march.id}/registrations`)).body.registrations as {
      id: string;
      email: string;
    }[];
    const first = marchRegs.find((r) => r.email === addresses[0]) as { id: string };
    const erased = await admin(`/admin/registrations/${first.id}/erase`, {
      method: 'POST',
      body: JSON.stringify({ scope: 'registration' }),
    });
    expect(erased.status).toBe(200);

    const report = await api.json('/admin/reports/reach', { headers: auth() });
    expect(report.status).toBe(200);
    expect(report.body.registrations).toEqual({ value: 17, suppressed: null });
    expect(report.body.people).toEqual({ value: 12, suppressed: null });
    const mayReport = await api.json(`/admin/reports/reach?sessionId=${may.id}`, { headers: auth() });
    expect(mayReport.body.visits).toMatchObject({
      cells: { first: { value: 5 }, returning: { value: 5 }, unknown: { value: 0 } },
    });
    const byArea = (report.body.byArea as { rows: { key: string; counts: { registered: unknown } }[] }).rows;
    // Oost has one registration: shown as <5, and another cell withheld beside it.
    expect(byArea.find((r) => r.key === 'oost')?.counts.registered).toEqual({ value: null, suppressed: 'small' });
    const hidden = byArea.filter((r) => (r.counts.registered as { value: number | null }).value === null);
    expect(hidden.length).toBeGreaterThanOrEqual(2);
    // This programme does not ask people to confirm their address: every registration is counted
    // at that stage, and the report says so.
    const totals = (report.body.byRole as { totals: Record<string, unknown> }).totals;
    expect(totals.addressConfirmed).toEqual(totals.registered);
    expect(report.body.notes).toEqual(
      expect.arrayContaining([expect.stringContaining('elke aanmelding telt als bevestigd')]),
    );

    const md = await fetch(api.url('/admin/reports/reach?format=md'), { headers: auth() }).then((r) => r.text());
    expect(md).toContain('# Wie we bereiken');
    expect(md).toContain('| Oost | <5 |');
    expect(md).not.toMatch(/\| [1-4] \|/);
    for (const a of addresses) expect(md).not.toContain(a);
    expect(md).not.toContain('Deelnemer');
    const csv = await csvOf('/admin/reports/reach?format=csv&lang=en');
    expect(csv.find((r) => r[1] === 'Oost')).toEqual(['By area', 'Oost', '<5', '<5', '0', '0']);
    const wrong = await api.json('/admin/reports/reach?format=pdf', { headers: auth() });
    expect(wrong.body.errors).toEqual([{ field: 'format', message: 'must be one of: json, csv, md' }]);
  });
});
