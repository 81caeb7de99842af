import * as z from './zod';

/**
 * What a programme says about privacy: the notice registrants agree to and how long their personal
 * data is kept. Apart from the rules in privacy.ts, so the model can name these types without a cycle.
 */

/** The organiser's privacy notice a registrant agrees to: where it is and which version it was. */
export const PrivacyNotice = z.object({
  url: z.url({ protocol: /^https?$/, message: 'must be an http(s) URL' }).check(z.maxLength(2000)),
  version: z
    .string()
    .check(
      z.trim(),
      z.minLength(1, { message: 'must not be empty' }),
      z.maxLength(40, { message: 'must be at most 40 characters' }),
      z.regex(/^[\w.+-]+$/, { message: 'must be letters, digits, dots, dashes or underscores, e.g. 2027-01' }),
    ),
});
export type PrivacyNotice = z.infer<typeof PrivacyNotice>;

export const DEFAULT_RETENTION_MONTHS = 6;
/** Whole months after which personal data is erased; from one month to ten years. */
export const RetentionMonths = z.number().check(z.int(), z.gte(1), z.lte(120));

/**
 * Where the retention period starts: the programme's last session (the default: personal data is
 * kept through the final feedback session, then erased for everyone) or each registration's own
 * session (earlier erasure for long programmes).
 */
export const retentionAnchors = ['programme-end', 'session'] as const;
export const RetentionAnchor = z.enum(retentionAnchors);
export type RetentionAnchor = z.infer<typeof RetentionAnchor>;
