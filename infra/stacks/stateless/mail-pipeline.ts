import { Duration, type Stack } from 'aws-cdk-lib';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import type { ISecret } from 'aws-cdk-lib/aws-secretsmanager';
import type { Queue } from 'aws-cdk-lib/aws-sqs';
import { registrationsTable, sessionsTable } from '../../../shared/adapters/dynamodb/table-specs';
import type { LinkedStageConfig } from '../../config';
import { ProjectFunction, type SesSending } from '../../constructs/project-function';
import { workQueue } from '../../constructs/queues';
import type { Tables } from './tables';

export interface MailPipelineProps {
  config: LinkedStageConfig;
  tables: Tables;
  ses: Omit<SesSending, 'from'>;
  manageTokenSecret: ISecret;
  deadLetterQueue: Queue;
}

export interface MailPipeline {
  queue: Queue;
  mailer: ProjectFunction<'mailer'>;
}

const MAILER_TIMEOUT = Duration.seconds(30);

/** The mail queue and the mailer that drains it through SES at the stage's send rate. */
export function addMailPipeline(scope: Stack, props: MailPipelineProps): MailPipeline {
  const { config, tables } = props;
  const queue = workQueue(scope, 'MailQueue', {
    deadLetterQueue: props.deadLetterQueue,
    visibilityTimeout: Duration.seconds(MAILER_TIMEOUT.toSeconds() * 6),
    maxReceiveCount: 5,
  });

  const mailer = ProjectFunction.named(scope, {
    name: 'mailer',
    description: 'Sends the queued mails through SES',
    config,
    timeout: MAILER_TIMEOUT,
  })
    // Sessions write: a hard bounce of a confirmation request releases its hold (the seat's counters move).
    .bindTable('SESSIONS_TABLE', tables.sessions, sessionsTable, 'write')
    .bindTable('REGISTRATIONS_TABLE', tables.registrations, registrationsTable, 'write')
    .bindSesSending({ ...props.ses, from: config.mail.from })
    .bindMailQueue(queue) // a fan-out puts one mail job per registrant back on this queue
    .setEnv('PUBLIC_BASE_URL', config.publicBaseUrl)
    .setEnv('UID_DOMAIN', config.mail.uidDomain)
    .bindManageTokenSecret(props.manageTokenSecret)
    .setEnv('MAIL_SEND_RATE', String(config.mail.sendRatePerSecond));

  // The queue is the mailer's only trigger, so maxConcurrency caps the instances: each sends at
  // most MAIL_SEND_RATE mails/s (token bucket), so the stage sends at most sendRatePerSecond ×
  // maxConcurrency ≤ sesMaxSendRate (checked in infra/config.ts). Reserved concurrency is not used:
  // accounts must keep 100 unreserved, so new accounts with a low concurrency limit could not deploy.
  mailer.fn.addEventSource(
    new SqsEventSource(queue, {
      batchSize: 10,
      maxBatchingWindow: Duration.seconds(2),
      reportBatchItemFailures: true,
      maxConcurrency: config.mail.maxConcurrency,
    }),
  );
  return { queue, mailer };
}
