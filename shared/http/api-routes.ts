import type { AdminApiDeps } from './admin/deps';
import {
  eraseOnRequest,
  listRegistrations,
  promoteByHand,
  recordRegistrationAttendance,
  removeRegistrant,
} from './admin/registrations';
import { auditTrail, erasures, feedbackSynthesisReport, participation } from './admin/reports';
import {
  cancelAdminSession,
  createAdminSession,
  editAdminSession,
  listAdminSessions,
  messageSessionRegistrants,
} from './admin/sessions';
import { buildOpenApi } from './openapi';
import type { PublicApiDeps } from './public/deps';
import { getFeedbackForm, submitFeedbackForm } from './public/feedback';
import { eraseRegistration, exportRegistration, getProgramme } from './public/privacy';
import { cancelRegistration, deleteRegistration, getRegistration, register } from './public/registrations';
import { getSession, listSessions, programmeCalendar, sessionCalendar } from './public/sessions';
import { type ApiRoute, publicRoute, type RouteSpec, toRouteSpec } from './route';

/** The document covers both APIs; the public function serves it. */
const openApiDocument = publicRoute({
  method: 'GET',
  path: '/openapi.json',
  summary: 'This document',
  responses: { '200': { description: 'OpenAPI 3.1' } },
  handle: async ({ req }) => {
    const host = req.headers.host;
    const proto = req.headers['x-forwarded-proto'] ?? 'https';
    return { status: 200, json: buildOpenApi(apiRoutes(), host ? `${proto}://${host}` : undefined) };
  },
});

/** Every route of the public API (no authentication). */
export const publicApi: readonly ApiRoute<PublicApiDeps>[] = [
  listSessions,
  getSession,
  register,
  sessionCalendar,
  programmeCalendar,
  getRegistration,
  cancelRegistration,
  deleteRegistration,
  getFeedbackForm,
  submitFeedbackForm,
  openApiDocument,
  getProgramme,
  exportRegistration,
  eraseRegistration,
];

/** Every route of the organiser API: a JWT authorizer in front, the `organisers` group checked in the function. */
export const adminApi: readonly ApiRoute<AdminApiDeps>[] = [
  listAdminSessions,
  createAdminSession,
  editAdminSession,
  cancelAdminSession,
  listRegistrations,
  messageSessionRegistrants,
  recordRegistrationAttendance,
  promoteByHand,
  removeRegistrant,
  feedbackSynthesisReport,
  participation,
  auditTrail,
  eraseOnRequest,
  erasures,
];

const apiRoutes = (): readonly (ApiRoute<PublicApiDeps> | ApiRoute<AdminApiDeps>)[] => [...publicApi, ...adminApi];

export const publicRoutes: RouteSpec[] = publicApi.map(toRouteSpec);
export const adminRoutes: RouteSpec[] = adminApi.map(toRouteSpec);

/** What the CDK stack and the local API Gateway stand-in need: method, path, function, auth. */
export const allRoutes = (): RouteSpec[] => [...publicRoutes, ...adminRoutes];
