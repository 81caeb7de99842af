import { areaLabel } from '../../domain/areas';
import type { Programme, Session } from '../../domain/model';
import { type Role, roles } from '../../domain/schemas';
import type { RegistrationWithAttendance } from '../../ports/registrations';
import { listSessionsForOrganiser, type OrganiserDeps } from './deps';

export interface ParticipationCounts {
  confirmed: number;
  waitlisted: number;
  cancelled: number;
  /** Recorded present. */
  attended: number;
  /** Recorded absent (no record at all counts as neither). */
  absent: number;
}

export interface SessionParticipation extends ParticipationCounts {
  /** Registered at the door (also counted in confirmed and attended). */
  walkIns: number;
  sessionId: string;
  date: string;
  title: Session['title'];
  status: Session['status'];
  capacity: number | null;
  byRole: Record<Role, ParticipationCounts>;
  byNeighbourhood: Record<string, ParticipationCounts>;
}

const zero = (): ParticipationCounts => ({ confirmed: 0, waitlisted: 0, cancelled: 0, attended: 0, absent: 0 });

function count(into: ParticipationCounts, row: RegistrationWithAttendance): void {
  // An open offer is still the waiting list's: counted as waiting until it is claimed.
  const status = row.registration.status;
  into[status === 'offered' ? 'waitlisted' : status]++;
  if (row.registration.status !== 'cancelled' && row.attendance) {
    if (row.attendance.present) into.attended++;
    else into.absent++;
  }
}

/** Label under which registrants who left the neighbourhood empty are counted. */
export const UNSPECIFIED_NEIGHBOURHOOD = '(unspecified)';

/**
 * Per session: confirmed, waiting, cancelled, attended, by role and by neighbourhood.
 * Neighbourhoods are free text: they are grouped ignoring case and spacing, under the first
 * spelling seen.
 */
export async function participationReport(deps: OrganiserDeps): Promise<SessionParticipation[]> {
  const sessions = await listSessionsForOrganiser(deps);
  const out: SessionParticipation[] = [];
  const programmes = new Map<string, Programme | null>();
  for (const s of sessions) {
    if (!programmes.has(s.programmeId)) programmes.set(s.programmeId, await deps.sessions.getProgramme(s.programmeId));
    const rows = await deps.registrations.listWithAttendance(s.id);
    const total = zero();
    const byRole = Object.fromEntries(roles.map((r) => [r, zero()])) as Record<Role, ParticipationCounts>;
    const labels = new Map<string, string>();
    const byNeighbourhood: Record<string, ParticipationCounts> = {};
    for (const row of rows) {
      count(total, row);
      count(byRole[row.registration.role], row);
      const r = row.registration;
      // A chosen area counts under its Dutch name, so it groups with older free text of the same name.
      const named = r.area && r.area !== 'other' ? areaLabel(programmes.get(s.programmeId)?.areas, r.area).nl : null;
      const raw = (named ?? r.areaOther ?? r.neighbourhood)?.trim().replace(/\s+/g, ' ') ?? '';
      const key = raw === '' ? '' : raw.normalize('NFC').toLocaleLowerCase('nl');
      if (!labels.has(key)) labels.set(key, raw === '' ? UNSPECIFIED_NEIGHBOURHOOD : raw);
      const label = labels.get(key) as string;
      byNeighbourhood[label] ??= zero();
      count(byNeighbourhood[label], row);
    }
    out.push({
      sessionId: s.id,
      date: s.date,
      title: s.title,
      status: s.status,
      capacity: s.capacity,
      ...total,
      walkIns: rows.filter((r) => r.registration.status !== 'cancelled' && r.attendance?.walkIn).length,
      byRole,
      byNeighbourhood,
    });
  }
  return out;
}
