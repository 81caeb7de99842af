import { randomUUID } from 'node:crypto';
import {
  AdminSessionCreate,
  AnnouncementRequest,
  AttendanceRequest,
  AuditQuery,
  RegistrationListQuery,
  SessionCancelRequest,
  SessionPatch,
} from '../../shared/domain/admin-schemas';
import { toAdminRegistrationView, toAdminSessionView } from '../../shared/domain/admin-views';
import type { Organiser } from '../../shared/domain/audit';
import { NotFound } from '../../shared/domain/errors';
import type { Session } from '../../shared/domain/model';
import { SlugId } from '../../shared/domain/schemas';
import { registrationClosesAt } from '../../shared/domain/session-rules';
import { toRegistrationView } from '../../shared/domain/views';
import { parseBody } from '../../shared/http/body';
import { feedbackReportRoute } from '../../shared/http/feedback-report';
import { organiserFrom } from '../../shared/http/organiser-auth';
import { createPrivacyAdminRoutes } from '../../shared/http/privacy-admin-routes';
import { parseQuery } from '../../shared/http/query';
import { registrationsCsv } from '../../shared/http/registrations-csv';
import type { HttpRequest, HttpResponse, RouteHandler } from '../../shared/http/types';
import type { PrivacyRepository } from '../../shared/ports/privacy';
import {
  cancelSession,
  createSession,
  editSession,
  listAudit,
  listSessionRegistrations,
  listSessionsForOrganiser,
  messageRegistrants,
  type OrganiserDeps,
  participationReport,
  promoteRegistration,
  recordAttendance,
  removeRegistration,
} from '../../shared/usecases/organiser';
import { refreshPersonalDataExpiry } from '../../shared/usecases/privacy';
import type { SynthesisDeps } from '../../shared/usecases/synthesis';

const NO_STORE = { 'cache-control': 'no-store' };

type OrganiserRoute = (req: HttpRequest, organiser: Organiser) => Promise<HttpResponse>;

/** Every organiser route checks the caller first: 401 without claims, 403 outside the group. */
const asOrganiser =
  (route: OrganiserRoute): RouteHandler =>
  (req) =>
    route(req, organiserFrom(req.event));

const sessionIdParam = (req: HttpRequest): string => {
  const id = req.params.id ?? '';
  if (!SlugId.safeParse(id).success) throw new NotFound('session');
  return id;
};

const REGISTRATION_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const registrationIdParam = (req: HttpRequest): string => {
  const id = req.params.id ?? '';
  if (!REGISTRATION_ID.test(id)) throw new NotFound('registration');
  return id;
};

/** Route key → handler: input → use case → output, nothing else. */
export interface AdminApiDeps extends OrganiserDeps {
  feedback: SynthesisDeps['feedback'];
  participation: SynthesisDeps['participation'];
  /** Privacy (AVG): erasure on request, erasure records, retention expiries. */
  privacy: PrivacyRepository;
}

