import { Conflict } from './errors';
import { type FeedbackWindow, windowState } from './feedback-window';
import type { Registration, Session } from './model';
import { FeedbackQuestion, type Role, type SessionKind } from './schemas';
import { SessionView } from './views';
import * as z from './zod';

/**
 * Post-session feedback: what a registrant may submit, and when.
 *
 * One submission per registration, changeable while the window is open. The window opens when the
 * session ends and closes `feedbackWindowDays` (default 28) calendar days later, at the same local
 * time, so a daylight-saving change in between does not shift it by an hour.
 */

/** Limits on stored text, in characters (after trimming and normalisation). */
export const FEEDBACK_LIMITS = { answer: 2000, comment: 4000 } as const;

// The window: feedback-window.ts, which the planner and the dispatcher take without the rest.
export * from './feedback-window';

// ---------------------------------------------------------------------------------------------
// Who may give feedback

/**
 * Why a registration may not (or no longer) give feedback. Each is a 409 problem with this slug;
 * a cancelled session is the existing `session-cancelled`.
 */
export const feedbackRefusals = [
  'session-cancelled',
  'registration-cancelled',
  'feedback-not-open',
  'registration-not-confirmed',
  'marked-absent',
  'feedback-closed',
] as const;
export type FeedbackRefusal = (typeof feedbackRefusals)[number];

export interface AttendanceMark {
  present: boolean;
}

const refusalMessages: Record<FeedbackRefusal, string> = {
  'session-cancelled': 'This session has been cancelled.',
  'registration-cancelled': 'This registration was cancelled, so there is no feedback to give.',
  'feedback-not-open': 'Feedback opens when the session has ended.',
  'registration-not-confirmed': 'Only confirmed participants can give feedback; this registration never got a seat.',
  'marked-absent': 'The organisers recorded that you were not at this session, so feedback is not possible.',
  'feedback-closed': 'The feedback period for this session has ended.',
};

/** Thrown when feedback is refused; it is a Conflict, so it becomes a 409 with the refusal as slug. */
export class FeedbackRefused extends Conflict {
  constructor(readonly reason: Exclude<FeedbackRefusal, 'session-cancelled'>) {
    super(reason, refusalMessages[reason]);
  }
}

export const refusalMessage = (r: FeedbackRefusal): string => refusalMessages[r];

/**
 * Decides whether a registration may submit (or change) feedback now, or why not. The order
 * matters: what the person can do something about, or what is most specific, comes first.
 * A waitlisted person is told "not open" before the session ends (they may still get a seat).
 */
export function feedbackRefusal(input: {
  session: Pick<Session, 'status'>;
  registration: Pick<Registration, 'status'>;
  attendance: AttendanceMark | null;
  window: FeedbackWindow;
  now: Date;
}): FeedbackRefusal | null {
  const { session, registration, attendance, window, now } = input;
  if (session.status === 'cancelled') return 'session-cancelled';
  if (registration.status === 'cancelled') return 'registration-cancelled';
  const state = windowState(window, now);
  if (state === 'not-open') return 'feedback-not-open';
  if (registration.status !== 'confirmed') return 'registration-not-confirmed';
  if (attendance !== null && !attendance.present) return 'marked-absent';
  if (state === 'closed') return 'feedback-closed';
  return null;
}

// ---------------------------------------------------------------------------------------------
// What is submitted

/** Lone surrogates cannot be stored or shown; control characters other than tab and newline are refused. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: that is exactly what we look for
const FORBIDDEN_CONTROLS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

/**
 * Free text as stored: line ends normalised to \n, Unicode NFC, trimmed, then limited in length.
 * Empty means "not answered".
 */
export const feedbackText = (max: number) =>
  z
    .pipe(
      z
        .string({ error: (iss) => (iss.input === undefined ? 'is required' : 'must be text') })
        .check(z.refine((s) => s.isWellFormed(), { message: 'contains malformed unicode', abort: true })),
      z.transform((s) => s.replace(/\r\n?/g, '\n').normalize('NFC').trim()),
    )
    .check(
      z.refine((s) => !FORBIDDEN_CONTROLS.test(s), { message: 'must not contain control characters' }),
      z.refine((s) => s.length <= max, { message: `must be at most ${max} characters` }),
    );

const RATING_MESSAGE = 'must be a whole number from 1 to 5';
const Rating = z.pipe(
  z.union([z.number(), z.pipe(z.string().check(z.trim(), z.regex(/^\d{1,2}$/)), z.transform(Number))], {
    error: (iss) => (iss.input === undefined ? 'is required' : RATING_MESSAGE),
  }),
  z.number().check(z.int({ message: RATING_MESSAGE }), z.gte(1, RATING_MESSAGE), z.lte(5, RATING_MESSAGE)),
);

/**
 * An HTML form cannot send nested objects: answers arrive as `answers[impact]` or `answers.impact`
 * fields. They are folded into `answers` (a JSON body's own `answers` object is left as it is).
 */
