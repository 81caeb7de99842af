import { type DynamoDBDocumentClient, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createLocalAuth } from '../../local/auth';
import { type LocalStack, startLocalStack } from '../../local/stack';
import { createDocumentClient } from '../../shared/adapters/dynamodb/client';
import type { ProgrammeFile, SessionInput } from '../../shared/domain/schemas';
import { aProgrammeFile, aRegistrationRequest, aSessionInput, uniqueId } from '../support/programme-builders';

/** The organiser API through the local HTTP stack (authorizer included) against DynamoDB Local. */
describe('organiser API (local HTTP stack, DynamoDB Local)', () => {
  let stack: LocalStack;
  let token: string;
  let programme: ProgrammeFile;
  let client: DynamoDBDocumentClient;
  const db = () => client;

  beforeAll(async () => {
    const endpoint = inject('dynamoEndpoint');
    client = createDocumentClient({ endpoint });
    programme = aProgrammeFile([aSessionInput()]);
    stack = await startLocalStack({ dynamoDbEndpoint: endpoint, tablePrefix: `${uniqueId('adm')}-`, programme });
    token = await stack.auth.signToken({ sub: 'organiser-1', email: 'org@example.org' });
  });
  afterAll(async () => {
    await stack?.stop();
    client?.destroy();
  });

  const call = async (method: string, path: string, body?: unknown, bearer: string | null = token) => {
    const res = await fetch(`${stack.apiUrl}${path}`, {
      method,
      headers: {
        ...(bearer ? { authorization: `Bearer ${bearer}` } : {}),
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      },
      ...(body !== undefined ? { body: typeof body === 'string' ? body : JSON.stringify(body) } : {}),
    });
    // Keep a byte order mark visible: res.text() would drop it.
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(await res.arrayBuffer());
    const type = res.headers.get('content-type') ?? '';
    return { status: res.status, type, text, json: type.includes('json') && text ? JSON.parse(text) : null };
  };

  const createSession = async (overrides: Partial<SessionInput> = {}) => {
    const input = aSessionInput(overrides);
    const r = await call('POST', '/admin/sessions', { ...input, programmeId: programme.id });
    expect(r.status).toBe(201);
    return input.id;
  };

  const register = async (sessionId: string, overrides: Parameters<typeof aRegistrationRequest>[0] = {}) => {
    const r = await call('POST', `/sessions/${sessionId}/registrations`, aRegistrationRequest(overrides), null);
    expect(r.status).toBe(201);
    return r.json.registration as { id: string; status: string };
  };

  const adminSession = async (id: string) => {
    const r = await call('GET', '/admin/sessions');
    return (r.json.sessions as { id: string; version: number; [k: string]: unknown }[]).find((s) => s.id === id);
  };

  const auditFor = async (sessionId: string) => {
    const r = await call('GET', '/admin/audit?limit=500');
    expect(r.status).toBe(200);
    return (r.json.entries as { action: string; targets: { sessionId?: string }; [k: string]: unknown }[]).filter(
      (e) => e.targets.sessionId === sessionId,
    );
  };

  describe('tokens', () => {
    it('accepts a valid organiser token', async () => {
      expect((await call('GET', '/admin/sessions')).status).toBe(200);
    });

    it('refuses a missing, expired, wrongly signed or wrong-audience token with 401', async () => {
      const now = Math.floor(Date.now() / 1000);
      const expired = await stack.auth.signToken({ issuedAt: now - 13 * 3600, expiresAt: now - 3600 });
      const otherKey = await (await createLocalAuth()).signToken();
      const wrongAudience = await stack.auth.signToken({ audience: 'someone-else' });
      const wrongIssuer = await stack.auth.signToken({ issuer: 'https://elsewhere.example' });

      for (const bad of [null, expired, otherKey, wrongAudience, wrongIssuer, 'not.a.jwt']) {
        const r = await call('GET', '/admin/sessions', undefined, bad);
        expect(r.status, `token ${bad}`).toBe(401);
      }
    });

    it('refuses a valid token without the organisers group with 403 problem details', async () => {
      const member = await stack.auth.signToken({ groups: ['volunteers'] });
      const none = await stack.auth.signToken({ groups: [] });

      for (const t of [member, none]) {
        const r = await call('GET', '/admin/sessions', undefined, t);
        expect(r.status).toBe(403);
        expect(r.json.type).toBe('/problems/forbidden');
      }
    });

    it('accepts the group among others, as API Gateway flattens the claim', async () => {
      const t = await stack.auth.signToken({ groups: ['volunteers', 'organisers'] });
      expect((await call('GET', '/admin/sessions', undefined, t)).status).toBe(200);
    });
  });

  describe('sessions', () => {
    it('creates a session at version 1, listed with counts', async () => {
      const id = await createSession({ capacity: 10 });

      const s = await adminSession(id);

      expect(s).toMatchObject({ id, version: 1, confirmedCount: 0, waitlistCount: 0, status: 'scheduled' });
      expect(
        (await call('POST', '/admin/sessions', { ...aSessionInput({ id }), programmeId: programme.id })).json.type,
      ).toBe('/problems/session-exists');
    });

    it('bumps version exactly once per request for a reschedule, not for capacity or registrations', async () => {
      const id = await createSession({ date: '2099-05-01', startTime: '16:00', endTime: '17:30', capacity: 10 });

      const moved = await call('PATCH', `/admin/sessions/${id}`, {
        date: '2099-05-08',
        startTime: '19:00',
        endTime: '20:30',
        location: { name: 'Buurthuis De Pijp', address: 'Ferdinand Bolstraat 1' },
      });
      expect(moved.status).toBe(200);
      expect(moved.json.session).toMatchObject({ version: 2, date: '2099-05-08', startTime: '19:00' });
      expect(moved.json.session.startsAt).toBe('2099-05-08T19:00:00+02:00');
      expect(moved.json.session.registrationClosesAt).toBe('2099-05-08T17:00:00.000Z');

      // Registrations and capacity move counters and bookkeeping only.
      await register(id);
      const cap = await call('PATCH', `/admin/sessions/${id}`, { capacity: 20, provisional: false });
      expect(cap.json.session.version).toBe(2);
      expect(cap.json.changed.sort()).toEqual(['capacity', 'provisional']);

      // Clearing the time is a change registrants hear about; a repeat of it is not.
      const cleared = await call('PATCH', `/admin/sessions/${id}`, { startTime: null, endTime: null });
      expect(cleared.json.session).toMatchObject({ version: 3, startTime: null, endTime: null, startsAt: null });
      const again = await call('PATCH', `/admin/sessions/${id}`, { startTime: null, endTime: null });
      expect(again.json.session.version).toBe(3);
      expect(again.json.changed).toEqual([]);

      // The byDate index follows the new date.
      const items = (await db().send(new ScanCommand({ TableName: stack.tables.sessionsTable }))).Items ?? [];
      expect(items.find((i) => i.pk === `SESSION#${id}` && i.sk === 'SESSION')?.gsi1sk).toBe(`2099-05-08#${id}`);
    });

    it('refuses an edit based on an outdated version', async () => {
      const id = await createSession();
      await call('PATCH', `/admin/sessions/${id}`, { date: '2099-06-01' });

      const stale = await call('PATCH', `/admin/sessions/${id}`, { date: '2099-06-02', expectedVersion: 1 });

      expect(stale.status).toBe(409);
      expect(stale.json.type).toBe('/problems/version-mismatch');
      expect((await adminSession(id))?.date).toBe('2099-06-01');
    });

    it('raising capacity seats the waiting list in order; lowering below confirmed is refused', async () => {
      const id = await createSession({ capacity: 1 });
      await register(id);
      const waiting = [await register(id), await register(id), await register(id)];
      expect(waiting.map((w) => w.status)).toEqual(['waitlisted', 'waitlisted', 'waitlisted']);

      const raised = await call('PATCH', `/admin/sessions/${id}`, { capacity: 3 });

      expect(raised.status).toBe(200);
      expect(raised.json.promoted).toEqual([waiting[0]?.id, waiting[1]?.id]);
      expect(raised.json.session).toMatchObject({ confirmedCount: 3, waitlistCount: 1, version: 1 });

      const lowered = await call('PATCH', `/admin/sessions/${id}`, { capacity: 2 });
      expect(lowered.status).toBe(409);
      expect(lowered.json.type).toBe('/problems/capacity-below-confirmed');
      expect((await adminSession(id))?.capacity).toBe(3);
    });

    it('lifting capacity altogether seats everyone waiting', async () => {
      const id = await createSession({ capacity: 1 });
      await register(id);
      await register(id);
      await register(id);

      const lifted = await call('PATCH', `/admin/sessions/${id}`, { capacity: null });

      expect(lifted.json.session).toMatchObject({ capacity: null, confirmedCount: 3, waitlistCount: 0 });
    });

    it('cancels once (version + 1); a repeat changes nothing; edits are then refused', async () => {
      const id = await createSession();

      const first = await call('POST', `/admin/sessions/${id}/cancel`);
      const second = await call('POST', `/admin/sessions/${id}/cancel`);

      expect([first.status, second.status]).toEqual([200, 200]);
      expect(first.json).toMatchObject({ changed: true, session: { status: 'cancelled', version: 2 } });
      expect(second.json).toMatchObject({ changed: false, session: { status: 'cancelled', version: 2 } });
      expect((await call('PATCH', `/admin/sessions/${id}`, { capacity: 5 })).json.type).toBe(
        '/problems/session-cancelled',
      );
    });

    it('answers 400 naming the field for bad bodies, 404 for unknown ids', async () => {
      const id = await createSession();
      const unknownRegistration = '00000000-0000-4000-8000-000000000000';
      const cases: [string, string, unknown, string][] = [
        ['PATCH', `/admin/sessions/${id}`, { date: '2099-13-01' }, 'date'],
        ['PATCH', `/admin/sessions/${id}`, { kind: 'practice' }, 'body'],
        ['PATCH', `/admin/sessions/${id}`, { startTime: null }, 'endTime'],
        ['PATCH', `/admin/sessions/${id}`, { capacity: 0 }, 'capacity'],
        ['PATCH', `/admin/sessions/${id}`, {}, 'body'],
        ['POST', '/admin/sessions', { ...aSessionInput(), programmeId: 'no-such-programme' }, 'programmeId'],
        ['POST', '/admin/sessions', { ...aSessionInput(), programmeId: undefined }, 'programmeId'],
        ['POST', `/admin/sessions/${id}/messages`, { subject: '', body: 'x' }, 'subject'],
        ['POST', `/admin/sessions/${id}/messages`, { subject: 'Hallo', body: 'x', language: 'de' }, 'language'],
        ['POST', `/admin/sessions/${id}/cancel`, { expectedVersion: 'one' }, 'expectedVersion'],
        ['POST', `/admin/registrations/${unknownRegistration}/attendance`, { present: 'yes' }, 'present'],
        ['GET', `/admin/sessions/${id}/registrations?format=xlsx`, undefined, 'format'],
        ['GET', '/admin/audit?month=2027-13', undefined, 'month'],
      ];
      for (const [method, path, body, field] of cases) {
        const r = await call(method, path, body);
        expect(r.status, `${method} ${path} ${JSON.stringify(body)}`).toBe(400);
        expect(r.json.type).toBe('/problems/validation-error');
        expect(r.json.errors.map((e: { field: string }) => e.field)).toContain(field);
      }
      const attendance = await call('POST', `/admin/registrations/${unknownRegistration}/attendance`, {
        present: true,
      });
      expect(attendance.status).toBe(404);

      expect((await call('PATCH', '/admin/sessions/no-such-session', { capacity: 3 })).status).toBe(404);
      expect((await call('POST', '/admin/sessions/no-such-session/cancel')).status).toBe(404);
      expect((await call('GET', '/admin/sessions/no-such-session/registrations')).status).toBe(404);
      expect((await call('POST', '/admin/sessions/no-such-session/messages', { subject: 'a', body: 'b' })).status).toBe(
        404,
      );
      expect((await call('POST', '/admin/registrations/not-a-uuid/promote')).status).toBe(404);
      expect((await call('POST', `/admin/registrations/${unknownRegistration}/remove`)).json.type).toBe(
        '/problems/not-found',
      );
    });
  });

  describe('registrations', () => {
    it('exports CSV that parses back with the right rows and a neutralised formula', async () => {
      const id = await createSession({ capacity: 1 });
      await register(id, { name: 'Sanne de Vries', neighbourhood: 'De Pijp', organisation: 'Buurtwerk; Zuid' });
      await register(id, { name: '=HYPERLINK("http://evil.example","klik")', role: 'resident' });

      const r = await call('GET', `/admin/sessions/${id}/registrations?format=csv`);

      expect(r.status).toBe(200);
      expect(r.type).toBe('text/csv; charset=utf-8');
      expect(r.text.startsWith('\ufeff')).toBe(true);
      expect(r.text).toContain('\r\n');
      const rows: string[][] = parse(r.text, { delimiter: ';', bom: true, record_delimiter: '\r\n' });
      expect(rows[0]?.[0]).toBe('Naam');
      expect(rows).toHaveLength(3);
      expect(rows[1]?.slice(0, 7)).toEqual([
        'Sanne de Vries',
        expect.stringContaining('@example.org'),
        'community-worker',
        'Buurtwerk; Zuid',
        'De Pijp',
        'nl',
        'bevestigd',
      ]);
      expect(rows[2]?.[0]).toBe(`'=HYPERLINK("http://evil.example","klik")`);
      expect(rows[2]?.[6]).toBe('wachtlijst');
      expect(rows[2]?.[7]).toBe('1');
      // Every cell quoted, so Excel keeps "; " inside a field.
      expect(r.text.split('\r\n')[1]?.startsWith('"Sanne de Vries";')).toBe(true);

      const json = await call('GET', `/admin/sessions/${id}/registrations`);
      expect(json.json.registrations.map((x: { status: string }) => x.status)).toEqual(['confirmed', 'waitlisted']);
      expect(json.json.registrations[1].waitlistPosition).toBe(1);
    });

    it('records attendance with who and when, and counts it in the participation report', async () => {
      const id = await createSession();
      const a = await register(id, { role: 'teacher', neighbourhood: 'Noord' });
      const b = await register(id, { role: 'teacher', neighbourhood: ' noord ' });
      const c = await register(id, { role: 'resident' });

      expect((await call('POST', `/admin/registrations/${a.id}/attendance`, { present: true })).status).toBe(200);
      await call('POST', `/admin/registrations/${b.id}/attendance`, { present: false });
      await call('POST', `/admin/registrations/${c.id}/remove`);
      const cancelledAttendance = await call('POST', `/admin/registrations/${c.id}/attendance`, { present: true });

      expect(cancelledAttendance.json.type).toBe('/problems/registration-cancelled');
      const list = await call('GET', `/admin/sessions/${id}/registrations`);
      const first = list.json.registrations.find((x: { id: string }) => x.id === a.id);
      expect(first.attendance).toMatchObject({ present: true, recordedBy: 'organiser-1' });
      const report = await call('GET', '/admin/reports/participation');
      const row = report.json.sessions.find((s: { sessionId: string }) => s.sessionId === id);
      expect(row).toMatchObject({ confirmed: 2, waitlisted: 0, cancelled: 1, attended: 1, absent: 1 });
      expect(row.byRole.teacher).toMatchObject({ confirmed: 2, attended: 1, absent: 1 });
      expect(row.byRole.resident).toMatchObject({ cancelled: 1 });
      expect(row.byNeighbourhood).toEqual({
        Noord: { confirmed: 2, waitlisted: 0, cancelled: 0, attended: 1, absent: 1 },
        '(unspecified)': { confirmed: 0, waitlisted: 0, cancelled: 1, attended: 0, absent: 0 },
      });
    });

    it('promotes by hand out of order, raising capacity when full; remove passes the seat on', async () => {
      const id = await createSession({ capacity: 1 });
      const seated = await register(id);
      const w1 = await register(id);
      const w2 = await register(id);

      const promoted = await call('POST', `/admin/registrations/${w2.id}/promote`);
      expect(promoted.json).toMatchObject({ changed: true, capacity: 2, registration: { status: 'confirmed' } });
      const repeat = await call('POST', `/admin/registrations/${w2.id}/promote`);
      expect(repeat.json.changed).toBe(false);

      const removed = await call('POST', `/admin/registrations/${seated.id}/remove`);
      expect(removed.json).toMatchObject({ changed: true, promoted: w1.id, registration: { status: 'cancelled' } });
      expect(await adminSession(id)).toMatchObject({ capacity: 2, confirmedCount: 2, waitlistCount: 0 });
    });
  });

  describe('messages and audit', () => {
    it('stores an announcement the mail pipeline can pick up', async () => {
      const id = await createSession();

      const r = await call('POST', `/admin/sessions/${id}/messages`, {
        subject: 'Nieuwe locatie',
        body: 'We zitten in de bibliotheek.\nTot dan!',
        language: 'nl',
      });

      expect(r.status).toBe(202);
      const items = (await db().send(new ScanCommand({ TableName: stack.tables.sessionsTable }))).Items ?? [];
      const item = items.find((i) => i.type === 'announcement' && i.sessionId === id);
      expect(item).toMatchObject({
        pk: `SESSION#${id}`,
        id: r.json.announcement.id,
        subject: 'Nieuwe locatie',
        language: 'nl',
        sessionVersion: 1,
        createdBy: 'organiser-1',
      });
      expect(String(item?.sk)).toMatch(/^ANNOUNCEMENT#\d{4}-\d\d-\d\dT.*#/);
    });

    it('writes an audit entry for every action, with who and no personal data', async () => {
      const id = await createSession({ capacity: 1 });
      const reg = await register(id, { name: 'Persoon Geheim', email: 'geheim@example.org' });
      const waiting = await register(id, { name: 'Wachtende Geheim' });
      await call('PATCH', `/admin/sessions/${id}`, { date: '2099-07-01' });
      await call('POST', `/admin/registrations/${reg.id}/attendance`, { present: true });
      await call('POST', `/admin/registrations/${waiting.id}/promote`);
      await call('POST', `/admin/registrations/${reg.id}/remove`);
      await call('POST', `/admin/sessions/${id}/messages`, { subject: 'Geheim onderwerp', body: 'Geheime tekst' });
      await call('POST', `/admin/sessions/${id}/cancel`);

      const entries = await auditFor(id);

      expect(entries.map((e) => e.action).sort()).toEqual(
        [
          'registration.attendance',
          'registration.promote',
          'registration.remove',
          'session.cancel',
          'session.create',
          'session.message',
          'session.update',
        ].sort(),
      );
      for (const e of entries) expect(e.actor).toEqual({ sub: 'organiser-1', email: 'org@example.org' });
      const update = entries.find((e) => e.action === 'session.update');
      expect(update).toMatchObject({
        before: { date: '2099-04-02', version: 1 },
        after: { date: '2099-07-01', version: 2 },
      });
      const text = JSON.stringify(entries);
      for (const secret of ['Geheim', 'geheim@example.org']) expect(text).not.toContain(secret);
    });
  });

  it('documents the organiser routes with bearer security in /openapi.json', async () => {
    const r = await call('GET', '/openapi.json', undefined, null);

    expect(r.json.paths['/admin/sessions/{id}'].patch.security).toEqual([{ organiserJwt: [] }]);
    expect(
      r.json.paths['/admin/sessions/{id}'].patch.requestBody.content['application/json'].schema.properties,
    ).toHaveProperty('expectedVersion');
    expect(r.json.paths['/admin/sessions/{id}/registrations'].get.parameters).toContainEqual(
      expect.objectContaining({ name: 'format', in: 'query' }),
    );
    expect(r.json.paths['/sessions'].get.security).toBeUndefined();
  });
});
