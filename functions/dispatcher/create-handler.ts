import { type ChainOptions, scheduleHandler } from '../../shared/events/middleware';
import { count } from '../../shared/metrics';
import { type DispatcherDeps, dispatchSchedule } from '../../shared/usecases/schedules';

/** EventBridge Scheduler → a due reminder or feedback request → one mail job per recipient on the mail queue. */
export function createDispatcherHandler(deps: DispatcherDeps, opts: ChainOptions = {}) {
  return scheduleHandler(async (input) => {
    const outcome = await dispatchSchedule(deps, input);
    if (outcome.result === 'dispatched') count(opts.metrics, 'ScheduledMailJobsQueued', outcome.jobs);
    else count(opts.metrics, 'SchedulesRefused');
    return outcome;
  }, opts);
}
