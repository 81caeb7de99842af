import type { BaseEmailInput } from '../input';
import { addressConfirmation } from './address-confirmation';
import { alreadyRegistered } from './already-registered';
import { announcement } from './announcement';
import { feedbackRequest } from './feedback-request';
import { holdReleased } from './hold-released';
import { registrationCancelled } from './registration-cancelled';
import { registrationConfirmed } from './registration-confirmed';
import { registrationPromoted } from './registration-promoted';
import { registrationWaitlisted } from './registration-waitlisted';
import { reminder } from './reminder';
import { sessionCancelled } from './session-cancelled';
import { sessionLocationChanged } from './session-location-changed';
import { sessionRescheduled } from './session-rescheduled';
import { sessionTimeConfirmed } from './session-time-confirmed';
import type { Template } from './template';
import { waitlistClosed } from './waitlist-closed';
import { waitlistOffer } from './waitlist-offer';
import { waitlistOfferLapsed } from './waitlist-offer-lapsed';

/** Each entry must render the kind it is filed under: a template for kind K only fits under key K. */
type Registry<T> = { [K in keyof T]: Template<BaseEmailInput & { kind: K }> };
const registry = <T extends Registry<T>>(templates: T): T => templates;

/**
 * Every kind of email the system sends, one template each. The kinds, and the input each one takes,
 * are derived from this object, so a new kind is its template file plus one line here.
 */
export const templates = registry({
  'registration-confirmed': registrationConfirmed,
  'registration-waitlisted': registrationWaitlisted,
  'registration-promoted': registrationPromoted,
  'registration-cancelled': registrationCancelled,
  'already-registered': alreadyRegistered,
  'session-rescheduled': sessionRescheduled,
  'session-time-confirmed': sessionTimeConfirmed,
  'session-location-changed': sessionLocationChanged,
  'session-cancelled': sessionCancelled,
  reminder,
  'feedback-request': feedbackRequest,
  announcement,
  'address-confirmation': addressConfirmation,
  'hold-released': holdReleased,
  'waitlist-offer': waitlistOffer,
  'waitlist-offer-lapsed': waitlistOfferLapsed,
  'waitlist-closed': waitlistClosed,
});

/** Kinds that go to an address nobody has confirmed yet: they carry nothing the registrant typed. */
export const anonymousKinds: ReadonlySet<string> = new Set([
  'address-confirmation',
  'hold-released',
  // Near the start an offer may go to someone whose address is not confirmed yet.
  'waitlist-offer',
  'waitlist-offer-lapsed',
  'waitlist-closed',
]);
