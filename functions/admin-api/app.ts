import { adminApi } from '../../shared/http/admin/api';
import type { AdminApiDeps } from '../../shared/http/admin/deps';
import { httpApiHandler } from '../../shared/http/middleware';
import { type Authenticate, dispatchTable } from '../../shared/http/route';

/** The organiser API function: its routes behind the one middy chain; who calls comes from the JWT claims. */
export function createAdminApiHandler(
  deps: AdminApiDeps,
  authenticate?: Authenticate,
  options: { originSecret?: string } = {},
) {
  return httpApiHandler(dispatchTable('admin-api', adminApi, deps, authenticate), options);
}
