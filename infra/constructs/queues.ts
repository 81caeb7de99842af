import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';

/**
 * A dead-letter queue: SQS-managed encryption, TLS only, the longest retention SQS allows so a
 * failure found after a weekend can still be inspected and redriven. Every one gets an alarm.
 */
export const deadLetterQueue = (scope: Construct, id: string): Queue =>
  new Queue(scope, id, {
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
}

/** A work queue with its dead-letter queue, encrypted and TLS only. */
export const workQueue = (scope: Construct, id: string, props: WorkQueueProps): Queue =>
  new Queue(scope, id, {
    encryption: QueueEncryption.SQS_MANAGED,
    enforceSSL: true,
    visibilityTimeout: props.visibilityTimeout,
    retentionPeriod: Duration.days(4),
    deadLetterQueue: { queue: props.deadLetterQueue, maxReceiveCount: props.maxReceiveCount },
    removalPolicy: RemovalPolicy.DESTROY,
  });
