import { z } from 'zod';
import { NotFound } from '../domain/errors';
import { eraseOnRequest, listErasures, type PrivacyDeps } from '../usecases/privacy';
import { parseBody } from './body';
import type { OperationDoc } from './openapi';
import type { RouteSpec } from './route-specs';
import type { HttpRequest, RouteHandler } from './types';

/**
 * Organiser privacy routes (AVG), for the admin API to mount: erasure on request and the list of
 * erasures. The admin API owns authentication; it passes `organiserOf`, which answers 401/403 or
 * returns who is calling.
 */
export const privacyAdminRouteSpecs: RouteSpec[] = [
  { method: 'POST', path: '/admin/registrations/{id}/erase', fn: 'admin-api', auth: 'organiser' },
  { method: 'GET', path: '/admin/erasures', fn: 'admin-api', auth: 'organiser' },
];

/** `address` (default): every registration made with that address, and mail to it suppressed. */
export const EraseRequest = z.object({ scope: z.enum(['address', 'registration']).default('address') });

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function createPrivacyAdminRoutes(
  deps: PrivacyDeps,
  organiserOf: (req: HttpRequest) => { sub: string },
): Record<string, RouteHandler> {
  return {
    'POST /admin/registrations/{id}/erase': async (req) => {
      const organiser = organiserOf(req);
      const id = req.params.id ?? '';
      if (!UUID.test(id)) throw new NotFound('registration');
      const { scope } = parseBody(req, EraseRequest); // an empty body means the default scope
      const erasure = await eraseOnRequest(deps, organiser.sub, id, scope);
      return { status: 200, json: { erasure }, headers: { 'cache-control': 'no-store' } };
    },
    'GET /admin/erasures': async (req) => {
      organiserOf(req);
      const month = req.query.month ?? deps.clock.now().toISOString().slice(0, 7);
      const erasures = await listErasures(deps, month); // refuses anything but YYYY-MM with a 400
      return { status: 200, json: { month, erasures }, headers: { 'cache-control': 'no-store' } };
    },
  };
}

const ErasureView = z.object({
  id: z.string(),
  at: z.string(),
  by: z.string(),
  scope: z.enum(['registration', 'address', 'retention']),
  registrationIds: z.array(z.string()),
  cancelled: z.number().int(),
  anonymised: z.number().int(),
  suppressed: z.boolean(),
});

const problem = { description: 'Problem details (RFC 9457)', contentType: 'application/problem+json' };

export const privacyAdminOperations: Record<string, OperationDoc> = {
  'POST /admin/registrations/{id}/erase': {
    summary:
      'Erase on request: personal data of every registration made with this registration’s address (or only this one), future ones cancelled, mail suppressed',
    requestBody: EraseRequest,
    responses: {
      '200': { description: 'The erasure record', schema: z.object({ erasure: ErasureView }) },
      '400': problem,
      '401': problem,
      '403': problem,
      '404': problem,
    },
  },
  'GET /admin/erasures': {
    summary: 'Erasures of a month (?month=YYYY-MM, default this month): when, by whom, how many; never the data',
    responses: {
      '200': {
        description: 'Erasure records, newest first',
        schema: z.object({ month: z.string(), erasures: z.array(ErasureView) }),
      },
      '400': problem,
      '401': problem,
      '403': problem,
    },
  },
};
