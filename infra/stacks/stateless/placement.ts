import { Duration, type Stack } from 'aws-cdk-lib';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import type { Queue } from 'aws-cdk-lib/aws-sqs';
import { registrationsTable, sessionsTable } from '../../../shared/adapters/dynamodb/table-specs';
import type { StageConfig } from '../../config';
import { ProjectFunction } from '../../constructs/project-function';
import { workQueue } from '../../constructs/queues';
import type { Tables } from './tables';

export interface PlacementProps {
  config: StageConfig;
  tables: Tables;
  deadLetterQueue: Queue;
}

export interface Placement {
  queue: Queue;
  consumer: ProjectFunction<'placement'>;
}

const CONSUMER_TIMEOUT = Duration.seconds(30);

/**
 * The placement queue (docs/contention-model.md, "The placement queue"): an SQS FIFO queue with
 * one message group per session, and the consumer that places each group's registrations in one
 * transaction. SQS hands a message group to one invocation at a time, so a session's counter item
 * has one writer however many API containers a rush starts. A message lives an hour at most: the
 * API has withdrawn it after its wait (8 s), and the consumer withdraws anything past its answer time.
 */
export function addPlacement(scope: Stack, props: PlacementProps): Placement {
  const { config, tables } = props;
  const queue = workQueue(scope, 'PlacementQueue', {
    fifo: true,
    deadLetterQueue: props.deadLetterQueue,
    visibilityTimeout: Duration.seconds(CONSUMER_TIMEOUT.toSeconds() * 6),
    maxReceiveCount: 5,
    retentionPeriod: Duration.hours(1),
  });
  const consumer = ProjectFunction.named(scope, {
    name: 'placement',
    description: 'Places queued registrations, one session at a time, with their outcomes',
    config,
    timeout: CONSUMER_TIMEOUT,
    memorySize: 1024,
  })
    .bindTable('SESSIONS_TABLE', tables.sessions, sessionsTable, 'write')
    .bindTable('REGISTRATIONS_TABLE', tables.registrations, registrationsTable, 'write');
  // No batching window: the API waits for the outcome. Ten messages is FIFO's most per batch.
  consumer.fn.addEventSource(new SqsEventSource(queue, { batchSize: 10, reportBatchItemFailures: true }));
  return { queue, consumer };
}
