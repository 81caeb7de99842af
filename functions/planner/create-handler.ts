import { busEventHandler, type ChainOptions } from '../../shared/events/middleware';
import { count } from '../../shared/metrics';
import { planHoldExpiry, removeHoldSchedule } from '../../shared/usecases/hold-expiry';
import { type PlannerDeps, planSessionSchedules } from '../../shared/usecases/schedules';
import { planOfferExpiry } from '../../shared/usecases/waitlist-offers';

/**
 * Bus rule `session-schedules` (SessionPublished, Rescheduled, TimeConfirmed, Cancelled) → the
 * session's reminder and feedback-request schedules created, moved or deleted; bus rule
 * `hold-schedules` (RegistrationHeld) → the hold's release scheduled at its expiry; (AddressConfirmed,
 * HoldReleased) → that schedule deleted, the hold having ended; bus rule `offer-schedules`
 * (WaitlistOfferMade) → passing the offer on scheduled at its end.
 */
export function createPlannerHandler(deps: PlannerDeps, opts: ChainOptions = {}) {
  return busEventHandler(async (event) => {
    const single = (await planHoldExpiry(deps, event)) ?? (await planOfferExpiry(deps, event));
    if (single) {
      count(opts.metrics, 'SchedulesPut', 1);
      return;
    }
    const ended = await removeHoldSchedule(deps, event);
    if (ended) {
      count(opts.metrics, 'SchedulesDeleted', ended.deleted ? 1 : 0);
      return;
    }
    const outcome = await planSessionSchedules(deps, event);
    count(opts.metrics, 'SchedulesPut', outcome?.put.length ?? 0);
    count(opts.metrics, 'SchedulesDeleted', outcome?.deleted.length ?? 0);
  }, opts);
}
