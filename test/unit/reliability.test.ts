import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { writeTransaction } from '../../shared/adapters/dynamodb/conditions';
import { backoffDelay, retrying } from '../../shared/reliability/retry';

describe('backoff', () => {
  const policy = { baseMs: 100, capMs: 1000 };

  it('doubles per attempt up to the cap', () => {
    const delays = [0, 1, 2, 3, 4, 5].map((n) => backoffDelay(n, { ...policy, jitter: 'none' }));

    expect(delays).toEqual([100, 200, 400, 800, 1000, 1000]);
  });

  it('jitters fully (0 … delay) or by half (delay/2 … delay)', () => {
    expect(backoffDelay(2, { ...policy, jitter: 'full' }, () => 0)).toBe(0);
    expect(backoffDelay(2, { ...policy, jitter: 'full' }, () => 0.5)).toBe(200);
    expect(backoffDelay(2, { ...policy, jitter: 'equal' }, () => 0)).toBe(200);
    expect(backoffDelay(2, { ...policy, jitter: 'equal' }, () => 1)).toBe(400);
  });
});

describe('retrying', () => {
  const waits: number[] = [];
  const opts = (retryable: (e: unknown) => boolean) => ({
    maxAttempts: 4,
    retryable,
    policy: { baseMs: 10, capMs: 1000, jitter: 'none' as const },
    sleep: async (ms: number) => {
      waits.push(ms);
    },
  });

  it('retries a retryable error with growing waits, and gives the last error up when attempts run out', async () => {
    waits.length = 0;
    let calls = 0;

    const outcome = retrying(
      async () => {
        calls++;
        throw new Error(`attempt ${calls}`);
      },
      opts(() => true),
    );

    await expect(outcome).rejects.toThrow('attempt 4');
    expect(waits).toEqual([10, 20, 40]);
  });

  it('gives a non-retryable error up at once, and returns the first success', async () => {
    waits.length = 0;
    const refused = retrying(
      async () => {
        throw new Error('refused');
      },
      opts(() => false),
    );
    await expect(refused).rejects.toThrow('refused');
    expect(waits).toEqual([]);

    let calls = 0;
    const value = await retrying(
      async (attempt) => {
        calls++;
        if (attempt < 2) throw new Error('again');
        return 'ok';
      },
      opts(() => true),
    );
    expect([value, calls]).toEqual(['ok', 2]);
  });
});

describe('named transaction items', () => {
  const failingWith = (codes: string[]) =>
    ({
      send: async () => {
        throw new TransactionCanceledException({
          message: 'cancelled',
          $metadata: {},
          CancellationReasons: codes.map((Code) => ({ Code })),
        });
      },
    }) as unknown as DynamoDBDocumentClient;
  const item = { ConditionCheck: { TableName: 'T', Key: {}, ConditionExpression: 'x' } };

  it('reads cancellation reasons back by name, left-out items not counted', async () => {
    const db = failingWith(['None', 'ConditionalCheckFailed']);

    const cancelled = await writeTransaction(db, { first: item, skipped: null, second: item });

    expect(cancelled?.failed('first')).toBe(false);
    expect(cancelled?.failed('second')).toBe(true);
    expect(cancelled?.code('skipped')).toBe('None');
    expect(cancelled?.retryable).toBe(false);
  });

  it('tells a conflict (worth another attempt) from a failed condition', async () => {
    const cancelled = await writeTransaction(failingWith(['TransactionConflict', 'None']), { a: item, b: item });

    expect(cancelled?.retryable).toBe(true);
  });
});
