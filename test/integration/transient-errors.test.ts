import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createPublicApiHandler } from '../../functions/public-api/app';
import { createAccessNeedsRepository } from '../../shared/adapters/dynamodb/access-needs';
import { createFeedbackRepository } from '../../shared/adapters/dynamodb/feedback';
import { createHoldRepository } from '../../shared/adapters/dynamodb/holds';
import { createPeopleRepository } from '../../shared/adapters/dynamodb/people';
import { createPrivacyRepository } from '../../shared/adapters/dynamodb/privacy';
import { createRegistrationRepository } from '../../shared/adapters/dynamodb/registrations';
import { createSessionRepository } from '../../shared/adapters/dynamodb/sessions';
import { TIMEOUT_EARLY_MS } from '../../shared/http/middleware';
import { BUSY_RETRY_AFTER_SECONDS } from '../../shared/http/problem';
import type { HttpResult } from '../../shared/http/types';
import { createTestDb, type TestDb } from '../support/dynamo';
import { type Decision, type DynamoFault, faultyDocumentClient } from '../support/faulty-dynamodb';
import { aProgrammeFile, aRegistrationRequest, aSessionInput } from '../support/programme-builders';

/**
 * The public API on DynamoDB Local with faults injected in the SDK client's middleware stack:
 * throttling and conflicts that outlast the SDK's retries, and a handler that runs out of time,
 * answer 503 `busy` with Retry-After — never a 500 — and leave the stored state consistent.
 */

const apiEvent = (routeKey: string, sessionId: string, body?: unknown): APIGatewayProxyEventV2 =>
  ({
    version: '2.0',
    routeKey,
    rawPath: routeKey.split(' ')[1]?.replace('{sessionId}', sessionId) ?? '/',
    rawQueryString: '',
    headers: { host: 'api.example.org', ...(body ? { 'content-type': 'application/json' } : {}) },
    pathParameters: { sessionId },
    isBase64Encoded: false,
    ...(body ? { body: JSON.stringify(body) } : {}),
    requestContext: { requestId: 'r', routeKey, http: { method: routeKey.split(' ')[0] ?? 'GET' } },
  }) as unknown as APIGatewayProxyEventV2;

const context = (remainingMs = 10_000) => ({ getRemainingTimeInMillis: () => remainingMs }) as unknown as Context;

describe('transient infrastructure errors on the public API (DynamoDB Local)', () => {
  let t: TestDb;
  let destroy: Array<() => void> = [];
  beforeEach(async () => {
    t = await createTestDb();
  });
  afterEach(() => {
    for (const d of destroy) d();
    destroy = [];
  });

  /** The public API's handler with every repository on a client that faults as `decide` says. */
  const apiWith = (decide: (command: string, call: number) => Decision) => {
    const faulty = faultyDocumentClient(t.endpoint, decide, { maxAttempts: 2 });
    destroy.push(faulty.destroy);
    const feedback = createFeedbackRepository(faulty.db, t.tables);
    const handler = createPublicApiHandler({
      sessions: createSessionRepository(faulty.db, t.tables.sessionsTable),
      registrations: createRegistrationRepository(faulty.db, t.tables),
      feedback,
      privacy: createPrivacyRepository(faulty.db, t.tables),
      holds: createHoldRepository(faulty.db, t.tables),
      accessNeeds: createAccessNeedsRepository(faulty.db, t.tables),
      people: createPeopleRepository(faulty.db, t.tables.registrationsTable),
      clock: t.clock,
      publicBaseUrl: 'https://forms.example.org',
    });
    return {
      call: (e: APIGatewayProxyEventV2, remainingMs?: number) =>
        handler(e, context(remainingMs)) as Promise<HttpResult>,
      injected: faulty.injected,
    };
  };

  const expectBusy = (res: HttpResult) => {
    expect(res.statusCode).toBe(503);
    expect(res.headers?.['retry-after']).toBe(String(BUSY_RETRY_AFTER_SECONDS));
    expect(res.headers?.['content-type']).toMatch(/^application\/problem\+json/);
    expect(JSON.parse(String(res.body))).toMatchObject({ type: '/problems/busy', status: 503 });
  };

  const storedCounts = async (sessionId: string) => {
    const regs = await t.registrations.listForSession(sessionId);
    const s = await t.sessions.get(sessionId);
    return { registrations: regs.length, confirmedCount: s?.confirmedCount, waitlistCount: s?.waitlistCount };
  };

  it.each<DynamoFault>(['throttling', 'provisioned-throughput', 'request-limit', 'transaction-conflict'])(
    'a read failing with %s after the SDK’s retries answers 503 busy',
    async (fault) => {
      const session = aSessionInput();
      await t.load(aProgrammeFile([session]));
      const api = apiWith((command) => (command === 'GetItem' ? fault : null));

      const res = await api.call(apiEvent('GET /sessions/{sessionId}', session.id));

      expectBusy(res);
      // The SDK retries throttling (both attempts refused); it does not retry a transaction conflict.
      expect(api.injected.length).toBe(fault === 'transaction-conflict' ? 1 : 2);
    },
  );

  it('a registration whose transaction is throttled past the retries answers 503 and stores nothing', async () => {
    const session = aSessionInput({ capacity: 5 });
    await t.load(aProgrammeFile([session]));
    const api = apiWith((command) => (command.startsWith('TransactWrite') ? 'throttling' : null));

    const res = await api.call(
      apiEvent('POST /sessions/{sessionId}/registrations', session.id, aRegistrationRequest()),
    );

    expectBusy(res);
    expect(await storedCounts(session.id)).toEqual({ registrations: 0, confirmedCount: 0, waitlistCount: 0 });
  });

  it('a registration that keeps meeting transaction conflicts answers 503 busy, not 500', async () => {
    const session = aSessionInput({ capacity: 5 });
    await t.load(aProgrammeFile([session]));
    const api = apiWith((command) => (command.startsWith('TransactWrite') ? 'transaction-cancelled-conflict' : null));

    const res = await api.call(
      apiEvent('POST /sessions/{sessionId}/registrations', session.id, aRegistrationRequest()),
    );

    expectBusy(res);
    expect(await storedCounts(session.id)).toEqual({ registrations: 0, confirmedCount: 0, waitlistCount: 0 });
  });

  it('a registration that outlives the handler’s deadline answers 503; the write still lands once, a retry gets 409', async () => {
    const session = aSessionInput({ capacity: 5 });
    await t.load(aProgrammeFile([session]));
    let slow = true;
    const api = apiWith((command) => (command.startsWith('TransactWrite') && slow ? { delayMs: 400 } : null));
    const person = aRegistrationRequest();
    const post = () => apiEvent('POST /sessions/{sessionId}/registrations', session.id, person);

    const res = await api.call(post(), TIMEOUT_EARLY_MS + 100);
    expectBusy(res);
    expect(JSON.parse(String(res.body)).detail).toMatch(/may have done/);
    // The transaction was already on its way and completes after the answer (documented in the detail).
    await expect.poll(async () => (await storedCounts(session.id)).registrations, { timeout: 3_000 }).toBe(1);
    slow = false;
    const retry = await api.call(post());

    expect(retry.statusCode).toBe(409);
    expect(JSON.parse(String(retry.body)).type).toBe('/problems/already-registered');
    expect(await storedCounts(session.id)).toEqual({ registrations: 1, confirmedCount: 1, waitlistCount: 0 });
  });
});
