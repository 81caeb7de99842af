import { Token, Validations } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';
import type { StatefulStack } from './stacks/stateful-stack';
import type { StatelessStack } from './stacks/stateless-stack';

/**
 * Every cdk-nag (AwsSolutions) finding the project accepts, each on the narrowest construct and
 * with the reason it is accepted. cdk-nag 3 matches acknowledgements by exact finding id, so a new
 * finding of the same rule elsewhere still fails the checks.
 */
const ack = (scope: IConstruct, id: string, reason: string) => Validations.of(scope).acknowledge({ id, reason });

export const acknowledgeNagFindings = ({
  stateful,
  stateless,
}: {
  stateful: StatefulStack;
  stateless: StatelessStack;
}): void => {
  ack(
    stateful.manageTokenSecret,
    'AwsSolutions-SMG4',
    'The key derives the manage tokens in links already sent to registrants; rotating it would silently break ' +
      'every such link, so it is deliberately not rotated. Only the public API and the mailer can read it.',
  );

  for (const f of Object.values(stateless.functions)) {
    const role = f.fn.role;
    if (!role) throw new Error(`${f.functionName} has no role`);
    ack(
      role,
      'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
      'The basic execution policy only allows writing to CloudWatch Logs; the function logs to its own log group.',
    );
    ack(
      role,
      'AwsSolutions-IAM5[Resource::*]',
      'X-Ray tracing (xray:PutTraceSegments, PutTelemetryRecords) and, for the stream publisher, dynamodb:ListStreams ' +
        'support no resource-level permissions; AWS requires "*" for them. All data access names its resources.',
    );
  }

  const planner = stateless.functions.planner.fn.role;
  if (!planner) throw new Error('planner has no role');
  const region = Token.isUnresolved(stateless.region) ? '<AWS::Region>' : stateless.region;
  const account = Token.isUnresolved(stateless.account) ? '<AWS::AccountId>' : stateless.account;
  ack(
    planner,
    `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:scheduler:${region}:${account}:schedule/${stateless.scheduleGroup.scheduleGroupName}/*]`,
    'The planner creates one schedule per session and reminder under names it derives at run time; the permission ' +
      "is limited to the project's own schedule group.",
  );

  const { stream, delivery, asyncInvoke, schedule } = stateless.deadLetterQueues;
  const dlqRoles: [IConstruct, string][] = [
    [stream, 'on-failure destination of the DynamoDB stream event sources'],
    [delivery, 'dead-letter queue of the EventBridge rule targets'],
    [asyncInvoke, 'on-failure destination of the asynchronous planner and dispatcher invocations'],
    [schedule, 'dead-letter queue the planner sets on every EventBridge Scheduler target'],
  ];
  for (const [queue, role] of dlqRoles) {
    ack(
      queue,
      'AwsSolutions-SQS3',
      `This queue is itself a dead-letter queue (${role}); cdk-nag only recognises redrive-policy DLQs. It has an alarm.`,
    );
  }

  ack(
    stateless.userPool,
    'AwsSolutions-COG8',
    'The pool holds a handful of organiser accounts, created by an administrator (no self sign-up) and required to ' +
      'use TOTP MFA; the Plus feature plan (threat protection) costs more than this risk warrants.',
  );

  for (const route of stateless.publicRoutes) {
    ack(
      route,
      'AwsSolutions-APIG4',
      'A public route of the registration form (API.md): anyone may read the programme and register. Registrations ' +
        'are held by their unguessable manage token; abuse is limited by stage and route throttling and the honeypot.',
    );
  }
};
