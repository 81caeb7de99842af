import { PrivacyNotice, RetentionAnchor, RetentionMonths } from './privacy-settings';
import { AreaSettings, InclusionSettings, RegistrationQuestions } from './registration-question-schemas';
import { LocalDate, LocalTime, localisedText, SlugId, singleLineText } from './schema-primitives';
import { Location } from './venue-accessibility';
import { WaitlistSettings } from './waitlist-settings';
import * as z from './zod';

export {
  AreaSettings,
  InclusionSettings,
  RegistrationQuestion,
  RegistrationQuestions,
} from './registration-question-schemas';
export { type LocalisedText, localisedText, multiLineText, SlugId, singleLineText } from './schema-primitives';
// Kept here for the many readers of this module; defined where the event catalogue can take them alone.
export { LocalDate, LocalTime, Location };

/**
 * Schemas that validate input at the edge. Types are inferred from them, and the
 * OpenAPI document is generated from them, so there is one source of truth.
 */

export const sessionKinds = ['reflection', 'knowledge', 'practice', 'feedback'] as const;
const oneOf = (values: readonly string[]) => ({
  error: (iss: { input?: unknown }) =>
    iss.input === undefined ? 'is required' : `must be one of: ${values.join(', ')}`,
});

export const SessionKind = z.enum(sessionKinds, oneOf(sessionKinds));
export type SessionKind = z.infer<typeof SessionKind>;

export const roles = [
  'community-worker',
  'police-officer',
  'teacher',
  'district-nurse',
  'resident',
  'civil-servant',
  'other',
] as const;
export const Role = z.enum(roles, oneOf(roles));
export type Role = z.infer<typeof Role>;

export const languages = ['nl', 'en'] as const;
export const Language = z.enum(languages, oneOf(languages));
export type Language = z.infer<typeof Language>;

export const TimeZone = z.string().check(
  z.refine(
    (tz) => {
      try {
        new Intl.DateTimeFormat('en', { timeZone: tz });
        return tz.includes('/') || tz === 'UTC';
      } catch {
        return false;
      }
    },
    { message: 'must be an IANA time zone such as Europe/Amsterdam' },
  ),
);

export const FeedbackQuestion = z.object({
  id: SlugId,
  text: localisedText(1000),
});
export type FeedbackQuestion = z.infer<typeof FeedbackQuestion>;

/**
 * A reminder before a session: calendar days before at a local time (`atLocalTime`, else the
 * session's start time), or hours before the start. See shared/domain/schedules.ts.
 */
export const ReminderRule = z.union([
  z
    .strictObject({
      daysBefore: z.number().check(z.int(), z.gte(0), z.lte(60)),
      /** Local time of the reminder; the session's start time when absent. */
      atLocalTime: z.optional(LocalTime),
    })
    .check(
      z.refine((r) => r.daysBefore > 0 || r.atLocalTime !== undefined, {
        message: 'daysBefore 0 needs an atLocalTime (a reminder at the start time itself is too late)',
      }),
    ),
  z.strictObject({
    hoursBefore: z.number().check(z.int(), z.gte(1), z.lte(24 * 14)),
  }),
]);
export type ReminderRule = z.infer<typeof ReminderRule>;

/** When the feedback request goes out (shared/domain/schedules.ts). */
export const FeedbackRequestRule = z.strictObject({
  /** Minutes after the session's end (default 60). */
  minutesAfterEnd: z._default(z.number().check(z.int(), z.gte(0), z.lte(7 * 24 * 60)), 60),
  /** Without a known end (time to be decided) the request goes the next morning at this local time. */
  nextDayAt: z._default(LocalTime, '09:00'),
});
export type FeedbackRequestRule = z.infer<typeof FeedbackRequestRule>;
/** A session as an organiser describes it (programme file, admin create). */
export const SessionInput = z
  .object({
    id: SlugId,
    kind: SessionKind,
    title: localisedText(300),
    description: z.optional(localisedText(5000)),
    date: LocalDate,
    startTime: z._default(z.nullable(LocalTime), null),
    endTime: z._default(z.nullable(LocalTime), null),
    location: z._default(z.nullable(Location), null),
    capacity: z._default(z.nullable(z.number().check(z.int(), z.gte(1), z.lte(100_000))), null),
    provisional: z._default(z.boolean(), true),
    registrationOpen: z._default(z.boolean(), true),
    /** This session's reminders instead of the programme's; `[]` for none. */
    reminders: z.optional(z.array(ReminderRule).check(z.maxLength(10))),
  })
  .check(
    z.superRefine((s, ctx) => {
      if (s.endTime !== null && s.startTime === null) {
        ctx.addIssue({ code: 'custom', path: ['endTime'], message: 'needs a startTime' });
      }
      if (s.startTime !== null && s.endTime !== null && s.endTime <= s.startTime) {
        ctx.addIssue({ code: 'custom', path: ['endTime'], message: 'must be after startTime' });
      }
    }),
  );
export type SessionInput = z.infer<typeof SessionInput>;

