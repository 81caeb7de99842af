import * as z from 'zod';
import {
  AdminSessionCreate,
  AnnouncementRequest,
  AttendanceRequest,
  AuditQuery,
  RegistrationListQuery,
  SessionCancelRequest,
  SessionPatch,
} from '../domain/admin-schemas';
import { AdminRegistrationView, AdminSessionView, AuditEntryView, ParticipationView } from '../domain/admin-views';
import { FeedbackPageView, FeedbackSubmissionDoc, FeedbackView } from '../domain/feedback';
import { RegistrationRequest } from '../domain/schemas';
import { RegistrationView, SessionView } from '../domain/views';
import { feedbackReportOperation } from './feedback-report';
import type { RouteSpec } from './route-specs';

/**
 * The OpenAPI 3.1 document, generated from the route table and the same zod schemas that
 * validate requests (zod's JSON Schema output is OpenAPI 3.1's dialect).
 */
export interface OperationDoc {
  summary: string;
  description?: string;
  requestBody?: z.ZodType;
  /** Media types the body is accepted in; default JSON and HTML form posts. */
  bodyMediaTypes?: string[];
  /** Query parameters, each with its schema. */
  query?: Record<string, { schema: z.ZodType; description?: string }>;
  responses: Record<string, { description: string; schema?: z.ZodType; contentType?: string }>;
}

const jsonSchema = (schema: z.ZodType, io: 'input' | 'output') =>
  z.toJSONSchema(schema, { io, unrepresentable: 'any', target: 'draft-2020-12' });

const ProblemSchema = z.object({
  type: z.string(),
  title: z.string(),
  status: z.number().int(),
  detail: z.string(),
  errors: z.array(z.object({ field: z.string(), message: z.string() })).optional(),
});

const problems = (...codes: number[]) =>
  Object.fromEntries(
    codes.map((c) => [
      String(c),
      { description: 'Problem details (RFC 9457)', schema: ProblemSchema, contentType: 'application/problem+json' },
    ]),
  );

export const publicOperations: Record<string, OperationDoc> = {
  'GET /sessions': {
    summary: 'List the sessions, ordered by date (cancelled ones included and marked)',
    responses: { '200': { description: 'Sessions', schema: z.object({ sessions: z.array(SessionView) }) } },
  },
  'GET /sessions/{sessionId}': {
    summary: 'One session',
    responses: { '200': { description: 'The session', schema: SessionView }, ...problems(404) },
  },
  'POST /sessions/{sessionId}/registrations': {
    summary: 'Register for a session (JSON or an HTML form post)',
    requestBody: RegistrationRequest,
    responses: {
      '201': {
        description: 'Registered: confirmed, or on the waiting list',
        schema: z.object({ registration: RegistrationView, manageUrl: z.string(), manageToken: z.string() }),
      },
      '303': { description: 'A browser form post is redirected to the manage page' },
      ...problems(400, 404, 409, 413, 415, 429),
    },
  },
  'GET /sessions/{sessionId}/calendar.ics': {
    summary: 'The session as an iCalendar file (stable UID, SEQUENCE = version)',
    responses: { '200': { description: 'text/calendar', contentType: 'text/calendar' }, ...problems(404) },
  },
  'GET /calendar.ics': {
    summary: 'The whole programme as a subscribable iCalendar feed',
    responses: { '200': { description: 'text/calendar', contentType: 'text/calendar' } },
  },
  'GET /registrations/{token}': {
    summary: 'A registration, by its manage token',
    responses: {
      '200': {
        description: 'The registration and its session',
        schema: z.object({ registration: RegistrationView, session: SessionView }),
      },
      ...problems(404),
    },
  },
  'POST /registrations/{token}/cancel': {
    summary: 'Cancel a registration (repeating it is harmless)',
    responses: {
      '200': { description: 'Cancelled', schema: z.object({ registration: RegistrationView }) },
      ...problems(404),
    },
  },
  'DELETE /registrations/{token}': {
    summary: 'Cancel a registration (same as POST …/cancel)',
    responses: {
      '200': { description: 'Cancelled', schema: z.object({ registration: RegistrationView }) },
      ...problems(404),
    },
  },
  'GET /feedback/{token}': {
    summary: 'The feedback form of a registration: questions, window, and the current submission to prefill',
    responses: { '200': { description: 'The feedback context', schema: FeedbackPageView }, ...problems(404) },
  },
  'POST /feedback/{token}': {
    summary:
      'Submit or change the feedback of a registration (JSON or an HTML form post with answers[<questionId>] fields). ' +
      '409 slugs: feedback-not-open, feedback-closed, registration-cancelled, registration-not-confirmed, marked-absent, session-cancelled',
    requestBody: FeedbackSubmissionDoc,
    responses: {
      '201': { description: 'Stored (the first submission)', schema: z.object({ feedback: FeedbackView }) },
      '200': { description: 'Stored, replacing the earlier submission', schema: z.object({ feedback: FeedbackView }) },
      '303': { description: 'A browser form post is redirected to the feedback page' },
      ...problems(400, 404, 409, 413, 415),
    },
  },
  'GET /openapi.json': {
    summary: 'This document',
    responses: { '200': { description: 'OpenAPI 3.1' } },
  },
};

