import { FEEDBACK_LIMITS, type Feedback } from '../../../domain/feedback';
import { Role, SessionKind } from '../../../domain/schemas';
import * as z from '../../../domain/zod';

/**
 * Keys of feedback items, defined once. They live in the registrations table, in the session's
 * partition next to its registrations, so one query reads a session's feedback:
 * - feedback:  SESSION#<sessionId> / FEEDBACK#<registrationId>   (one per registration)
 *
 * The item holds no name, email address or token: only the answers and the non-identifying
 * context the synthesis groups by (session kind, role, neighbourhood), copied at submission.
 * Deliberately no `registrationId` attribute either, so the byRegistrationId index stays about
 * registrations; the id is the sort key's suffix.
 */
export const feedbackKeys = {
  feedback: (sessionId: string, registrationId: string) => ({
    pk: `SESSION#${sessionId}`,
    sk: `FEEDBACK#${registrationId}`,
  }),
  prefix: 'FEEDBACK#',
};

/** Checked again on every write, so nothing malformed or oversized is ever stored. */
const storedText = (max: number) =>
  z.string().check(
    z.maxLength(max),
    z.refine((s) => s.isWellFormed() && s.trim() === s && s !== ''),
  );

const FeedbackItem = z.object({
  pk: z.string(),
  sk: z.string().check(z.startsWith(feedbackKeys.prefix)),
  type: z.literal('feedback'),
  sessionId: z.string(),
  programmeId: z.string(),
  sessionKind: SessionKind,
  role: Role,
  neighbourhood: z.nullable(z.string().check(z.maxLength(200))),
  rating: z.number().check(z.int(), z.gte(1), z.lte(5)),
  answers: z.record(z.string(), storedText(FEEDBACK_LIMITS.answer)),
  comment: z.nullable(storedText(FEEDBACK_LIMITS.comment)),
  submittedAt: z.string(),
  updatedAt: z.string(),
  revision: z.number().check(z.int(), z.gte(1)),
});
type FeedbackItem = z.infer<typeof FeedbackItem>;

export function toFeedbackItem(f: Feedback): FeedbackItem {
  const item = {
    ...feedbackKeys.feedback(f.sessionId, f.registrationId),
    type: 'feedback' as const,
    sessionId: f.sessionId,
    programmeId: f.programmeId,
    sessionKind: f.sessionKind,
    role: f.role,
    neighbourhood: f.neighbourhood,
    rating: f.rating,
    answers: f.answers,
    comment: f.comment,
    submittedAt: f.submittedAt,
    updatedAt: f.updatedAt,
    revision: f.revision,
  };
  const checked = FeedbackItem.safeParse(item);
  if (!checked.success) throw new Error(`refusing to store malformed feedback: ${checked.error.message}`);
  return checked.data;
}

export function fromFeedbackItem(raw: Record<string, unknown>): Feedback {
  const i = raw as unknown as FeedbackItem;
  return {
    sessionId: i.sessionId,
    registrationId: i.sk.slice(feedbackKeys.prefix.length),
    programmeId: i.programmeId,
    sessionKind: i.sessionKind,
    role: i.role,
    neighbourhood: i.neighbourhood ?? null,
    rating: i.rating,
    answers: i.answers ?? {},
    comment: i.comment ?? null,
    submittedAt: i.submittedAt,
    updatedAt: i.updatedAt,
    revision: i.revision,
  };
}
