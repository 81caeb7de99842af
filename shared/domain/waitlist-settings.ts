import * as z from './zod';

/**
 * The programme's settings for the waiting list's end game, apart from the rules in waitlist.ts so
 * the model and the schemas can name them without a cycle.
 */

/** The settings, with their defaults. Hours are whole hours. */
export const WaitlistSettings = z.strictObject({
  /** A seat freed this many hours or fewer before the start is offered rather than handed out (0: never). */
  offerWithinHours: z._default(z.number().check(z.int(), z.gte(0), z.lte(24 * 60)), 48),
  /** How long an offer can be claimed; it never runs past one hour before the start. */
  offerHours: z._default(z.number().check(z.int(), z.gte(1), z.lte(24 * 7)), 12),
  /** Hours before the start after which no more offers are made (0: until one hour before). */
  closeHoursBeforeStart: z._default(z.number().check(z.int(), z.gte(0), z.lte(24 * 60)), 2),
});
export type WaitlistSettings = z.infer<typeof WaitlistSettings>;
export type WaitlistSettingsInput = z.input<typeof WaitlistSettings>;

export const DEFAULT_WAITLIST: WaitlistSettings = { offerWithinHours: 48, offerHours: 12, closeHoursBeforeStart: 2 };
