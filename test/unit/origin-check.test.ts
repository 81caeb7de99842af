import type { Context } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { createAdminApiHandler } from '../../functions/admin-api/app';
import { httpApiHandler } from '../../shared/http/middleware';
import type { HttpEvent, HttpResult } from '../../shared/http/types';

/**
 * Issue 18: with the origin secret configured (as in AWS), the API functions answer only requests
 * carrying it — those CloudFront forwarded — and refuse direct calls to execute-api with 403.
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
});
