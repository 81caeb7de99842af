import { Duration, Names, type Stack } from 'aws-cdk-lib';
import { EventBus, type IEventBus, type IRuleTarget, Rule } from 'aws-cdk-lib/aws-events';
import { EventBus as EventBusTarget, LambdaFunction, SqsQueue } from 'aws-cdk-lib/aws-events-targets';
import { Effect, PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { type IFunction, StartingPosition } from 'aws-cdk-lib/aws-lambda';
import { SqsDlq } from 'aws-cdk-lib/aws-lambda-event-sources';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import type { RoutingRule, RoutingTarget } from '../../../shared/events/routing';
import type { StageConfig } from '../../config';
import { ProjectFunction } from '../../constructs/project-function';
import { SES_FEEDBACK_EVENTS } from '../stateful-stack';
import type { Tables } from './tables';

/** Retries of the stream publisher on one batch before bisecting leaves it to the DLQ. */
export const STREAM_RETRY_ATTEMPTS = 5;

const SES_DETAIL_TYPES: Record<string, string> = {
  BOUNCE: 'Email Bounced',
  COMPLAINT: 'Email Complaint Received',
  REJECT: 'Email Rejected',
};

export interface EventRoutingProps {
  config: StageConfig;
  tables: Tables;
  eventBus: IEventBus;
  rules: RoutingRule[];
  /** What each routing target of the shared rule data is in this stack. */
  targets: { 'mail-queue': IQueue; planner: IFunction };
  /** The SES configuration set whose feedback events are forwarded to the project bus. */
  sesConfigurationSetName: string;
  streamDeadLetterQueue: IQueue;
  deliveryDeadLetterQueue: IQueue;
}

/**
 * The outbox and the bus: the stream publisher turns both tables' changes into domain events,
 * and one rule per shared routing rule delivers them (plus SES feedback from the default bus).
 */
export function addEventRouting(scope: Stack, props: EventRoutingProps): ProjectFunction<'stream-publisher'> {
  const { config, tables, eventBus } = props;
  const streamPublisher = ProjectFunction.named(scope, {
    name: 'stream-publisher',
    description: 'Turns table changes into domain events on the bus',
    config,
    timeout: Duration.seconds(30),
  }).bindEventBus(eventBus);

  // Bisecting isolates a poison record, bounded retries keep the shard moving, and what still
  // fails is recorded in the stream DLQ. The mappings are made directly rather than through
  // DynamoEventSource, whose grant adds dynamodb:ListStreams on "*": here every stream action
  // names the two streams. (Same construct ids as DynamoEventSource, so the mappings stay put.)
  const streamArns: string[] = [];
  for (const table of [tables.sessions, tables.registrations]) {
    const eventSourceArn = table.tableStreamArn;
    if (!eventSourceArn) throw new Error(`${table.node.path} has no stream`);
    streamArns.push(eventSourceArn);
    streamPublisher.fn.addEventSourceMapping(`DynamoDBEventSource:${Names.nodeUniqueId(table.node)}`, {
      eventSourceArn,
      startingPosition: StartingPosition.TRIM_HORIZON,
      batchSize: 100,
      maxBatchingWindow: Duration.seconds(1),
      bisectBatchOnError: true,
      retryAttempts: STREAM_RETRY_ATTEMPTS,
      maxRecordAge: Duration.hours(24),
      reportBatchItemFailures: true,
      parallelizationFactor: 1,
      onFailure: new SqsDlq(props.streamDeadLetterQueue),
    });
  }
  streamPublisher.fn.addToRolePolicy(
    new PolicyStatement({
      effect: Effect.ALLOW,
      actions: ['dynamodb:DescribeStream', 'dynamodb:GetRecords', 'dynamodb:GetShardIterator', 'dynamodb:ListStreams'],
      resources: streamArns,
    }),
  );

  const delivery = {
    deadLetterQueue: props.deliveryDeadLetterQueue,
    retryAttempts: 20,
    maxEventAge: Duration.hours(24),
  };
  const routeTarget = (target: RoutingTarget): IRuleTarget => {
    switch (target) {
      case 'mail-queue':
        return new SqsQueue(props.targets['mail-queue'], delivery);
      case 'planner':
        return new LambdaFunction(props.targets.planner, delivery);
    }
  };
  const seen = new Set<string>();
  for (const rule of props.rules) {
    if (!/^[a-z][a-z0-9-]*$/.test(rule.name) || seen.has(rule.name)) {
      throw new Error(`Routing rule name "${rule.name}" must be unique kebab-case`);
    }
    seen.add(rule.name);
    new Rule(scope, `Route-${rule.name}`, {
      eventBus,
      description: rule.description,
      eventPattern: { source: rule.eventPattern.source, detailType: rule.eventPattern['detail-type'] },
      targets: [routeTarget(rule.target)],
    });
  }

  // SES delivers its events to the default bus only.
  new Rule(scope, 'ForwardSesFeedback', {
    description: 'Forward SES bounce, complaint and reject events of this configuration set to the project bus',
    eventBus: EventBus.fromEventBusName(scope, 'DefaultBus', 'default'),
    eventPattern: {
      source: ['aws.ses'],
      detailType: SES_FEEDBACK_EVENTS.map((e) => SES_DETAIL_TYPES[e] ?? e),
      detail: { mail: { tags: { 'ses:configuration-set': [props.sesConfigurationSetName] } } },
    },
    targets: [new EventBusTarget(eventBus, { deadLetterQueue: props.deliveryDeadLetterQueue })],
  });
  return streamPublisher;
}
