import {
  AdminSessionCreate,
  AnnouncementRequest,
  SessionCancelRequest,
  SessionPatch,
} from '../../domain/admin-schemas';
import { AdminSessionView } from '../../domain/admin-views';
import * as z from '../../domain/zod';
import { listSessionsForOrganiser, type OrganiserDeps } from '../../usecases/organiser/deps';
import { unconfirmedHoldCounts } from '../../usecases/organiser/holds';
import {
  cancelSession,
  createSession,
  editSession,
  messageRegistrants,
} from '../../usecases/organiser/session-editing';
import { JSON_BODY_ONLY, problems } from '../openapi';
import { AdminSessionParams } from '../path-params';
import { organiserRoute } from '../route';
import { ok, sessionView } from './deps';

export const sessionAdminRoutes = [
  organiserRoute({
    method: 'GET',
    path: '/admin/sessions',
    summary: 'All sessions with their counts',
    responses: {
      '200': { description: 'Sessions', schema: z.object({ sessions: z.array(AdminSessionView) }) },
      ...problems(401, 403),
    },
    handle: async (_input, deps: OrganiserDeps) => {
      const sessions = await listSessionsForOrganiser(deps);
      const holds = await unconfirmedHoldCounts(deps, sessions);
      return ok({
        sessions: sessions.map((s) => ({ ...sessionView(deps, s), unconfirmedHolds: holds.get(s.id) ?? 0 })),
      });
    },
  }),
  organiserRoute({
    method: 'POST',
    path: '/admin/sessions',
    body: AdminSessionCreate,
    bodyMediaTypes: JSON_BODY_ONLY,
    summary: 'Create a session in an existing programme (version 1)',
    responses: {
      '201': { description: 'Created', schema: AdminSessionView },
      ...problems(400, 401, 403, 409, 413, 415),
    },
    handle: async ({ body, organiser }, deps: OrganiserDeps) =>
      ok(sessionView(deps, await createSession(deps, organiser, body)), 201),
  }),
  organiserRoute({
    method: 'PATCH',
    path: '/admin/sessions/{id}',
    params: AdminSessionParams,
    notFound: 'session',
    body: SessionPatch,
    bodyMediaTypes: JSON_BODY_ONLY,
    summary: 'Edit, reschedule, set or clear time and location, change capacity or flags',
    description:
      'Only the given fields change; null clears a nullable one. A change of title, description, date, times or ' +
      'location raises `version` by exactly one (registrants get an updated invite); capacity, `provisional` and ' +
      '`registrationOpen` do not. Raising capacity seats the waiting list in order; lowering it below the ' +
      'confirmed count is refused (409 `capacity-below-confirmed`). With `expectedVersion`, an edit based on an ' +
      'outdated version is refused (409 `version-mismatch`).',
    responses: {
      '200': {
        description: 'The session after the edit, the fields that changed and who got a seat',
        schema: z.object({ session: AdminSessionView, changed: z.array(z.string()), promoted: z.array(z.string()) }),
      },
      ...problems(400, 401, 403, 404, 409, 413, 415),
    },
    handle: async ({ params, body, organiser }, deps: OrganiserDeps) => {
      const result = await editSession(deps, organiser, params.id, body);
      return ok({
        session: sessionView(deps, result.session),
        changed: result.changed,
        promoted: result.promoted.map((r) => r.id),
      });
    },
  }),
  organiserRoute({
    method: 'POST',
    path: '/admin/sessions/{id}/cancel',
    params: AdminSessionParams,
    notFound: 'session',
    body: SessionCancelRequest,
    bodyMediaTypes: JSON_BODY_ONLY,
    summary: 'Cancel a session (version + 1); repeating it changes nothing',
    responses: {
      '200': { description: 'Cancelled', schema: z.object({ session: AdminSessionView, changed: z.boolean() }) },
      ...problems(400, 401, 403, 404, 409),
    },
    handle: async ({ params, body, organiser }, deps: OrganiserDeps) => {
      const result = await cancelSession(deps, organiser, params.id, body.expectedVersion);
      return ok({ session: sessionView(deps, result.session), changed: result.changed });
    },
  }),
  organiserRoute({
    method: 'POST',
    path: '/admin/sessions/{id}/messages',
    params: AdminSessionParams,
    notFound: 'session',
    body: AnnouncementRequest,
    bodyMediaTypes: JSON_BODY_ONLY,
    summary: 'Message all live registrants of a session (sent by the mail pipeline)',
    responses: {
      '202': {
        description: 'Stored; mails follow',
        schema: z.object({ announcement: z.object({ id: z.string(), createdAt: z.string() }) }),
      },
      ...problems(400, 401, 403, 404, 413, 415),
    },
    handle: async ({ params, body, organiser }, deps: OrganiserDeps) =>
      ok({ announcement: await messageRegistrants(deps, organiser, params.id, body) }, 202),
  }),
];
