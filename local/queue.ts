import { randomUUID } from 'node:crypto';
import type { SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';

/**
 * An in-process queue with the SQS semantics our consumers rely on:
 * - at-least-once: a message stays until a consumer succeeds with it;
 * - a received message is invisible for `visibilityTimeoutMs`, then visible again;
 * - a consumer's `batchItemFailures` (or a thrown error: the whole batch) leave those messages
 *   to reappear after the visibility timeout, the others are deleted;
 * - a message received `maxReceiveCount` times without success moves to the dead-letter list
 *   instead of being delivered again.
 * Time comes from `now`, so tests drive it by hand; `start()` polls on a timer for npm start.
 */
export type SqsConsumer = (event: SQSEvent) => Promise<SQSBatchResponse | undefined>;

export interface LocalQueueOptions {
  name: string;
  visibilityTimeoutMs?: number;
  maxReceiveCount?: number;
  batchSize?: number;
  now?: () => number;
}

interface StoredMessage {
  messageId: string;
  body: string;
  sentAt: number;
  receiveCount: number;
  visibleAt: number;
}

export interface DeadLetter {
  messageId: string;
  body: string;
  receiveCount: number;
}

export class LocalQueue {
  readonly name: string;
  readonly arn: string;
  private readonly visibilityTimeoutMs: number;
  private readonly maxReceiveCount: number;
  private readonly batchSize: number;
  private readonly now: () => number;
  private messages: StoredMessage[] = [];
  readonly deadLetters: DeadLetter[] = [];
  private timer: NodeJS.Timeout | undefined;
  private polling: Promise<number> | undefined;
  private idleWaiters: Array<() => void> = [];

  constructor(opts: LocalQueueOptions) {
    this.name = opts.name;
    this.arn = `arn:aws:sqs:eu-west-1:000000000000:${opts.name}`;
    this.visibilityTimeoutMs = opts.visibilityTimeoutMs ?? 30_000;
    this.maxReceiveCount = opts.maxReceiveCount ?? 5;
    this.batchSize = opts.batchSize ?? 10;
    this.now = opts.now ?? Date.now;
  }

  send(body: string): string {
    const messageId = randomUUID();
    const at = this.now();
    this.messages.push({ messageId, body, sentAt: at, receiveCount: 0, visibleAt: at });
    return messageId;
  }

  /** Messages not yet deleted (visible or in flight). */
  get depth(): number {
    return this.messages.length;
  }

  /**
   * One receive-and-deliver round: takes up to batchSize visible messages (dead-lettering those
   * past maxReceiveCount), hands them to the consumer, deletes the ones it did not report as
   * failed. Returns how many were delivered.
   */
  async pollOnce(consumer: SqsConsumer): Promise<number> {
    const now = this.now();
    const batch: StoredMessage[] = [];
    for (const m of [...this.messages]) {
      if (batch.length >= this.batchSize) break;
      if (m.visibleAt > now) continue;
      if (m.receiveCount >= this.maxReceiveCount) {
        this.remove(m.messageId);
        this.deadLetters.push({ messageId: m.messageId, body: m.body, receiveCount: m.receiveCount });
        continue;
      }
      m.receiveCount++;
      m.visibleAt = now + this.visibilityTimeoutMs;
      batch.push(m);
    }
    if (batch.length === 0) return 0;
    let failed: Set<string>;
    try {
      const response = await consumer({ Records: batch.map((m) => this.toRecord(m, now)) });
      failed = new Set((response?.batchItemFailures ?? []).map((f) => f.itemIdentifier));
    } catch {
      failed = new Set(batch.map((m) => m.messageId)); // the whole batch failed
    }
    for (const m of batch) if (!failed.has(m.messageId)) this.remove(m.messageId);
    return batch.length;
  }

  /** Polls on a timer until stop(); one round at a time. */
  start(consumer: SqsConsumer, intervalMs = 50): void {
    if (this.timer) return;
    const tick = async () => {
      if (this.polling) return;
      this.polling = this.pollOnce(consumer);
      try {
        await this.polling;
      } finally {
        this.polling = undefined;
        if (this.messages.length === 0) for (const w of this.idleWaiters.splice(0)) w();
      }
    };
    this.timer = setInterval(() => void tick(), intervalMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.polling;
  }

  /** Resolves once the queue is empty (every message deleted or dead-lettered). */
  whenEmpty(): Promise<void> {
    if (this.messages.length === 0 && !this.polling) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  private remove(id: string) {
    this.messages = this.messages.filter((m) => m.messageId !== id);
  }

  private toRecord(m: StoredMessage, now: number): SQSRecord {
    return sqsRecord(this.arn, m, now);
  }
}

/** A message as Lambda's SQS event source hands it over; a FIFO queue adds its own attributes. */
export function sqsRecord(
  arn: string,
  m: { messageId: string; body: string; receiveCount: number; sentAt: number },
  now: number,
  fifo: Partial<SQSRecord['attributes']> = {},
): SQSRecord {
  return {
    messageId: m.messageId,
    receiptHandle: `${m.messageId}#${m.receiveCount}`,
    body: m.body,
    attributes: {
      ApproximateReceiveCount: String(m.receiveCount),
      SentTimestamp: String(m.sentAt),
      SenderId: 'local',
      ApproximateFirstReceiveTimestamp: String(now),
      ...fifo,
    },
    messageAttributes: {},
    md5OfBody: '',
    eventSource: 'aws:sqs',
    eventSourceARN: arn,
    awsRegion: 'eu-west-1',
  };
}
