import { GetCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createDocumentClient } from '../../shared/adapters/dynamodb/client';
import { FeedbackPageView, FeedbackView } from '../../shared/domain/feedback';
import { startTestApi, type TestApi } from '../support/http';
import { aProgrammeFile, aRegistrationRequest, aSessionInput } from '../support/programme-builders';

/**
 * Feedback over HTTP through the local API Gateway stand-in, on DynamoDB Local, with the
 * stack's clock moved by hand. Every test sets the clock it needs before acting.
 */
const questions = [
  { id: 'impact', text: { nl: 'Hoe maken we samen impact?', en: 'How do we make an impact together?' } },
  { id: 'hinders', text: { nl: 'Wat belemmert professionals?' } },
  { id: 'helps', text: { nl: 'Wat helpt professionals?' } },
];
// Wednesday 3 March 2027, 16:00–17:30 Amsterdam (CET); 28 days later is summer time.
const BEFORE = new Date('2027-02-01T10:00:00Z');
const AFTER_END = new Date('2027-03-03T16:30:00Z');
const CLOSES = new Date('2027-03-31T15:30:00Z');

const main = aSessionInput({ date: '2027-03-03', kind: 'reflection', capacity: 40 });
const tiny = aSessionInput({ date: '2027-03-03', kind: 'knowledge', capacity: 1 });
const tbd = aSessionInput({ date: '2027-04-23', kind: 'practice', startTime: null, endTime: null });
const doomed = aSessionInput({ date: '2027-03-03', kind: 'practice' });

