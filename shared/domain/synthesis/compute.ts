import type { Feedback } from '../feedback';
import { type FeedbackQuestion, type LocalisedText, roles, type SessionKind, sessionKinds } from '../schemas';
import type { FeedbackSynthesis, Quote, RatingDistribution, RatingSummary, ResponseRate } from './schema';

/**
 * The feedback synthesis for the final session: pure functions from stored feedback (which
 * carries no identity) and participation counts to the numbers and quotes the reports show.
 */

export interface SynthesisSession {
  id: string;
  kind: SessionKind;
  title: LocalisedText;
  date: string;
  /** Confirmed registrations; `present` counts only once attendance is recorded for the session. */
  participation: { confirmed: number; attendanceRecorded: boolean; present: number };
}

export interface SynthesisInput {
  programme: { id: string; title: LocalisedText; timeZone: string; questions: FeedbackQuestion[] };
  /** The sessions in scope; feedback of other sessions is ignored. */
  sessions: SynthesisSession[];
  feedback: Feedback[];
  /** Null for the whole programme. */
  sessionId: string | null;
  generatedAt: Date;
}

const round = (n: number, decimals: number) => Math.round(n * 10 ** decimals) / 10 ** decimals;

export function summariseRatings(ratings: readonly number[]): RatingSummary {
  const ratingDistribution: RatingDistribution = { '1': 0, '2': 0, '3': 0, '4': 0, '5': 0 };
  for (const r of ratings) ratingDistribution[String(r) as keyof RatingDistribution]++;
  const sum = ratings.reduce((a, b) => a + b, 0);
  return {
    responses: ratings.length,
    averageRating: ratings.length === 0 ? null : round(sum / ratings.length, 2),
    ratingDistribution,
  };
}

const rate = (responses: number, participants: number): ResponseRate => ({
  participants,
  responseRate: participants === 0 ? null : round(responses / participants, 3),
});

/** Groups in a fixed order (the order of `keys`), leaving out empty groups. */
function groupInOrder<K extends string, T>(items: T[], keys: readonly K[], keyOf: (t: T) => K): Array<[K, T[]]> {
  const groups = new Map<K, T[]>(keys.map((k) => [k, []]));
  for (const item of items) groups.get(keyOf(item))?.push(item);
  return [...groups].filter(([, list]) => list.length > 0);
}

/**
 * The feedback of the sessions in scope, by session date, then submission time: the order quotes
 * are read out in and CSV rows are listed in. Ties end on the registration, so the order is stable.
 */
export function inReadingOrder(feedback: Feedback[], sessionDate: ReadonlyMap<string, string>): Feedback[] {
  return feedback
    .filter((f) => sessionDate.has(f.sessionId))
    .sort(
      (a, b) =>
        (sessionDate.get(a.sessionId) ?? '').localeCompare(sessionDate.get(b.sessionId) ?? '') ||
        a.sessionId.localeCompare(b.sessionId) ||
        a.submittedAt.localeCompare(b.submittedAt) ||
        a.registrationId.localeCompare(b.registrationId),
    );
}

export function synthesise(input: SynthesisInput): FeedbackSynthesis {
  const sessions = [...input.sessions].sort((a, b) => a.date.localeCompare(b.date) || a.id.localeCompare(b.id));
  const sessionDate = new Map(sessions.map((s) => [s.id, s.date]));
  const feedback = inReadingOrder(input.feedback, sessionDate);
  const quote = (f: Feedback, text: string): Quote => ({
    text,
    role: f.role,
    sessionKind: f.sessionKind,
    sessionId: f.sessionId,
    sessionDate: sessionDate.get(f.sessionId) ?? '',
  });

  const perSession = sessions.map((s) => {
    const mine = feedback.filter((f) => f.sessionId === s.id);
    const basis = s.participation.attendanceRecorded ? ('present' as const) : ('confirmed' as const);
    const participants = basis === 'present' ? s.participation.present : s.participation.confirmed;
    return {
      id: s.id,
      kind: s.kind,
      title: s.title,
      date: s.date,
      ...summariseRatings(mine.map((f) => f.rating)),
      ...rate(mine.length, participants),
      participantsBasis: basis,
      confirmed: s.participation.confirmed,
      present: s.participation.attendanceRecorded ? s.participation.present : null,
    };
  });
  const participants = perSession.reduce((n, s) => n + s.participants, 0);

  const questions = input.programme.questions.map((q) => {
    const answered = feedback.filter((f) => f.answers[q.id] !== undefined);
    const quotes = answered.map((f) => quote(f, f.answers[q.id] as string));
    return {
      id: q.id,
      text: q.text,
      answerCount: quotes.length,
      byRole: groupInOrder(quotes, roles, (a) => a.role).map(([key, answers]) => ({
        key,
        count: answers.length,
        answers,
      })),
      byKind: groupInOrder(quotes, sessionKinds, (a) => a.sessionKind).map(([key, answers]) => ({
        key,
        count: answers.length,
        answers,
      })),
    };
  });

  return {
    programme: { id: input.programme.id, title: input.programme.title },
    sessionId: input.sessionId,
    generatedAt: input.generatedAt.toISOString(),
    overall: { ...summariseRatings(feedback.map((f) => f.rating)), ...rate(feedback.length, participants) },
    sessions: perSession,
    byKind: groupInOrder(feedback, sessionKinds, (f) => f.sessionKind).map(([kind, list]) => ({
      kind,
      ...summariseRatings(list.map((f) => f.rating)),
    })),
    byRole: groupInOrder(feedback, roles, (f) => f.role).map(([role, list]) => ({
      role,
      ...summariseRatings(list.map((f) => f.rating)),
    })),
    questions,
    comments: feedback.filter((f) => f.comment !== null).map((f) => quote(f, f.comment as string)),
  };
}
