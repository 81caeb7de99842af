import { holdHasExpired, holdScheduleName } from '../domain/holds';
import { instantToIso } from '../domain/time';
import type { DomainEvent } from '../events/catalogue';
import { log } from '../log';
import type { Clock } from '../ports/clock';
import type { HoldRepository } from '../ports/holds';
import type { RegistrationRepository } from '../ports/registrations';
import type { SchedulerPort } from '../ports/scheduler';

/**
 * Holds end on their own one-time schedule (EventBridge Scheduler, `hold-<registrationId>`), the
 * same machinery as reminders: the planner creates it from the RegistrationHeld event, the
 * dispatcher releases the seat when it fires; once the hold ends otherwise (confirmed, released) the
 * planner deletes the schedule. Every step is idempotent: the schedule's name is
 * the registration's, and the release is a conditional write that only succeeds while the hold
 * stands, so a repeated, late or concurrent firing releases nothing twice.
 */

export interface HoldPlannerDeps {
  scheduler: SchedulerPort;
}

/** The planner's part: RegistrationHeld → the hold's schedule at its expiry. */
export async function planHoldExpiry(
  deps: HoldPlannerDeps,
  event: DomainEvent,
): Promise<{ name: string; result: 'created' | 'updated' } | null> {
  if (event.name !== 'RegistrationHeld') return null;
  const { registrationId, sessionId, holdExpiresAt } = event.data;
  const at = new Date(holdExpiresAt);
  const name = holdScheduleName(registrationId);
  const result = await deps.scheduler.put({
    name,
    at,
    // Scheduler's at() in UTC: a hold is an elapsed time, not a wall time.
    localAt: at.toISOString().slice(0, 19),
    timeZone: 'UTC',
    input: { sessionId, purpose: 'hold-expiry', registrationId, version: 1, dueAt: instantToIso(at, 'UTC') },
  });
  log('info', 'hold expiry planned', { registrationId, at: holdExpiresAt, result });
  return { name, result };
}

/**
 * The planner's other part: a hold that ended (AddressConfirmed, or HoldReleased after a bounce or
 * its expiry) needs no schedule any more, so the planner deletes `hold-<registrationId>`. A missing
 * schedule is fine (it fired and was deleted, or this is a repeat): the result is then false. An
 * AddressConfirmed that overtakes its RegistrationHeld leaves a schedule behind; its firing finds the
 * hold ended and releases nothing (releaseExpiredHold).
 */
export async function removeHoldSchedule(
  deps: HoldPlannerDeps,
  event: DomainEvent,
): Promise<{ name: string; deleted: boolean } | null> {
  if (event.name !== 'AddressConfirmed' && event.name !== 'HoldReleased') return null;
  const { registrationId } = event.data;
  const name = holdScheduleName(registrationId);
  const deleted = await deps.scheduler.delete(name);
  log('info', 'hold schedule removed', { registrationId, event: event.name, deleted });
  return { name, deleted };
}

export interface HoldExpiryDeps {
  registrations: Pick<RegistrationRepository, 'get'>;
  holds: Pick<HoldRepository, 'release'>;
  clock: Clock;
}

export type HoldExpiryOutcome =
  | { result: 'released'; registrationId: string; promoted: string | null }
  | { result: 'kept'; registrationId: string; why: 'gone' | 'not-held' | 'not-yet-expired' | 'already-released' };

/** The dispatcher's part: the hold's schedule fired; release the seat if the hold still stands. */
export async function releaseExpiredHold(
  deps: HoldExpiryDeps,
  input: { sessionId: string; registrationId?: string | undefined },
): Promise<HoldExpiryOutcome> {
  const registrationId = input.registrationId ?? '';
  const reg = registrationId ? await deps.registrations.get(input.sessionId, registrationId) : null;
  if (!reg) return { result: 'kept', registrationId, why: 'gone' };
  const now = deps.clock.now();
  if (!holdHasExpired(reg, now)) {
    const why =
      reg.holdExpiresAt && !reg.addressConfirmedAt && reg.status !== 'cancelled' ? 'not-yet-expired' : 'not-held';
    log('info', 'hold expiry fired and keeps the seat', { registrationId, why });
    return { result: 'kept', registrationId, why };
  }
  const outcome = await deps.holds.release(reg, now, 'hold-expired');
  if (!outcome.changed) return { result: 'kept', registrationId, why: 'already-released' };
  log('info', 'hold released', { registrationId, promoted: outcome.promoted?.id ?? null });
  return { result: 'released', registrationId, promoted: outcome.promoted?.id ?? null };
}
