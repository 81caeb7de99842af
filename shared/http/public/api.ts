import type { ApiRoute } from '../route';
import { publicRoute } from '../route';
import { addressConfirmationRoutes } from './address-confirmation';
import type { PublicApiDeps } from './deps';
import { feedbackRoutes } from './feedback';
import { privacyRoutes } from './privacy';
import { registrationRoutes } from './registrations';
import { sessionRoutes } from './sessions';

/**
 * The document covers both APIs; the public function serves it. The organiser routes and the
 * generator are imported on this route only, so a cold start of the public function neither
 * evaluates them nor builds the document (generating it ahead of time would embed ~120 KB of JSON).
 */
const openApiDocument = publicRoute({
  method: 'GET',
  path: '/openapi.json',
  summary: 'This document',
  responses: { '200': { description: 'OpenAPI 3.1' } },
  // The configured URL, never Host or X-Forwarded-Proto: a client must not choose what the document says.
  handle: async (_input, deps: Pick<PublicApiDeps, 'publicApiUrl'>) => {
    const [{ adminApi }, { buildOpenApi }] = await Promise.all([import('../admin/api'), import('../openapi')]);
    return { status: 200, json: buildOpenApi([...publicApi, ...adminApi], deps.publicApiUrl) };
  },
});

/** Every route of the public API (no authentication). */
export const publicApi: readonly ApiRoute<PublicApiDeps>[] = [
  ...sessionRoutes,
  ...registrationRoutes,
  ...addressConfirmationRoutes,
  ...feedbackRoutes,
  openApiDocument,
  ...privacyRoutes,
];
