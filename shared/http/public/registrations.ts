import { checkInCode } from '../../domain/check-in-code';
import { manageUrl } from '../../domain/links';
import { RegistrationRequest } from '../../domain/schemas';
import { RegistrationView, SessionView, toRegistrationView, toSessionView } from '../../domain/views';
import * as z from '../../domain/zod';
import {
  cancelRegistrationByToken,
  findRegistrationByToken,
  type RegistrationDeps,
  registerForSession,
} from '../../usecases/registrations';
import { wantsHtml } from '../middleware';
import { problems } from '../openapi';
import { SessionIdParams, TokenParams } from '../path-params';
import { publicRoute } from '../route';
import type { HttpResponse } from '../types';
import { NO_STORE } from './deps';

const cancelled = { description: 'Cancelled', schema: z.object({ registration: RegistrationView }) };

const cancelByToken = async ({ params }: { params: { token: string } }, deps: RegistrationDeps) => {
  const { registration } = await cancelRegistrationByToken(deps, params.token);
  return { status: 200, json: { registration: toRegistrationView(registration, null) }, headers: NO_STORE };
};

export const registrationRoutes = [
  publicRoute({
    method: 'POST',
    path: '/sessions/{sessionId}/registrations',
    params: SessionIdParams,
    notFound: 'session',
    body: RegistrationRequest,
    summary: 'Register for a session (JSON or an HTML form post)',
    responses: {
      '201': {
        description: 'Registered: confirmed, or on the waiting list',
        schema: z.object({ registration: RegistrationView, manageUrl: z.string(), manageToken: z.string() }),
      },
      '303': { description: 'A browser form post is redirected to the manage page' },
      ...problems(400, 404, 409, 413, 415, 429),
    },
    handle: async (
      { params, body, req },
      deps: RegistrationDeps & { publicBaseUrl: string },
    ): Promise<HttpResponse> => {
      const result = await registerForSession(deps, params.sessionId, body);
      const url = manageUrl(deps.publicBaseUrl, result.manageToken);
      if (wantsHtml(req)) {
        // A plain HTML form post (no JavaScript): send the browser to its manage page.
        return { status: 303, json: undefined, headers: { location: `${url}&registered=1`, ...NO_STORE } };
      }
      return {
        status: 201,
        json: {
          registration: toRegistrationView(result.registration, result.waitlistPosition),
          manageUrl: url,
          manageToken: result.manageToken,
        },
        headers: NO_STORE,
      };
    },
  }),
  publicRoute({
    method: 'GET',
    path: '/registrations/{token}',
    params: TokenParams,
    notFound: 'registration',
    summary: 'A registration, by its manage token',
    responses: {
      '200': {
        description:
          'The registration and its session; `checkInCode` (shown as a QR code) for a confirmed registration',
        schema: z.object({ registration: RegistrationView, session: SessionView, checkInCode: z.nullable(z.string()) }),
      },
      ...problems(404),
    },
    handle: async ({ params }, deps: RegistrationDeps) => {
      const { registration, session, waitlistPosition } = await findRegistrationByToken(deps, params.token);
      return {
        status: 200,
        json: {
          registration: toRegistrationView(registration, waitlistPosition),
          session: toSessionView(session, deps.clock.now()),
          checkInCode:
            registration.status === 'confirmed' && deps.manageTokenSecret
              ? checkInCode(deps.manageTokenSecret, registration.id)
              : null,
        },
        headers: NO_STORE,
      };
    },
  }),
  publicRoute({
    method: 'POST',
    path: '/registrations/{token}/cancel',
    params: TokenParams,
    notFound: 'registration',
    summary: 'Cancel a registration (repeating it is harmless)',
    responses: { '200': cancelled, ...problems(404) },
    handle: cancelByToken,
  }),
  publicRoute({
    method: 'DELETE',
    path: '/registrations/{token}',
    params: TokenParams,
    notFound: 'registration',
    summary: 'Cancel a registration (same as POST …/cancel)',
    responses: { '200': cancelled, ...problems(404) },
    handle: cancelByToken,
  }),
];