/**
 * A programme's settings: everything its file holds except the sessions. The one place a setting is
 * added: the programme file, `PUT /admin/programmes/{id}` and the stored programme all follow from it.
 */
export const programmeSettingsShape = {
  title: localisedText(300),
  timeZone: z._default(TimeZone, 'Europe/Amsterdam'),
  feedbackQuestions: z._default(z.array(FeedbackQuestion).check(z.maxLength(20)), []),
  // The organiser's notice, linked from the forms and recorded with each consent.
  privacyNotice: z.optional(z.nullable(PrivacyNotice)),
  // Defaults (6 months after the programme's last session) are applied where programmes are stored.
  retentionMonths: z.optional(RetentionMonths),
  retentionAfter: z.optional(RetentionAnchor),
  /** Days feedback stays open after a session ends (default 28). */
  feedbackWindowDays: z.optional(z.number().check(z.int(), z.gte(1), z.lte(366))),
  /** Reminders of every session (default: two days before at the start time, and 09:00 on the day). */
  reminders: z.optional(z.array(ReminderRule).check(z.maxLength(10))),
  /** When the feedback request goes (default one hour after the end); `null` for none. */
  feedbackRequest: z.optional(z.nullable(FeedbackRequestRule)),
  /** Extra questions on the registration forms (shared/domain/registration-answers.ts). */
  registrationQuestions: z.optional(RegistrationQuestions),
  areas: z.optional(AreaSettings),
  /** Whether a first registration holds its seat until the address is confirmed (shared/domain/holds.ts). */
  addressConfirmation: z.optional(z.enum(['required', 'off'])),
  /** Default questions switched on: access needs, "how did you hear about this?" (shared/domain/default-questions.ts). */
  inclusion: z.optional(InclusionSettings),
  /** Offers from the waiting list near the start, and when they stop (shared/domain/waitlist.ts). */
  waitlist: z.optional(WaitlistSettings),
};

/** Answers to the feedback questions are stored by question id, so an id may appear once. */
export function checkQuestionIds(p: { feedbackQuestions: FeedbackQuestion[] }, ctx: z.core.$RefinementCtx): void {
  const seen = new Set<string>();
  p.feedbackQuestions.forEach((q, i) => {
    if (seen.has(q.id))
      ctx.addIssue({ code: 'custom', path: ['feedbackQuestions', i, 'id'], message: 'is used twice' });
    seen.add(q.id);
  });
}

export const ProgrammeSettings = z.object(programmeSettingsShape).check(z.superRefine(checkQuestionIds));
export type ProgrammeSettings = z.infer<typeof ProgrammeSettings>;

export const ProgrammeFile = z
  .object({
    id: SlugId,
    ...programmeSettingsShape,
    sessions: z
      .array(SessionInput)
      .check(z.minLength(1, { message: 'must list at least one session' }), z.maxLength(200)),
  })
  .check(
    z.superRefine((p, ctx) => {
      const seen = new Set<string>();
      p.sessions.forEach((s, i) => {
        if (seen.has(s.id)) ctx.addIssue({ code: 'custom', path: ['sessions', i, 'id'], message: 'is used twice' });
        seen.add(s.id);
      });
      checkQuestionIds(p, ctx);
    }),
  );
export type ProgrammeFile = z.infer<typeof ProgrammeFile>;

/** What a registrant posts (JSON or an HTML form). */
const consentValue = z.pipe(
  z.union([z.boolean(), z.enum(['on', 'true', 'yes', '1', 'false', 'off', '0', ''])], {
    error: (iss) => (iss.input === undefined ? 'must be given to register' : 'must be true, or "on" from a checkbox'),
  }),
  z.transform((v) => v === true || v === 'on' || v === 'true' || v === 'yes' || v === '1'),
);
const optionalText = (max: number) =>
  z.pipe(
    z.optional(singleLineText(max)),
    z.transform((v) => (v === undefined || v === '' ? undefined : v)),
  );

export const RegistrationRequest = z.object({
  name: z.pipe(singleLineText(200), z.string().check(z.minLength(1, { message: 'is required' }))),
  email: z.pipe(
    z.string().check(z.trim(), z.maxLength(254, { message: 'must be at most 254 characters' })),
    z.email({ message: 'must be a valid email address' }),
  ),
  role: Role,
  organisation: optionalText(200),
  neighbourhood: optionalText(200),
  /** One of the programme's areas (`other` with `areaOther`); checked against them by the use case. */
  area: optionalText(80),
  areaOther: optionalText(200),
  postcode: optionalText(10),
  language: z._default(Language, 'nl'),
  consent: consentValue.check(z.refine((v) => v === true, { message: 'must be given to register' })),
  website: z.optional(z.string().check(z.maxLength(2000))),
  /** Answers to the programme's registration questions, by question id; checked against them by the use case. */
  answers: z.optional(z.record(z.string(), z.unknown(), { error: 'must be an object of answers by question id' })),
});
export type RegistrationRequest = z.infer<typeof RegistrationRequest>;
