import { Duration } from 'aws-cdk-lib';
import type { IHttpStage } from 'aws-cdk-lib/aws-apigatewayv2';
import { Alarm, ComparisonOperator, Metric, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { FilterPattern, type ILogGroup, MetricFilter } from 'aws-cdk-lib/aws-logs';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';

export interface OperationsAlarmsProps {
  /** Subscribed to the alarm topic when given (the stage config requires one for prod). */
  alarmEmail?: string | undefined;
}

/** Where the functions' error log lines are counted. */
export const ERROR_LOG_METRIC = { namespace: 'Stadsgesprekken', metricName: 'ErrorLogLines' } as const;

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

  /**
   * Fires on any 5xx answer of the API stage. The error handler turns every exception into a 500 or
   * 503 response, so the functions' own Errors metric stays 0 for them: only the stage sees them.
   */
  apiServerErrors(id: string, stage: IHttpStage): Alarm {
    const alarm = new Alarm(this, `${id}ServerErrorsAlarm`, {
      alarmDescription: "The HTTP API answered with a 5xx status: see the error lines in the functions' logs.",
      metric: stage.metricServerError({ period: Duration.minutes(5), statistic: 'Sum' }),
      comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
      threshold: 0,
      evaluationPeriods: 1,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    });
    alarm.addAlarmAction(this.action);
    return alarm;
  }

  /**
   * Counts every ERROR line (ours through the logger, and the runtime's own) in each function's log
   * group into one metric, and fires on any: errors a handler caught and answered still reach it.
   */
  errorLogLines(logGroups: Record<string, ILogGroup>): Alarm {
    for (const [id, logGroup] of Object.entries(logGroups)) {
      new MetricFilter(this, `${id}ErrorLines`, {
        logGroup,
        filterPattern: FilterPattern.stringValue('$.level', '=', 'ERROR'),
        metricNamespace: ERROR_LOG_METRIC.namespace,
        metricName: ERROR_LOG_METRIC.metricName,
        metricValue: '1',
      });
    }
    const alarm = new Alarm(this, 'ErrorLogLinesAlarm', {
      alarmDescription: "A function logged an error: look for level ERROR in the functions' log groups.",
      metric: new Metric({ ...ERROR_LOG_METRIC, period: Duration.minutes(5), statistic: 'Sum' }),
      comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
      threshold: 0,
      evaluationPeriods: 1,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    });
    alarm.addAlarmAction(this.action);
    return alarm;
  }
}
