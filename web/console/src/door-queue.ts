import type { Answer, Api } from './api';
import { enc } from './context';

/**
 * Marks made at the door, kept in localStorage until the API has them: a flaky connection loses
 * nothing and a reload keeps the queue. The check-in API is idempotent, so a mark sent twice (the
 * answer lost on the way back) is still counted once.
 */
export type DoorMark =
  | { op: 'check-in'; sessionId: string; registrationId: string }
  | { op: 'check-in'; sessionId: string; code: string }
  | { op: 'undo'; sessionId: string; registrationId: string };

const KEY = 'console.door-queue';

export const queuedMarks = (): DoorMark[] => JSON.parse(localStorage.getItem(KEY) ?? '[]') as DoorMark[];
const save = (marks: DoorMark[]) => localStorage.setItem(KEY, JSON.stringify(marks));

export const enqueueMark = (mark: DoorMark) => save([...queuedMarks(), mark]);

const send = (api: Api, mark: DoorMark): Promise<Answer<unknown>> =>
  mark.op === 'undo'
    ? api.del(`/admin/sessions/${enc(mark.sessionId)}/check-ins/${enc(mark.registrationId)}`)
    : api.post(
        `/admin/sessions/${enc(mark.sessionId)}/check-ins`,
        'code' in mark ? { code: mark.code } : { registrationId: mark.registrationId },
      );

let flushing: Promise<void> | null = null;

/**
 * Sends the queue in order, stopping at the first mark the network (or a 5xx) refuses so the order
 * of a mark and its undo is kept. A refusal by the API (unknown code, other session) is final:
 * reported and dropped.
 */
export function flushMarks(api: Api, report: (mark: DoorMark, answer: Answer<unknown>) => void): Promise<void> {
  if (flushing) return flushing;
  const run = async () => {
    for (;;) {
      const [mark] = queuedMarks();
      if (!mark) return;
      const answer = await send(api, mark);
      if (!answer.ok && (answer.offline || answer.status >= 500 || answer.status === 401)) return;
      save(queuedMarks().slice(1));
      report(mark, answer);
    }
  };
  // Cleared only once the run has settled (an empty queue settles at once, after the assignment).
  flushing = run().finally(() => {
    flushing = null;
  });
  return flushing;
}
