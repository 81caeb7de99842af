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
];

/** Organiser routes are added here by the admin API. */
export const adminRoutes: RouteSpec[] = [];

export const allRoutes = (): RouteSpec[] => [...publicRoutes, ...adminRoutes];
