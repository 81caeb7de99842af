/**
 * An urlencoded form body as the schemas expect it. A plain HTML form cannot send nested objects,
 * so the registration and feedback forms name their question fields `answers.<id>` (or
 * `answers[<id>]`); those are gathered into an `answers` object. A question field sent more than
 * once (the checkboxes of a multiple-choice question) becomes a list; any other repeated field
 * keeps its last value, as most form handlers do.
 */
const ANSWER_FIELD = /^answers(?:\[([^\]]*)\]|\.(.*))$/;

export function formFields(raw: string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const answers: Record<string, string | string[]> = {};
  for (const [k, v] of new URLSearchParams(raw)) {
    const m = ANSWER_FIELD.exec(k);
    if (!m) {
      out[k] = v;
      continue;
    }
    const id = m[1] ?? m[2] ?? '';
    const seen = answers[id];
    answers[id] = seen === undefined ? v : [...(Array.isArray(seen) ? seen : [seen]), v];
  }
  if (Object.keys(answers).length > 0) out.answers = answers;
  return out;
}
