import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { adminApiDeps } from '../../functions/admin-api/deps';
import { type LocalStack, startLocalStack } from '../../local/stack';
import { createDocumentClient } from '../../shared/adapters/dynamodb/client';
import type { ProgrammeFile, SessionInput } from '../../shared/domain/schemas';
import { systemClock } from '../../shared/ports/clock';
import { importProgramme } from '../../shared/usecases/organiser/import';
import { editSession } from '../../shared/usecases/organiser/session-editing';
import { aProgrammeFile, aRegistrationRequest, aSessionInput, uniqueId } from '../support/programme-builders';

/** Programmes as organiser data, through the local HTTP stack (authorizer included) on DynamoDB Local. */
let stack: LocalStack;
let token: string;
let client: DynamoDBDocumentClient;

beforeAll(async () => {
  const endpoint = inject('dynamoEndpoint');
  client = createDocumentClient({ endpoint });
  stack = await startLocalStack({ dynamoDbEndpoint: endpoint, tablePrefix: `${uniqueId('prg')}-`, port: 0 });
  token = await stack.auth.signToken({ sub: 'organiser-1', email: 'org@example.org' });
});
afterAll(async () => {
  await stack?.stop();
  client?.destroy();
});

type Answer = { status: number; json: Record<string, unknown> & { errors?: { field: string }[] } };

