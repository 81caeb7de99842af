import { randomUUID } from 'node:crypto';
import type { SQSRecord } from 'aws-lambda';
import { type PlacementQueue, placementMessageBody } from '../shared/ports/placement-queue';
import { type SqsConsumer, sqsRecord } from './queue';

/**
 * An in-process stand-in for an SQS FIFO queue with a Lambda event source mapping, with the
 * semantics the placement consumer relies on (docs/contention-model.md, "The placement queue"):
 * - a message group's messages are delivered in the order they were sent, and while any of them is
 *   in flight no other message of that group is delivered; other groups are delivered alongside;
 * - a batch holds up to `batchSize` (SQS FIFO's 10) consecutive messages of one group;
 * - a deduplication id seen in the last five minutes is accepted and dropped, as SQS does;
 * - messages the consumer reports in `batchItemFailures` (or all, when it throws) stay at the head
 *   of their group, invisible for `visibilityTimeoutMs`, and block the group until delivered again;
 *   after `maxReceiveCount` receives a message moves to `deadLetters` and the group goes on.
 * Delivery starts as soon as a message is sent (Lambda's pollers long-poll); `whenIdle()` resolves
 * once nothing is queued or in flight.
 */
export interface LocalFifoQueueOptions {
  name: string;
  visibilityTimeoutMs?: number;
  maxReceiveCount?: number;
  batchSize?: number;
  now?: () => number;
}

interface FifoMessage {
  messageId: string;
  body: string;
  groupId: string;
  dedupId: string;
  sentAt: number;
  sequenceNumber: string;
  receiveCount: number;
  visibleAt: number;
}

const DEDUP_WINDOW_MS = 5 * 60_000;

export class LocalFifoQueue {
  readonly name: string;
  readonly arn: string;
  readonly deadLetters: Array<{ messageId: string; body: string; groupId: string; receiveCount: number }> = [];
  /** Batches delivered, for tests: each one group's messages in order. */
  readonly deliveries: Array<{ groupId: string; messageIds: string[] }> = [];
  private readonly visibilityTimeoutMs: number;
  private readonly maxReceiveCount: number;
  private readonly batchSize: number;
  private readonly now: () => number;
  private readonly groups = new Map<string, FifoMessage[]>();
  private readonly inFlight = new Set<string>();
  private readonly seen = new Map<string, { messageId: string; at: number }>();
  private consumer: SqsConsumer | undefined;
  private sequence = 0;
  private wake: NodeJS.Timeout | undefined;
  private idleWaiters: Array<() => void> = [];
  private running = new Set<Promise<void>>();

  constructor(opts: LocalFifoQueueOptions) {
    if (!opts.name.endsWith('.fifo')) throw new Error('a FIFO queue name ends in .fifo');
    this.name = opts.name;
    this.arn = `arn:aws:sqs:eu-west-1:000000000000:${opts.name}`;
    this.visibilityTimeoutMs = opts.visibilityTimeoutMs ?? 30_000;
    this.maxReceiveCount = opts.maxReceiveCount ?? 5;
    this.batchSize = opts.batchSize ?? 10;
    this.now = opts.now ?? Date.now;
  }

  /** SendMessage with MessageGroupId and MessageDeduplicationId; answers the message id. */
  send(body: string, groupId: string, dedupId: string): string {
    const at = this.now();
    for (const [id, s] of this.seen) if (s.at + DEDUP_WINDOW_MS <= at) this.seen.delete(id);
    const earlier = this.seen.get(dedupId);
    if (earlier) return earlier.messageId;
    const messageId = randomUUID();
    this.seen.set(dedupId, { messageId, at });
    const group = this.groups.get(groupId) ?? [];
    this.groups.set(groupId, group);
    group.push({
      messageId,
      body,
      groupId,
      dedupId,
      sentAt: at,
      sequenceNumber: String(++this.sequence).padStart(20, '0'),
      receiveCount: 0,
      visibleAt: at,
    });
    this.pumpSoon(0);
    return messageId;
  }

