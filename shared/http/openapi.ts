import { z } from 'zod';
import { FeedbackPageView, FeedbackSubmissionDoc, FeedbackView } from '../domain/feedback';
import { RegistrationRequest } from '../domain/schemas';
import { RegistrationView, SessionView } from '../domain/views';
import type { RouteSpec } from './route-specs';

/**
 * The OpenAPI 3.1 document, generated from the route table and the same zod schemas that
 * validate requests (zod's JSON Schema output is OpenAPI 3.1's dialect).
 */
export interface OperationDoc {
  summary: string;
  requestBody?: z.ZodType;
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

export function buildOpenApi(routes: RouteSpec[], operations: Record<string, OperationDoc>, serverUrl?: string) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const r of routes) {
    const op = operations[`${r.method} ${r.path}`];
    if (!op) continue;
    const parameters = [...r.path.matchAll(/\{(\w+)\}/g)].map((m) => ({
      name: m[1],
      in: 'path',
      required: true,
      schema: { type: 'string' },
    }));
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
            content: {
              'application/json': { schema: jsonSchema(op.requestBody, 'input') },
              'application/x-www-form-urlencoded': { schema: jsonSchema(op.requestBody, 'input') },
            },
          },
        }
      : {};
    paths[r.path] ??= {};
    (paths[r.path] as Record<string, unknown>)[r.method.toLowerCase()] = {
      summary: op.summary,
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
