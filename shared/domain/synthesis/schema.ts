import * as z from 'zod';
import { Role, SessionKind } from '../schemas';

const LocalisedTextOut = z.object({ nl: z.string(), en: z.string().optional() });

export const RatingSummary = z.object({
  responses: z.number().int(),
  /** Mean of the 1–5 ratings, rounded to two decimals; null without responses. */
  averageRating: z.number().nullable(),
  ratingDistribution: z.object({ '1': z.number(), '2': z.number(), '3': z.number(), '4': z.number(), '5': z.number() }),
});
export type RatingSummary = z.infer<typeof RatingSummary>;
export type RatingDistribution = RatingSummary['ratingDistribution'];

export const ResponseRate = z.object({
  /** Who could have responded: those marked present once attendance is recorded, else the confirmed. */
  participants: z.number().int(),
  /** responses / participants, rounded to three decimals; null when nobody took part. */
  responseRate: z.number().nullable(),
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
  sessionId: z.string().nullable(),
  generatedAt: z.string(),
  overall: RatingSummary.extend(ResponseRate.shape),
  sessions: z.array(
    RatingSummary.extend(ResponseRate.shape).extend({
      id: z.string(),
      kind: SessionKind,
      title: LocalisedTextOut,
      date: z.string(),
      participantsBasis: z.enum(['present', 'confirmed']),
      confirmed: z.number().int(),
      present: z.number().int().nullable(),
    }),
  ),
  byKind: z.array(RatingSummary.extend({ kind: SessionKind })),
  byRole: z.array(RatingSummary.extend({ role: Role })),
  questions: z.array(
    z.object({
      id: z.string(),
      text: LocalisedTextOut,
      answerCount: z.number().int(),
      byRole: z.array(z.object({ key: Role, count: z.number().int(), answers: z.array(Quote) })),
      byKind: z.array(z.object({ key: SessionKind, count: z.number().int(), answers: z.array(Quote) })),
    }),
  ),
  comments: z.array(Quote),
});
export type FeedbackSynthesis = z.infer<typeof FeedbackSynthesis>;
