import type { Clock } from '../../ports/clock';
import type { ProgrammeReads, SessionRepository } from '../../ports/sessions';

export type { ProgrammeReads };

/** How long one container reuses what it read of the programme (its settings, questions and session list). */
export const PROGRAMME_CACHE_MS = 60_000;

/**
 * The programme and the session list, cached per container for a minute, for registrations only:
 * a registration needs them (questions, areas, the retention period and its siblings' dates) but they
 * change only when organisers edit the programme. Capacity, status and the closing time are never
 * taken from here: the registration's transaction checks them on the session item itself. An edit
 * reaches registrations within PROGRAMME_CACHE_MS.
 */

export function cachedProgrammeReads(
  sessions: ProgrammeReads,
  clock: Clock,
  ttlMs = PROGRAMME_CACHE_MS,
): ProgrammeReads {
  const programmes = new Map<string, { at: number; value: ReturnType<SessionRepository['getProgramme']> }>();
  let list: { at: number; value: ReturnType<SessionRepository['list']> } | null = null;
  /** Session id → programme id from the last list read (never stale: sessions do not change programme). */
  let programmeIds = new Map<string, string>();
  const fresh = (at: number) => clock.now().getTime() - at < ttlMs;
  const keep = <T>(p: Promise<T>, drop: () => void): Promise<T> => {
    p.catch(drop); // a failed read is not kept
    return p;
  };
  return {
    getProgramme(id: string) {
      const hit = programmes.get(id);
      if (hit && fresh(hit.at)) return hit.value;
      if (programmes.size > 100) programmes.clear();
      const value = keep(sessions.getProgramme(id), () => programmes.delete(id));
      programmes.set(id, { at: clock.now().getTime(), value });
      return value;
    },
    list() {
      if (list && fresh(list.at)) return list.value;
      const value = keep(sessions.list(), () => {
        list = null;
      });
      value.then(
        (all) => {
          programmeIds = new Map(all.map((s) => [s.id, s.programmeId]));
        },
        () => undefined,
      );
      list = { at: clock.now().getTime(), value };
      return value;
    },
    programmeIdOf: (sessionId) => programmeIds.get(sessionId),
  };
}
