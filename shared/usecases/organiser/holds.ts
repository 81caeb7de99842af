import { isHeld } from '../../domain/holds';
import type { Session } from '../../domain/model';
import type { RegistrationRepository } from '../../ports/registrations';

/**
 * Unconfirmed holds per session, for the organiser's session list: seats and waiting places that
 * are released unless their address is confirmed in time. Counted from the registrations (one
 * query per session), so the registration hot path keeps no extra counter.
 */
export async function unconfirmedHoldCounts(
  deps: { registrations: Pick<RegistrationRepository, 'listForSession'> },
  sessions: readonly Pick<Session, 'id'>[],
): Promise<Map<string, number>> {
  const counts = await Promise.all(
    sessions.map(async (s) => [s.id, (await deps.registrations.listForSession(s.id)).filter(isHeld).length] as const),
  );
  return new Map(counts);
}
