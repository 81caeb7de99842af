import { readFile } from 'node:fs/promises';
import { buildCalendar } from '../../domain/calendar';
import { NotFound } from '../../domain/errors';
import type { Programme, Session } from '../../domain/model';
import { SlugId } from '../../domain/schemas';
import * as z from '../../domain/zod';
import type { SessionRepository } from '../../ports/sessions';
import { problems } from '../openapi';
import { SessionIdParams } from '../path-params';
import { type ApiRoute, publicDocumentRoute } from '../route';
import type { HttpResponse } from '../types';
import { type PersonFeedDeps, personFeedRoute } from './person-feed';

/**
 * The public routes the `public-documents` function serves: the calendar files (a session, the
 * programme, a person's own sessions in person-feed.ts) and the OpenAPI document. The calendar
 * generator (ical-generator and its zone database) stays out of the public API's bundle. A route added here with
 * `publicDocumentRoute` is served by that function, one added to the other public lists with
 * `publicRoute` by the public API; a route in the wrong list is refused when its function starts.
 */

/** Everything these routes work with: all of it read only. */
export interface PublicDocumentsDeps extends PersonFeedDeps {
  sessions: Pick<SessionRepository, 'get' | 'list' | 'getProgramme'>;
  /** The API's own URL, as configured: the server of `GET /openapi.json`. */
  publicApiUrl?: string | undefined;
}

type CalendarDeps = Pick<PublicDocumentsDeps, 'sessions' | 'clock' | 'publicBaseUrl' | 'uidDomain' | 'organiser'>;

/** `?lang=en` for English; any other short value keeps the default, Dutch, as before. */
const CalendarLanguage = z.pipe(
  z.optional(z.string().check(z.maxLength(35, { message: 'must be a language tag such as nl or en' }))),
  z.transform((lang): 'nl' | 'en' => (lang === 'en' ? 'en' : 'nl')),
);

export const SessionCalendarQuery = z.object({ lang: CalendarLanguage });
export const ProgrammeCalendarQuery = z.object({ lang: CalendarLanguage, programme: z.optional(SlugId) });

/** A PUBLISH calendar (the served files and feed), in the language asked with `?lang=`. */
function publishedCalendar(
  deps: CalendarDeps,
  language: 'nl' | 'en',
  sessions: Session[],
  programme: Pick<Programme, 'id' | 'title'>,
  filename: string,
): HttpResponse {
  return {
    status: 200,
    text: buildCalendar({
      method: 'PUBLISH',
      sessions,
      programme,
      language,
      uidDomain: deps.uidDomain,
      organizer: deps.organiser,
      now: deps.clock.now(),
      urlFor: (s) => `${deps.publicBaseUrl}/register.html?session=${encodeURIComponent(s.id)}`,
    }),
    contentType: 'text/calendar; charset=utf-8',
    headers: { 'content-disposition': `inline; filename="${filename}"`, 'cache-control': 'public, max-age=300' },
  };
}

/**
 * The document of both APIs, generated at build time from every route's schemas (`npm run openapi`,
 * infra/openapi-document.ts) into openapi.json beside this module; the bundling copies it beside the
 * function's bundle, where this URL points once bundled. So this function carries neither the other
 * functions' routes nor the JSON Schema conversion, and reads the file on this route only.
 */
const OPENAPI_FILE = new URL('./openapi.json', import.meta.url);

let openApi: Promise<Record<string, unknown>> | undefined;
const readOpenApi = (): Promise<Record<string, unknown>> => {
  openApi ??= readFile(OPENAPI_FILE, 'utf8')
    .then((text) => JSON.parse(text) as Record<string, unknown>)
    .catch((error: unknown) => {
      openApi = undefined;
      throw error;
    });
  return openApi;
};

const openApiDocument = publicDocumentRoute({
  method: 'GET',
  path: '/openapi.json',
  summary: 'This document',
  responses: { '200': { description: 'OpenAPI 3.1' } },
  // The configured URL, never Host or X-Forwarded-Proto: a client must not choose what the document says.
  handle: async (_input, deps: Pick<PublicDocumentsDeps, 'publicApiUrl'>) => {
    const { openapi, info, ...rest } = await readOpenApi();
    const servers = deps.publicApiUrl ? { servers: [{ url: deps.publicApiUrl }] } : {};
    return { status: 200, json: { openapi, info, ...servers, ...rest } };
  },
});

/** Every route of the `public-documents` function. */
export const publicDocuments: readonly ApiRoute<PublicDocumentsDeps>[] = [
  publicDocumentRoute({
    method: 'GET',
    path: '/sessions/{sessionId}/calendar.ics',
    params: SessionIdParams,
    notFound: 'session',
    query: SessionCalendarQuery,
    summary: 'The session as an iCalendar file (stable UID, SEQUENCE = version)',
    responses: { '200': { description: 'text/calendar', contentType: 'text/calendar' }, ...problems(400, 404) },
    handle: async ({ params, query }, deps: CalendarDeps) => {
      const session = await deps.sessions.get(params.sessionId);
      if (!session) throw new NotFound('session');
      const programme = (await deps.sessions.getProgramme(session.programmeId)) ?? {
        id: session.programmeId,
        title: session.title,
      };
      return publishedCalendar(deps, query.lang, [session], programme, `${session.id}.ics`);
    },
  }),
  publicDocumentRoute({
    method: 'GET',
    path: '/calendar.ics',
    query: ProgrammeCalendarQuery,
    summary: 'The whole programme as a subscribable iCalendar feed',
    responses: { '200': { description: 'text/calendar', contentType: 'text/calendar' }, ...problems(400) },
    handle: async ({ query }, deps: CalendarDeps) => {
      const sessions = (await deps.sessions.list()).sort((a, b) => a.date.localeCompare(b.date));
      const programmeId = query.programme ?? sessions.at(-1)?.programmeId;
      const programme = (programmeId ? await deps.sessions.getProgramme(programmeId) : null) ?? {
        id: 'stadsgesprekken',
        title: { nl: 'Stadsgesprekken' },
      };
      const selected = query.programme ? sessions.filter((s) => s.programmeId === query.programme) : sessions;
      return publishedCalendar(deps, query.lang, selected, programme, 'stadsgesprekken.ics');
    },
  }),
  personFeedRoute,
  openApiDocument,
];
