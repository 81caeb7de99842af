import * as z from 'zod';
import {
  checkQuestionIds,
  Language,
  LocalDate,
  LocalTime,
  Location,
  localisedText,
  multiLineText,
  programmeSettingsShape,
  SessionInput,
  SlugId,
  singleLineText,
} from './schemas';

/**
 * Request bodies of the organiser API. Like the public schemas they validate at the edge, give
 * the handler its types and produce the OpenAPI document.
 */

/** `POST /admin/sessions`: a session as in a programme file, plus the programme it belongs to. */
export const AdminSessionCreate = SessionInput.safeExtend({ programmeId: SlugId });
export type AdminSessionCreate = z.infer<typeof AdminSessionCreate>;

/**
 * `PATCH /admin/sessions/{id}`: only the fields given change; `null` clears a nullable one.
 * Unknown fields (such as `id` or `kind`, which never change) are refused, naming the field.
 */
export const SessionPatch = z
  .strictObject({
    title: localisedText(300).optional(),
    description: localisedText(5000).nullable().optional(),
    date: LocalDate.optional(),
    startTime: LocalTime.nullable().optional(),
    endTime: LocalTime.nullable().optional(),
    location: Location.nullable().optional(),
    capacity: z.number().int().min(1).max(100_000).nullable().optional(),
    provisional: z.boolean().optional(),
    registrationOpen: z.boolean().optional(),
    /**
     * The `version` the organiser's edit is based on. When given and the session has moved on
     * since, the edit is refused (409 `version-mismatch`) instead of silently overwriting.
     */
    expectedVersion: z.number().int().min(1).optional(),
  })
  .refine((p) => Object.keys(p).some((k) => k !== 'expectedVersion'), {
    message: 'must change at least one field',
  });
export type SessionPatch = z.infer<typeof SessionPatch>;

/** `POST /admin/sessions/{id}/cancel`: optional guard against cancelling a session that moved meanwhile. */
export const SessionCancelRequest = z.strictObject({
  expectedVersion: z.number().int().min(1).optional(),
});
export type SessionCancelRequest = z.infer<typeof SessionCancelRequest>;

/** `POST /admin/registrations/{id}/attendance`. */
export const AttendanceRequest = z.strictObject({ present: z.boolean() });
export type AttendanceRequest = z.infer<typeof AttendanceRequest>;

/**
 * `POST /admin/sessions/{id}/messages`: one message to every live registrant (confirmed and
 * waiting). With `language`, only to registrants who chose that language, so an organiser can
 * send a Dutch and an English version.
 */
export const AnnouncementRequest = z.strictObject({
  subject: singleLineText(200).pipe(z.string().min(1, { message: 'must not be empty' })),
  body: multiLineText(10_000).refine((s) => s.trim().length > 0, { message: 'must not be empty' }),
  language: Language.optional(),
});
export type AnnouncementRequest = z.infer<typeof AnnouncementRequest>;

/** Query of `GET /admin/audit`. */
export const AuditQuery = z.object({
  month: z
    .string()
    .regex(/^\d{4}-(0[1-9]|1[0-2])$/, { message: 'must be a month YYYY-MM' })
    .optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  cursor: z.string().max(2000).optional(),
});
export type AuditQuery = z.infer<typeof AuditQuery>;

/** Query of `GET /admin/sessions/{id}/registrations`. */
export const RegistrationListQuery = z.object({
  format: z.enum(['json', 'csv'], { message: 'must be json or csv' }).default('json'),
  /** `sensitive`: the CSV also carries the sensitive answers (access needs); audited. */
  include: z.enum(['sensitive'], { message: 'must be sensitive' }).optional(),
});

/**
 * `PUT /admin/programmes/{programmeId}`: the settings, and when replacing, the `version` they
 * replace. Unknown fields (`sessions` among them: those go through the import) are refused.
 */
export const ProgrammePut = z
  .strictObject({ ...programmeSettingsShape, expectedVersion: z.number().int().min(1).optional() })
  .superRefine(checkQuestionIds);
export type ProgrammePut = z.infer<typeof ProgrammePut>;

/** Query of `POST /admin/programmes/import`. */
export const ImportQuery = z.object({
  dryRun: z
    .enum(['true', 'false'], { message: 'must be true or false' })
    .default('false')
    .transform((v) => v === 'true'),
});
