import type { Organiser } from '../../domain/audit';
import {
  ACCESS_NEED_LABELS,
  ACCESS_NEEDS_OTHER_QUESTION_ID,
  type AccessNeed,
  accessNeeds,
  accessNeedsOf,
  sensitiveAnswersExpireAt,
} from '../../domain/default-questions';
import type { Registration, Session } from '../../domain/model';
import { type AccessNeedTally, zeroTally } from '../../domain/reach';
import { sessionEnd } from '../../domain/session-end';
import type { ArrangedMark } from '../../ports/access-needs';
import { recordAudit } from './audit';
import { type OrganiserDeps, requireSession } from './deps';

type AccessDeps = Pick<OrganiserDeps, 'sessions' | 'registrations' | 'accessNeeds' | 'audit' | 'clock'>;
/** What reading a session's access needs takes (the admin API, and the mailer's "to arrange" summary). */
export type AccessReadDeps = Pick<OrganiserDeps, 'sessions' | 'clock'> & {
  registrations: Pick<OrganiserDeps['registrations'], 'listForSession'>;
  accessNeeds: Pick<OrganiserDeps['accessNeeds'], 'arranged' | 'keptCounts'>;
};

/** Have a session's sensitive answers passed their week after the session (job run or not)? */
export const sensitiveAnswersExpired = (session: Session, now: Date): boolean =>
  sensitiveAnswersExpireAt(sessionEnd(session)).getTime() <= now.getTime();

export interface AccessNeedPerson {
  registrationId: string;
  name: string;
  status: Registration['status'];
  /** The "something else" text, for need `other`. */
  note: string | null;
}

export interface AccessNeedLine {
  need: AccessNeed;
  label: { nl: string; en: string };
  count: number;
  arranged: { at: string; by: string } | null;
  /** Who asked: for the hosts. Empty once the answers are erased (only the count stays). */
  people: AccessNeedPerson[];
}

export interface SessionAccessNeeds {
  sessionId: string;
  /** Does the session's programme ask the access-needs questions? */
  asked: boolean;
  /** When the answers were erased and only counts kept; null while they are held. */
  erasedAt: string | null;
  needs: AccessNeedLine[];
  /** Needs someone asked for that nobody marked arranged yet. */
  toArrange: AccessNeed[];
}

/** Live registrations (not cancelled) and what they asked, while the answers are held. */
export function tallyAccessNeeds(rows: readonly Registration[], marks: readonly ArrangedMark[]): AccessNeedTally {
  const tally = zeroTally();
  const arranged = new Set(marks.map((m) => m.need));
  for (const r of rows) {
    if (r.status === 'cancelled') continue;
    for (const n of accessNeedsOf(r.answers)) {
      tally.asked[n]++;
      if (arranged.has(n)) tally.met[n]++;
    }
  }
  return tally;
}

/**
 * A session's access needs for its organisers: per need how many and who, and whether it has been
 * arranged. After the erasure (session end + 7 days) only the kept counts remain.
 */
export async function sessionAccessNeeds(deps: AccessReadDeps, sessionId: string): Promise<SessionAccessNeeds> {
  const session = await requireSession(deps, sessionId);
  const programme = await deps.sessions.getProgramme(session.programmeId);
  const asked = Boolean(programme?.inclusion?.accessNeeds);
  const marks = await deps.accessNeeds.arranged(sessionId);
  const markOf = (n: AccessNeed) => {
    const m = marks.find((x) => x.need === n);
    return m ? { at: m.arrangedAt, by: m.arrangedBy } : null;
  };
  const kept = await deps.accessNeeds.keptCounts(sessionId);
  const expired = sensitiveAnswersExpired(session, deps.clock.now());
  let lines: AccessNeedLine[];
  if (kept || expired) {
    lines = accessNeeds.map((need) => ({
      need,
      label: ACCESS_NEED_LABELS[need],
      count: kept?.asked[need] ?? 0,
      arranged: markOf(need),
      people: [],
    }));
  } else {
    const rows = (await deps.registrations.listForSession(sessionId)).filter((r) => r.status !== 'cancelled');
    lines = accessNeeds.map((need) => {
      const people = rows
        .filter((r) => accessNeedsOf(r.answers).includes(need))
        .map((r) => {
          const note = r.answers?.[ACCESS_NEEDS_OTHER_QUESTION_ID];
          return {
            registrationId: r.id,
            name: r.name,
            status: r.status,
            note: need === 'other' && typeof note === 'string' ? note : null,
          };
        })
        // By name, so the host finds someone at a glance and the list reads the same every time.
        .sort((a, b) => a.name.localeCompare(b.name, 'nl') || a.registrationId.localeCompare(b.registrationId));
      return { need, label: ACCESS_NEED_LABELS[need], count: people.length, arranged: markOf(need), people };
    });
  }
  return {
    sessionId,
    asked,
    erasedAt: kept?.keptAt ?? (expired ? sensitiveAnswersExpireAt(sessionEnd(session)).toISOString() : null),
    needs: lines,
    toArrange: lines.filter((l) => l.count > 0 && !l.arranged).map((l) => l.need),
  };
}

/** An organiser marks a need of a session arranged (or not any more); audited, idempotent. */
export async function markAccessNeedArranged(
  deps: AccessDeps,
  actor: Organiser,
  sessionId: string,
  need: AccessNeed,
  arranged: boolean,
): Promise<SessionAccessNeeds> {
  await requireSession(deps, sessionId);
  const at = deps.clock.now().toISOString();
  const changed = await deps.accessNeeds.setArranged(sessionId, need, arranged ? { at, by: actor.sub } : null);
  await recordAudit(deps, actor, 'session.access-arranged', { sessionId }, changed, null, { need, arranged });
  return sessionAccessNeeds(deps, sessionId);
}
