import type { FieldError } from './errors';
import type { RegistrationAnswer, RegistrationAnswers } from './model';
import { type RegistrationQuestion, singleLineText } from './schemas';

/**
 * Answers to a programme's registration questions, checked against those questions. The request
 * schema can only check the shape, because the questions belong to the session's programme; every
 * error names its field as `answers.<questionId>`, as the forms expect.
 */
export interface ParsedAnswers {
  /** Only answered questions, in question order; an empty answer is left out. */
  answers: RegistrationAnswers;
  errors: FieldError[];
}

type Outcome = { value: RegistrationAnswer | undefined } | { error: string };

const TRUE = new Set([true, 'true', 'on', 'yes', '1']);
const FALSE = new Set([false, 'false', 'off', 'no', '0']);

function parseOne(q: RegistrationQuestion, raw: unknown): Outcome {
  if (raw === undefined || raw === null || raw === '') return { value: undefined };
  switch (q.type) {
    case 'text': {
      if (typeof raw !== 'string') return { error: 'must be text' };
      const parsed = singleLineText(q.maxLength).safeParse(raw);
      if (!parsed.success) return { error: parsed.error.issues[0]?.message ?? 'is invalid' };
      return { value: parsed.data === '' ? undefined : parsed.data };
    }
    case 'boolean':
      if (TRUE.has(raw as never)) return { value: true };
      if (FALSE.has(raw as never)) return { value: false };
      return { error: 'must be true or false' };
    case 'choice': {
      const ids = q.options.map((o) => o.id);
      if (typeof raw !== 'string' || !ids.includes(raw)) return { error: `must be one of: ${ids.join(', ')}` };
      return { value: raw };
    }
    case 'multi': {
      const ids = q.options.map((o) => o.id);
      const list = typeof raw === 'string' ? [raw] : raw;
      if (!Array.isArray(list) || list.some((v) => typeof v !== 'string' || !ids.includes(v))) {
        return { error: `must be a list of: ${ids.join(', ')}` };
      }
      // Option order, without repeats, so stored items read the same way every time.
      const chosen = ids.filter((id) => list.includes(id));
      return { value: chosen.length === 0 ? undefined : chosen };
    }
  }
}

/** A required yes/no question is a statement to tick: only `true` answers it. */
const answersRequired = (q: RegistrationQuestion, value: RegistrationAnswer | undefined) =>
  value !== undefined && !(q.type === 'boolean' && value === false);

export function parseRegistrationAnswers(
  questions: readonly RegistrationQuestion[],
  raw: Record<string, unknown> | undefined,
): ParsedAnswers {
  const given = raw ?? {};
  const errors: FieldError[] = [];
  const known = new Set(questions.map((q) => q.id));
  for (const id of Object.keys(given)) {
    if (!known.has(id)) errors.push({ field: `answers.${id}`, message: 'is not a question of this programme' });
  }
  const answers: RegistrationAnswers = {};
  for (const q of questions) {
    const outcome = parseOne(q, given[q.id]);
    if ('error' in outcome) {
      errors.push({ field: `answers.${q.id}`, message: outcome.error });
    } else if (q.required && !answersRequired(q, outcome.value)) {
      errors.push({ field: `answers.${q.id}`, message: 'is required' });
    } else if (outcome.value !== undefined) {
      answers[q.id] = outcome.value;
    }
  }
  return { answers, errors };
}

/** The answers an export may carry: sensitive ones only when asked for explicitly. */
export function answersFor(
  questions: readonly RegistrationQuestion[],
  answers: RegistrationAnswers | undefined,
  includeSensitive: boolean,
): RegistrationAnswers {
  const out: RegistrationAnswers = {};
  for (const q of questions) {
    const value = answers?.[q.id];
    if (value !== undefined && (includeSensitive || !q.sensitive)) out[q.id] = value;
  }
  return out;
}

/** An answer as one cell of text, in Dutch (the CSV's language): option labels, `ja`/`nee`. */
export function answerText(q: RegistrationQuestion, value: RegistrationAnswer | undefined): string {
  if (value === undefined) return '';
  if (typeof value === 'boolean') return value ? 'ja' : 'nee';
  if (q.type !== 'choice' && q.type !== 'multi') return String(value);
  const label = (id: string) => q.options.find((o) => o.id === id)?.label.nl ?? id;
  return (Array.isArray(value) ? value : [value]).map(label).join(', ');
}
