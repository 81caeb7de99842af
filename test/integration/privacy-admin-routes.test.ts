import type { Context } from 'aws-lambda';
import { beforeEach, describe, expect, it } from 'vitest';
import { createAdminApiHandler } from '../../functions/admin-api/app';
import { adminApiDeps } from '../../functions/admin-api/deps';
import { Forbidden } from '../../shared/domain/errors';
import type { httpApiHandler } from '../../shared/http/middleware';
import type { HttpEvent, HttpRequest } from '../../shared/http/types';
import { registerForSession } from '../../shared/usecases/registrations';
import { createTestDb, type TestDb } from '../support/dynamo';
import { aProgrammeFile, aRegistrationRequest, aSessionInput } from '../support/programme-builders';

/** The organiser privacy routes through the same middy chain the admin API uses, with a stand-in for its auth. */
describe('organiser privacy routes', () => {
  let t: TestDb;
  let handler: ReturnType<typeof httpApiHandler>;
  const session = aSessionInput({ date: '2027-03-03' });
  const organiserOf = (req: HttpRequest) => {
    if (req.headers.authorization !== 'Bearer organiser') throw new Forbidden();
    return { sub: 'sub-organiser-7', email: null };
  };
  const call = async (
    routeKey: string,
    init: { id?: string; body?: string; query?: Record<string, string>; auth?: string },
  ) => {
    const event = {
      routeKey,
      rawPath: '/',
      headers: {
        authorization: init.auth ?? 'Bearer organiser',
        ...(init.body ? { 'content-type': 'application/json' } : {}),
      },
      ...(init.id ? { pathParameters: { id: init.id } } : {}),
      ...(init.query ? { queryStringParameters: init.query } : {}),
      ...(init.body ? { body: init.body } : {}),
      isBase64Encoded: false,
      requestContext: { requestId: 'r' },
    } as unknown as HttpEvent;
    const res = await handler(event, {} as Context);
    return { status: res.statusCode, body: JSON.parse(res.body || '{}') as Record<string, unknown> };
  };

  beforeEach(async () => {
    t = await createTestDb(new Date('2027-01-15T10:00:00Z'));
    await t.load(aProgrammeFile([session]));
    handler = createAdminApiHandler(adminApiDeps(t.db, t.tables, t.clock), organiserOf);
  });

  it('erases on request and lists the erasure, without the erased data', async () => {
    const person = aRegistrationRequest({ organisation: 'Politie Oost' });
    const r = await registerForSession(t, session.id, person);

    const erased = await call('POST /admin/registrations/{id}/erase', { id: r.registration.id });
    const listed = await call('GET /admin/erasures', { query: { month: '2027-01' } });

    expect(erased.status).toBe(200);
    expect(erased.body.erasure).toMatchObject({ by: 'organiser:sub-organiser-7', scope: 'address', anonymised: 1 });
    expect(listed.body.erasures).toEqual([erased.body.erasure]);
    expect(JSON.stringify(listed.body)).not.toMatch(/Politie|@/);
    expect((await t.registrations.get(session.id, r.registration.id))?.email).toBe('');
  });

  it('takes a scope, and refuses bad input, unknown ids and callers who are not organisers', async () => {
    const r = await registerForSession(t, session.id, aRegistrationRequest());

    expect(
      (await call('POST /admin/registrations/{id}/erase', { id: r.registration.id, body: '{"scope":"all"}' })).status,
    ).toBe(400);
    expect(
      (await call('POST /admin/registrations/{id}/erase', { id: r.registration.id, auth: 'Bearer x' })).status,
    ).toBe(403);
    expect((await call('POST /admin/registrations/{id}/erase', { id: 'not-a-uuid' })).status).toBe(404);
    expect((await call('GET /admin/erasures', { query: { month: '2027-13' } })).status).toBe(400);
    const one = await call('POST /admin/registrations/{id}/erase', {
      id: r.registration.id,
      body: '{"scope":"registration"}',
    });
    expect(one.body.erasure).toMatchObject({ scope: 'registration', suppressed: false });
  });
});
