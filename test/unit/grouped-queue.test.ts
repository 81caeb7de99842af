import { describe, expect, it } from 'vitest';
import { groupedQueue } from '../../shared/reliability/grouped-queue';

const settled = <R>(values: R[]): Array<PromiseSettledResult<R>> =>
  values.map((value) => ({ status: 'fulfilled', value }));

describe('groupedQueue', () => {
  it('runs the first item alone, then what queued meanwhile as groups of at most maxGroup, in order', async () => {
    const groups: number[][] = [];
    let release: () => void = () => {};
    const run = async (items: number[]) => {
      groups.push(items);
      if (groups.length === 1) await new Promise<void>((r) => (release = r));
      return settled(items.map((n) => n * 10));
    };
    const q = groupedQueue(run, 3);
    const answers = Promise.all([1, 2, 3, 4, 5, 6].map((n) => q('a', n)));
    release();
    expect(await answers).toEqual([10, 20, 30, 40, 50, 60]);
    expect(groups).toEqual([[1], [2, 3, 4], [5, 6]]);
  });

  it('keeps keys apart, and a failing group fails only its own items', async () => {
    const q = groupedQueue(async (items: string[]) => {
      if (items.includes('bad')) throw new Error('boom');
      return settled(items);
    }, 10);
    const results = await Promise.allSettled([q('a', 'bad'), q('b', 'fine'), q('a', 'later')]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'fulfilled', 'fulfilled']);
  });

  it('passes on a rejection for one item and the values of the others', async () => {
    const q = groupedQueue(
      async (items: number[]): Promise<Array<PromiseSettledResult<number>>> =>
        items.map((n) =>
          n % 2 ? { status: 'fulfilled', value: n } : { status: 'rejected', reason: new Error(`${n}`) },
        ),
      10,
    );
    const results = await Promise.allSettled([1, 2, 3].map((n) => q('k', n)));
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
  });
});
