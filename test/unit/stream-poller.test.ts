import type { _Record, DynamoDBStreamsClient } from '@aws-sdk/client-dynamodb-streams';
import { afterEach, describe, expect, it } from 'vitest';
import { StreamPoller } from '../../local/stream-poller';

/**
 * The poller's quietness as `settled()` reads it, against a scripted streams client: one table,
 * one open shard, records appended by the test, and every call as slow as the test says (a loaded
 * DynamoDB Local answers slower than the poll interval).
 */
function scriptedStreams(delayMs: number) {
  const records: _Record[] = [];
  let served = 0;
  const client = {
    async send(command: { constructor: { name: string }; input: Record<string, unknown> }) {
      await new Promise((r) => setTimeout(r, delayMs));
      switch (command.constructor.name) {
        case 'ListStreamsCommand':
          return { Streams: [{ StreamArn: 'arn:stream/t' }] };
        case 'DescribeStreamCommand':
          return { StreamDescription: { Shards: [{ ShardId: 'shard-1' }] } };
        case 'GetShardIteratorCommand':
          return { ShardIterator: 'it' };
        case 'GetRecordsCommand': {
          const out = records.slice(served);
          served = records.length;
          return { Records: out, NextShardIterator: 'it' };
        }
        default:
          throw new Error(`unexpected ${command.constructor.name}`);
      }
    },
  } as unknown as DynamoDBStreamsClient;
  const append = (n: number) => {
    for (let i = 0; i < n; i++) {
      const seq = String(records.length + 1).padStart(6, '0');
      records.push({ eventID: seq, eventName: 'INSERT', dynamodb: { SequenceNumber: seq, Keys: {} } });
    }
  };
  return { client, append };
}

const until = async (check: () => boolean, ms = 5_000) => {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('condition not reached');
    await new Promise((r) => setTimeout(r, 5));
  }
};

let poller: StreamPoller | undefined;
afterEach(async () => {
  await poller?.stop();
  poller = undefined;
});

describe('stream poller quietness', () => {
  it('is pending until a round that began after the mark has finished, then idle', async () => {
    const streams = scriptedStreams(5);
    const handled: number[] = [];
    poller = new StreamPoller({
      client: streams.client,
      tableNames: ['t'],
      handler: async (e) => {
        handled.push(e.Records.length);
        return { batchItemFailures: [] };
      },
    });
    const mark = Date.now();
    expect(poller.quietSince(mark)).toBe('pending');
    await poller.pollOnce();
    expect(poller.quietSince(mark)).toBe('idle');
    expect(poller.quietSince(Date.now() + 1)).toBe('pending');
  });

  it('is busy after a round that handled records, and idle again after an empty one', async () => {
    const streams = scriptedStreams(1);
    poller = new StreamPoller({ client: streams.client, tableNames: ['t'], handler: async () => undefined });
    await poller.pollOnce();
    streams.append(3);
    const mark = Date.now();
    expect(await poller.pollOnce()).toBe(3);
    expect(poller.quietSince(mark)).toBe('busy');
    await poller.pollOnce();
    expect(poller.quietSince(mark)).toBe('idle');
  });

  it('reports quiet even when every round is slower than the interval (where `idle` never shows)', async () => {
    // Four calls a round at 40 ms each, polled every 10 ms: a new round starts as soon as one ends.
    const streams = scriptedStreams(40);
    poller = new StreamPoller({ client: streams.client, tableNames: ['t'], handler: async () => undefined });
    poller.start(10);
    const mark = Date.now();
    await until(() => poller?.quietSince(mark) === 'idle');
    expect(poller.quietSince(mark)).toBe('idle');
  });

  it('control: records appended after the mark keep it from reading idle until they are handled', async () => {
    const streams = scriptedStreams(1);
    const seen: string[] = [];
    poller = new StreamPoller({
      client: streams.client,
      tableNames: ['t'],
      handler: async (e) => {
        for (const r of e.Records) seen.push(r.eventID ?? '');
        return { batchItemFailures: [] };
      },
    });
    await poller.pollOnce();
    const mark = Date.now();
    streams.append(2);
    await poller.pollOnce();
    expect(poller.quietSince(mark)).toBe('busy');
    expect(seen).toEqual(['000001', '000002']);
  });
});
