/** The route table as the infrastructure reads it; the route objects themselves are in ./api-routes. */
export { adminRoutes, allRoutes, apiRoutes, publicRoutes } from './api-routes';
export { type HttpMethod, type RouteSpec, routeKey } from './route';
