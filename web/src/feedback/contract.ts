/**
 * The feedback contract as planned (not yet in API.md). Everything that depends on it lives in
 * this folder, so adjusting to the final API touches only here:
 *   GET  /registrations/{token}        → { registration, session }
 *   GET  /programmes/{programmeId}     → { programme: { id, title, feedbackQuestions: [{ id, text }] } }
 *   POST /feedback/{token}  (JSON)     { rating: 1..5, answers: { [questionId]: string }, comment?: string }
 *        201 · 400 (errors[].field: rating | answers.<id> | comment) · 404 · 409 (not open yet / closed)
 */
import { t } from '../i18n';
import { problemSlug } from '../problems';
import type { ApiProgramme, Lang, ProblemDetails } from '../types';

export const MAX_ANSWER = 5000;

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

/** Only answered questions are sent; empty answers are left out rather than sent as "". */
export function buildFeedbackPayload(
  v: FeedbackFormValues,
  questions: ApiProgramme['feedbackQuestions'],
): FeedbackPayload {
  const answers: Record<string, string> = {};
  for (const q of questions) {
    const a = (v.answers[q.id] ?? '').trim();
    if (a) answers[q.id] = a;
  }
  const comment = v.comment.trim();
  return { rating: Number(v.rating), answers, ...(comment ? { comment } : {}) };
}

export function validateFeedback(v: FeedbackFormValues, lang: Lang): FeedbackProblem {
  const m = t(lang);
  const fieldErrors: FeedbackProblem['fieldErrors'] = [];
  if (!/^[1-5]$/.test(v.rating)) fieldErrors.push({ field: 'rating', message: m.errRating });
  for (const [id, a] of Object.entries(v.answers)) {
    if (a.length > MAX_ANSWER) fieldErrors.push({ field: `answers.${id}`, message: m.errAnswer });
  }
  if (v.comment.length > MAX_ANSWER) fieldErrors.push({ field: 'comment', message: m.errAnswer });
  return { fieldErrors, general: null };
}

export function describeFeedbackProblem(status: number, problem: ProblemDetails | null, lang: Lang): FeedbackProblem {
  const m = t(lang);
  if (status === 409) {
    const slug = problemSlug(problem) ?? '';
    const general = /not-open|not-yet|too-early/.test(slug)
      ? m.feedbackNotOpen
      : /closed|too-late|expired/.test(slug)
        ? m.feedbackClosed
        : m.feedbackUnavailable;
    return { fieldErrors: [], general };
  }
  if (status === 404) return { fieldErrors: [], general: m.unknownToken };
  if (status === 429) return { fieldErrors: [], general: m.rateLimited };
  if (status === 0) return { fieldErrors: [], general: m.networkError };
  const fieldErrors: FeedbackProblem['fieldErrors'] = [];
  for (const e of problem?.errors ?? []) {
    const f = String(e?.field ?? '');
    if (f === 'rating') fieldErrors.push({ field: 'rating', message: m.errRating });
    else if (f === 'comment' || f.startsWith('answers.')) {
      fieldErrors.push({ field: f as FeedbackField, message: m.errAnswer });
    }
  }
  return { fieldErrors, general: fieldErrors.length ? null : m.genericError };
}
