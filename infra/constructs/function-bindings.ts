import type { IRole } from 'aws-cdk-lib/aws-iam';
import type { IScheduleGroup } from 'aws-cdk-lib/aws-scheduler';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import type { FunctionName } from '../../shared/config/env-catalogue';

/** What the bind helpers of ProjectFunction (project-function.ts) grant and take. */
export const TABLE_READ_ACTIONS = [
  'dynamodb:GetItem',
  'dynamodb:BatchGetItem',
  'dynamodb:Query',
  'dynamodb:ConditionCheckItem',
  'dynamodb:DescribeTable',
];
export const TABLE_WRITE_ACTIONS = [
  'dynamodb:PutItem',
  'dynamodb:UpdateItem',
  'dynamodb:DeleteItem',
  'dynamodb:BatchWriteItem',
];

export interface SesSending {
  identityArn: string;
  configurationSetName: string;
  configurationSetArn: string;
  from: string;
}

export interface SchedulerBinding {
  group: IScheduleGroup;
  /** The role EventBridge Scheduler assumes to invoke the target. */
  role: IRole;
  targetArn: string;
  deadLetterQueue: IQueue;
}

/** `stream-publisher` → `StreamPublisher`: the construct id, and with it the logical ids, of a function's resources. */
export const functionConstructId = (name: FunctionName): string =>
  name.replace(/(^|-)([a-z])/g, (_, _dash, c: string) => c.toUpperCase());
