import {
  ConditionalCheckFailedException,
  ProvisionedThroughputExceededException,
  RequestLimitExceeded,
  ThrottlingException,
  TransactionConflictException,
} from '@aws-sdk/client-dynamodb';
import type { Context } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { ContentionExhausted } from '../../shared/domain/errors';
import { httpApiHandler, TIMEOUT_EARLY_MS } from '../../shared/http/middleware';
import { BUSY_RETRY_AFTER_SECONDS, DeadlineReached, toProblem } from '../../shared/http/problem';
import type { HttpEvent, HttpResult, RouteHandler } from '../../shared/http/types';

/**
 * Passing infrastructure trouble is a 503 `busy` with Retry-After, never a 500: DynamoDB
 * throttling and conflicts once the SDK gave up (by the SDK's classes), and the handler's deadline.
 */

const meta = { $metadata: { httpStatusCode: 400 } };
const sdkErrors = [
  new ProvisionedThroughputExceededException({ message: 'provisioned throughput exceeded', ...meta }),
  new ThrottlingException({ message: 'rate exceeded', ...meta }),
  new RequestLimitExceeded({ message: 'account limit', ...meta }),
  new TransactionConflictException({ message: 'item is in a transaction', ...meta }),
];

const event = (routeKey: string, headers: Record<string, string> = {}): HttpEvent =>
  ({
    routeKey,
    rawPath: '/',
    headers,
    requestContext: { requestId: 'r1', http: { method: 'GET' } },
    isBase64Encoded: false,
  }) as unknown as HttpEvent;

const context = (remainingMs: number) =>
  ({ getRemainingTimeInMillis: () => remainingMs, functionName: 'test', awsRequestId: 'r1' }) as unknown as Context;

const invoke = (routes: Record<string, RouteHandler>, ev: HttpEvent, remainingMs = 10_000) =>
  httpApiHandler(routes)(ev, context(remainingMs)) as Promise<HttpResult>;

describe('transient infrastructure errors as problem details', () => {
  it.each(sdkErrors.map((e) => [e.name, e] as const))('maps the SDK’s %s to 503 busy', (_name, error) => {
    expect(toProblem(error)).toMatchObject({ status: 503, type: '/problems/busy' });
  });

  it('matches by class, not by name: a look-alike plain error and other SDK errors stay 500', () => {
    const lookAlike = Object.assign(new Error('rate exceeded'), { name: 'ThrottlingException' });
    const other = new ConditionalCheckFailedException({ message: 'condition', ...meta });

    expect(toProblem(lookAlike).status).toBe(500);
    expect(toProblem(other).status).toBe(500);
  });

  it('answers 503 with Retry-After and problem+json when a route fails with throttling', async () => {
    const routes = {
      'GET /x': async () => {
        throw sdkErrors[1];
      },
    };

    const res = await invoke(routes, event('GET /x'));

    expect(res.statusCode).toBe(503);
    expect(res.headers?.['retry-after']).toBe(String(BUSY_RETRY_AFTER_SECONDS));
    expect(res.headers?.['content-type']).toMatch(/^application\/problem\+json/);
    expect(JSON.parse(String(res.body))).toMatchObject({ type: '/problems/busy', status: 503 });
  });

  it('gives an exhausted optimistic retry the same Retry-After', async () => {
    const routes = {
      'GET /x': async () => {
        throw new ContentionExhausted('registration');
      },
    };

    const res = await invoke(routes, event('GET /x'));

    expect(res.statusCode).toBe(503);
    expect(res.headers?.['retry-after']).toBe(String(BUSY_RETRY_AFTER_SECONDS));
  });

  it('keeps the Retry-After for a browser form post, which gets HTML', async () => {
    const routes = {
      'POST /x': async () => {
        throw sdkErrors[0];
      },
    };
    const form = event('POST /x', { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' });

    const res = await invoke(routes, form);

    expect(res.statusCode).toBe(503);
    expect(res.headers?.['content-type']).toMatch(/^text\/html/);
    expect(res.headers?.['retry-after']).toBe(String(BUSY_RETRY_AFTER_SECONDS));
  });
});

describe('the handler’s deadline', () => {
  it('answers 503 busy with Retry-After when the route outlives the remaining time', async () => {
    let finished = false;
    const slow: RouteHandler = async () => {
      await new Promise((r) => setTimeout(r, 1_000));
      finished = true;
      return { status: 200, json: { ok: true } };
    };
    const remaining = TIMEOUT_EARLY_MS + 40;

    const started = Date.now();
    const res = await invoke({ 'GET /slow': slow }, event('GET /slow'), remaining);
    const took = Date.now() - started;

    expect(res.statusCode).toBe(503);
    expect(res.headers?.['retry-after']).toBe(String(BUSY_RETRY_AFTER_SECONDS));
    const body = JSON.parse(String(res.body));
    expect(body).toMatchObject({ type: '/problems/busy', status: 503 });
    expect(body.detail).toMatch(/may have done/);
    expect(finished).toBe(false);
    expect(took).toBeLessThan(900);
  });

  it('does not fire for a route that answers in time', async () => {
    const quick: RouteHandler = async () => ({ status: 200, json: { ok: true } });

    const res = await invoke({ 'GET /quick': quick }, event('GET /quick'), TIMEOUT_EARLY_MS + 200);

    expect(res.statusCode).toBe(200);
    expect(res.headers?.['retry-after']).toBeUndefined();
  });

  it('maps DeadlineReached by class', () => {
    expect(toProblem(new DeadlineReached())).toMatchObject({ status: 503, type: '/problems/busy' });
  });
});
