import { buildCalendar, type CalendarParty } from '../../domain/calendar';
import { personUrl } from '../../domain/person-token';
import type { Clock } from '../../ports/clock';
import { findPerson, type PersonLookupDeps } from '../../usecases/people';
import { problems } from '../openapi';
import { TokenParams } from '../path-params';
import { publicDocumentRoute } from '../route';
import type { HttpResponse } from '../types';
import { NO_STORE } from './deps';

/**
 * What the person's feed reads: the person by their token's hash, their registrations and the
 * programme's sessions, all read only, and what the calendar names.
 */
export interface PersonFeedDeps extends PersonLookupDeps {
  clock: Clock;
  publicBaseUrl: string;
  uidDomain: string;
  organiser: CalendarParty;
}

/**
 * The person's own sessions as a subscribable feed. Served by the `public-documents` function with
 * the other calendar files, so the calendar builder (ical-generator and its zone database) stays out
 * of the public API's bundle; the rest of the person page is in people.ts.
 */
export const personFeedRoute = publicDocumentRoute({
  method: 'GET',
  path: '/people/{token}/calendar.ics',
  params: TokenParams,
  notFound: 'person',
  summary: 'The person’s own sessions, a subscribable feed (cancelled registrations as STATUS:CANCELLED)',
  responses: { '200': { description: 'iCalendar', contentType: 'text/calendar' }, ...problems(404) },
  handle: async ({ params }, deps: PersonFeedDeps): Promise<HttpResponse> => {
    const view = await findPerson(deps, params.token);
    const status = new Map(view.registrations.map((r) => [r.session.id, r.registration.status]));
    return {
      status: 200,
      text: buildCalendar({
        method: 'PUBLISH',
        sessions: view.registrations.map((r) => r.session),
        programme: view.programme,
        language: view.person.language,
        uidDomain: deps.uidDomain,
        organizer: deps.organiser,
        now: deps.clock.now(),
        urlFor: () => personUrl(deps.publicBaseUrl, params.token),
        registrationStatus: (s) => status.get(s.id) ?? 'cancelled',
      }),
      contentType: 'text/calendar; charset=utf-8',
      headers: { 'content-disposition': 'inline; filename="mijn-programma.ics"', ...NO_STORE },
    };
  },
});