describe('feedback over HTTP', () => {
  let api: TestApi;
  const db = createDocumentClient({ endpoint: inject('dynamoEndpoint') });

  beforeAll(async () => {
    api = await startTestApi(aProgrammeFile([main, tiny, tbd, doomed], { feedbackQuestions: questions }), BEFORE);
  });
  afterAll(async () => {
    await api.stack.stop();
    db.destroy();
  });

  const register = async (sessionId: string, overrides = {}) => {
    api.clock.set(BEFORE);
    const res = await api.post(`/sessions/${sessionId}/registrations`, aRegistrationRequest(overrides));
    expect(res.status).toBe(201);
    return {
      token: res.body.manageToken as string,
      id: (res.body.registration as { id: string }).id,
      status: (res.body.registration as { status: string }).status,
    };
  };
  const submit = (token: string, body: unknown) => api.post(`/feedback/${token}`, body);
  const feedbackItems = async (sessionId: string) =>
    (
      await db.send(
        new QueryCommand({
          TableName: api.stack.tables.registrationsTable,
          KeyConditionExpression: 'pk = :pk AND begins_with(sk, :f)',
          ExpressionAttributeValues: { ':pk': `SESSION#${sessionId}`, ':f': 'FEEDBACK#' },
          ConsistentRead: true,
        }),
      )
    ).Items ?? [];
  const feedbackItem = async (sessionId: string, registrationId: string) =>
    (
      await db.send(
        new GetCommand({
          TableName: api.stack.tables.registrationsTable,
          Key: { pk: `SESSION#${sessionId}`, sk: `FEEDBACK#${registrationId}` },
          ConsistentRead: true,
        }),
      )
    ).Item;
  const setOnItem = (key: Record<string, string>, table: string, name: string, value: unknown) =>
    db.send(
      new UpdateCommand({
        TableName: table,
        Key: key,
        UpdateExpression: 'SET #n = :v',
        ExpressionAttributeNames: { '#n': name },
        ExpressionAttributeValues: { ':v': value },
      }),
    );
  const markAttendance = (sessionId: string, registrationId: string, present: boolean) =>
    setOnItem(
      { pk: `SESSION#${sessionId}`, sk: `REG#${registrationId}` },
      api.stack.tables.registrationsTable,
      'attendance',
      { present, recordedAt: '2027-03-03T17:00:00.000Z', recordedBy: 'organiser-sub' },
    );

  it('shows the questions and a closed door before the session ends; posting then is a 409', async () => {
    const { token } = await register(main.id);

    const page = await api.json(`/feedback/${token}`);
    api.clock.set(new Date('2027-03-03T16:29:00Z')); // 17:29 local, a minute before the end
    const early = await submit(token, { rating: 4 });

    expect(page.status).toBe(200);
    expect(page.headers.get('cache-control')).toBe('no-store');
    expect(FeedbackPageView.parse(page.body)).toMatchObject({
      questions,
      window: { opensAt: '2027-03-03T17:30:00+01:00', closesAt: '2027-03-31T17:30:00+02:00', state: 'not-open' },
      accepting: false,
      refusal: { slug: 'feedback-not-open' },
      feedback: null,
    });
    expect([early.status, early.body.type]).toEqual([409, '/problems/feedback-not-open']);
  });

  it('stores a submission once, prefills it, and a resubmission replaces it (200) keeping submittedAt', async () => {
    const reg = await register(main.id, { role: 'teacher', neighbourhood: 'Noord' });
    api.clock.set(AFTER_END);

    const first = await submit(reg.token, { rating: 4, answers: { impact: 'Samen', hinders: 'Regels' } });
    api.clock.set(new Date('2027-03-05T09:00:00Z'));
    const second = await submit(reg.token, { rating: 5, answers: { helps: 'Tijd' }, comment: 'Mooi gesprek' });
    const page = FeedbackPageView.parse((await api.json(`/feedback/${reg.token}`)).body);

    expect(first.status).toBe(201);
    expect(FeedbackView.parse(first.body.feedback)).toEqual({
      rating: 4,
      answers: { impact: 'Samen', hinders: 'Regels' },
      comment: null,
      submittedAt: '2027-03-03T16:30:00.000Z',
      updatedAt: '2027-03-03T16:30:00.000Z',
    });
    expect(second.status).toBe(200);
    // Answers left out of the new submission are gone: it replaces, it does not merge.
    expect(page.feedback).toEqual({
      rating: 5,
      answers: { helps: 'Tijd' },
      comment: 'Mooi gesprek',
      submittedAt: '2027-03-03T16:30:00.000Z',
      updatedAt: '2027-03-05T09:00:00.000Z',
    });
    expect(page).toMatchObject({ accepting: true, refusal: null, window: { state: 'open' } });
    const stored = await feedbackItem(main.id, reg.id);
    expect(stored?.revision).toBe(2);
  });

  it('stores no name, email address or token on the feedback item: only answers and context', async () => {
    const reg = await register(main.id, { role: 'district-nurse', neighbourhood: 'Zuidoost', name: 'Anna Jansen' });
    api.clock.set(AFTER_END);

    await submit(reg.token, { rating: 3, answers: { impact: 'Luisteren' } });
    const item = await feedbackItem(main.id, reg.id);

    expect(Object.keys(item ?? {}).sort()).toEqual(
      [
        'answers',
        'comment',
        'pk',
        'programmeId',
        'rating',
        'revision',
        'role',
        'neighbourhood',
        'sessionId',
        'sessionKind',
        'sk',
        'submittedAt',
        'type',
        'updatedAt',
      ].sort(),
    );
    expect(item).toMatchObject({ role: 'district-nurse', neighbourhood: 'Zuidoost', sessionKind: 'reflection' });
    expect(JSON.stringify(item)).not.toMatch(/Anna|@example\.org|emailHash|tokenHash/);
  });

  it('answers 400 naming each bad field, and stores nothing', async () => {
    const reg = await register(main.id);
    api.clock.set(AFTER_END);

    const res = await submit(reg.token, {
      rating: 0,
      answers: { impact: 'x'.repeat(2001), whatever: 'y' },
      comment: 'ok',
    });

    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect(res.body.type).toBe('/problems/validation-error');
    expect((res.body.errors as Array<{ field: string }>).map((e) => e.field)).toEqual([
      'rating',
      'answers.impact',
      'answers.whatever',
    ]);
    expect(await feedbackItem(main.id, reg.id)).toBeUndefined();
  });

  it('accepts a plain HTML form post: JSON for API clients, a redirect to the page for browsers', async () => {
    const reg = await register(main.id);
    api.clock.set(AFTER_END);
    const form = new URLSearchParams({ rating: '2', 'answers[impact]': 'Meer tijd', comment: '' });

    const asApi = await api.json(`/feedback/${reg.token}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: form,
    });
    form.set('rating', '3');
    const asBrowser = await fetch(api.url(`/feedback/${reg.token}`), {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' },
      body: form,
      redirect: 'manual',
    });

    expect(asApi.status).toBe(201);
    expect(asApi.body.feedback).toMatchObject({ rating: 2, answers: { impact: 'Meer tijd' }, comment: null });
    expect(asBrowser.status).toBe(303);
    expect(asBrowser.headers.get('location')).toBe(
      api.url(`/feedback.html?token=${encodeURIComponent(reg.token)}&saved=1`),
    );
    expect((await feedbackItem(main.id, reg.id))?.rating).toBe(3);
  });

  it('answers 404 for unknown and malformed tokens', async () => {
    api.clock.set(AFTER_END);
    expect((await api.json(`/feedback/${'A'.repeat(43)}`)).status).toBe(404);
    expect((await submit('A'.repeat(43), { rating: 3 })).status).toBe(404);
    expect((await submit('short', { rating: 3 })).body.type).toBe('/problems/not-found');
  });

  it('closes 28 days after the end at the same local time, across the DST change', async () => {
    const reg = await register(main.id);

    api.clock.set(new Date(CLOSES.getTime() - 60_000));
    const lastMinute = await submit(reg.token, { rating: 4 });
    api.clock.set(CLOSES);
    const closed = await submit(reg.token, { rating: 5 });
    const page = FeedbackPageView.parse((await api.json(`/feedback/${reg.token}`)).body);

    expect(lastMinute.status).toBe(201);
    expect([closed.status, closed.body.type]).toEqual([409, '/problems/feedback-closed']);
    expect(page).toMatchObject({ accepting: false, window: { state: 'closed' }, feedback: { rating: 4 } });
  });

  it('opens at the end of the day for a session whose time is to be decided', async () => {
    const reg = await register(tbd.id);

    api.clock.set(new Date('2027-04-23T21:59:00Z')); // 23:59 in Amsterdam
    const sameDay = await submit(reg.token, { rating: 4 });
    api.clock.set(new Date('2027-04-23T22:00:00Z'));
    const nextDay = await submit(reg.token, { rating: 4 });

    expect(sameDay.body.type).toBe('/problems/feedback-not-open');
    expect(nextDay.status).toBe(201);
  });

  it('refuses a cancelled registration and one that never got a seat', async () => {
    const cancelled = await register(main.id);
    await api.json(`/registrations/${cancelled.token}/cancel`, { method: 'POST' });
    const seated = await register(tiny.id);
    const waiting = await register(tiny.id);
    api.clock.set(AFTER_END);

    const a = await submit(cancelled.token, { rating: 3 });
    const b = await submit(waiting.token, { rating: 3 });
    const c = await submit(seated.token, { rating: 3 });

    expect(waiting.status).toBe('waitlisted');
    expect([a.status, a.body.type]).toEqual([409, '/problems/registration-cancelled']);
    expect([b.status, b.body.type]).toEqual([409, '/problems/registration-not-confirmed']);
    expect(c.status).toBe(201);
    expect(await feedbackItem(main.id, cancelled.id)).toBeUndefined();
  });

  it('refuses someone marked absent once attendance is recorded, and accepts someone marked present', async () => {
    const absent = await register(main.id);
    const present = await register(main.id);
    await markAttendance(main.id, absent.id, false);
    await markAttendance(main.id, present.id, true);
    api.clock.set(AFTER_END);

    const a = await submit(absent.token, { rating: 1 });
    const p = await submit(present.token, { rating: 5 });
    const page = FeedbackPageView.parse((await api.json(`/feedback/${absent.token}`)).body);

    expect([a.status, a.body.type]).toEqual([409, '/problems/marked-absent']);
    expect(p.status).toBe(201);
    expect(page.refusal?.slug).toBe('marked-absent');
  });

  it('refuses feedback on a cancelled session', async () => {
    const reg = await register(doomed.id);
    await setOnItem(
      { pk: `SESSION#${doomed.id}`, sk: 'SESSION' },
      api.stack.tables.sessionsTable,
      'status',
      'cancelled',
    );
    api.clock.set(AFTER_END);

    const res = await submit(reg.token, { rating: 2 });

    expect([res.status, res.body.type]).toEqual([409, '/problems/session-cancelled']);
  });

  it('ends a concurrent double submit as one item: one 201, the rest replace it', async () => {
    const reg = await register(main.id);
    api.clock.set(AFTER_END);

    const results = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        submit(reg.token, { rating: (i % 5) + 1, answers: { impact: `poging ${i}` } }),
      ),
    );

    const statuses = results.map((r) => r.status).sort();
    expect(statuses).toEqual([200, 200, 200, 200, 200, 200, 200, 201]);
    const mine = (await feedbackItems(main.id)).filter((i) => i.sk === `FEEDBACK#${reg.id}`);
    expect(mine).toHaveLength(1);
    expect(mine[0]?.revision).toBe(8);
  });

  it('documents both feedback routes in the OpenAPI document', async () => {
    const { body } = await api.json('/openapi.json');
    const path = (body.paths as Record<string, Record<string, { responses: Record<string, unknown> }>>)[
      '/feedback/{token}'
    ];

    expect(Object.keys(path ?? {}).sort()).toEqual(['get', 'post']);
    expect(Object.keys(path?.post?.responses ?? {})).toEqual(
      expect.arrayContaining(['200', '201', '400', '404', '409']),
    );
  });
});

describe('feedback window length set by the programme', () => {
  let api: TestApi;
  const s = aSessionInput({ date: '2027-03-03' });
  beforeAll(async () => {
    api = await startTestApi(aProgrammeFile([s], { feedbackQuestions: questions, feedbackWindowDays: 7 }), BEFORE);
  });
  afterAll(async () => {
    await api.stack.stop();
  });

  it('closes after feedbackWindowDays instead of 28', async () => {
    const reg = await api.post(`/sessions/${s.id}/registrations`, aRegistrationRequest());
    const token = reg.body.manageToken as string;

    api.clock.set(new Date('2027-03-10T16:29:00Z'));
    const inTime = await api.post(`/feedback/${token}`, { rating: 3 });
    api.clock.set(new Date('2027-03-10T16:30:00Z'));
    const late = await api.post(`/feedback/${token}`, { rating: 3 });

    expect(inTime.status).toBe(201);
    expect(late.body.type).toBe('/problems/feedback-closed');
  });
});
