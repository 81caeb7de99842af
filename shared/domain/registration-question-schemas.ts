import { localisedText, SlugId } from './schema-primitives';
import * as z from './zod';

/**
 * A question a programme asks on its registration forms (programme setting `registrationQuestions`).
 * `sensitive` marks special-category data (health, for access needs): kept out of exports unless
 * asked for, and erased before the rest of the registration.
 */
const QuestionOption = z.strictObject({ id: SlugId, label: localisedText(200) });
const questionBase = {
  id: SlugId,
  label: localisedText(300),
  help: z.optional(localisedText(1000)),
  required: z._default(z.boolean(), false),
  sensitive: z._default(z.boolean(), false),
};
const uniqueOptionIds = (q: { options: { id: string }[] }, ctx: z.core.$RefinementCtx) => {
  const seen = new Set<string>();
  q.options.forEach((o, i) => {
    if (seen.has(o.id)) ctx.addIssue({ code: 'custom', path: ['options', i, 'id'], message: 'is used twice' });
    seen.add(o.id);
  });
};
export const RegistrationQuestion = z.discriminatedUnion('type', [
  z.strictObject({
    ...questionBase,
    type: z.literal('text'),
    maxLength: z._default(z.number().check(z.int(), z.gte(1), z.lte(2000)), 500),
  }),
  z.strictObject({ ...questionBase, type: z.literal('boolean') }),
  z
    .strictObject({
      ...questionBase,
      type: z.literal('choice'),
      options: z.array(QuestionOption).check(z.minLength(2), z.maxLength(30)),
    })
    .check(z.superRefine(uniqueOptionIds)),
  z
    .strictObject({
      ...questionBase,
      type: z.literal('multi'),
      options: z.array(QuestionOption).check(z.minLength(1), z.maxLength(30)),
    })
    .check(z.superRefine(uniqueOptionIds)),
]);
export type RegistrationQuestion = z.infer<typeof RegistrationQuestion>;
export const RegistrationQuestions = z.array(RegistrationQuestion).check(
  z.maxLength(30),
  z.superRefine((qs, ctx) => {
    const seen = new Set<string>();
    qs.forEach((q, i) => {
      if (seen.has(q.id)) ctx.addIssue({ code: 'custom', path: [i, 'id'], message: 'is used twice' });
      seen.add(q.id);
    });
  }),
);

/**
 * The programme's areas (setting `areas`): a list to choose from instead of free text, so counts
 * per area mean something. Without `options` the Amsterdam list of shared/domain/areas.ts applies;
 * "other" with free text is always offered. Without the setting the form keeps the free-text
 * neighbourhood of earlier programmes.
 */
export const AreaSettings = z.strictObject({
  options: z.optional(
    z
      .array(
        z.strictObject({
          id: SlugId.check(z.refine((id) => id !== 'other', { message: '"other" is always offered' })),
          label: localisedText(200),
        }),
      )
      .check(z.minLength(1), z.maxLength(100)),
  ),
  /** Ask for the 4 digits of the postcode too (optional for the registrant). */
  askPostcode: z._default(z.boolean(), false),
});
export type AreaSettings = z.infer<typeof AreaSettings>;

/** Programme setting `inclusion`: which default questions the forms ask, and when hosts hear what to arrange. */
export const InclusionSettings = z.strictObject({
  /** Ask the access-needs questions (sensitive: special-category data). */
  accessNeeds: z._default(z.boolean(), false),
  /** Ask "how did you hear about this?" (optional for the registrant). */
  heardVia: z._default(z.boolean(), false),
  /** Days before a session's start the organisers get its "to arrange" summary by mail (0: none). */
  accessSummaryDaysBefore: z._default(z.number().check(z.int(), z.gte(0), z.lte(60)), 3),
  /** Where the summary goes; the configured sender address (MAIL_FROM) when absent. */
  organiserEmail: z.optional(z.email({ message: 'must be an email address' }).check(z.maxLength(254))),
  /** The language of the summary mail (the hosts', not the registrants'); Dutch when absent. */
  organiserLanguage: z.optional(z.enum(['nl', 'en'], { message: 'must be one of: nl, en' })),
});
export type InclusionSettings = z.infer<typeof InclusionSettings>;
