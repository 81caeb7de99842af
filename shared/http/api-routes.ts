import { adminApi } from './admin/api';
import type { AdminApiDeps } from './admin/deps';
import { publicApi } from './public/api';
import type { PublicApiDeps } from './public/deps';
import { type PublicDocumentsDeps, publicDocuments } from './public/documents';
import { type ApiRoute, type RouteSpec, toRouteSpec } from './route';

/**
 * All routes together, for what needs all of them: the CDK stack, the local API Gateway stand-in and
 * the OpenAPI generator. Each function imports only its own list (./public/api, ./public/documents,
 * ./admin/api), so no bundle carries another function's routes. Which function serves a route comes
 * from its builder (publicRoute, publicDocumentRoute, organiserRoute), so a new route needs no entry
 * here or in the stack.
 */
export { adminApi, publicApi, publicDocuments };

export const apiRoutes = (): readonly (
  | ApiRoute<PublicApiDeps>
  | ApiRoute<PublicDocumentsDeps>
  | ApiRoute<AdminApiDeps>
)[] => [...publicApi, ...publicDocuments, ...adminApi];

/** The routes without authentication, whichever function serves them. */
export const publicRoutes: RouteSpec[] = [...publicApi, ...publicDocuments].map(toRouteSpec);
export const adminRoutes: RouteSpec[] = adminApi.map(toRouteSpec);

/** What the CDK stack and the local API Gateway stand-in need: method, path, function, auth. */
export const allRoutes = (): RouteSpec[] => [...publicRoutes, ...adminRoutes];
