import {
  type _Record,
  DescribeStreamCommand,
  type DynamoDBStreamsClient,
  GetRecordsCommand,
  GetShardIteratorCommand,
  ListStreamsCommand,
} from '@aws-sdk/client-dynamodb-streams';
import type { DynamoDBBatchResponse, DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import { describeError, log } from '../shared/log';

/**
 * What Lambda's event source mapping does for a DynamoDB stream, in process: reads every shard
 * of each table's stream in order (a child shard only after its parent), hands batches to the
 * same handler as in AWS as a DynamoDB Streams event, and honours `batchItemFailures` by
 * retrying from the first failed record. A record that fails `maxAttempts` times is moved to
 * `deadLetters` (in AWS: the mapping's on-failure destination) and the shard moves on.
 */
export type StreamHandler = (event: DynamoDBStreamEvent) => Promise<DynamoDBBatchResponse | undefined>;

export interface StreamPollerOptions {
  client: DynamoDBStreamsClient;
  tableNames: string[];
  handler: StreamHandler;
  batchSize?: number;
  maxAttempts?: number;
  /** How often the shards of a stream are listed again (new shards appear over time). */
  discoverEveryMs?: number;
}

interface ShardState {
  streamArn: string;
  shardId: string;
  parentShardId: string | undefined;
  iterator: string | undefined;
  /** The last record read from the shard: where a fresh iterator resumes. */
  lastSequenceNumber: string | undefined;
  closed: boolean;
  pending: DynamoDBRecord[];
}

export function toLambdaRecord(r: _Record, streamArn: string): DynamoDBRecord {
  const d = r.dynamodb ?? {};
  const when = d.ApproximateCreationDateTime;
  return {
    eventID: r.eventID,
    eventName: r.eventName as DynamoDBRecord['eventName'],
    eventVersion: r.eventVersion ?? '1.1',
    eventSource: 'aws:dynamodb',
    awsRegion: r.awsRegion ?? 'eu-west-1',
    eventSourceARN: streamArn,
    dynamodb: {
      ...(when ? { ApproximateCreationDateTime: Math.floor(new Date(when).getTime() / 1000) } : {}),
      Keys: d.Keys as never,
      ...(d.NewImage ? { NewImage: d.NewImage as never } : {}),
      ...(d.OldImage ? { OldImage: d.OldImage as never } : {}),
      SequenceNumber: d.SequenceNumber,
      SizeBytes: d.SizeBytes,
      StreamViewType: d.StreamViewType as never,
    },
  };
}

export class StreamPoller {
  readonly deadLetters: DynamoDBRecord[] = [];
  private readonly shards = new Map<string, ShardState>();
  private readonly attempts = new Map<string, number>();
  private lastDiscovery = 0;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<number> | undefined;
  private idleRounds = 0;
  /** When the last completed round started, and whether it found nothing. */
  private lastRound: { startedAt: number; idle: boolean } | undefined;

  constructor(private readonly opts: StreamPollerOptions) {}

  /** True after a round that found nothing new and had nothing left to retry. */
  get idle(): boolean {
    return this.idleRounds > 0 && !this.running;
  }

  /**
   * Whether the streams were quiet in a round that began at or after `since` (epoch ms): `idle`
   * when that round found nothing, `busy` when it handled records or has some to retry, `pending`
   * while no such round has finished. Unlike `idle`, this does not depend on catching the poller
   * between rounds, which a slow engine (every round longer than the interval) never allows.
   */
  quietSince(since: number): 'idle' | 'busy' | 'pending' {
    if (!this.lastRound) return 'pending';
    if (!this.lastRound.idle) return 'busy';
    return this.lastRound.startedAt >= since ? 'idle' : 'pending';
  }

  /** One round over every shard; returns how many records reached the handler. */
  async pollOnce(): Promise<number> {
    const startedAt = Date.now();
    const discoverEvery = this.opts.discoverEveryMs ?? 1000;
    if (Date.now() - this.lastDiscovery >= discoverEvery || this.shards.size === 0) await this.discover();
    let handled = 0;
    for (const shard of this.shards.values()) {
      if (shard.closed && shard.pending.length === 0) continue;
      const parent = shard.parentShardId ? this.shards.get(shard.parentShardId) : undefined;
      if (parent && !(parent.closed && parent.pending.length === 0)) continue;
      if (shard.pending.length === 0 && !shard.closed) await this.read(shard);
      if (shard.pending.length > 0) handled += await this.deliver(shard);
    }
    const busy = [...this.shards.values()].some((s) => s.pending.length > 0);
    this.idleRounds = handled === 0 && !busy ? this.idleRounds + 1 : 0;
    this.lastRound = { startedAt, idle: handled === 0 && !busy };
    return handled;
  }

  start(intervalMs = 100): void {
    if (this.timer) return;
    this.timer = setInterval(() => {
      if (this.running) return;
      this.running = this.pollOnce().catch((e) => {
        log('error', 'stream poll failed', describeError(e));
        return 0;
      });
      void this.running.finally(() => {
        this.running = undefined;
      });
    }, intervalMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.running;
  }

  private async discover(): Promise<void> {
    this.lastDiscovery = Date.now();
    for (const tableName of this.opts.tableNames) {
      const streams = await this.opts.client.send(new ListStreamsCommand({ TableName: tableName }));
      const streamArn = streams.Streams?.at(-1)?.StreamArn;
      if (!streamArn) continue;
      let ExclusiveStartShardId: string | undefined;
      do {
        const d = await this.opts.client.send(
          new DescribeStreamCommand({ StreamArn: streamArn, ExclusiveStartShardId }),
        );
        for (const s of d.StreamDescription?.Shards ?? []) {
          if (!s.ShardId || this.shards.has(s.ShardId)) continue;
          this.shards.set(s.ShardId, {
            streamArn,
            shardId: s.ShardId,
            parentShardId: s.ParentShardId,
            iterator: undefined,
            lastSequenceNumber: undefined,
            closed: false,
            pending: [],
          });
        }
        ExclusiveStartShardId = d.StreamDescription?.LastEvaluatedShardId;
      } while (ExclusiveStartShardId);
    }
  }

  private async read(shard: ShardState): Promise<void> {
    if (!shard.iterator) {
      const it = await this.opts.client.send(
        new GetShardIteratorCommand({
          StreamArn: shard.streamArn,
          ShardId: shard.shardId,
          ...(shard.lastSequenceNumber
            ? { ShardIteratorType: 'AFTER_SEQUENCE_NUMBER', SequenceNumber: shard.lastSequenceNumber }
            : { ShardIteratorType: 'TRIM_HORIZON' }),
        }),
      );
      shard.iterator = it.ShardIterator;
      if (!shard.iterator) {
        shard.closed = true;
        return;
      }
    }
    let out: Awaited<ReturnType<typeof this.getRecords>>;
    try {
      out = await this.getRecords(shard.iterator);
    } catch (e) {
      // DynamoDB Local refuses an iterator taken while its shard was still empty once records
      // arrive (and any iterator expires after a while): start again from the last record read.
      if (['TrimmedDataAccessException', 'ExpiredIteratorException'].includes((e as Error).name)) {
        shard.iterator = undefined;
        return;
      }
      throw e;
    }
    const records = (out.Records ?? []).map((r) => toLambdaRecord(r, shard.streamArn));
    shard.pending.push(...records);
    shard.lastSequenceNumber = records.at(-1)?.dynamodb?.SequenceNumber ?? shard.lastSequenceNumber;
    shard.iterator = out.NextShardIterator;
    if (!shard.iterator) shard.closed = true;
  }

  private getRecords(iterator: string) {
    return this.opts.client.send(new GetRecordsCommand({ ShardIterator: iterator, Limit: this.opts.batchSize ?? 100 }));
  }

  private async deliver(shard: ShardState): Promise<number> {
    const batch = shard.pending.slice(0, this.opts.batchSize ?? 100);
    let failedAt = -1;
    try {
      const response = await this.opts.handler({ Records: batch });
      const failures = new Set((response?.batchItemFailures ?? []).map((f) => f.itemIdentifier));
      failedAt = batch.findIndex((r) => failures.has(r.dynamodb?.SequenceNumber ?? ''));
    } catch (e) {
      log('warn', 'stream handler failed; the batch will be retried', describeError(e));
      failedAt = 0;
    }
    if (failedAt < 0) {
      shard.pending.splice(0, batch.length);
      return batch.length;
    }
    // Everything before the first failure is done; retry from the failed record.
    shard.pending.splice(0, failedAt);
    const failed = shard.pending[0];
    const seq = failed?.dynamodb?.SequenceNumber ?? '';
    const attempts = (this.attempts.get(seq) ?? 0) + 1;
    this.attempts.set(seq, attempts);
    if (failed && attempts >= (this.opts.maxAttempts ?? 3)) {
      log('error', 'stream record moved to the dead-letter list', { eventID: failed.eventID, sequenceNumber: seq });
      this.deadLetters.push(failed);
      shard.pending.shift();
      this.attempts.delete(seq);
    }
    return batch.length;
  }
}