const jsonBody = ['application/json'];

/** The organiser routes: bearer JWT of a member of the `organisers` group (401 without, 403 outside it). */
export const adminOperations: Record<string, OperationDoc> = {
  'GET /admin/sessions': {
    summary: 'All sessions with their counts',
    responses: {
      '200': { description: 'Sessions', schema: z.object({ sessions: z.array(AdminSessionView) }) },
      ...problems(401, 403),
    },
  },
  'POST /admin/sessions': {
    summary: 'Create a session in an existing programme (version 1)',
    requestBody: AdminSessionCreate,
    bodyMediaTypes: jsonBody,
    responses: {
      '201': { description: 'Created', schema: AdminSessionView },
      ...problems(400, 401, 403, 409, 413, 415),
    },
  },
  'PATCH /admin/sessions/{id}': {
    summary: 'Edit, reschedule, set or clear time and location, change capacity or flags',
    description:
      'Only the given fields change; null clears a nullable one. A change of title, description, date, times or ' +
      'location raises `version` by exactly one (registrants get an updated invite); capacity, `provisional` and ' +
      '`registrationOpen` do not. Raising capacity seats the waiting list in order; lowering it below the ' +
      'confirmed count is refused (409 `capacity-below-confirmed`). With `expectedVersion`, an edit based on an ' +
      'outdated version is refused (409 `version-mismatch`).',
    requestBody: SessionPatch,
    bodyMediaTypes: jsonBody,
    responses: {
      '200': {
        description: 'The session after the edit, the fields that changed and who got a seat',
        schema: z.object({ session: AdminSessionView, changed: z.array(z.string()), promoted: z.array(z.string()) }),
      },
      ...problems(400, 401, 403, 404, 409, 413, 415),
    },
  },
  'POST /admin/sessions/{id}/cancel': {
    summary: 'Cancel a session (version + 1); repeating it changes nothing',
    requestBody: SessionCancelRequest,
    bodyMediaTypes: jsonBody,
    responses: {
      '200': { description: 'Cancelled', schema: z.object({ session: AdminSessionView, changed: z.boolean() }) },
      ...problems(400, 401, 403, 404, 409),
    },
  },
  'GET /admin/sessions/{id}/registrations': {
    summary: "A session's registrations, as JSON or as CSV for Excel",
    description:
      'CSV: UTF-8 with byte order mark, `;` delimiter, CRLF, every field quoted; cells starting with = + - @ are ' +
      'prefixed with an apostrophe so no spreadsheet runs them as formulas.',
    query: { format: { schema: RegistrationListQuery.shape.format, description: 'json (default) or csv' } },
    responses: {
      '200': {
        description: 'Registrations in registration order',
        schema: z.object({ session: AdminSessionView, registrations: z.array(AdminRegistrationView) }),
      },
      ...problems(400, 401, 403, 404),
    },
  },
  'POST /admin/sessions/{id}/messages': {
    summary: 'Message all live registrants of a session (sent by the mail pipeline)',
    requestBody: AnnouncementRequest,
    bodyMediaTypes: jsonBody,
    responses: {
      '202': {
        description: 'Stored; mails follow',
        schema: z.object({ announcement: z.object({ id: z.string(), createdAt: z.string() }) }),
      },
      ...problems(400, 401, 403, 404, 413, 415),
    },
  },
  'POST /admin/registrations/{id}/attendance': {
    summary: 'Record whether a registrant was present',
    requestBody: AttendanceRequest,
    bodyMediaTypes: jsonBody,
    responses: {
      '200': { description: 'Recorded', schema: z.object({ registration: AdminRegistrationView }) },
      ...problems(400, 401, 403, 404, 409),
    },
  },
  'POST /admin/registrations/{id}/promote': {
    summary: 'Seat someone from the waiting list by hand, out of order',
    description:
      'When no seat is free the session capacity rises by one, so the confirmed count never exceeds capacity. ' +
      'Promoting someone already confirmed changes nothing.',
    responses: {
      '200': {
        description: 'Confirmed',
        schema: z.object({
          registration: RegistrationView,
          changed: z.boolean(),
          capacity: z.number().int().nullable(),
        }),
      },
      ...problems(401, 403, 404, 409),
    },
  },
  'POST /admin/registrations/{id}/remove': {
    summary: 'Remove a registrant: cancels the registration, the freed seat goes to the first in line',
    responses: {
      '200': {
        description: 'Removed',
        schema: z.object({ registration: RegistrationView, promoted: z.string().nullable(), changed: z.boolean() }),
      },
      ...problems(401, 403, 404),
    },
  },
  'GET /admin/reports/feedback': {
    ...feedbackReportOperation,
    responses: { ...feedbackReportOperation.responses, ...problems(400, 401, 403, 404) },
  },
  'GET /admin/reports/participation': {
    summary: 'Per session: confirmed, waiting, cancelled, attended, by role and neighbourhood',
    responses: { '200': { description: 'Report', schema: ParticipationView }, ...problems(401, 403) },
  },
  'GET /admin/audit': {
    summary: 'The audit trail of one month, newest first',
    query: {
      month: { schema: AuditQuery.shape.month, description: 'YYYY-MM; default the current month (UTC)' },
      limit: { schema: AuditQuery.shape.limit, description: '1-500, default 100' },
      cursor: { schema: AuditQuery.shape.cursor, description: 'nextCursor of the previous page' },
    },
    responses: {
      '200': {
        description: 'Entries',
        schema: z.object({ month: z.string(), entries: z.array(AuditEntryView), nextCursor: z.string().nullable() }),
      },
      ...problems(400, 401, 403),
    },
  },
};

