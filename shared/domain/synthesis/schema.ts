import { Role, SessionKind } from '../schemas';
import * as z from '../zod';

const LocalisedTextOut = z.object({ nl: z.string(), en: z.optional(z.string()) });

export const RatingSummary = z.object({
  responses: z.number().check(z.int()),
  /** Mean of the 1–5 ratings, rounded to two decimals; null without responses. */
  averageRating: z.nullable(z.number()),
  ratingDistribution: z.object({ '1': z.number(), '2': z.number(), '3': z.number(), '4': z.number(), '5': z.number() }),
});
export type RatingSummary = z.infer<typeof RatingSummary>;
export type RatingDistribution = RatingSummary['ratingDistribution'];

export const ResponseRate = z.object({
  /** Who could have responded: those marked present once attendance is recorded, else the confirmed. */
  participants: z.number().check(z.int()),
  /** responses / participants, rounded to three decimals; null when nobody took part. */
  responseRate: z.nullable(z.number()),
});
export type ResponseRate = z.infer<typeof ResponseRate>;

const Quote = z.object({
  text: z.string(),
  role: Role,
  sessionKind: SessionKind,
  sessionId: z.string(),
  sessionDate: z.string(),
});
export type Quote = z.infer<typeof Quote>;

/** The synthesis as JSON; the schema documents `?format=json` in OpenAPI. */
export const FeedbackSynthesis = z.object({
  programme: z.object({ id: z.string(), title: LocalisedTextOut }),
  sessionId: z.nullable(z.string()),
  generatedAt: z.string(),
  overall: z.extend(RatingSummary, ResponseRate.shape),
  sessions: z.array(
    z.extend(z.extend(RatingSummary, ResponseRate.shape), {
      id: z.string(),
      kind: SessionKind,
      title: LocalisedTextOut,
      date: z.string(),
      participantsBasis: z.enum(['present', 'confirmed']),
      confirmed: z.number().check(z.int()),
      present: z.nullable(z.number().check(z.int())),
    }),
  ),
  byKind: z.array(z.extend(RatingSummary, { kind: SessionKind })),
  byRole: z.array(z.extend(RatingSummary, { role: Role })),
  questions: z.array(
    z.object({
      id: z.string(),
      text: LocalisedTextOut,
      answerCount: z.number().check(z.int()),
      byRole: z.array(z.object({ key: Role, count: z.number().check(z.int()), answers: z.array(Quote) })),
      byKind: z.array(z.object({ key: SessionKind, count: z.number().check(z.int()), answers: z.array(Quote) })),
    }),
  ),
  comments: z.array(Quote),
});
export type FeedbackSynthesis = z.infer<typeof FeedbackSynthesis>;
