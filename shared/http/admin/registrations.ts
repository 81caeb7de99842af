import { AttendanceRequest, RegistrationListQuery } from '../../domain/admin-schemas';
import { AdminRegistrationView, AdminSessionView, toAdminRegistrationView } from '../../domain/admin-views';
import { isHeld } from '../../domain/holds';
import { RegistrationView, toRegistrationView } from '../../domain/views';
import * as z from '../../domain/zod';
import type { OrganiserDeps } from '../../usecases/organiser/deps';
import {
  eraseRegistrationOnRequest,
  listSessionRegistrations,
  promoteRegistration,
  recordAttendance,
  recordSensitiveExport,
  removeRegistration,
} from '../../usecases/organiser/registration-admin';
import { JSON_BODY_ONLY, problems } from '../openapi';
import { AdminRegistrationParams, AdminSessionParams } from '../path-params';
import { registrationsCsv } from '../registrations-csv';
import { organiserRoute } from '../route';
import { download, ok, sessionView } from './deps';

/** `address` (default): every registration made with that address, and mail to it suppressed. */
export const EraseRequest = z.object({ scope: z._default(z.enum(['address', 'registration']), 'address') });

export const ErasureView = z.object({
  id: z.string(),
  at: z.string(),
  by: z.string(),
  scope: z.enum(['registration', 'address', 'person', 'retention']),
  registrationIds: z.array(z.string()),
  cancelled: z.number().check(z.int()),
  anonymised: z.number().check(z.int()),
  suppressed: z.boolean(),
});

export const registrationAdminRoutes = [
  organiserRoute({
    method: 'GET',
    path: '/admin/sessions/{id}/registrations',
    params: AdminSessionParams,
    notFound: 'session',
    query: RegistrationListQuery,
    queryDescriptions: {
      format: 'json (default) or csv',
      include: '`sensitive`: the CSV carries the sensitive answers (access needs) too; recorded in the audit trail',
    },
    summary: "A session's registrations, as JSON or as CSV for Excel",
    description:
      'CSV: UTF-8 with byte order mark, `;` delimiter, CRLF, every field quoted; cells starting with = + - @ are ' +
      'prefixed with an apostrophe so no spreadsheet runs them as formulas. Sensitive answers (access needs: ' +
      'special-category data) are left out of the CSV unless `include=sensitive` is given; every such download ' +
      'is recorded in the audit trail with who asked.',
    responses: {
      '200': {
        description: 'Registrations in registration order',
        schema: z.object({ session: AdminSessionView, registrations: z.array(AdminRegistrationView) }),
      },
      ...problems(400, 401, 403, 404),
    },
    handle: async ({ params, query, organiser }, deps: OrganiserDeps) => {
      const { session, questions, areas, rows } = await listSessionRegistrations(deps, params.id);
      const views = rows.map((r) => toAdminRegistrationView(r.registration, r.waitlistPosition, r.attendance));
      if (query.format === 'csv') {
        const sensitive = query.include === 'sensitive';
        if (sensitive) await recordSensitiveExport(deps, organiser, session.id, views.length);
        return download(
          registrationsCsv(views, session.timeZone, questions, areas, sensitive),
          'text/csv; charset=utf-8',
          `aanmeldingen-${session.id}.csv`,
        );
      }
      const unconfirmedHolds = rows.filter((r) => isHeld(r.registration)).length;
      return ok({ session: { ...sessionView(deps, session), unconfirmedHolds }, registrations: views });
    },
  }),
  organiserRoute({
    method: 'POST',
    path: '/admin/registrations/{id}/attendance',
    params: AdminRegistrationParams,
    notFound: 'registration',
    body: AttendanceRequest,
    bodyMediaTypes: JSON_BODY_ONLY,
    summary: 'Record whether a registrant was present',
    responses: {
      '200': { description: 'Recorded', schema: z.object({ registration: AdminRegistrationView }) },
      ...problems(400, 401, 403, 404, 409),
    },
    handle: async ({ params, body, organiser }, deps: OrganiserDeps) => {
      const { registration, attendance } = await recordAttendance(deps, organiser, params.id, body.present);
      return ok({ registration: toAdminRegistrationView(registration, null, attendance) });
    },
  }),
  organiserRoute({
    method: 'POST',
    path: '/admin/registrations/{id}/promote',
    params: AdminRegistrationParams,
    notFound: 'registration',
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
          capacity: z.nullable(z.number().check(z.int())),
        }),
      },
      ...problems(401, 403, 404, 409),
    },
    handle: async ({ params, organiser }, deps: OrganiserDeps) => {
      const result = await promoteRegistration(deps, organiser, params.id);
      return ok({
        registration: toRegistrationView(result.registration, null),
        changed: result.changed,
        capacity: result.capacity,
      });
    },
  }),
  organiserRoute({
    method: 'POST',
    path: '/admin/registrations/{id}/remove',
    params: AdminRegistrationParams,
    notFound: 'registration',
    summary: 'Remove a registrant: cancels the registration, the freed seat goes to the first in line',
    responses: {
      '200': {
        description: 'Removed',
        schema: z.object({ registration: RegistrationView, promoted: z.nullable(z.string()), changed: z.boolean() }),
      },
      ...problems(401, 403, 404),
    },
    handle: async ({ params, organiser }, deps: OrganiserDeps) => {
      const result = await removeRegistration(deps, organiser, params.id);
      return ok({
        registration: toRegistrationView(result.registration, null),
        promoted: result.promoted?.id ?? null,
        changed: result.changed,
      });
    },
  }),
  organiserRoute({
    method: 'POST',
    path: '/admin/registrations/{id}/erase',
    params: AdminRegistrationParams,
    notFound: 'registration',
    // An empty body means the default scope.
    body: EraseRequest,
    summary:
      'Erase on request: personal data of every registration made with this registration’s address (or only this one), future ones cancelled, mail suppressed',
    responses: {
      '200': { description: 'The erasure record', schema: z.object({ erasure: ErasureView }) },
      ...problems(400, 401, 403, 404),
    },
    handle: async ({ params, body, organiser }, deps: OrganiserDeps) =>
      ok({ erasure: await eraseRegistrationOnRequest(deps, organiser, params.id, body.scope) }),
  }),
];