export function buildOpenApi(routes: RouteSpec[], operations: Record<string, OperationDoc>, serverUrl?: string) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const r of routes) {
    const op = operations[`${r.method} ${r.path}`];
    if (!op) continue;
    const parameters: Record<string, unknown>[] = [...r.path.matchAll(/\{(\w+)\}/g)].map((m) => ({
      name: m[1],
      in: 'path',
      required: true,
      schema: { type: 'string' },
    }));
    for (const [name, q] of Object.entries(op.query ?? {})) {
      parameters.push({
        name,
        in: 'query',
        required: false,
        schema: jsonSchema(q.schema, 'input'),
        ...(q.description ? { description: q.description } : {}),
      });
    }
    const responses = Object.fromEntries(
      Object.entries(op.responses).map(([code, res]) => [
        code,
        {
          description: res.description,
          ...(res.schema
            ? { content: { [res.contentType ?? 'application/json']: { schema: jsonSchema(res.schema, 'output') } } }
            : res.contentType
              ? { content: { [res.contentType]: {} } }
              : {}),
        },
      ]),
    );
    const body = op.requestBody
      ? {
          requestBody: {
            required: true,
            content: Object.fromEntries(
              (op.bodyMediaTypes ?? ['application/json', 'application/x-www-form-urlencoded']).map((type) => [
                type,
                { schema: jsonSchema(op.requestBody as z.ZodType, 'input') },
              ]),
            ),
          },
        }
      : {};
    paths[r.path] ??= {};
    (paths[r.path] as Record<string, unknown>)[r.method.toLowerCase()] = {
      summary: op.summary,
      ...(op.description ? { description: op.description } : {}),
      operationId: `${r.method.toLowerCase()}${r.path.replace(/[{}]/g, '').replace(/[^a-zA-Z0-9]+(.)?/g, (_m, c: string | undefined) => (c ? c.toUpperCase() : ''))}`,
      ...(parameters.length ? { parameters } : {}),
      ...(r.auth === 'organiser' ? { security: [{ organiserJwt: [] }] } : {}),
      ...body,
      responses,
    };
  }
  return {
    openapi: '3.1.0',
    info: { title: 'Stadsgesprekken registration API', version: '1.0.0' },
    ...(serverUrl ? { servers: [{ url: serverUrl }] } : {}),
    paths,
    components: {
      securitySchemes: { organiserJwt: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } },
    },
  };
}
