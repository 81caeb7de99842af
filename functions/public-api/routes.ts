import { buildCalendar, type CalendarParty } from '../../shared/domain/calendar';
import { NotFound } from '../../shared/domain/errors';
import { FEEDBACK_LIMITS, refusalMessage, toFeedbackView } from '../../shared/domain/feedback';
import type { Programme, Session } from '../../shared/domain/model';
import { RegistrationRequest, SlugId } from '../../shared/domain/schemas';
import { toRegistrationView, toSessionView } from '../../shared/domain/views';
import { parseBody } from '../../shared/http/body';
import { wantsHtml } from '../../shared/http/middleware';
import { adminOperations, buildOpenApi, publicOperations } from '../../shared/http/openapi';
import { privacyAdminOperations } from '../../shared/http/privacy-admin-routes';
import { allRoutes } from '../../shared/http/route-specs';
import type { HttpRequest, HttpResponse, RouteHandler } from '../../shared/http/types';
import { type FeedbackDeps, findFeedbackByToken, submitFeedback } from '../../shared/usecases/feedback';
import {
  cancelRegistrationByToken,
  findRegistrationByToken,
  type RegistrationDeps,
  registerForSession,
} from '../../shared/usecases/registrations';
import { createPrivacyRoutes, privacyOperations } from './privacy-routes';

export interface PublicApiDeps extends RegistrationDeps, Pick<FeedbackDeps, 'feedback'> {
  publicBaseUrl: string;
  uidDomain: string;
  organiser: CalendarParty;
}

const NO_STORE = { 'cache-control': 'no-store' };

/** A session id in a path that could never exist is simply "not found". */
function sessionIdParam(req: HttpRequest): string {
  const id = req.params.sessionId ?? '';
  if (!SlugId.safeParse(id).success) throw new NotFound('session');
  return id;
}

export const manageUrl = (base: string, token: string) => `${base}/manage.html?token=${encodeURIComponent(token)}`;
export const feedbackUrl = (base: string, token: string) => `${base}/feedback.html?token=${encodeURIComponent(token)}`;

/** A failed plain form post goes back to the register page, which explains the problem in its language. */
export const registerPageWithError = (base: string) => (req: HttpRequest, problem: { type: string }) => {
  const sessionId = req.params.sessionId;
  if (!sessionId || !SlugId.safeParse(sessionId).success) return null;
  const slug = problem.type.split('/').pop() ?? 'error';
  return `${base}/register.html?session=${encodeURIComponent(sessionId)}&error=${encodeURIComponent(slug)}`;
};