export function createAdminRoutes(deps: AdminApiDeps): Record<string, RouteHandler> {
  const feedbackReport = feedbackReportRoute(deps);
  const sessionView = (s: Session) => toAdminSessionView(s, deps.clock.now(), registrationClosesAt(s));
  const ok = (json: unknown, status = 200): HttpResponse => ({ status, json, headers: NO_STORE });

  return {
    'GET /admin/sessions': asOrganiser(async () => {
      const sessions = await listSessionsForOrganiser(deps);
      return ok({ sessions: sessions.map(sessionView) });
    }),

    'POST /admin/sessions': asOrganiser(async (req, organiser) => {
      const input = parseBody(req, AdminSessionCreate);
      const session = await createSession(deps, organiser, input);
      // Privacy: a session after the programme's last one moves its end, and with it the retention period.
      await refreshPersonalDataExpiry(deps, session.programmeId);
      return ok(sessionView(session), 201);
    }),

    'PATCH /admin/sessions/{id}': asOrganiser(async (req, organiser) => {
      const id = sessionIdParam(req);
      const patch = parseBody(req, SessionPatch);
      const result = await editSession(deps, organiser, id, patch);
      // Privacy: a later date may push the retention period out; stored expiries follow (only later).
      if (result.changed.includes('date')) await refreshPersonalDataExpiry(deps, result.session.programmeId);
      return ok({
        session: sessionView(result.session),
        changed: result.changed,
        promoted: result.promoted.map((r) => r.id),
      });
    }),

    'POST /admin/sessions/{id}/cancel': asOrganiser(async (req, organiser) => {
      const id = sessionIdParam(req);
      const { expectedVersion } = parseBody(req, SessionCancelRequest);
      const result = await cancelSession(deps, organiser, id, expectedVersion);
      return ok({ session: sessionView(result.session), changed: result.changed });
    }),

    'GET /admin/sessions/{id}/registrations': asOrganiser(async (req) => {
      const id = sessionIdParam(req);
      const { format } = parseQuery(req, RegistrationListQuery);
      const { session, rows } = await listSessionRegistrations(deps, id);
      const views = rows.map((r) => toAdminRegistrationView(r.registration, r.waitlistPosition, r.attendance));
      if (format === 'csv') {
        return {
          status: 200,
          text: registrationsCsv(views, session.timeZone),
          contentType: 'text/csv; charset=utf-8',
          headers: { ...NO_STORE, 'content-disposition': `attachment; filename="aanmeldingen-${session.id}.csv"` },
        };
      }
      return ok({ session: sessionView(session), registrations: views });
    }),

    'POST /admin/sessions/{id}/messages': asOrganiser(async (req, organiser) => {
      const id = sessionIdParam(req);
      const message = parseBody(req, AnnouncementRequest);
      return ok({ announcement: await messageRegistrants(deps, organiser, id, message) }, 202);
    }),

    'POST /admin/registrations/{id}/attendance': asOrganiser(async (req, organiser) => {
      const id = registrationIdParam(req);
      const { present } = parseBody(req, AttendanceRequest);
      const { registration, attendance } = await recordAttendance(deps, organiser, id, present);
      return ok({ registration: toAdminRegistrationView(registration, null, attendance) });
    }),

    'POST /admin/registrations/{id}/promote': asOrganiser(async (req, organiser) => {
      const id = registrationIdParam(req);
      const result = await promoteRegistration(deps, organiser, id);
      return ok({
        registration: toRegistrationView(result.registration, null),
        changed: result.changed,
        capacity: result.capacity,
      });
    }),

    'POST /admin/registrations/{id}/remove': asOrganiser(async (req, organiser) => {
      const id = registrationIdParam(req);
      const result = await removeRegistration(deps, organiser, id);
      return ok({
        registration: toRegistrationView(result.registration, null),
        promoted: result.promoted?.id ?? null,
        changed: result.changed,
      });
    }),

    'GET /admin/reports/feedback': asOrganiser((req) => feedbackReport(req)),
    'GET /admin/reports/participation': asOrganiser(async () => ok({ sessions: await participationReport(deps) })),

    'GET /admin/audit': asOrganiser(async (req) => ok(await listAudit(deps, parseQuery(req, AuditQuery)))),

    // Privacy (AVG): erasure on request and the erasure list; the erasure is noted in the audit trail too.
    ...createPrivacyAdminRoutes(
      deps,
      (req) => organiserFrom(req.event),
      (organiser, erasure) =>
        deps.audit.record({
          id: randomUUID(),
          at: erasure.at,
          actor: organiser,
          action: 'registration.erase',
          targets: { registrationId: erasure.registrationIds[0] ?? '' },
          changed: erasure.anonymised > 0 || erasure.cancelled > 0,
          before: null,
          after: {
            erasureId: erasure.id,
            scope: erasure.scope,
            anonymised: erasure.anonymised,
            cancelled: erasure.cancelled,
            suppressed: erasure.suppressed,
          },
        }),
    ),
  };
}
