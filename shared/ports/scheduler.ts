import type { PlannedSchedule, ScheduleInput } from '../domain/schedules';

/**
 * One-time schedules that call the dispatcher: EventBridge Scheduler in AWS
 * (shared/adapters/scheduler/eventbridge-scheduler.ts), an in-process scheduler locally
 * (local/scheduler.ts). Both delete a schedule once it has fired.
 */
export interface SchedulerPort {
  /** Creates the schedule, or moves it (replaces its time and input) when one by that name exists. */
  put(schedule: PlannedSchedule): Promise<'created' | 'updated'>;
  /** Deletes the schedule; true when there was one. */
  delete(name: string): Promise<boolean>;
  /** The input of a pending schedule, or null when there is none. */
  get(name: string): Promise<ScheduleInput | null>;
}
