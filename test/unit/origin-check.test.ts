import type { Context } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { createAdminApiHandler } from '../../functions/admin-api/app';
import { createPublicDocumentsHandler } from '../../functions/public-documents/app';
import { httpApiHandler } from '../../shared/http/middleware';
import type { PublicDocumentsDeps } from '../../shared/http/public/documents';
import type { HttpEvent, HttpResult } from '../../shared/http/types';

/**
 * Issue 18: with the origin secret configured (as in AWS), the functions behind the HTTP API
 * (public-api, public-documents, admin-api) answer only requests carrying it — those CloudFront
 * forwarded — and refuse direct calls to execute-api with 403.
 */
const event = (headers: Record<string, string> = {}): HttpEvent =>
  ({
    routeKey: 'GET /x',
    rawPath: '/x',
    headers,
    requestContext: { requestId: 'r1', http: { method: 'GET' } },
    isBase64Encoded: false,
  }) as unknown as HttpEvent;
const context = {
  getRemainingTimeInMillis: () => 10_000,
  functionName: 'test',
  awsRequestId: 'r1',
} as unknown as Context;

let reached = 0;
const routes = {
  'GET /x': async () => {
    reached++;
    return { status: 200, json: { ok: true } };
  },
};
const call = (secret: string | undefined, headers: Record<string, string>) =>
  httpApiHandler(routes, { originSecret: secret })(event(headers), context) as Promise<HttpResult>;

describe('origin check', () => {
  it.each([
    ['no header', {}],
    ['a wrong value', { 'x-origin-verify': 'guess' }],
    ['a prefix of the value', { 'x-origin-verify': 'cloudfront-only' }],
    ['an empty value', { 'x-origin-verify': '' }],
  ])('refuses %s with 403 forbidden, before the route runs', async (_what, headers) => {
    const before = reached;
    const res = await call('cloudfront-only-value', headers);
    expect(res.statusCode).toBe(403);
    expect(JSON.parse(res.body ?? '{}')).toMatchObject({ type: '/problems/forbidden', status: 403 });
    expect(reached).toBe(before);
  });

  it('lets the request through with the value, whatever the header name case', async () => {
    expect((await call('cloudfront-only-value', { 'X-Origin-Verify': 'cloudfront-only-value' })).statusCode).toBe(200);
  });

  it('checks nothing without a configured secret (the local stack)', async () => {
    expect((await call(undefined, {})).statusCode).toBe(200);
  });

  it('guards the organiser API function too', async () => {
    const handler = createAdminApiHandler({} as never, undefined, { originSecret: 's3cret' });
    const res = (await handler({ ...event(), routeKey: 'GET /admin/sessions' }, context)) as HttpResult;
    expect(res.statusCode).toBe(403);
  });

  describe('the document function (calendar files, the person feed, the OpenAPI document)', () => {
    // Every read a route could make is recorded and finds nothing: a refused request makes none.
    const reads: string[] = [];
    const repository = (name: string) =>
      new Proxy(
        {},
        {
          get: (_target, method) => async () => {
            reads.push(`${name}.${String(method)}`);
            return method === 'list' ? [] : null;
          },
        },
      );
    const deps = {
      sessions: repository('sessions'),
      registrations: repository('registrations'),
      people: repository('people'),
      privacy: repository('privacy'),
      clock: { now: () => new Date('2026-12-02T12:00:00Z') },
      uidDomain: 'test.invalid',
      organiser: { name: 'Stadsgesprekken', email: 'info@test.invalid' },
      publicBaseUrl: 'https://site.test',
      publicApiUrl: 'https://site.test/api',
    } as unknown as PublicDocumentsDeps;
    const documents = createPublicDocumentsHandler(deps, { originSecret: 'cloudfront-only-value' });
    const request = (routeKey: string, rawPath: string, headers: Record<string, string>, params = {}) =>
      documents({ ...event(headers), routeKey, rawPath, pathParameters: params }, context) as Promise<HttpResult>;
    const routes = [
      ['GET /sessions/{sessionId}/calendar.ics', '/sessions/s1/calendar.ics', { sessionId: 's1' }],
      ['GET /calendar.ics', '/calendar.ics', {}],
      ['GET /people/{token}/calendar.ics', `/people/${'a'.repeat(43)}/calendar.ics`, { token: 'a'.repeat(43) }],
      ['GET /openapi.json', '/openapi.json', {}],
    ] as const;

    it.each(
      routes.flatMap(([key, path, params]) =>
        [
          ['no header', {}],
          ['a wrong value', { 'x-origin-verify': 'guess' }],
        ].map(([what, headers]) => [key, what, path, params, headers] as const),
      ),
    )('refuses %s with %s: 403 forbidden, nothing read', async (key, _what, path, params, headers) => {
      reads.length = 0;
      const res = await request(key, path, headers as Record<string, string>, params);
      expect(res.statusCode).toBe(403);
      expect(res.headers?.['content-type']).toBe('application/problem+json; charset=utf-8');
      expect(JSON.parse(res.body ?? '{}')).toMatchObject({ type: '/problems/forbidden', status: 403 });
      expect(reads).toEqual([]);
    });

    it('answers the routes with the value: the documents, or the not-found of what the route looked up', async () => {
      const right = { 'x-origin-verify': 'cloudfront-only-value' };
      const statuses = [];
      for (const [key, path, params] of routes) statuses.push((await request(key, path, right, params)).statusCode);
      // An unknown session and an unknown person are the routes' own 404s; the two others are documents.
      expect(statuses).toEqual([404, 200, 404, 200]);
      expect(reads).toContain('sessions.get');
    });

    it('checks nothing without a configured secret (the local stack)', async () => {
      const local = createPublicDocumentsHandler(deps);
      const res = (await local(
        { ...event(), routeKey: 'GET /openapi.json', rawPath: '/openapi.json' },
        context,
      )) as HttpResult;
      expect(res.statusCode).toBe(200);
    });
  });
});
