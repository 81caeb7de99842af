import type { SQSEvent } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { LocalFifoQueue } from '../../local/fifo-queue';

/**
 * The local SQS FIFO stand-in keeps the rules the placement consumer relies on: order within a
 * message group, one batch of a group in flight at a time, other groups alongside, deduplication
 * for five minutes, failed messages redelivered at the head of their group after the visibility
 * timeout and dead-lettered after maxReceiveCount.
 */
const bodies = (e: SQSEvent) => e.Records.map((r) => r.body);

describe('LocalFifoQueue', () => {
  it('refuses a name without .fifo', () => {
    expect(() => new LocalFifoQueue({ name: 'plain' })).toThrow(/\.fifo/);
  });

  it('delivers a group in order, one batch at a time, at most ten per batch, groups alongside', async () => {
    const q = new LocalFifoQueue({ name: 'q.fifo' });
    const seen: Array<{ group: string; bodies: string[] }> = [];
    const inFlight = new Map<string, number>();
    let overlapInGroup = false;
    for (let i = 0; i < 25; i++) q.send(`a${i}`, 'A', `a${i}`);
    q.send('b0', 'B', 'b0');
    q.start(async (e) => {
      const group = e.Records[0]?.attributes.MessageGroupId ?? '';
      if (e.Records.some((r) => r.attributes.MessageGroupId !== group)) throw new Error('mixed groups');
      if (inFlight.get(group)) overlapInGroup = true;
      inFlight.set(group, 1);
      seen.push({ group, bodies: bodies(e) });
      await new Promise((r) => setTimeout(r, 5));
      inFlight.set(group, 0);
      return { batchItemFailures: [] };
    });
    await q.whenIdle();
    const a = seen.filter((s) => s.group === 'A');
    expect(a.map((s) => s.bodies.length)).toEqual([10, 10, 5]);
    expect(a.flatMap((s) => s.bodies)).toEqual(Array.from({ length: 25 }, (_, i) => `a${i}`));
    // B was not held up behind A's three batches: it went with A's first.
    expect(seen.findIndex((s) => s.group === 'B')).toBeLessThan(2);
    expect(overlapInGroup).toBe(false);
    expect(q.depth).toBe(0);
  });

  it('drops a repeated deduplication id within five minutes, and takes it again after', async () => {
    let now = 1_000_000;
    const q = new LocalFifoQueue({ name: 'q.fifo', now: () => now });
    const first = q.send('x', 'G', 'same');
    expect(q.send('x again', 'G', 'same')).toBe(first);
    expect(q.depth).toBe(1);
    now += 5 * 60_000;
    expect(q.send('x later', 'G', 'same')).not.toBe(first);
    expect(q.depth).toBe(2);
  });

  it('keeps a failed message at the head of its group, then dead-letters it with those failed behind it, as SQS does; the group goes on', async () => {
    const q = new LocalFifoQueue({ name: 'q.fifo', visibilityTimeoutMs: 10, maxReceiveCount: 3 });
    const delivered: string[][] = [];
    q.send('bad', 'G', '1');
    q.send('good', 'G', '2');
    q.start(async (e) => {
      delivered.push(bodies(e));
      const bad = e.Records.filter((r) => r.body === 'bad');
      // As Powertools' FIFO processor reports: the failure and everything after it in the group.
      const failed = bad.length ? e.Records.slice(e.Records.indexOf(bad[0] as never)) : [];
      return { batchItemFailures: failed.map((r) => ({ itemIdentifier: r.messageId })) };
    });
    await q.whenIdle();
    // Each was received three times (the one behind was reported failed each time, to keep the
    // order), so SQS moves both to the dead-letter queue.
    expect(delivered).toEqual([
      ['bad', 'good'],
      ['bad', 'good'],
      ['bad', 'good'],
    ]);
    expect(q.deadLetters).toMatchObject([
      { body: 'bad', groupId: 'G', receiveCount: 3 },
      { body: 'good', groupId: 'G', receiveCount: 3 },
    ]);
    q.send('next', 'G', '3');
    await q.whenIdle();
    expect(delivered.at(-1)).toEqual(['next']);
  });

  it('redelivers the whole batch when the consumer throws, with the receive count on the record', async () => {
    const q = new LocalFifoQueue({ name: 'q.fifo', visibilityTimeoutMs: 5 });
    const counts: string[] = [];
    q.send('m', 'G', '1');
    let calls = 0;
    q.start(async (e) => {
      counts.push(e.Records[0]?.attributes.ApproximateReceiveCount ?? '');
      if (calls++ === 0) throw new Error('crash');
      return { batchItemFailures: [] };
    });
    await q.whenIdle();
    expect(counts).toEqual(['1', '2']);
    expect(q.deadLetters).toEqual([]);
  });
});
