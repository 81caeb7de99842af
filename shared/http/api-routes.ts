import { checkInRoutes } from './admin/check-ins';
import type { AdminApiDeps } from './admin/deps';
import { registrationAdminRoutes } from './admin/registrations';
import { reportRoutes } from './admin/reports';
import { sessionAdminRoutes } from './admin/sessions';
import { buildOpenApi } from './openapi';
import type { PublicApiDeps } from './public/deps';
import { feedbackRoutes } from './public/feedback';
import { privacyRoutes } from './public/privacy';
import { registrationRoutes } from './public/registrations';
import { sessionRoutes } from './public/sessions';
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
  ...sessionRoutes,
  ...registrationRoutes,
  ...feedbackRoutes,
  openApiDocument,
  ...privacyRoutes,
];

/** Every route of the organiser API: a JWT authorizer in front, the `organisers` group checked in the function. */
export const adminApi: readonly ApiRoute<AdminApiDeps>[] = [
  ...sessionAdminRoutes,
  ...registrationAdminRoutes,
  ...checkInRoutes,
  ...reportRoutes,
];

const apiRoutes = (): readonly (ApiRoute<PublicApiDeps> | ApiRoute<AdminApiDeps>)[] => [...publicApi, ...adminApi];

export const publicRoutes: RouteSpec[] = publicApi.map(toRouteSpec);
export const adminRoutes: RouteSpec[] = adminApi.map(toRouteSpec);

/** What the CDK stack and the local API Gateway stand-in need: method, path, function, auth. */
export const allRoutes = (): RouteSpec[] => [...publicRoutes, ...adminRoutes];
