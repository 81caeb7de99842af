import type { ApiRoute } from '../route';
import type { AdminApiDeps } from './deps';
import { programmeAdminRoutes } from './programmes';
import { registrationAdminRoutes } from './registrations';
import { reportRoutes } from './reports';
import { sessionAdminRoutes } from './sessions';

/** Every route of the organiser API: a JWT authorizer in front, the `organisers` group checked in the function. */
export const adminApi: readonly ApiRoute<AdminApiDeps>[] = [
  ...sessionAdminRoutes,
  ...registrationAdminRoutes,
  ...reportRoutes,
  ...programmeAdminRoutes,
];
