import type { Stack } from 'aws-cdk-lib';
import type { Queue } from 'aws-cdk-lib/aws-sqs';
import type { StageConfig } from '../../config';
import { OperationsAlarms } from '../../constructs/alarms';
import { deadLetterQueue } from '../../constructs/queues';

export type DeadLetterQueues = Record<'mail' | 'stream' | 'delivery' | 'asyncInvoke' | 'schedule' | 'placement', Queue>;

export interface Operations {
  alarms: OperationsAlarms;
  deadLetterQueues: DeadLetterQueues;
}

/**
 * The alarm topic and one dead-letter queue per kind of hop, each with an alarm, so the alarm
 * names the hop that failed. Every other section sends its failures to one of these.
 */
export function addOperations(scope: Stack, config: StageConfig): Operations {
  const alarms = new OperationsAlarms(scope, 'Alarms', { alarmEmail: config.alarmEmail });
  const deadLetterQueues: DeadLetterQueues = {
    mail: deadLetterQueue(scope, 'MailDlq'),
    stream: deadLetterQueue(scope, 'StreamPublisherDlq'),
    delivery: deadLetterQueue(scope, 'EventDeliveryDlq'),
    asyncInvoke: deadLetterQueue(scope, 'AsyncInvokeDlq'),
    schedule: deadLetterQueue(scope, 'ScheduleDeliveryDlq'),
    placement: deadLetterQueue(scope, 'PlacementDlq', { fifo: true }),
  };
  const dlq = deadLetterQueues;
  alarms.deadLetterQueue('Mail', dlq.mail, 'the mail queue (mails the mailer could not send)');
  alarms.deadLetterQueue('StreamPublisher', dlq.stream, 'the stream publisher (table changes not published)');
  alarms.deadLetterQueue('EventDelivery', dlq.delivery, 'the event bus rules (events not delivered)');
  alarms.deadLetterQueue('AsyncInvoke', dlq.asyncInvoke, 'the planner and dispatcher (failed invocations)');
  alarms.deadLetterQueue('ScheduleDelivery', dlq.schedule, 'EventBridge Scheduler (schedules not delivered)');
  alarms.deadLetterQueue(
    'Placement',
    dlq.placement,
    'the placement queue (registrations not placed; the API withdrew them)',
  );
  return { alarms, deadLetterQueues };
}
