import { Duration, RemovalPolicy, type Stack } from 'aws-cdk-lib';
import { Effect, PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { ScheduleGroup } from 'aws-cdk-lib/aws-scheduler';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { registrationsTable, sessionsTable } from '../../../shared/adapters/dynamodb/table-specs';
import type { LinkedStageConfig } from '../../config';
import { ProjectFunction } from '../../constructs/project-function';
import type { Tables } from './tables';

/** One schedule group per stage (named, so IAM statements and alarms can name it too). */
export const scheduleGroupName = (config: Pick<LinkedStageConfig, 'stage'>): string =>
  `stadsgesprekken-${config.stage}`;

export interface RemindersProps {
  config: LinkedStageConfig;
  tables: Tables;
  mailQueue: IQueue;
  /** Where EventBridge Scheduler puts a schedule it could not deliver. */
  scheduleDeadLetterQueue: IQueue;
  /** Where failed asynchronous invocations of the planner and dispatcher end up. */
  asyncInvokeDeadLetterQueue: IQueue;
}

export interface Reminders {
  planner: ProjectFunction<'planner'>;
  dispatcher: ProjectFunction<'dispatcher'>;
  scheduleGroup: ScheduleGroup;
}

/**
 * Reminders and feedback requests: the planner keeps one-time EventBridge Scheduler schedules per
 * session in step with the session, and the dispatcher, fired by them, queues the mails.
 */
export function addReminders(scope: Stack, props: RemindersProps): Reminders {
  const { config, tables } = props;
  const dispatcher = ProjectFunction.named(scope, {
    name: 'dispatcher',
    description: 'Runs a due reminder or feedback request fired by EventBridge Scheduler',
    config,
    timeout: Duration.seconds(30),
  })
    // Write: an expired unconfirmed hold is released (the seat passes to the waiting list).
    .bindTable('SESSIONS_TABLE', tables.sessions, sessionsTable, 'write')
    .bindTable('REGISTRATIONS_TABLE', tables.registrations, registrationsTable, 'write')
    .bindMailQueue(props.mailQueue)
    .setEnv('PUBLIC_BASE_URL', config.publicBaseUrl);

  const scheduleGroup = new ScheduleGroup(scope, 'ScheduleGroup', {
    scheduleGroupName: scheduleGroupName(config),
    removalPolicy: RemovalPolicy.DESTROY,
  });
  // The role Scheduler assumes may invoke the dispatcher and reach the schedule DLQ, nothing else,
  // and only for schedules of this stage's group in this account (no confused deputy).
  const schedulerRole = new Role(scope, 'SchedulerRole', {
    description: 'Assumed by EventBridge Scheduler to invoke the dispatcher for the schedule group of this stage',
    assumedBy: new ServicePrincipal('scheduler.amazonaws.com', {
      conditions: {
        StringEquals: { 'aws:SourceAccount': scope.account },
        ArnLike: {
          'aws:SourceArn': scope.formatArn({
            service: 'scheduler',
            resource: 'schedule',
            resourceName: `${scheduleGroup.scheduleGroupName}/*`,
          }),
        },
      },
    }),
  });
  schedulerRole.addToPolicy(
    new PolicyStatement({
      effect: Effect.ALLOW,
      actions: ['lambda:InvokeFunction'],
      resources: [dispatcher.fn.functionArn],
    }),
  );
  props.scheduleDeadLetterQueue.grantSendMessages(schedulerRole);

  const planner = ProjectFunction.named(scope, {
    name: 'planner',
    description: 'Keeps the reminder and feedback-request schedules of each session up to date',
    config,
    timeout: Duration.seconds(30),
  })
    .bindTable('SESSIONS_TABLE', tables.sessions, sessionsTable, 'read')
    .bindScheduler({
      group: scheduleGroup,
      role: schedulerRole,
      targetArn: dispatcher.fn.functionArn,
      deadLetterQueue: props.scheduleDeadLetterQueue,
    });

  // Bus rule → planner and schedule → dispatcher are asynchronous invocations.
  planner.retryAsyncInvocations(props.asyncInvokeDeadLetterQueue);
  dispatcher.retryAsyncInvocations(props.asyncInvokeDeadLetterQueue);
  return { planner, dispatcher, scheduleGroup };
}
