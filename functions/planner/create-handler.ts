import { busEventHandler, type ChainOptions } from '../../shared/events/middleware';
import { count } from '../../shared/metrics';
import { planHoldExpiry } from '../../shared/usecases/hold-expiry';
import { type PlannerDeps, planSessionSchedules } from '../../shared/usecases/schedules';

/**
 * Bus rule `session-schedules` (SessionPublished, Rescheduled, TimeConfirmed, Cancelled) → the
 * session's reminder and feedback-request schedules created, moved or deleted; bus rule
 * `hold-schedules` (RegistrationHeld) → the hold's release scheduled at its expiry.
 */
export function createPlannerHandler(deps: PlannerDeps, opts: ChainOptions = {}) {
  return busEventHandler(async (event) => {
    const hold = await planHoldExpiry(deps, event);
    if (hold) {
      count(opts.metrics, 'SchedulesPut', 1);
      return;
    }
    const outcome = await planSessionSchedules(deps, event);
    count(opts.metrics, 'SchedulesPut', outcome?.put.length ?? 0);
    count(opts.metrics, 'SchedulesDeleted', outcome?.deleted.length ?? 0);
  }, opts);
}
