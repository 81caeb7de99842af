import { DynamoDBClient, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { beforeEach, describe, expect, it } from 'vitest';
import { hashToken } from '../../shared/domain/identity';
import type { Registration } from '../../shared/domain/model';
import { type RegistrationDeps, registerForSession } from '../../shared/usecases/registrations';
import { createTestDb, type TestDb } from '../support/dynamo';
import { aProgrammeFile, aRegistrationRequest, aSessionInput } from '../support/programme-builders';

/**
 * Faults DynamoDB Local never produces, injected through the SDK client's own middleware stack
 * around real calls to DynamoDB Local: transaction conflicts, throttling (before and after the
 * SDK's retries), and an answer lost after the write was made. Each test checks what is stored:
 * no registration lost, no seat counted twice, counters equal to the items.
 */

type Fault = 'conflict' | 'throttle' | 'lost-answer';

/** A document client whose TransactWriteItems calls fail as `decide` says, call by call. */
function faultyClient(endpoint: string, decide: (call: number) => Fault | null) {
  const client = new DynamoDBClient({
    endpoint,
    region: 'eu-west-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    maxAttempts: 3,
  });
  const injected: Fault[] = [];
  let calls = 0;
  client.middlewareStack.add(
    (next, context) => async (args) => {
      if (!/TransactWrite/.test(context.commandName ?? '')) return next(args);
      const fault = decide(calls++);
      if (fault) injected.push(fault);
      if (fault === 'conflict') {
        // What DynamoDB answers when another transaction holds one of the items.
        throw new TransactionCanceledException({
          message:
            'Transaction cancelled, please refer cancellation reasons for specific reasons [TransactionConflict]',
          $metadata: { httpStatusCode: 400 },
          CancellationReasons: [{ Code: 'TransactionConflict' }, { Code: 'None' }, { Code: 'None' }, { Code: 'None' }],
        });
      }
      if (fault === 'throttle') {
        throw Object.assign(new Error('Rate of requests exceeds the allowed throughput.'), {
          name: 'ThrottlingException',
          $fault: 'client',
          $metadata: { httpStatusCode: 400 },
        });
      }
      const result = await next(args);
      if (fault === 'lost-answer') {
        // The write went through; the answer never arrives (connection reset, function timed out).
        throw Object.assign(new Error('socket hang up'), { name: 'TimeoutError', code: 'ECONNRESET' });
      }
      return result;
    },
    // Inside the retry loop, where a real transport or service error would surface.
    { step: 'deserialize', name: 'injectFaults', priority: 'low' },
  );
  const db = DynamoDBDocumentClient.from(client, {
    marshallOptions: { removeUndefinedValues: true, convertClassInstanceToMap: false },
  });
  return { db, injected, calls: () => calls };
}

describe('registration under injected DynamoDB faults (DynamoDB Local)', () => {
  let t: TestDb;
  beforeEach(async () => {
    t = await createTestDb();
  });

  const depsWith = (decide: (call: number) => Fault | null) => {
    const faulty = faultyClient(t.endpoint, decide);
    const deps: RegistrationDeps = { ...t, registrations: t.repositoryWith({}, faulty.db) };
    return { deps, ...faulty };
  };

  async function storedState(sessionId: string) {
    const stored = await t.registrations.listForSession(sessionId);
    const session = await t.sessions.get(sessionId);
    return {
      confirmed: stored.filter((r) => r.status === 'confirmed'),
      waiting: stored.filter((r) => r.status === 'waitlisted'),
      confirmedCount: session?.confirmedCount,
      waitlistCount: session?.waitlistCount,
    };
  }

  it('retries transaction conflicts and stores the registration exactly once', async () => {
    const session = aSessionInput({ capacity: 10 });
    await t.load(aProgrammeFile([session]));
    const { deps, injected } = depsWith((call) => (call < 3 ? 'conflict' : null));

    const result = await registerForSession(deps, session.id, aRegistrationRequest());

    expect(injected).toEqual(['conflict', 'conflict', 'conflict']);
    expect(result.registration.status).toBe('confirmed');
    const s = await storedState(session.id);
    expect(s.confirmed.map((r) => r.id)).toEqual([result.registration.id]);
    expect([s.confirmedCount, s.waitlistCount]).toEqual([1, 0]);
  });

  it('a burst with conflicts on a third of the transactions still fills exactly the seats', async () => {
    const session = aSessionInput({ capacity: 20 });
    await t.load(aProgrammeFile([session]));
    // Deterministic "random" conflicts: every call whose index is 0 mod 3. The registrations queued
    // in the one repository share transactions (group commit), so there are few calls to fault.
    const { deps, injected, calls } = depsWith((call) => (call % 3 === 0 ? 'conflict' : null));

    const results = await Promise.all(
      Array.from({ length: 60 }, () => registerForSession(deps, session.id, aRegistrationRequest())),
    );

    expect(injected.length).toBeGreaterThan(0);
    expect(calls()).toBeLessThan(60);
    const s = await storedState(session.id);
    expect(s.confirmed).toHaveLength(20);
    expect(s.waiting).toHaveLength(40);
    expect([s.confirmedCount, s.waitlistCount]).toEqual([20, 40]);
    const positions: number[] = [];
    for (const r of s.waiting) positions.push((await t.registrations.waitlistPosition(r)) ?? -1);
    expect(positions.sort((a, b) => a - b)).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
    // What each registrant was told matches what is stored, and nobody is stored twice.
    expect(new Set(results.map((r) => r.registration.id)).size).toBe(60);
    expect(
      results
        .filter((r) => r.registration.status === 'confirmed')
        .map((r) => r.registration.id)
        .sort(),
    ).toEqual(s.confirmed.map((r: Registration) => r.id).sort());
  });

  it('throttling that the SDK retries away leaves one registration and one seat', async () => {
    const session = aSessionInput({ capacity: 10 });
    await t.load(aProgrammeFile([session]));
    const { deps, injected } = depsWith((call) => (call < 2 ? 'throttle' : null));

    const result = await registerForSession(deps, session.id, aRegistrationRequest());

    expect(injected).toEqual(['throttle', 'throttle']);
    expect(result.registration.status).toBe('confirmed');
    const s = await storedState(session.id);
    expect(s.confirmed).toHaveLength(1);
    expect([s.confirmedCount, s.waitlistCount]).toEqual([1, 0]);
  });

  it('throttling that outlasts the retries fails the request and stores nothing', async () => {
    const session = aSessionInput({ capacity: 10 });
    await t.load(aProgrammeFile([session]));
    const { deps, injected } = depsWith(() => 'throttle');

    await expect(registerForSession(deps, session.id, aRegistrationRequest())).rejects.toMatchObject({
      name: 'ThrottlingException',
    });

    expect(injected).toHaveLength(3); // the SDK's three attempts, then the error surfaces
    const s = await storedState(session.id);
    expect(s.confirmed).toHaveLength(0);
    expect([s.confirmedCount, s.waitlistCount]).toEqual([0, 0]);
  });

  it('an answer lost after the write: the retried call neither double-counts nor loses the registration', async () => {
    const session = aSessionInput({ capacity: 10 });
    await t.load(aProgrammeFile([session]));
    const { deps, injected, calls } = depsWith((call) => (call === 0 ? 'lost-answer' : null));
    const person = aRegistrationRequest();

    // The SDK retries the lost call with the same ClientRequestToken (it fills one in for
    // TransactWriteItems), so DynamoDB treats the retry as the same transaction, not a new one.
    const first = await registerForSession(deps, session.id, person);

    expect(injected).toEqual(['lost-answer']);
    expect(calls()).toBe(2);
    expect(first.registration.status).toBe('confirmed');
    const s = await storedState(session.id);
    expect(s.confirmed.map((r) => r.id)).toEqual([first.registration.id]);
    expect([s.confirmedCount, s.waitlistCount]).toEqual([1, 0]);
    const byToken = await t.registrations.findByTokenHash(hashToken(first.manageToken));
    expect(byToken?.id).toBe(first.registration.id);
  });

  it('a handler that dies after its write and is retried with the same request: 409, one seat', async () => {
    const session = aSessionInput({ capacity: 10 });
    await t.load(aProgrammeFile([session]));
    const person = aRegistrationRequest();
    // First invocation: the transaction is written, then the function dies before it answers,
    // so the client never sees the 201 (the result is deliberately dropped).
    await registerForSession(t, session.id, person);

    // The client retries the same POST (there is no idempotency key): the email guard answers.
    await expect(registerForSession(t, session.id, person)).rejects.toMatchObject({ name: 'AlreadyRegistered' });

    const s = await storedState(session.id);
    expect(s.confirmed).toHaveLength(1);
    expect([s.confirmedCount, s.waitlistCount]).toEqual([1, 0]);
  });
});
