import type { Session } from '../../domain/model';
import type { Clock } from '../../ports/clock';
import type { ProgrammeReads, SessionRepository } from '../../ports/sessions';

export type { ProgrammeReads };

/** How long one container reuses what it read of the programme (its settings, questions and session list). */
export const PROGRAMME_CACHE_MS = 60_000;

/**
 * The programme and the session list, cached per container for a minute, for registrations only:
 * a registration needs them (questions, areas, the retention period and its siblings' dates) but they
 * change only when organisers edit the programme. A registration also takes its session from the
 * list held here (`heldSession`) when that says registration is open, instead of reading it:
 * capacity, status and the closing time are checked by its transaction on the session item itself,
 * and so is the version of the copy, so a registration computed from a copy older than the
 * session's last edit is computed again (docs/architecture.md, "Capacity and the waiting list"). An
 * edit of the programme reaches registrations within PROGRAMME_CACHE_MS.
 */

export function cachedProgrammeReads(
  sessions: ProgrammeReads & Partial<Pick<SessionRepository, 'listProgrammes'>>,
  clock: Clock,
  ttlMs = PROGRAMME_CACHE_MS,
): ProgrammeReads {
  const programmes = new Map<string, { at: number; value: ReturnType<SessionRepository['getProgramme']> }>();
  let list: { at: number; value: ReturnType<SessionRepository['list']> } | null = null;
  /** The last list read, by session id (held for as long as the list is fresh). */
  let byId = new Map<string, Session>();
  const fresh = (at: number) => clock.now().getTime() - at < ttlMs;
  const keep = <T>(p: Promise<T>, drop: () => void): Promise<T> => {
    p.catch(drop); // a failed read is not kept
    return p;
  };
  const reads: ProgrammeReads = {
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
          byId = new Map(all.map((s) => [s.id, s]));
        },
        () => undefined,
      );
      list = { at: clock.now().getTime(), value };
      return value;
    },
    heldSession: (sessionId) => (list && fresh(list.at) ? byId.get(sessionId) : undefined),
    async warm() {
      // The programmes come from the index (eventually consistent, as a cached copy may be old
      // anyway); one it does not list yet is read by getProgramme as before, and a failure here
      // only leaves them to be read that way.
      const listed = sessions.listProgrammes?.().then(
        (all) => {
          const at = clock.now().getTime();
          for (const p of all) {
            const hit = programmes.get(p.id);
            if (!hit || !fresh(hit.at)) programmes.set(p.id, { at, value: Promise.resolve(p) });
          }
        },
        () => undefined,
      );
      await Promise.all([reads.list(), listed]);
    },
  };
  return reads;
}
