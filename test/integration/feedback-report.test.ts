import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createDocumentClient } from '../../shared/adapters/dynamodb/client';
import { FeedbackSynthesis } from '../../shared/domain/synthesis';
import { startTestApi, type TestApi } from '../support/http';
import { aProgrammeFile, aRegistrationRequest, aSessionInput } from '../support/programme-builders';

/**
 * The synthesis over HTTP at the organiser route `GET /admin/reports/feedback`, from feedback
 * given through the public API.
 */
const questions = [
  { id: 'impact', text: { nl: 'Hoe maken we samen impact?' } },
  { id: 'needs', text: { nl: 'Wat hebben professionals nodig van de overheid?' } },
];
const reflection = aSessionInput({ date: '2027-03-03', kind: 'reflection' });
const practice = aSessionInput({ date: '2027-04-23', kind: 'practice', startTime: null, endTime: null });
const dropped = aSessionInput({ date: '2027-03-10', kind: 'knowledge' });
// Each session's feedback window is 28 days from its end.
const AFTER_REFLECTION = new Date('2027-03-05T10:00:00Z');
const AFTER_PRACTICE = new Date('2027-04-25T10:00:00Z');

describe('feedback synthesis over HTTP (local stack)', () => {
  let api: TestApi;
  const db = createDocumentClient({ endpoint: inject('dynamoEndpoint') });
  const regs: Record<string, { token: string; id: string; sessionId: string }> = {};

  beforeAll(async () => {
    api = await startTestApi(
      aProgrammeFile([reflection, practice, dropped], { feedbackQuestions: questions }),
      new Date('2027-02-01T10:00:00Z'),
    );
    const people = [
      ['t1', reflection.id, 'teacher'],
      ['t2', reflection.id, 'teacher'],
      ['c1', reflection.id, 'community-worker'],
      ['quiet', reflection.id, 'resident'],
      ['r1', practice.id, 'resident'],
      ['absent', practice.id, 'police-officer'],
      ['p2', practice.id, 'district-nurse'],
    ] as const;
    for (const [key, sessionId, role] of people) {
      const res = await api.post(`/sessions/${sessionId}/registrations`, aRegistrationRequest({ role }));
      regs[key] = {
        token: res.body.manageToken as string,
        id: (res.body.registration as { id: string }).id,
        sessionId,
      };
    }
    // Attendance recorded for the practice session: `absent` was not there.
    for (const [key, present] of [
      ['r1', true],
      ['absent', false],
      ['p2', true],
    ] as const) {
      const r = regs[key];
      await db.send(
        new UpdateCommand({
          TableName: api.stack.tables.registrationsTable,
          Key: { pk: `SESSION#${r?.sessionId}`, sk: `REG#${r?.id}` },
          UpdateExpression: 'SET attendance = :a',
          ExpressionAttributeValues: { ':a': { present, recordedAt: '2027-04-23T18:00:00Z', recordedBy: 'sub' } },
        }),
      );
    }
    // The knowledge session was cancelled: it drops out of the synthesis.
    await db.send(
      new UpdateCommand({
        TableName: api.stack.tables.sessionsTable,
        Key: { pk: `SESSION#${dropped.id}`, sk: 'SESSION' },
        UpdateExpression: 'SET #s = :c',
        ExpressionAttributeNames: { '#s': 'status' },
        ExpressionAttributeValues: { ':c': 'cancelled' },
      }),
    );
    api.clock.set(AFTER_REFLECTION);
    const give = async (key: string, body: unknown) => {
      const res = await api.post(`/feedback/${regs[key]?.token}`, body);
      expect(res.status).toBe(201);
      api.clock.advance(60_000);
    };
    await give('t1', { rating: 5, answers: { impact: 'Samen optrekken', needs: 'Vertrouwen' } });
    await give('t2', { rating: 4, answers: { impact: '=1+1' }, comment: 'Goed georganiseerd; dank' });
    await give('c1', { rating: 3, answers: { needs: 'Minder regels\nMeer ruimte' } });
    api.clock.set(AFTER_PRACTICE);
    await give('r1', { rating: 2, answers: { impact: 'Luisteren naar bewoners' } });
  });
  afterAll(async () => {
    await api.stack.stop();
    db.destroy();
  });

  const report = async (query: string) =>
    fetch(api.url(`/admin/reports/feedback${query}`), {
      headers: { authorization: `Bearer ${await api.stack.auth.signToken({ sub: 'organiser-1' })}` },
    });

  it('answers JSON with counts, averages and response rates per session, kind and role', async () => {
    const res = await report('?format=json');
    const s = FeedbackSynthesis.parse(await res.json());

    expect(res.status).toBe(200);
    expect(s.overall).toMatchObject({ responses: 4, averageRating: 3.5, participants: 4 + 2, responseRate: 0.667 });
    expect(s.sessions.map((x) => [x.id, x.responses, x.participants, x.participantsBasis])).toEqual([
      [reflection.id, 3, 4, 'confirmed'],
      [practice.id, 1, 2, 'present'],
    ]);
    expect(s.byRole.map((r) => [r.role, r.responses, r.averageRating])).toEqual([
      ['community-worker', 1, 3],
      ['teacher', 2, 4.5],
      ['resident', 1, 2],
    ]);
    expect(s.questions.map((q) => [q.id, q.answerCount])).toEqual([
      ['impact', 3],
      ['needs', 2],
    ]);
  });

  it('answers the same JSON when nothing is asked for, and one session with ?sessionId', async () => {
    const all = FeedbackSynthesis.parse(await (await report('')).json());
    const one = FeedbackSynthesis.parse(await (await report(`?sessionId=${practice.id}`)).json());

    expect(all.overall.responses).toBe(4);
    expect(one).toMatchObject({ sessionId: practice.id, overall: { responses: 1, participants: 2 } });
  });

  it('answers CSV that reads back with csv-parse, formulas neutralised', async () => {
    const res = await report('?format=csv');
    const text = await res.text();
    const rows = parse(text, { bom: true, delimiter: ';' }) as string[][];

    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="feedback-programme-.+\.csv"$/);
    expect(rows).toHaveLength(5);
    expect(rows.slice(1).map((r) => [r[3], r[5], r[6], r[7], r[8]])).toEqual([
      ['Docent', '5', 'Samen optrekken', 'Vertrouwen', ''],
      ['Docent', '4', "'=1+1", '', 'Goed georganiseerd; dank'],
      ['Opbouwwerker', '3', '', 'Minder regels\nMeer ruimte', ''],
      ['Bewoner', '2', 'Luisteren naar bewoners', '', ''],
    ]);
  });

  it('answers a Markdown report', async () => {
    const res = await report('?format=md&lang=nl');
    const md = await res.text();

    expect(res.headers.get('content-type')).toBe('text/markdown; charset=utf-8');
    expect(md).toContain('- **Reacties:** 4 van 6 deelnemers (67% respons)');
    expect(md).toContain('#### Docent (2)');
    expect(md).toContain('- \\=1+1\n  _(Reflectiebijeenkomst, 3 maart 2027)_');
  });

  it('keeps the synthesis intact when a registration is anonymised', async () => {
    const before = await (await report('?format=csv')).text();
    const r = regs.t1;
    await db.send(
      new UpdateCommand({
        TableName: api.stack.tables.registrationsTable,
        Key: { pk: `SESSION#${r?.sessionId}`, sk: `REG#${r?.id}` },
        UpdateExpression: 'SET #n = :x, email = :x, emailHash = :x REMOVE neighbourhood, organisation',
        ExpressionAttributeNames: { '#n': 'name' },
        ExpressionAttributeValues: { ':x': 'anonymised' },
      }),
    );

    expect(await (await report('?format=csv')).text()).toBe(before);
  });

  it('answers problem details for a bad format (400) and an unknown session (404)', async () => {
    const bad = await report('?format=xlsx');
    const unknown = await report('?sessionId=no-such-session');

    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({
      type: '/problems/validation-error',
      errors: [{ field: 'format', message: 'must be one of: json, csv, md' }],
    });
    expect(unknown.status).toBe(404);
  });
});
