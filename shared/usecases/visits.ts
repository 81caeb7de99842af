import type { Session } from '../domain/model';
import { classifyVisits, type ReachRow } from '../domain/reach';
import type { AccessNeedsRepository } from '../ports/access-needs';
import type { PrivacyRepository, RegistrationRef } from '../ports/privacy';
import type { SessionRepository } from '../ports/sessions';

export interface VisitDeps {
  sessions: SessionRepository;
  privacy: PrivacyRepository;
  accessNeeds: AccessNeedsRepository;
}

/**
 * Before registrations lose their address hash (erasure, retention), every registration made
 * with the same address keeps whether it was that person's first in the programme or a return.
 * Then the reach report's first-timers do not change when earlier registrations are erased: the
 * later ones still know they were returns. Only the class is kept, on the person's own
 * registrations; nothing links them once the hash is gone.
 */
export async function keepVisitsBeforeErasure(deps: VisitDeps, refs: readonly RegistrationRef[]): Promise<void> {
  const done = new Set<string>();
  const sessions = new Map<string, Session | null>();
  const sessionOf = async (id: string) => {
    if (!sessions.has(id)) sessions.set(id, await deps.sessions.get(id));
    return sessions.get(id) ?? null;
  };
  for (const ref of refs) {
    const facts = await deps.accessNeeds.visitFacts(ref);
    if (!facts?.emailHash || done.has(facts.emailHash)) continue;
    done.add(facts.emailHash);
    const rows: (ReachRow & { programmeId: string })[] = [];
    for (const other of await deps.privacy.registrationsOfAddress(facts.emailHash)) {
      const [r, s] = [await deps.accessNeeds.visitFacts(other), await sessionOf(other.sessionId)];
      if (!r || !s) continue;
      rows.push({
        ...r,
        programmeId: s.programmeId,
        registrationId: other.registrationId,
        sessionId: s.id,
        sessionDate: s.date,
        sessionStart: s.startTime ?? '',
        role: '',
        area: '',
        channel: '',
        attended: false,
        gaveFeedback: false,
      });
    }
    for (const programmeId of new Set(rows.map((r) => r.programmeId))) {
      const own = rows.filter((r) => r.programmeId === programmeId);
      for (const [registrationId, visit] of classifyVisits(own)) {
        const row = own.find((r) => r.registrationId === registrationId);
        if (row && visit !== 'unknown' && !row.visit) await deps.accessNeeds.keepVisit(row, visit);
      }
    }
  }
}
