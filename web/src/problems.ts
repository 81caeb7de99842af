import { t } from './i18n';
import type { Lang, ProblemDetails, RegistrationQuestion } from './types';
import { type AnswerField, answerMessage } from './views/register-questions';

/** The last path segment of a problem `type` URI: ".../already-registered" → "already-registered". */
export function problemSlug(problem: ProblemDetails | null | undefined): string | null {
  const type = problem?.type;
  if (typeof type !== 'string' || type === '' || type === 'about:blank') return null;
  const slug = type
    .replace(/[?#].*$/, '')
    .replace(/\/+$/, '')
    .split('/')
    .pop();
  return slug ? slug : null;
}

export const registrationFields = [
  'name',
  'email',
  'role',
  'organisation',
  'neighbourhood',
  'area',
  'areaOther',
  'postcode',
  'language',
  'consent',
] as const;
export type RegistrationField = (typeof registrationFields)[number];
const isRegistrationField = (f: string): f is RegistrationField =>
  (registrationFields as readonly string[]).includes(f);

export interface FieldError {
  field: RegistrationField | AnswerField;
  message: string;
}

/** What the form shows for a failed submission: messages next to fields, and/or one general message. */
export interface FormProblem {
  fieldErrors: FieldError[];
  general: string | null;
}

function fieldMessage(field: RegistrationField, apiMessage: string, lang: Lang): string {
  const m = t(lang);
  switch (field) {
    case 'name':
      return /at most|characters/i.test(apiMessage) && !/required/i.test(apiMessage) ? m.errNameLong : m.errName;
    case 'email':
      return m.errEmail;
    case 'role':
      return m.errRole;
    case 'organisation':
      return m.errOrganisation;
    case 'neighbourhood':
      return m.errNeighbourhood;
    case 'area':
      return m.errArea;
    case 'areaOther':
      return m.errAreaOther;
    case 'postcode':
      return m.errPostcode;
    case 'language':
      return m.errLanguage;
    case 'consent':
      return m.errConsent;
  }
}

/**
 * Map an API answer for POST /sessions/{id}/registrations to what the form shows. Validation
 * errors on fields the form has get a localised message (the API speaks English); anything else
 * becomes the general message. `problem` may be null when the body was not problem JSON.
 */
export function describeRegistrationProblem(
  status: number,
  problem: ProblemDetails | null,
  lang: Lang,
  questions: readonly RegistrationQuestion[] = [],
): FormProblem {
  const m = t(lang);
  const slug = problemSlug(problem);
  const fieldErrors: FieldError[] = [];
  const unplaced: string[] = [];
  for (const e of problem?.errors ?? []) {
    const question = questions.find((q) => e?.field === `answers.${q.id}`);
    const field = typeof e?.field === 'string' ? (e.field.split('.')[0] ?? '') : '';
    if (question) {
      fieldErrors.push({
        field: `answers.${question.id}`,
        message: answerMessage(question, String(e.message ?? ''), lang),
      });
    } else if (isRegistrationField(field)) {
      if (!fieldErrors.some((f) => f.field === field)) {
        fieldErrors.push({ field, message: fieldMessage(field, String(e.message ?? ''), lang) });
      }
    } else if (typeof e?.message === 'string') {
      unplaced.push(field ? `${field}: ${e.message}` : e.message);
    }
  }
  if (fieldErrors.length > 0 && unplaced.length === 0) return { fieldErrors, general: null };

  const bySlug: Record<string, string> = {
    'already-registered': m.alreadyRegistered,
    'registration-closed': m.registrationClosedError,
    'session-cancelled': m.sessionCancelledError,
    'rate-limited': m.rateLimited,
    'not-found': m.sessionNotFound,
  };
  let general = (slug && bySlug[slug]) || null;
  if (!general) {
    if (status === 429) general = m.rateLimited;
    else if (status === 404) general = m.sessionNotFound;
    else if (unplaced.length > 0) general = unplaced.join(' ');
    else general = m.genericError;
  }
  return { fieldErrors, general };
}