export function foldFormAnswers(input: unknown): unknown {
  if (input === null || typeof input !== 'object' || Array.isArray(input)) return input;
  const out: Record<string, unknown> = {};
  const answers: Record<string, unknown> = {};
  let folded = false;
  for (const [key, value] of Object.entries(input)) {
    const m = /^answers(?:\[([^\]]*)\]|\.(.*))$/.exec(key);
    if (m) {
      answers[m[1] ?? m[2] ?? ''] = value;
      folded = true;
    } else out[key] = value;
  }
  if (!folded) return input;
  const own = out.answers;
  out.answers = own !== null && typeof own === 'object' && !Array.isArray(own) ? { ...own, ...answers } : answers;
  return out;
}

export interface FeedbackSubmission {
  rating: number;
  /** Only answered questions; never an id the programme does not ask. */
  answers: Record<string, string>;
  comment: string | null;
}

/**
 * The submission schema for a programme's questions. Unknown question ids are refused by name
 * (`answers.<id>`), each answer is limited, and unanswered questions are simply left out.
 */
export function feedbackSubmissionSchema(questions: readonly FeedbackQuestion[]) {
  const ids = new Set(questions.map((q) => q.id));
  const answer = feedbackText(FEEDBACK_LIMITS.answer);
  const answers = z.pipe(
    z.optional(z.record(z.string(), z.unknown(), { error: 'must be an object of answers by question id' })),
    z.transform((raw, ctx) => {
      const out: Record<string, string> = {};
      for (const [id, value] of Object.entries(raw ?? {})) {
        if (!ids.has(id)) {
          ctx.issues.push({ code: 'custom', path: [id], message: 'is not a question of this programme', input: value });
          continue;
        }
        const parsed = answer.safeParse(value);
        if (!parsed.success) {
          const message = parsed.error.issues[0]?.message ?? 'is invalid';
          ctx.issues.push({ code: 'custom', path: [id], message, input: value });
          continue;
        }
        if (parsed.data !== '') out[id] = parsed.data;
      }
      // Question order, so stored items and views read the same way every time.
      return Object.fromEntries(questions.filter((q) => q.id in out).map((q) => [q.id, out[q.id] as string]));
    }),
  );

  return z.pipe(
    z.transform(foldFormAnswers),
    z.object({
      rating: Rating,
      answers,
      comment: z.pipe(
        z.nullish(feedbackText(FEEDBACK_LIMITS.comment)),
        z.transform((c) => (c === undefined || c === null || c === '' ? null : c)),
      ),
    }),
  ) as unknown as z.ZodMiniType<FeedbackSubmission>;
}

/** For the OpenAPI document: the shape of a submission independent of a programme's questions. */
export const FeedbackSubmissionDoc = z.object({
  rating: z.number().check(z.int(), z.gte(1), z.lte(5)),
  answers: z
    .optional(z.record(z.string(), z.string().check(z.maxLength(FEEDBACK_LIMITS.answer))))
    .check(z.describe('Answers by question id; only the programme’s question ids are accepted')),
  comment: z.optional(z.string().check(z.maxLength(FEEDBACK_LIMITS.comment))),
});

// ---------------------------------------------------------------------------------------------
// What is stored

/**
 * A stored submission. It carries the non-identifying context the synthesis needs (session kind,
 * role, neighbourhood) and never a name, email address or token, so anonymising the registration
 * later leaves the synthesis intact.
 */
export interface Feedback extends FeedbackSubmission {
  sessionId: string;
  registrationId: string;
  programmeId: string;
  sessionKind: SessionKind;
  role: Role;
  neighbourhood: string | null;
  submittedAt: string;
  updatedAt: string;
  /** 1 for the first submission, +1 for every change. */
  revision: number;
}

export const FeedbackView = z.object({
  rating: z.number().check(z.int()),
  answers: z.record(z.string(), z.string()),
  comment: z.nullable(z.string()),
  submittedAt: z.string(),
  updatedAt: z.string(),
});
export type FeedbackView = z.infer<typeof FeedbackView>;

export const toFeedbackView = (f: Feedback): FeedbackView => ({
  rating: f.rating,
  answers: f.answers,
  comment: f.comment,
  submittedAt: f.submittedAt,
  updatedAt: f.updatedAt,
});

/** What `GET /feedback/{token}` answers: enough for the page to show, prefill and explain. */
export const FeedbackPageView = z.object({
  session: SessionView,
  questions: z.array(FeedbackQuestion),
  window: z.object({
    opensAt: z.string(),
    closesAt: z.string(),
    state: z.enum(['not-open', 'open', 'closed']),
  }),
  /** True when a submission (or a change) would be accepted now. */
  accepting: z.boolean(),
  refusal: z.nullable(z.object({ slug: z.enum(feedbackRefusals), detail: z.string() })),
  feedback: z.nullable(FeedbackView),
  limits: z.object({ answer: z.number().check(z.int()), comment: z.number().check(z.int()) }),
});
export type FeedbackPageView = z.infer<typeof FeedbackPageView>;