  /** Messages not yet deleted, in flight included. */
  get depth(): number {
    let n = 0;
    for (const g of this.groups.values()) n += g.length;
    return n;
  }

  /** Starts delivering to the consumer (the function's handler, as its event source mapping would). */
  start(consumer: SqsConsumer): void {
    this.consumer = consumer;
    this.pumpSoon(0);
  }

  /** Stops delivering; resolves when the batches in flight are done. */
  async stop(): Promise<void> {
    this.consumer = undefined;
    clearTimeout(this.wake);
    await Promise.all([...this.running]);
  }

  /** Resolves once every message is deleted or dead-lettered and nothing is in flight. */
  whenIdle(): Promise<void> {
    if (this.depth === 0 && this.running.size === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  private pumpSoon(ms: number) {
    if (!this.consumer) return;
    clearTimeout(this.wake);
    this.wake = setTimeout(() => this.pump(), ms);
    this.wake.unref?.();
  }

  private pump() {
    const consumer = this.consumer;
    if (!consumer) return;
    const now = this.now();
    let nextVisible = Number.POSITIVE_INFINITY;
    for (const [groupId, group] of this.groups) {
      if (this.inFlight.has(groupId)) continue;
      while (group[0] && group[0].receiveCount >= this.maxReceiveCount && group[0].visibleAt <= now) {
        const m = group.shift() as FifoMessage;
        this.deadLetters.push({ messageId: m.messageId, body: m.body, groupId, receiveCount: m.receiveCount });
      }
      if (group.length === 0) {
        this.groups.delete(groupId);
        continue;
      }
      const head = group[0] as FifoMessage;
      if (head.visibleAt > now) {
        nextVisible = Math.min(nextVisible, head.visibleAt);
        continue;
      }
      const batch = group.slice(0, this.batchSize).filter((m) => m.receiveCount < this.maxReceiveCount);
      this.deliver(consumer, groupId, batch, now);
    }
    if (nextVisible < Number.POSITIVE_INFINITY) this.pumpSoon(Math.max(1, nextVisible - now));
    this.settleIdle();
  }

  private deliver(consumer: SqsConsumer, groupId: string, batch: FifoMessage[], now: number) {
    this.inFlight.add(groupId);
    for (const m of batch) {
      m.receiveCount++;
      m.visibleAt = now + this.visibilityTimeoutMs;
    }
    this.deliveries.push({ groupId, messageIds: batch.map((m) => m.messageId) });
    const run = (async () => {
      let failed: Set<string>;
      try {
        const response = await consumer({ Records: batch.map((m) => this.toRecord(m, now)) });
        failed = new Set((response?.batchItemFailures ?? []).map((f) => f.itemIdentifier));
      } catch {
        failed = new Set(batch.map((m) => m.messageId));
      }
      const group = this.groups.get(groupId) ?? [];
      const done = new Set(batch.filter((m) => !failed.has(m.messageId)).map((m) => m.messageId));
      this.groups.set(
        groupId,
        group.filter((m) => !done.has(m.messageId)),
      );
      this.inFlight.delete(groupId);
    })();
    this.running.add(run);
    void run.finally(() => {
      this.running.delete(run);
      this.pumpSoon(0);
    });
  }

  private settleIdle() {
    if (this.depth === 0 && this.running.size === 0) for (const w of this.idleWaiters.splice(0)) w();
  }

  private toRecord(m: FifoMessage, now: number): SQSRecord {
    return sqsRecord(this.arn, m, now, {
      SequenceNumber: m.sequenceNumber,
      MessageGroupId: m.groupId,
      MessageDeduplicationId: m.dedupId,
    });
  }
}

/** The placement queue's port on the stand-in, as shared/adapters/sqs/placement-queue.ts sends to SQS. */
export const localPlacementQueue = (queue: LocalFifoQueue): PlacementQueue => ({
  send: async (message) => {
    queue.send(placementMessageBody(message), message.reg.sessionId, message.reg.id);
  },
});
