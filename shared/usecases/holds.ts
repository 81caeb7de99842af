import { confirmationRequired, holdExpiry } from '../domain/holds';
import type { Programme, Session } from '../domain/model';

/**
 * What a new registration records about its address: confirmed already, held until (and, without a
 * lookup, placed only on condition that it is not confirmed), or neither.
 */
export type AddressState =
  | { addressConfirmedAt: string }
  | { holdExpiresAt: string; heldUnlessConfirmed?: { programmeId: string } }
  | Record<string, never>;

/**
 * The address state of a registration made `now`: nothing when the programme does not ask for
 * confirmation; with the address's confirmation time when the caller knows it (`known`: looked up
 * once for a programme registration's sessions), confirmed or held by it. Otherwise held without a
 * lookup, and the placement's transaction checks that the address is not confirmed
 * (`heldUnlessConfirmed`; the repository places it as confirmed when it is: domain/holds.ts,
 * `confirmedInstead`). Only set attributes are returned: a stored null would defeat the conditions
 * that release and confirm holds.
 */
export function addressStateFor(
  session: Session,
  programme: Programme | null,
  now: Date,
  known?: { addressConfirmedAt: string | null },
): AddressState {
  if (!confirmationRequired(programme)) return {};
  if (known?.addressConfirmedAt) return { addressConfirmedAt: known.addressConfirmedAt };
  const holdExpiresAt = holdExpiry(session, now).toISOString();
  return known ? { holdExpiresAt } : { holdExpiresAt, heldUnlessConfirmed: { programmeId: session.programmeId } };
}
