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
import * as z from './zod';

/**
 * Request bodies of the organiser API. Like the public schemas they validate at the edge, give
 * the handler its types and produce the OpenAPI document.
 */

/** `POST /admin/sessions`: a session as in a programme file, plus the programme it belongs to. */
export const AdminSessionCreate = z.safeExtend(SessionInput, { programmeId: SlugId });
export type AdminSessionCreate = z.infer<typeof AdminSessionCreate>;

/**
 * `PATCH /admin/sessions/{id}`: only the fields given change; `null` clears a nullable one.
 * Unknown fields (such as `id` or `kind`, which never change) are refused, naming the field.
 */
export const SessionPatch = z
  .strictObject({
    title: z.optional(localisedText(300)),
    description: z.optional(z.nullable(localisedText(5000))),
    date: z.optional(LocalDate),
    startTime: z.optional(z.nullable(LocalTime)),
    endTime: z.optional(z.nullable(LocalTime)),
    location: z.optional(z.nullable(Location)),
    capacity: z.optional(z.nullable(z.number().check(z.int(), z.gte(1), z.lte(100_000)))),
    provisional: z.optional(z.boolean()),
    registrationOpen: z.optional(z.boolean()),
    /**
     * The `version` the organiser's edit is based on. When given and the session has moved on
     * since, the edit is refused (409 `version-mismatch`) instead of silently overwriting.
     */
    expectedVersion: z.optional(z.number().check(z.int(), z.gte(1))),
  })
  .check(
    z.refine((p) => Object.keys(p).some((k) => k !== 'expectedVersion'), {
      message: 'must change at least one field',
    }),
  );
export type SessionPatch = z.infer<typeof SessionPatch>;

/** `POST /admin/sessions/{id}/cancel`: optional guard against cancelling a session that moved meanwhile. */
export const SessionCancelRequest = z.strictObject({
  expectedVersion: z.optional(z.number().check(z.int(), z.gte(1))),
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
  subject: z.pipe(singleLineText(200), z.string().check(z.minLength(1, { message: 'must not be empty' }))),
  body: multiLineText(10_000).check(z.refine((s) => s.trim().length > 0, { message: 'must not be empty' })),
  language: z.optional(Language),
});
export type AnnouncementRequest = z.infer<typeof AnnouncementRequest>;

/** Query of `GET /admin/audit`. */
export const AuditQuery = z.object({
  month: z.optional(z.string().check(z.regex(/^\d{4}-(0[1-9]|1[0-2])$/, { message: 'must be a month YYYY-MM' }))),
  limit: z._default(z.coerce.number().check(z.int(), z.gte(1), z.lte(500)), 100),
  cursor: z.optional(z.string().check(z.maxLength(2000))),
});
export type AuditQuery = z.infer<typeof AuditQuery>;

/** Query of `GET /admin/sessions/{id}/registrations`. */
export const RegistrationListQuery = z.object({
  format: z._default(z.enum(['json', 'csv'], { message: 'must be json or csv' }), 'json'),
  /** `sensitive`: the CSV also carries the sensitive answers (access needs); audited. */
  include: z.optional(z.enum(['sensitive'], { message: 'must be sensitive' })),
});

/**
 * `PUT /admin/programmes/{programmeId}`: the settings, and when replacing, the `version` they
 * replace. Unknown fields (`sessions` among them: those go through the import) are refused.
 */
export const ProgrammePut = z
  .strictObject({ ...programmeSettingsShape, expectedVersion: z.optional(z.number().check(z.int(), z.gte(1))) })
  .check(z.superRefine(checkQuestionIds));
export type ProgrammePut = z.infer<typeof ProgrammePut>;

/** Query of `POST /admin/programmes/import`. */
export const ImportQuery = z.object({
  dryRun: z.pipe(
    z._default(z.enum(['true', 'false'], { message: 'must be true or false' }), 'false'),
    z.transform((v) => v === 'true'),
  ),
});
