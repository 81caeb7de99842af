import {
  ActionAfterCompletion,
  ConflictException,
  CreateScheduleCommand,
  type CreateScheduleCommandInput,
  DeleteScheduleCommand,
  FlexibleTimeWindowMode,
  GetScheduleCommand,
  ResourceNotFoundException,
  SchedulerClient,
  UpdateScheduleCommand,
} from '@aws-sdk/client-scheduler';
import { type PlannedSchedule, ScheduleInput } from '../../domain/schedules';
import type { SchedulerPort } from '../../ports/scheduler';

export interface EventBridgeSchedulerOptions {
  /** The stage's schedule group. */
  group: string;
  /** The dispatcher function. */
  targetArn: string;
  /** The role Scheduler assumes to invoke the target. */
  roleArn: string;
  /** Where Scheduler puts an invocation it could not deliver. */
  deadLetterArn: string;
  /** @default 4 retries within 6 hours */
  retry?: { maximumRetryAttempts: number; maximumEventAgeInSeconds: number };
}

export const DEFAULT_SCHEDULE_RETRY = { maximumRetryAttempts: 4, maximumEventAgeInSeconds: 6 * 60 * 60 };

/** The Scheduler request for one planned schedule (exported for the unit test). */
export function scheduleRequest(s: PlannedSchedule, o: EventBridgeSchedulerOptions): CreateScheduleCommandInput {
  const retry = o.retry ?? DEFAULT_SCHEDULE_RETRY;
  return {
    Name: s.name,
    GroupName: o.group,
    Description: `${s.input.purpose} of session ${s.input.sessionId} (version ${s.input.version})`,
    ScheduleExpression: `at(${s.localAt})`,
    ScheduleExpressionTimezone: s.timeZone,
    FlexibleTimeWindow: { Mode: FlexibleTimeWindowMode.OFF },
    ActionAfterCompletion: ActionAfterCompletion.DELETE,
    State: 'ENABLED',
    Target: {
      Arn: o.targetArn,
      RoleArn: o.roleArn,
      Input: JSON.stringify(s.input),
      DeadLetterConfig: { Arn: o.deadLetterArn },
      RetryPolicy: {
        MaximumRetryAttempts: retry.maximumRetryAttempts,
        MaximumEventAgeInSeconds: retry.maximumEventAgeInSeconds,
      },
    },
  };
}

/** EventBridge Scheduler: create, else update (the name exists); delete; read the input back. */
export function createEventBridgeScheduler(
  client: Pick<SchedulerClient, 'send'>,
  opts: EventBridgeSchedulerOptions,
): SchedulerPort {
  return {
    async put(schedule) {
      const request = scheduleRequest(schedule, opts);
      try {
        await client.send(new CreateScheduleCommand(request));
        return 'created';
      } catch (e) {
        if (!(e instanceof ConflictException) && (e as Error).name !== 'ConflictException') throw e;
      }
      await client.send(new UpdateScheduleCommand(request));
      return 'updated';
    },
    async delete(name) {
      try {
        await client.send(new DeleteScheduleCommand({ Name: name, GroupName: opts.group }));
        return true;
      } catch (e) {
        if (e instanceof ResourceNotFoundException || (e as Error).name === 'ResourceNotFoundException') return false;
        throw e;
      }
    },
    async get(name) {
      try {
        const out = await client.send(new GetScheduleCommand({ Name: name, GroupName: opts.group }));
        const parsed = ScheduleInput.safeParse(JSON.parse(out.Target?.Input ?? 'null'));
        return parsed.success ? parsed.data : null;
      } catch (e) {
        if (e instanceof ResourceNotFoundException || (e as Error).name === 'ResourceNotFoundException') return null;
        throw e;
      }
    },
  };
}

export const createSchedulerClient = (): SchedulerClient => new SchedulerClient({});