async function call(method: string, path: string, body?: unknown, bearer: string | null = token): Promise<Answer> {
  const res = await fetch(`${stack.apiUrl}${path}`, {
    method,
    headers: {
      ...(bearer ? { authorization: `Bearer ${bearer}` } : {}),
      ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
    },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  const text = await res.text();
  return { status: res.status, json: text ? JSON.parse(text) : {} };
}

interface Report {
  programme: string;
  dryRun: boolean;
  sessions: { id: string; outcome: string; notified: number; reason?: string }[];
}

async function importFile(file: unknown, dryRun = false): Promise<Report> {
  const r = await call('POST', `/admin/programmes/import${dryRun ? '?dryRun=true' : ''}`, file);
  expect(r.status).toBe(200);
  return r.json as unknown as Report;
}

const outcomes = (r: Report) => Object.fromEntries(r.sessions.map((s) => [s.id, s.outcome]));
const session = async (id: string) => (await call('GET', `/sessions/${id}`, undefined, null)).json;
const register = async (sessionId: string) => {
  const r = await call('POST', `/sessions/${sessionId}/registrations`, aRegistrationRequest(), null);
  expect(r.status).toBe(201);
};

const twoSessions = (): [SessionInput, SessionInput] => [aSessionInput({ capacity: 1 }), aSessionInput()];

describe('POST /admin/programmes/import', () => {
  it('answers a dry run with the report and writes nothing', async () => {
    const file = aProgrammeFile(twoSessions());
    const report = await importFile(file, true);
    expect(report).toMatchObject({ programme: 'created', dryRun: true });
    expect(report.sessions.map((s) => [s.outcome, s.notified])).toEqual([
      ['created', 0],
      ['created', 0],
    ]);
    expect((await call('GET', `/admin/programmes/${file.id}`)).status).toBe(404);
    for (const s of file.sessions) expect((await call('GET', `/sessions/${s.id}`, undefined, null)).status).toBe(404);
  });

  it('creates the programme and its sessions; the same file again is unchanged everywhere', async () => {
    const file = aProgrammeFile(twoSessions());
    expect(outcomes(await importFile(file))).toEqual(Object.fromEntries(file.sessions.map((s) => [s.id, 'created'])));
    const again = await importFile(file);
    expect(again.programme).toBe('unchanged');
    expect(again.sessions.every((s) => s.outcome === 'unchanged' && s.notified === 0)).toBe(true);
    const stored = await call('GET', `/admin/programmes/${file.id}`);
    expect(stored.json).toMatchObject({ id: file.id, title: file.title, version: 1, retentionMonths: 6 });
    expect(await session(file.sessions[0]?.id ?? '')).toMatchObject({ version: 1, programmeId: file.id });
  });

  it('moves a session through the edit path: version + 1 and every live registrant counted as notified', async () => {
    const [small, other] = twoSessions();
    const file = aProgrammeFile([small, other]);
    await importFile(file);
    await register(small.id); // confirmed
    await register(small.id); // waitlisted
    const moved = aProgrammeFile([{ ...small, startTime: '18:00', endTime: '19:30' }, other], {
      id: file.id,
      title: file.title,
    });

    const dry = await importFile(moved, true);
    expect(dry.sessions.find((s) => s.id === small.id)).toMatchObject({ outcome: 'updated', notified: 2 });
    expect(await session(small.id)).toMatchObject({ version: 1, startTime: '16:00' });

    const report = await importFile(moved);
    expect(report.programme).toBe('unchanged');
    expect(report.sessions).toEqual([
      { id: small.id, outcome: 'updated', notified: 2, reason: 'changed: startTime, endTime' },
      { id: other.id, outcome: 'unchanged', notified: 0 },
    ]);
    expect(await session(small.id)).toMatchObject({ version: 2, startTime: '18:00', endTime: '19:30' });
    expect((await importFile(moved)).sessions.every((s) => s.outcome === 'unchanged')).toBe(true);
  });

  it('raises the version for a new title but mails nobody about it', async () => {
    const s = aSessionInput();
    const file = aProgrammeFile([s]);
    await importFile(file);
    await register(s.id);
    const retitled = { ...file, sessions: [{ ...s, title: { nl: 'Nieuwe titel' } }] };
    expect((await importFile(retitled)).sessions[0]).toMatchObject({ outcome: 'updated', notified: 0 });
    expect(await session(s.id)).toMatchObject({ version: 2, title: { nl: 'Nieuwe titel' } });
  });

  it('reports a session absent from the file as missing and keeps it', async () => {
    const [a, b] = twoSessions();
    const file = aProgrammeFile([a, b]);
    await importFile(file);
    const report = await importFile({ ...file, sessions: [a] });
    expect(outcomes(report)).toEqual({ [a.id]: 'unchanged', [b.id]: 'missing' });
    expect(await session(b.id)).toMatchObject({ id: b.id, status: 'scheduled', version: 1 });
  });

  it('refuses what an edit cannot do as a conflict with the reason, and imports the rest', async () => {
    const [full, other] = twoSessions();
    const cancelled = aSessionInput();
    const file = aProgrammeFile([full, other, cancelled]);
    await importFile(file);
    await register(full.id);
    expect((await call('POST', `/admin/sessions/${cancelled.id}/cancel`, {})).status).toBe(200);
    const changed = {
      ...file,
      sessions: [
        { ...full, capacity: null, kind: 'practice' },
        { ...other, location: { name: 'Wijkcentrum De Pijp' } },
        { ...cancelled, date: '2099-05-01' },
      ],
    };
    const report = await importFile(changed);
    expect(report.sessions).toEqual([
      { id: full.id, outcome: 'conflict', notified: 0, reason: expect.stringMatching(/kind/) },
      { id: other.id, outcome: 'updated', notified: 0, reason: 'changed: location' },
      { id: cancelled.id, outcome: 'conflict', notified: 0, reason: expect.stringMatching(/cancelled/) },
    ]);
    await register(other.id);
    await register(other.id);
    const lowered = { ...file, sessions: [full, { ...other, location: { name: 'Wijkcentrum De Pijp' }, capacity: 1 }] };
    expect((await importFile(lowered)).sessions).toEqual([
      { id: full.id, outcome: 'unchanged', notified: 0 },
      { id: other.id, outcome: 'conflict', notified: 0, reason: expect.stringMatching(/below the 2 confirmed/) },
      { id: cancelled.id, outcome: 'missing', notified: 0, reason: expect.any(String) },
    ]);
  });

  it('is a conflict when the session was edited between the read and the write (version check)', async () => {
    const s = aSessionInput();
    const file = aProgrammeFile([s]);
    await importFile(file);
    const deps = adminApiDeps(client, stack.tables, systemClock);
    const organiser = { sub: 'organiser-2', email: null };
    const moved = { ...file, sessions: [{ ...s, date: '2099-04-09' }] } as ProgrammeFile;
    let interfere = true;
    const racing = {
      ...deps,
      sessions: {
        ...deps.sessions,
        edit: async (write: Parameters<typeof deps.sessions.edit>[0]) => {
          if (interfere) {
            interfere = false;
            await editSession(deps, organiser, s.id, { location: { name: 'Bibliotheek' } });
          }
          return deps.sessions.edit(write);
        },
      },
    };
    const report = await importProgramme(racing, organiser, moved, { dryRun: false });
    expect(report.sessions[0]).toMatchObject({ outcome: 'conflict', reason: expect.stringMatching(/version 2/) });
    expect(await session(s.id)).toMatchObject({ date: '2099-04-02', version: 2, location: { name: 'Bibliotheek' } });

    // Control: the same import without a concurrent edit goes through.
    const again = await importProgramme(
      deps,
      organiser,
      { ...moved, sessions: [{ ...s, date: '2099-04-09', location: { name: 'Bibliotheek' } }] },
      { dryRun: false },
    );
    expect(again.sessions[0]).toMatchObject({ outcome: 'updated' });
  });

  it('refuses a bad file with problem details naming the field', async () => {
    const file = aProgrammeFile([aSessionInput(), aSessionInput(), { ...aSessionInput(), date: '3 maart' }]);
    const r = await call('POST', '/admin/programmes/import', file);
    expect(r.status).toBe(400);
    expect(r.json.type).toBe('/problems/validation-error');
    expect(r.json.errors?.map((e) => e.field)).toEqual(['sessions.2.date']);
    const q = await call('POST', '/admin/programmes/import?dryRun=maybe', aProgrammeFile());
    expect(q.json.errors?.map((e) => e.field)).toEqual(['dryRun']);
  });
});

describe('PUT /admin/programmes/{programmeId}', () => {
  const settings = { title: { nl: 'Jaarprogramma 2028' }, timeZone: 'Europe/Amsterdam', feedbackQuestions: [] };

  it('creates (201), replaces at the version read (200), and refuses a stale version (409)', async () => {
    const id = uniqueId('programme');
    const created = await call('PUT', `/admin/programmes/${id}`, settings);
    expect(created.status).toBe(201);
    expect(created.json).toMatchObject({ id, version: 1, privacyNotice: null, retentionMonths: 6 });

    const noVersion = await call('PUT', `/admin/programmes/${id}`, settings);
    expect(noVersion.status).toBe(400);
    expect(noVersion.json.errors?.map((e) => e.field)).toEqual(['expectedVersion']);

    const replaced = await call('PUT', `/admin/programmes/${id}`, {
      ...settings,
      retentionMonths: 12,
      expectedVersion: 1,
    });
    expect(replaced.status).toBe(200);
    expect(replaced.json).toMatchObject({ version: 2, retentionMonths: 12 });

    const stale = await call('PUT', `/admin/programmes/${id}`, { ...settings, expectedVersion: 1 });
    expect(stale.status).toBe(409);
    expect(stale.json.type).toBe('/problems/version-conflict');

    const same = await call('PUT', `/admin/programmes/${id}`, { ...settings, retentionMonths: 12, expectedVersion: 2 });
    expect(same).toMatchObject({ status: 200, json: { version: 2 } });

    const listed = await call('GET', '/admin/programmes');
    expect((listed.json.programmes as { id: string; version: number }[]).find((p) => p.id === id)).toMatchObject({
      version: 2,
    });
    const audit = await call('GET', '/admin/audit?limit=500');
    const actions = (audit.json.entries as { action: string; targets: { programmeId?: string } }[])
      .filter((e) => e.targets.programmeId === id)
      .map((e) => e.action);
    expect(actions).toEqual(expect.arrayContaining(['programme.create', 'programme.update']));
  });

  it('refuses sessions in the settings and an expectedVersion for a programme that does not exist', async () => {
    const withSessions = await call('PUT', `/admin/programmes/${uniqueId('programme')}`, { ...settings, sessions: [] });
    expect(withSessions.status).toBe(400);
    expect(JSON.stringify(withSessions.json.errors)).toMatch(/sessions/);
    const ghost = await call('PUT', `/admin/programmes/${uniqueId('programme')}`, { ...settings, expectedVersion: 3 });
    expect(ghost.status).toBe(409);
    expect((await call('GET', '/admin/programmes/Not_A_Slug')).status).toBe(404);
  });
});

describe('the programme routes are organiser routes', () => {
  const routes: [string, string, unknown?][] = [
    ['GET', '/admin/programmes'],
    ['GET', '/admin/programmes/kennisnetwerk-2027'],
    ['PUT', '/admin/programmes/kennisnetwerk-2027', { title: { nl: 'x' } }],
    ['POST', '/admin/programmes/import', aProgrammeFile()],
  ];

  it('answers 401 without a token and 403 without the organisers group', async () => {
    const outsider = await stack.auth.signToken({ groups: [] });
    for (const [method, path, body] of routes) {
      expect((await call(method, path, body, null)).status, `${method} ${path}`).toBe(401);
      expect((await call(method, path, body, outsider)).status, `${method} ${path}`).toBe(403);
    }
  });

  it('are in the OpenAPI document', async () => {
    const doc = (await call('GET', '/openapi.json', undefined, null)).json as { paths: Record<string, object> };
    expect(Object.keys(doc.paths['/admin/programmes/{programmeId}'] ?? {})).toEqual(
      expect.arrayContaining(['get', 'put']),
    );
    expect(doc.paths['/admin/programmes/import']).toHaveProperty('post');
  });
});
