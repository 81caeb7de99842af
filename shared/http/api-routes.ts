import { adminApi } from './admin/api';
import type { AdminApiDeps } from './admin/deps';
import { publicApi } from './public/api';
import type { PublicApiDeps } from './public/deps';
import { type ApiRoute, type RouteSpec, toRouteSpec } from './route';

/**
 * Both APIs' routes together, for what needs all of them: the CDK stack, the local API Gateway
 * stand-in and the OpenAPI generator. Each function imports only its own list (./public/api,
 * ./admin/api), so neither bundle carries the other's routes.
 */
export { adminApi, publicApi };

export const apiRoutes = (): readonly (ApiRoute<PublicApiDeps> | ApiRoute<AdminApiDeps>)[] => [
  ...publicApi,
  ...adminApi,
];

export const publicRoutes: RouteSpec[] = publicApi.map(toRouteSpec);
export const adminRoutes: RouteSpec[] = adminApi.map(toRouteSpec);

/** What the CDK stack and the local API Gateway stand-in need: method, path, function, auth. */
export const allRoutes = (): RouteSpec[] => [...publicRoutes, ...adminRoutes];
