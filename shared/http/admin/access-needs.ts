import { accessNeeds } from '../../domain/default-questions';
import * as z from '../../domain/zod';
import { markAccessNeedArranged, sessionAccessNeeds } from '../../usecases/organiser/access-needs';
import type { OrganiserDeps } from '../../usecases/organiser/deps';
import { JSON_BODY_ONLY, problems } from '../openapi';
import { AdminSessionParams } from '../path-params';
import { organiserRoute } from '../route';
import { ok } from './deps';

const AccessNeed = z.enum(accessNeeds, { error: `must be one of: ${accessNeeds.join(', ')}` });

export const SessionAccessNeedsView = z.object({
  sessionId: z.string(),
  asked: z.boolean(),
  erasedAt: z.nullable(z.string()),
  needs: z.array(
    z.object({
      need: AccessNeed,
      label: z.object({ nl: z.string(), en: z.string() }),
      count: z.number().check(z.int()),
      arranged: z.nullable(z.object({ at: z.string(), by: z.string() })),
      people: z.array(
        z.object({
          registrationId: z.string(),
          name: z.string(),
          status: z.enum(['confirmed', 'waitlisted', 'offered', 'cancelled']),
          note: z.nullable(z.string()),
        }),
      ),
    }),
  ),
  toArrange: z.array(AccessNeed),
});

export const ArrangedRequest = z.strictObject({ arranged: z.boolean({ error: 'must be true or false' }) });

const NeedParams = z.extend(AdminSessionParams, { need: AccessNeed });

export const accessNeedRoutes = [
  organiserRoute({
    method: 'GET',
    path: '/admin/sessions/{id}/access-needs',
    params: AdminSessionParams,
    notFound: 'session',
    summary: "A session's access needs: per need how many and who, what is arranged and what is still to arrange",
    description:
      'Special-category data, for the hosts. A week after the session the answers are erased and only the ' +
      'counts stay (`erasedAt` set, `people` empty).',
    responses: {
      '200': { description: 'The to-arrange summary', schema: SessionAccessNeedsView },
      ...problems(400, 401, 403, 404),
    },
    handle: async ({ params }, deps: OrganiserDeps) => ok(await sessionAccessNeeds(deps, params.id)),
  }),
  organiserRoute({
    method: 'PUT',
    path: '/admin/sessions/{id}/access-needs/{need}/arranged',
    params: NeedParams,
    notFound: 'session',
    body: ArrangedRequest,
    bodyMediaTypes: JSON_BODY_ONLY,
    summary: 'Mark one access need of a session arranged (or not); idempotent, audited',
    responses: {
      '200': { description: 'The summary after the change', schema: SessionAccessNeedsView },
      ...problems(400, 401, 403, 404, 413, 415),
    },
    handle: async ({ params, body, organiser }, deps: OrganiserDeps) =>
      ok(await markAccessNeedArranged(deps, organiser, params.id, params.need, body.arranged)),
  }),
];
