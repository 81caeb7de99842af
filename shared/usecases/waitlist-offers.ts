import { instantToIso } from '../domain/time';
import { offerHasLapsed, offerScheduleName } from '../domain/waitlist';
import type { DomainEvent } from '../events/catalogue';
import { log } from '../log';
import type { Clock } from '../ports/clock';
import type { RegistrationRepository } from '../ports/registrations';
import type { SchedulerPort } from '../ports/scheduler';

/**
 * Offers from the waiting list (shared/domain/waitlist.ts). The repository makes an offer when a
 * seat is freed close to the start (in the cancellation's own transaction). The registrant claims
 * it by manage token (waitlist-offer-claims.ts, the public API's part). Here: an offer's one-time
 * schedule (`offer-<registrationId>`) passes an unclaimed one on. The planner creates that schedule from the WaitlistOfferMade event; its name is
 * the registration's, and passing on is a conditional write that only succeeds while the offer
 * stands and its time is up, so a repeated, late or concurrent firing passes nothing on twice and a
 * claim that lands first keeps the seat.
 */

/** The planner's part: WaitlistOfferMade → the offer's schedule at its end. */
export async function planOfferExpiry(
  deps: { scheduler: SchedulerPort },
  event: DomainEvent,
): Promise<{ name: string; result: 'created' | 'updated' } | null> {
  if (event.name !== 'WaitlistOfferMade') return null;
  const { registrationId, sessionId, offerExpiresAt } = event.data;
  const at = new Date(offerExpiresAt);
  const name = offerScheduleName(registrationId);
  const result = await deps.scheduler.put({
    name,
    at,
    // An offer ends at an instant, given in UTC like a hold's end.
    localAt: at.toISOString().slice(0, 19),
    timeZone: 'UTC',
    input: { sessionId, purpose: 'offer-expiry', registrationId, version: 1, dueAt: instantToIso(at, 'UTC') },
  });
  log('info', 'offer expiry planned', { registrationId, at: offerExpiresAt, result });
  return { name, result };
}

export interface OfferExpiryDeps {
  registrations: Pick<RegistrationRepository, 'get' | 'cancel'>;
  clock: Clock;
}

export type OfferExpiryOutcome =
  | { result: 'passed-on'; registrationId: string; offeredTo: string | null; promoted: string | null }
  | { result: 'kept'; registrationId: string; why: 'gone' | 'not-offered' | 'not-yet-expired' | 'already-passed-on' };

/** The dispatcher's part: the offer's schedule fired; pass the seat on if the offer still stands. */
export async function passOnLapsedOffer(
  deps: OfferExpiryDeps,
  input: { sessionId: string; registrationId?: string | undefined },
): Promise<OfferExpiryOutcome> {
  const registrationId = input.registrationId ?? '';
  const reg = registrationId ? await deps.registrations.get(input.sessionId, registrationId) : null;
  if (!reg) return { result: 'kept', registrationId, why: 'gone' };
  const now = deps.clock.now();
  if (!offerHasLapsed(reg, now)) {
    const why = reg.status === 'offered' ? 'not-yet-expired' : 'not-offered';
    log('info', 'offer expiry fired and keeps the seat', { registrationId, why });
    return { result: 'kept', registrationId, why };
  }
  const outcome = await deps.registrations.cancel(reg, now, { onlyLapsedOffer: true, releasedBecause: 'offer-lapsed' });
  if (!outcome.changed) return { result: 'kept', registrationId, why: 'already-passed-on' };
  const offeredTo = outcome.offered?.id ?? null;
  const promoted = outcome.promoted?.id ?? null;
  log('info', 'offer lapsed and passed on', { registrationId, offeredTo, promoted });
  return { result: 'passed-on', registrationId, offeredTo, promoted };
}
