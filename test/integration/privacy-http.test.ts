import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createDocumentClient } from '../../shared/adapters/dynamodb/client';
import { registrationKeys } from '../../shared/adapters/dynamodb/registrations';
import { suppressionKey } from '../../shared/adapters/dynamodb/suppressions';
import { emailKey, hashToken } from '../../shared/domain/identity';
import { startTestApi, type TestApi } from '../support/http';
import { aProgrammeFile, aRegistrationRequest, aSessionInput } from '../support/programme-builders';

const oneSeat = aSessionInput({ capacity: 1, date: '2027-03-03' });
const later = aSessionInput({ date: '2027-06-10' });
const notice = { url: 'https://kennisnetwerk.example.nl/privacyverklaring', version: '2027-01' };
const programme = aProgrammeFile([oneSeat, later], { privacyNotice: notice });

describe('privacy through the manage link (local HTTP stack)', () => {
  let api: TestApi;
  let client: ReturnType<typeof createDocumentClient>;
  const item = async (Key: Record<string, string>) =>
    (await client.send(new GetCommand({ TableName: api.stack.tables.registrationsTable, Key, ConsistentRead: true })))
      .Item;

  beforeAll(async () => {
    api = await startTestApi(programme);
    client = createDocumentClient({ endpoint: inject('dynamoEndpoint') });
  });
  afterAll(async () => {
    client.destroy();
    await api.stack.stop();
  });

  const register = (sessionId: string, body: unknown) => api.post(`/sessions/${sessionId}/registrations`, body);

  it('serves the programme with the privacy notice the forms link to', async () => {
    const res = await api.json(`/programmes/${programme.id}`);
    expect(res.status).toBe(200);
    expect(res.body.programme).toEqual({
      id: programme.id,
      title: programme.title,
      feedbackQuestions: programme.feedbackQuestions,
      privacyNotice: notice,
    });
    expect((await api.json('/programmes/no-such-programme')).status).toBe(404);
    expect((await api.json('/programmes/..%2Fx')).status).toBe(404);
  });

  it('exports everything held about the registration, consent record included', async () => {
    // Arrange
    const person = aRegistrationRequest({ organisation: 'Buurtteam Oost', neighbourhood: 'Oost' });
    const reg = await register(later.id, person);

    // Act
    const res = await api.json(`/registrations/${reg.body.manageToken}/export`);

    // Assert
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="registration-[\w-]+\.json"$/);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.body).toMatchObject({
      scope: 'registration',
      session: { id: later.id },
      programme: { id: programme.id, privacyNotice: notice },
      registration: {
        name: person.name,
        email: person.email,
        organisation: 'Buurtteam Oost',
        neighbourhood: 'Oost',
        role: person.role,
        status: 'confirmed',
      },
      consent: { givenAt: '2027-01-15T10:00:00.000Z', privacyNotice: notice },
      // six months after the programme's last session (10 June 2027, Amsterdam)
      retention: { personalDataErasedAfter: '2027-12-10T23:00:00.000Z' },
      feedback: null,
      mails: [], // this stack runs without the mail pipeline
      otherRecords: [],
    });
    // Our own bookkeeping (hashes, keys) is not part of it.
    const keys = Object.keys(res.body.registration as object);
    expect(keys.filter((k) => ['pk', 'sk', 'emailHash', 'queueKey', 'tokenHash'].includes(k))).toEqual([]);
  });

  it('erases through the link: the seat goes to the waiting list, personal data and the link are gone', async () => {
    // Arrange: one seat taken, one person waiting
    const holder = aRegistrationRequest({ organisation: 'Wijkteam Noord', neighbourhood: 'Noord' });
    const first = await register(oneSeat.id, holder);
    const second = await register(oneSeat.id, aRegistrationRequest());
    expect(second.body.registration).toMatchObject({ status: 'waitlisted' });
    const token = first.body.manageToken as string;
    const id = (first.body.registration as { id: string }).id;

    // Act
    const res = await api.json(`/registrations/${token}/erase`, { method: 'POST' });

    // Assert: the answer
    expect(res.status).toBe(200);
    expect(res.body.erasure).toMatchObject({ scope: 'registration', cancelled: 1, anonymised: 1 });
    // the waiting person got the seat
    expect((await api.json(`/registrations/${second.body.manageToken}`)).body.registration).toMatchObject({
      status: 'confirmed',
    });
    expect((await api.json(`/sessions/${oneSeat.id}`)).body).toMatchObject({ seatsLeft: 0, waitlistLength: 0 });
    // the link no longer works, for reading, export or erasure
    expect((await api.json(`/registrations/${token}`)).status).toBe(404);
    expect((await api.json(`/registrations/${token}/export`)).status).toBe(404);
    expect((await api.json(`/registrations/${token}/erase`, { method: 'POST' })).status).toBe(404);
    // what is stored: no name, address, organisation or hashes; role, neighbourhood, status stay
    const stored = await item(registrationKeys.registration(oneSeat.id, id));
    expect(stored).toMatchObject({
      status: 'cancelled',
      role: holder.role,
      neighbourhood: 'Noord',
      erasedBy: 'registrant',
    });
    for (const k of ['name', 'email', 'emailHash', 'organisation', 'tokenHash']) expect(stored).not.toHaveProperty(k);
    expect(JSON.stringify(stored)).not.toContain(holder.email);
    expect(await item(registrationKeys.token(hashToken(token)))).toBeUndefined();
    expect(await item(registrationKeys.emailGuard(oneSeat.id, emailKey(holder.email)))).toBeUndefined();
    // self-service never suppresses the whole address (the link does not prove who owns it)
    expect(await item(suppressionKey(emailKey(holder.email)))).toBeUndefined();
  });

  it('lets the same address register again after erasing: a new consent', async () => {
    const person = aRegistrationRequest();
    const first = await register(later.id, person);
    await api.json(`/registrations/${first.body.manageToken}/erase`, { method: 'POST' });

    const again = await register(later.id, person);

    expect(again.status).toBe(201);
    expect(again.body.registration).toMatchObject({ email: person.email, status: 'confirmed' });
  });

  it('runs the retention job locally on request, with the stack’s clock (POST /_local/retention)', async () => {
    const person = aRegistrationRequest({ organisation: 'Bibliotheek', neighbourhood: 'Slotervaart' });
    const reg = await register(later.id, person);
    const id = (reg.body.registration as { id: string }).id;
    api.clock.set(new Date('2027-12-11T00:00:00Z')); // past the programme's retention period

    const run = await fetch(api.url('/_local/retention'), { method: 'POST' });

    expect(run.status).toBe(200);
    expect(((await run.json()) as { anonymised: number }).anonymised).toBeGreaterThanOrEqual(1);
    const stored = await item(registrationKeys.registration(later.id, id));
    expect(stored).toMatchObject({ erasedBy: 'retention', neighbourhood: 'Slotervaart' });
    expect(stored).not.toHaveProperty('email');
    expect((await api.json(`/registrations/${reg.body.manageToken}`)).status).toBe(404);
  });

  it('documents the privacy routes in the OpenAPI document', async () => {
    const paths = (await api.json('/openapi.json')).body.paths as Record<string, Record<string, unknown>>;
    expect(Object.keys(paths)).toEqual(
      expect.arrayContaining([
        '/programmes/{programmeId}',
        '/registrations/{token}/export',
        '/registrations/{token}/erase',
      ]),
    );
    expect(paths['/registrations/{token}/erase']).toHaveProperty('post');
  });
});
