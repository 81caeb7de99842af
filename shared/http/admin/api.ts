import type { ApiRoute } from '../route';
import { accessNeedRoutes } from './access-needs';
import { checkInRoutes } from './check-ins';
import type { AdminApiDeps } from './deps';
import { programmeAdminRoutes } from './programmes';
import { reachRoutes } from './reach';
import { registrationAdminRoutes } from './registrations';
import { reportRoutes } from './reports';
import { sessionAdminRoutes } from './sessions';

/** Every route of the organiser API: a JWT authorizer in front, the `organisers` group checked in the function. */
export const adminApi: readonly ApiRoute<AdminApiDeps>[] = [
  ...sessionAdminRoutes,
  ...registrationAdminRoutes,
  ...checkInRoutes,
  ...accessNeedRoutes,
  ...reportRoutes,
  ...reachRoutes,
  ...programmeAdminRoutes,
];
