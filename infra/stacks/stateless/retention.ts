import { Duration, type Stack } from 'aws-cdk-lib';
import { Rule, Schedule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { registrationsTable, sessionsTable } from '../../../shared/adapters/dynamodb/table-specs';
import type { StageConfig } from '../../config';
import { ProjectFunction } from '../../constructs/project-function';
import type { Tables } from './tables';

export interface RetentionProps {
  config: StageConfig;
  tables: Tables;
  /** Where the daily rule puts an invocation it could not deliver. */
  deliveryDeadLetterQueue: IQueue;
  /** Where a run that failed all its retries ends up. */
  asyncInvokeDeadLetterQueue: IQueue;
}

/** The daily job that erases personal data whose retention period has passed. */
export function addRetention(scope: Stack, props: RetentionProps): ProjectFunction<'retention'> {
  const { config, tables } = props;
  const retention = ProjectFunction.named(scope, {
    name: 'retention',
    description: 'Daily: erases personal data whose retention period has passed (AVG)',
    config,
    timeout: Duration.minutes(5),
  })
    .bindTable('SESSIONS_TABLE', tables.sessions, sessionsTable, 'read')
    .bindTable('REGISTRATIONS_TABLE', tables.registrations, registrationsTable, 'write');
  new Rule(scope, 'DailyRetention', {
    description: 'Runs the retention job daily at 03:15 UTC',
    schedule: Schedule.cron({ minute: '15', hour: '3' }),
    targets: [new LambdaFunction(retention.fn, { deadLetterQueue: props.deliveryDeadLetterQueue, retryAttempts: 2 })],
  });
  return retention.retryAsyncInvocations(props.asyncInvokeDeadLetterQueue);
}
