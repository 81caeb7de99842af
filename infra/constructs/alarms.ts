import { Duration } from 'aws-cdk-lib';
import { Alarm, ComparisonOperator, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';

export interface OperationsAlarmsProps {
  /** Subscribed to the alarm topic when given. */
  alarmEmail?: string;
}

/**
 * The alarms the organiser needs to hear about: anything in a dead-letter queue, and any function
 * error. All of them notify one SNS topic.
 */
export class OperationsAlarms extends Construct {
  readonly topic: Topic;
  private readonly action: SnsAction;

  constructor(scope: Construct, id: string, props: OperationsAlarmsProps) {
    super(scope, id);
    this.topic = new Topic(this, 'Topic', { displayName: 'Stadsgesprekken alarms', enforceSSL: true });
    if (props.alarmEmail) this.topic.addSubscription(new EmailSubscription(props.alarmEmail));
    this.action = new SnsAction(this.topic);
  }

  /** Fires as soon as one message is visible in the dead-letter queue. */
  deadLetterQueue(id: string, queue: IQueue, what: string): Alarm {
    const alarm = new Alarm(this, `${id}DlqAlarm`, {
      alarmDescription: `Messages in the dead-letter queue of ${what}: inspect them and redrive once fixed.`,
      metric: queue.metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(1), statistic: 'Maximum' }),
      comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
      threshold: 0,
      evaluationPeriods: 1,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    });
    alarm.addAlarmAction(this.action);
    return alarm;
  }

  /** Fires on any error of the function within five minutes. */
  functionErrors(id: string, fn: IFunction, what: string): Alarm {
    const alarm = new Alarm(this, `${id}ErrorsAlarm`, {
      alarmDescription: `The ${what} function reported errors.`,
      metric: fn.metricErrors({ period: Duration.minutes(5), statistic: 'Sum' }),
      comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
      threshold: 0,
      evaluationPeriods: 1,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    });
    alarm.addAlarmAction(this.action);
    return alarm;
  }
}
