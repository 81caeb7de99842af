import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';

/**
 * A dead-letter queue: SQS-managed encryption, TLS only, the longest retention SQS allows so a
 * failure found after a weekend can still be inspected and redriven. Every one gets an alarm.
 */
export const deadLetterQueue = (scope: Construct, id: string, opts: { fifo?: boolean } = {}): Queue =>
  new Queue(scope, id, {
    // A FIFO queue's dead-letter queue must be FIFO too.
    ...(opts.fifo ? { fifo: true } : {}),
    encryption: QueueEncryption.SQS_MANAGED,
    enforceSSL: true,
    retentionPeriod: Duration.days(14),
    removalPolicy: RemovalPolicy.DESTROY,
  });

export interface WorkQueueProps {
  deadLetterQueue: Queue;
  /** Visibility timeout; at least six times the consumer's timeout, as Lambda advises. */
  visibilityTimeout: Duration;
  /** Deliveries before a message moves to the dead-letter queue. */
  maxReceiveCount: number;
  /** A FIFO queue (its dead-letter queue must be one too). */
  fifo?: boolean;
  /** @default 4 days */
  retentionPeriod?: Duration;
}

/** A work queue with its dead-letter queue, encrypted and TLS only. */
export const workQueue = (scope: Construct, id: string, props: WorkQueueProps): Queue =>
  new Queue(scope, id, {
    ...(props.fifo ? { fifo: true } : {}),
    encryption: QueueEncryption.SQS_MANAGED,
    enforceSSL: true,
    visibilityTimeout: props.visibilityTimeout,
    retentionPeriod: props.retentionPeriod ?? Duration.days(4),
    deadLetterQueue: { queue: props.deadLetterQueue, maxReceiveCount: props.maxReceiveCount },
    removalPolicy: RemovalPolicy.DESTROY,
  });
