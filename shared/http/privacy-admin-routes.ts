import * as z from 'zod';
import { NotFound } from '../domain/errors';
import type { ErasureRecord } from '../domain/privacy';
import { eraseOnRequest, listErasures, type PrivacyDeps } from '../usecases/privacy';
import { parseBody } from './body';
import type { OperationDoc } from './openapi';
import type { HttpRequest, RouteHandler } from './types';

/** `address` (default): every registration made with that address, and mail to it suppressed. */
export const EraseRequest = z.object({ scope: z.enum(['address', 'registration']).default('address') });

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Organiser privacy routes (AVG), mounted by the admin API: erasure on request and the list of
 * erasures. The admin API owns authentication: `organiserOf` answers 401/403 or returns who is
 * calling, and `afterErase` lets it note the erasure in its audit trail.
 */
export function createPrivacyAdminRoutes<O extends { sub: string }>(
  deps: PrivacyDeps,
  organiserOf: (req: HttpRequest) => O,
  afterErase: (organiser: O, erasure: ErasureRecord) => Promise<void> = async () => undefined,
): Record<string, RouteHandler> {
  return {
    'POST /admin/registrations/{id}/erase': async (req) => {
      const organiser = organiserOf(req);
      const id = req.params.id ?? '';
      if (!UUID.test(id)) throw new NotFound('registration');
      const { scope } = parseBody(req, EraseRequest); // an empty body means the default scope
      const erasure = await eraseOnRequest(deps, organiser.sub, id, scope);
      await afterErase(organiser, erasure);
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
