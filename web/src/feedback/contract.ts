/**
 * The feedback API as the page uses it (README, "Feedback and its synthesis"):
 *   GET  /feedback/{token}  → { session, questions, window: { opensAt, closesAt, state }, accepting,
 *                              refusal: { slug, detail } | null, feedback | null, limits: { answer, comment } }
 *   POST /feedback/{token}  { rating: 1..5, answers: { [questionId]: string }, comment? }
 *        201 first submission · 200 replaced · 400 (errors[].field: rating | answers.<id> | comment) · 404 ·
 *        409 with the refusal's slug (feedback-not-open, feedback-closed, registration-cancelled,
 *        registration-not-confirmed, marked-absent, session-cancelled)
 * A plain form post (answers.<id> fields) is answered with 303 to feedback.html?token=…&saved=1.
 */
import { formatInstant } from '../format';
import { type Messages, t } from '../i18n';
import { problemSlug } from '../problems';
import type { ApiFeedbackPage, FeedbackRefusalSlug, Lang, ProblemDetails } from '../types';

export type FeedbackQuestion = ApiFeedbackPage['questions'][number];
export type FeedbackLimits = ApiFeedbackPage['limits'];

/** The API's limits, used until GET /feedback/{token} says otherwise (it always does). */
export const DEFAULT_LIMITS: FeedbackLimits = { answer: 2000, comment: 4000 };

export interface FeedbackPayload {
  rating: number;
  answers: Record<string, string>;
  comment?: string;
}

export interface FeedbackFormValues {
  rating: string;
  answers: Record<string, string>;
  comment: string;
}

export type FeedbackField = 'rating' | 'comment' | `answers.${string}`;

export interface FeedbackProblem {
  fieldErrors: Array<{ field: FeedbackField; message: string }>;
  general: string | null;
}

export const emptyFeedbackValues = (): FeedbackFormValues => ({ rating: '', answers: {}, comment: '' });

/** The form's values from an earlier submission, so it can be changed rather than typed again. */
export function valuesFromFeedback(feedback: ApiFeedbackPage['feedback']): FeedbackFormValues {
  if (!feedback) return emptyFeedbackValues();
  return { rating: String(feedback.rating), answers: { ...feedback.answers }, comment: feedback.comment ?? '' };
}

/**
 * Only the programme's questions are sent. An emptied answer is left out, which removes it: a
 * submission replaces the earlier one as a whole.
 */
export function buildFeedbackPayload(v: FeedbackFormValues, questions: readonly FeedbackQuestion[]): FeedbackPayload {
  const answers: Record<string, string> = {};
  for (const q of questions) {
    const a = (v.answers[q.id] ?? '').trim();
    if (a) answers[q.id] = a;
  }
  const comment = v.comment.trim();
  return { rating: Number(v.rating), answers, ...(comment ? { comment } : {}) };
}

export function validateFeedback(v: FeedbackFormValues, lang: Lang, limits: FeedbackLimits): FeedbackProblem {
  const m = t(lang);
  const fieldErrors: FeedbackProblem['fieldErrors'] = [];
  if (!/^[1-5]$/.test(v.rating)) fieldErrors.push({ field: 'rating', message: m.errRating });
  for (const [id, a] of Object.entries(v.answers)) {
    if (a.trim().length > limits.answer) fieldErrors.push({ field: `answers.${id}`, message: m.errAnswer });
  }
  if (v.comment.trim().length > limits.comment) fieldErrors.push({ field: 'comment', message: m.errAnswer });
  return { fieldErrors, general: null };
}

type RefusalText = (m: Messages, window: ApiFeedbackPage['window'] | null, at: (iso: string) => string) => string;

/** Why feedback cannot be given, per refusal the API can answer with; with the window's dates where they help. */
const refusalTexts: Record<FeedbackRefusalSlug, RefusalText> = {
  'feedback-not-open': (m, window, at) => (window ? m.feedbackOpensAt(at(window.opensAt)) : m.feedbackNotOpen),
  'feedback-closed': (m, window, at) => (window ? m.feedbackClosedAt(at(window.closesAt)) : m.feedbackClosed),
  'registration-cancelled': (m) => m.feedbackRegistrationCancelled,
  'registration-not-confirmed': (m) => m.feedbackNotConfirmed,
  'marked-absent': (m) => m.feedbackMarkedAbsent,
  'session-cancelled': (m) => m.feedbackSessionCancelled,
};
const refusalSlugs: ReadonlySet<string> = new Set(Object.keys(refusalTexts));

export const isRefusalSlug = (s: string | null): s is FeedbackRefusalSlug => s !== null && refusalSlugs.has(s);

export function refusalText(
  slug: FeedbackRefusalSlug,
  window: ApiFeedbackPage['window'] | null,
  timeZone: string,
  lang: Lang,
): string {
  return refusalTexts[slug](t(lang), window, (iso) => formatInstant(iso, timeZone, lang));
}

/** What a failed POST means: a refusal (409, by slug), an unknown link, or messages for fields. */
export type FeedbackFailure =
  | { kind: 'refused'; slug: FeedbackRefusalSlug | null }
  | { kind: 'unknown' }
  | { kind: 'problem'; problem: FeedbackProblem };

export function describeFeedbackFailure(status: number, problem: ProblemDetails | null, lang: Lang): FeedbackFailure {
  const m = t(lang);
  if (status === 409) {
    const slug = problemSlug(problem);
    return { kind: 'refused', slug: isRefusalSlug(slug) ? slug : null };
  }
  if (status === 404) return { kind: 'unknown' };
  if (status === 429) return { kind: 'problem', problem: { fieldErrors: [], general: m.rateLimited } };
  if (status === 0) return { kind: 'problem', problem: { fieldErrors: [], general: m.networkError } };
  const fieldErrors: FeedbackProblem['fieldErrors'] = [];
  for (const e of problem?.errors ?? []) {
    const f = String(e?.field ?? '');
    if (f === 'rating') fieldErrors.push({ field: 'rating', message: m.errRating });
    else if (f === 'comment' || f.startsWith('answers.')) {
      fieldErrors.push({ field: f as FeedbackField, message: m.errAnswer });
    }
  }
  return { kind: 'problem', problem: { fieldErrors, general: fieldErrors.length ? null : m.genericError } };
}
