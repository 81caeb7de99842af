import { confirmationRequired, holdExpiry } from '../domain/holds';
import type { Programme, Session } from '../domain/model';
import type { HoldRepository } from '../ports/holds';

/** What a new registration records about its address: confirmed already, held until, or neither. */
export type AddressState = { addressConfirmedAt: string } | { holdExpiresAt: string } | Record<string, never>;

/**
 * The address state of a registration made `now`: nothing when the programme does not ask for
 * confirmation; confirmed when the address was confirmed for the programme before; otherwise a
 * hold (shared/domain/holds.ts). Only set attributes are returned: a stored null would defeat the
 * conditions that release and confirm holds.
 */
export async function addressStateFor(
  deps: { holds: Pick<HoldRepository, 'addressConfirmedAt'> },
  session: Session,
  programme: Programme | null,
  emailHash: string,
  now: Date,
  /** The lookup for this programme and address when the caller started it already. */
  looked?: { programmeId: string; confirmedAt: Promise<string | null> },
): Promise<AddressState> {
  if (!confirmationRequired(programme)) return {};
  const confirmedAt = await (looked?.programmeId === session.programmeId
    ? looked.confirmedAt
    : deps.holds.addressConfirmedAt(session.programmeId, emailHash));
  if (confirmedAt) return { addressConfirmedAt: confirmedAt };
  return { holdExpiresAt: holdExpiry(session, now).toISOString() };
}