/** Route key → handler: maps input to a use case and its result to output, nothing else. */
export function createPublicRoutes(deps: PublicApiDeps): Record<string, RouteHandler> {
  const sessionPage = (s: { id: string }) => `${deps.publicBaseUrl}/register.html?session=${encodeURIComponent(s.id)}`;
  /** A PUBLISH calendar (the served files and feed), in the language asked with `?lang=`. */
  const publishedCalendar = (
    req: HttpRequest,
    sessions: Session[],
    programme: Pick<Programme, 'id' | 'title'>,
    filename: string,
  ): HttpResponse => ({
    status: 200,
    text: buildCalendar({
      method: 'PUBLISH',
      sessions,
      programme,
      language: req.query.lang === 'en' ? 'en' : 'nl',
      uidDomain: deps.uidDomain,
      organizer: deps.organiser,
      now: deps.clock.now(),
      urlFor: sessionPage,
    }),
    contentType: 'text/calendar; charset=utf-8',
    headers: { 'content-disposition': `inline; filename="${filename}"`, 'cache-control': 'public, max-age=300' },
  });

  const cancel: RouteHandler = async (req) => {
    const { registration } = await cancelRegistrationByToken(deps, req.params.token ?? '');
    return { status: 200, json: { registration: toRegistrationView(registration, null) }, headers: NO_STORE };
  };

  return {
    'GET /sessions': async () => {
      const now = deps.clock.now();
      const sessions = (await deps.sessions.list())
        .sort((a, b) => a.date.localeCompare(b.date) || (a.startTime ?? '').localeCompare(b.startTime ?? ''))
        .map((s) => toSessionView(s, now));
      return { status: 200, json: { sessions }, headers: { 'cache-control': 'public, max-age=30' } };
    },

    'GET /sessions/{sessionId}': async (req) => {
      const session = await deps.sessions.get(sessionIdParam(req));
      if (!session) throw new NotFound('session');
      return {
        status: 200,
        json: toSessionView(session, deps.clock.now()),
        headers: { 'cache-control': 'public, max-age=30' },
      };
    },

    'POST /sessions/{sessionId}/registrations': async (req): Promise<HttpResponse> => {
      const sessionId = sessionIdParam(req);
      const input = parseBody(req, RegistrationRequest);
      const result = await registerForSession(deps, sessionId, input);
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

    'GET /registrations/{token}': async (req) => {
      const { registration, session, waitlistPosition } = await findRegistrationByToken(deps, req.params.token ?? '');
      return {
        status: 200,
        json: {
          registration: toRegistrationView(registration, waitlistPosition),
          session: toSessionView(session, deps.clock.now()),
        },
        headers: NO_STORE,
      };
    },

    'GET /sessions/{sessionId}/calendar.ics': async (req) => {
      const session = await deps.sessions.get(sessionIdParam(req));
      if (!session) throw new NotFound('session');
      const programme = (await deps.sessions.getProgramme(session.programmeId)) ?? {
        id: session.programmeId,
        title: session.title,
      };
      return publishedCalendar(req, [session], programme, `${session.id}.ics`);
    },

    'GET /calendar.ics': async (req) => {
      const sessions = (await deps.sessions.list()).sort((a, b) => a.date.localeCompare(b.date));
      const programmeId = req.query.programme ?? sessions.at(-1)?.programmeId;
      const programme = (programmeId ? await deps.sessions.getProgramme(programmeId) : null) ?? {
        id: 'stadsgesprekken',
        title: { nl: 'Stadsgesprekken' },
      };
      const selected = req.query.programme ? sessions.filter((s) => s.programmeId === req.query.programme) : sessions;
      return publishedCalendar(req, selected, programme, 'stadsgesprekken.ics');
    },

    'GET /feedback/{token}': async (req) => {
      const ctx = await findFeedbackByToken(deps, req.params.token ?? '');
      return {
        status: 200,
        json: {
          session: toSessionView(ctx.session, deps.clock.now()),
          questions: ctx.questions,
          window: { ...ctx.window, state: ctx.state },
          accepting: ctx.refusal === null,
          refusal: ctx.refusal === null ? null : { slug: ctx.refusal, detail: refusalMessage(ctx.refusal) },
          feedback: ctx.feedback ? toFeedbackView(ctx.feedback) : null,
          limits: FEEDBACK_LIMITS,
        },
        headers: NO_STORE,
      };
    },

    'POST /feedback/{token}': async (req): Promise<HttpResponse> => {
      const token = req.params.token ?? '';
      const { feedback, created } = await submitFeedback(deps, token, (schema) => parseBody(req, schema));
      if (wantsHtml(req)) {
        // A plain HTML form post (no JavaScript): back to the feedback page, which shows what was saved.
        return {
          status: 303,
          json: undefined,
          headers: { location: `${feedbackUrl(deps.publicBaseUrl, token)}&saved=1`, ...NO_STORE },
        };
      }
      return { status: created ? 201 : 200, json: { feedback: toFeedbackView(feedback) }, headers: NO_STORE };
    },

    'POST /registrations/{token}/cancel': cancel,
    'DELETE /registrations/{token}': cancel,

    'GET /openapi.json': async (req) => {
      const host = req.headers.host;
      const proto = req.headers['x-forwarded-proto'] ?? 'https';
      return {
        status: 200,
        json: buildOpenApi(
          allRoutes(),
          { ...publicOperations, ...adminOperations, ...privacyOperations, ...privacyAdminOperations },
          host ? `${proto}://${host}` : undefined,
        ),
      };
    },

    ...createPrivacyRoutes(deps),
  };
}
