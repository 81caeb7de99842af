/**
 * Every HTTP route, as data. The CDK stack creates API Gateway routes from this list, the local
 * HTTP adapter matches requests against it, and each API function dispatches on the route key
 * (`"GET /sessions/{sessionId}"`), exactly as API Gateway HTTP API (payload v2) sends it.
 */
export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface RouteSpec {
  method: HttpMethod;
  /** API Gateway path template, e.g. /sessions/{sessionId}/registrations */
  path: string;
  /** Which function serves it (a folder under functions/). */
  fn: 'public-api' | 'admin-api';
  /** `organiser`: JWT authorizer, group `organisers`. */
  auth: 'none' | 'organiser';
}

export const routeKey = (r: Pick<RouteSpec, 'method' | 'path'>): string => `${r.method} ${r.path}`;

const pub = (method: HttpMethod, path: string): RouteSpec => ({ method, path, fn: 'public-api', auth: 'none' });

export const publicRoutes: RouteSpec[] = [
  pub('GET', '/sessions'),
  pub('GET', '/sessions/{sessionId}'),
  pub('POST', '/sessions/{sessionId}/registrations'),
  pub('GET', '/sessions/{sessionId}/calendar.ics'),
  pub('GET', '/calendar.ics'),
  pub('GET', '/registrations/{token}'),
  pub('POST', '/registrations/{token}/cancel'),
  pub('DELETE', '/registrations/{token}'),
  pub('GET', '/feedback/{token}'),
  pub('POST', '/feedback/{token}'),
  pub('GET', '/openapi.json'),
  // Privacy (AVG): functions/public-api/privacy-routes.ts
  pub('GET', '/programmes/{programmeId}'),
  pub('GET', '/registrations/{token}/export'),
  pub('POST', '/registrations/{token}/erase'),
];

const admin = (method: HttpMethod, path: string): RouteSpec => ({ method, path, fn: 'admin-api', auth: 'organiser' });

/** Organiser routes: a JWT authorizer in front, the `organisers` group checked in the handler. */
export const adminRoutes: RouteSpec[] = [
  admin('GET', '/admin/sessions'),
  admin('POST', '/admin/sessions'),
  admin('PATCH', '/admin/sessions/{id}'),
  admin('POST', '/admin/sessions/{id}/cancel'),
  admin('GET', '/admin/sessions/{id}/registrations'),
  admin('POST', '/admin/sessions/{id}/messages'),
  admin('POST', '/admin/registrations/{id}/attendance'),
  admin('POST', '/admin/registrations/{id}/promote'),
  admin('POST', '/admin/registrations/{id}/remove'),
  admin('GET', '/admin/reports/feedback'),
  admin('GET', '/admin/reports/participation'),
  admin('GET', '/admin/audit'),
  // Privacy (AVG): shared/http/privacy-admin-routes.ts
  admin('POST', '/admin/registrations/{id}/erase'),
  admin('GET', '/admin/erasures'),
];

export const allRoutes = (): RouteSpec[] => [...publicRoutes, ...adminRoutes];
