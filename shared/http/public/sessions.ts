import * as z from 'zod';
import { buildCalendar, type CalendarParty } from '../../domain/calendar';
import { NotFound } from '../../domain/errors';
import type { Programme, Session } from '../../domain/model';
import { SlugId } from '../../domain/schemas';
import { SessionView, toSessionView } from '../../domain/views';
import type { Clock } from '../../ports/clock';
import type { SessionRepository } from '../../ports/sessions';
import { problems } from '../openapi';
import { SessionIdParams } from '../path-params';
import { publicRoute } from '../route';
import type { HttpResponse } from '../types';

interface SessionReadDeps {
  sessions: SessionRepository;
  clock: Clock;
}

interface CalendarDeps extends SessionReadDeps {
  publicBaseUrl: string;
  uidDomain: string;
  organiser: CalendarParty;
}

const CACHED = { 'cache-control': 'public, max-age=30' };

/** `?lang=en` for English; any other short value keeps the default, Dutch, as before. */
const CalendarLanguage = z
  .string()
  .max(35, { message: 'must be a language tag such as nl or en' })
  .optional()
  .transform((lang): 'nl' | 'en' => (lang === 'en' ? 'en' : 'nl'));

export const SessionCalendarQuery = z.object({ lang: CalendarLanguage });
export const ProgrammeCalendarQuery = z.object({ lang: CalendarLanguage, programme: SlugId.optional() });

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

export const sessionRoutes = [
  publicRoute({
    method: 'GET',
    path: '/sessions',
    summary: 'List the sessions, ordered by date (cancelled ones included and marked)',
    responses: { '200': { description: 'Sessions', schema: z.object({ sessions: z.array(SessionView) }) } },
    handle: async (_input, deps: SessionReadDeps) => {
      const now = deps.clock.now();
      const sessions = (await deps.sessions.list())
        .sort((a, b) => a.date.localeCompare(b.date) || (a.startTime ?? '').localeCompare(b.startTime ?? ''))
        .map((s) => toSessionView(s, now));
      return { status: 200, json: { sessions }, headers: CACHED };
    },
  }),
  publicRoute({
    method: 'GET',
    path: '/sessions/{sessionId}',
    params: SessionIdParams,
    notFound: 'session',
    summary: 'One session',
    responses: { '200': { description: 'The session', schema: SessionView }, ...problems(404) },
    handle: async ({ params }, deps: SessionReadDeps) => {
      const session = await deps.sessions.get(params.sessionId);
      if (!session) throw new NotFound('session');
      return { status: 200, json: toSessionView(session, deps.clock.now()), headers: CACHED };
    },
  }),
  publicRoute({
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
  publicRoute({
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
];
