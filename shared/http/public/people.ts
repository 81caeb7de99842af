import { ValidationFailed } from '../../domain/errors';
import { personUrl } from '../../domain/person-token';
import {
  AddSessionsRequest,
  FollowingRequest,
  ProgrammeRegistrationRequest,
} from '../../domain/programme-registration-schemas';
import { RegistrationRequest, SlugId } from '../../domain/schemas';
import { RegistrationView, SessionView, toRegistrationView, toSessionView } from '../../domain/views';
import * as z from '../../domain/zod';
import {
  addSessionsForPerson,
  cancelForPerson,
  findPerson,
  type PersonView,
  setFollowingForPerson,
} from '../../usecases/people';
import { erasePersonData, exportForPerson, requestPersonLink } from '../../usecases/person-data';
import { registerForProgramme, type SessionOutcome } from '../../usecases/programme-registration';
import { bodyKind, fieldErrors, parseBody, requiredMessage } from '../body';
import { formFields } from '../form-fields';
import { wantsHtml } from '../middleware';
import { problems } from '../openapi';
import { ProgrammeIdParams, TokenParams } from '../path-params';
import { toProblem } from '../problem';
import { publicRoute, type RouteRequest } from '../route';
import type { HttpResponse } from '../types';
import { NO_STORE, type PublicApiDeps } from './deps';

const PersonSessionParams = z.extend(TokenParams, { sessionId: SlugId });

const SessionOutcomeView = z.object({
  sessionId: z.string(),
  status: z.optional(z.enum(['confirmed', 'waitlisted', 'offered', 'cancelled'])),
  waitlistPosition: z.optional(z.nullable(z.number().check(z.int()))),
  manageToken: z.optional(z.string()),
  problem: z.optional(z.object({ type: z.string(), title: z.string(), detail: z.string() })),
});

const outcomeView = (o: SessionOutcome) => {
  if ('refusal' in o) {
    const p = toProblem(o.refusal);
    return { sessionId: o.sessionId, problem: { type: p.type, title: p.title, detail: p.detail } };
  }
  return {
    sessionId: o.sessionId,
    status: o.registration.status,
    waitlistPosition: o.registration.status === 'waitlisted' ? o.waitlistPosition : null,
    manageToken: o.manageToken,
  };
};

/**
 * The body of a programme registration. A form sends one `sessions` field per ticked checkbox
 * (the generic form decoding keeps only the last of repeated fields); one field `all` means all.
 */
function programmeRegistrationBody<S extends z.core.$ZodType>(req: RouteRequest, schema: S): z.output<S> {
  if (bodyKind(req.headers['content-type']) !== 'form') return parseBody(req, schema);
  // The person's fields and `answers.<id>` as the session form sends them; `sessions` as a list.
  const fields = formFields(req.rawBody ?? '');
  delete fields.sessions;
  const sessions = new URLSearchParams(req.rawBody ?? '').getAll('sessions');
  if (sessions.length > 0) fields.sessions = sessions.length === 1 && sessions[0] === 'all' ? 'all' : sessions;
  const result = z.safeParse(schema, fields, { error: requiredMessage });
  if (!result.success) throw new ValidationFailed(fieldErrors(result.error));
  return result.data;
}

const personJson = (view: PersonView, deps: PublicApiDeps) => {
  const now = deps.clock.now();
  return {
    programmeId: view.person.programmeId,
    email: view.person.email,
    language: view.person.language,
    addressConfirmedAt: view.person.addressConfirmedAt,
    following: view.person.following,
    registrations: view.registrations.map((r) => ({
      registration: toRegistrationView(r.registration, r.waitlistPosition),
      session: toSessionView(r.session, now),
    })),
    sessions: view.sessions.map((s) => toSessionView(s, now)),
  };
};

const PersonResponse = z.object({
  programmeId: z.string(),
  email: z.string(),
  language: z.enum(['nl', 'en']),
  addressConfirmedAt: z.nullable(z.string()),
  following: z.boolean(),
  registrations: z.array(z.object({ registration: RegistrationView, session: SessionView })),
  sessions: z.array(SessionView),
});

/** Asking for the person link of an address: the same fields as on the registration forms. */
export const PersonLinkRequest = z.object({
  email: RegistrationRequest.shape.email,
  programmeId: SlugId,
});

/** The one answer to every well-formed request, whatever the address: it tells nothing about it. */
const PERSON_LINK_ACCEPTED = {
  request: 'accepted',
  detail:
    'If the address is known and confirmed in this programme, its person link is mailed (at most once per 10 minutes).',
} as const;

const PersonErasureView = z.object({
  at: z.string(),
  scope: z.literal('person'),
  cancelled: z.number().check(z.int()),
  anonymised: z.number().check(z.int()),
  suppressed: z.boolean(),
});

/** The person page's routes; the person's calendar feed is in person-feed.ts (public-documents). */
export const peopleRoutes = [
  publicRoute({
    method: 'POST',
    path: '/programmes/{programmeId}/registrations',
    params: ProgrammeIdParams,
    notFound: 'programme',
    documentedBody: ProgrammeRegistrationRequest,
    summary: 'Register once for several sessions of a programme, or all (JSON or an HTML form post)',
    description:
      'Each session goes through its own capacity and waiting-list transaction; a refusal for one session ' +
      '(closed, cancelled, already registered) is reported in its entry and does not fail the others. The person ' +
      'link is in the answer when this request created the person, and in every confirmation mail.',
    responses: {
      '201': {
        description: 'One entry per session',
        schema: z.object({
          registrations: z.array(SessionOutcomeView),
          personUrl: z.nullable(z.string()),
          personToken: z.nullable(z.string()),
        }),
      },
      '303': { description: 'A browser form post is redirected to the person page (or told to check the mail)' },
      ...problems(400, 404, 409, 413, 415, 429),
    },
    handle: async ({ params, req }, deps: PublicApiDeps): Promise<HttpResponse> => {
      const body = programmeRegistrationBody(req, ProgrammeRegistrationRequest);
      const result = await registerForProgramme(deps, params.programmeId, body);
      const url = result.personToken === null ? null : personUrl(deps.publicBaseUrl, result.personToken);
      if (wantsHtml(req)) {
        const lang = body.language === 'nl' ? '' : `&lang=${body.language}`;
        const location = url
          ? `${url}&registered=1${lang}`
          : `${deps.publicBaseUrl}/register-programme.html?mailed=1&programme=${encodeURIComponent(params.programmeId)}${lang}`;
        return { status: 303, json: undefined, headers: { location, ...NO_STORE } };
      }
      return {
        status: 201,
        json: { registrations: result.outcomes.map(outcomeView), personUrl: url, personToken: result.personToken },
        headers: NO_STORE,
      };
    },
  }),
  publicRoute({
    method: 'POST',
    path: '/people/requests',
    body: PersonLinkRequest,
    summary: 'Ask for the person link of an address in a programme (mailed only to a known, confirmed address)',
    description:
      'The same 202 for every well-formed request, known address or not; the mail (at most one per address per ' +
      '10 minutes, nothing the requester typed) follows in the mail pipeline. See docs/http-api.md.',
    responses: {
      '202': {
        description: 'Accepted (the same body for every address)',
        schema: z.object({ request: z.literal('accepted'), detail: z.string() }),
      },
      '303': { description: 'A browser form post is redirected to the page that says to check the mail' },
      ...problems(400, 413, 415),
    },
    handle: async ({ body, req }, deps: PublicApiDeps): Promise<HttpResponse> => {
      await requestPersonLink(deps, body);
      if (wantsHtml(req)) {
        const page = `${deps.publicBaseUrl}/my-programme.html?requested=1&programme=${encodeURIComponent(body.programmeId)}`;
        return { status: 303, json: undefined, headers: { location: page, ...NO_STORE } };
      }
      return { status: 202, json: PERSON_LINK_ACCEPTED, headers: NO_STORE };
    },
  }),
  publicRoute({
    method: 'GET',
    path: '/people/{token}/export',
    params: TokenParams,
    notFound: 'person',
    summary: 'Everything the programme holds for the address of the person link, as a JSON download',
    description: 'Only the unscoped link (the one mailed to the address) opens it; a scoped one gets 403.',
    responses: { '200': { description: 'The export' }, ...problems(403, 404) },
    handle: async ({ params }, deps: PublicApiDeps) => {
      const data = await exportForPerson(deps, params.token);
      return {
        status: 200,
        json: data,
        headers: {
          ...NO_STORE,
          'content-disposition': `attachment; filename="programme-${data.programme?.id ?? 'export'}.json"`,
        },
      };
    },
  }),
  publicRoute({
    method: 'POST',
    path: '/people/{token}/erase',
    params: TokenParams,
    notFound: 'person',
    summary: 'Erase everything the programme holds for the address (future registrations cancelled), mail suppressed',
    responses: {
      '200': { description: 'Erased', schema: z.object({ erasure: PersonErasureView }) },
      '303': { description: 'A browser form post is redirected to the person page, which says it is done' },
      '404': { ...problems(404)['404'], description: 'Unknown or already erased' },
      ...problems(403),
    },
    handle: async ({ params, req }, deps: PublicApiDeps): Promise<HttpResponse> => {
      const record = await erasePersonData(deps, params.token);
      if (wantsHtml(req)) {
        return {
          status: 303,
          json: undefined,
          headers: { location: `${deps.publicBaseUrl}/my-programme.html?erased=1`, ...NO_STORE },
        };
      }
      const { at, scope, cancelled, anonymised, suppressed } = record;
      return { status: 200, json: { erasure: { at, scope, cancelled, anonymised, suppressed } }, headers: NO_STORE };
    },
  }),
  publicRoute({
    method: 'GET',
    path: '/people/{token}',
    params: TokenParams,
    notFound: 'person',
    summary: "A person's registrations in the programme, by their person token",
    responses: { '200': { description: 'The person', schema: PersonResponse }, ...problems(404) },
    handle: async ({ params }, deps: PublicApiDeps) => ({
      status: 200,
      json: personJson(await findPerson(deps, params.token), deps),
      headers: NO_STORE,
    }),
  }),
  publicRoute({
    method: 'POST',
    path: '/people/{token}/registrations',
    params: TokenParams,
    notFound: 'person',
    documentedBody: AddSessionsRequest,
    summary: 'Add sessions, with the details of the person’s registrations',
    responses: {
      '201': {
        description: 'One entry per session asked for',
        schema: z.object({ registrations: z.array(SessionOutcomeView) }),
      },
      '303': { description: 'A browser form post is redirected back to the person page' },
      ...problems(400, 404, 409),
    },
    handle: async ({ params, req }, deps: PublicApiDeps): Promise<HttpResponse> => {
      const body = programmeRegistrationBody(req, AddSessionsRequest);
      const { outcomes } = await addSessionsForPerson(deps, params.token, body.sessions);
      if (wantsHtml(req)) {
        const location = `${personUrl(deps.publicBaseUrl, params.token)}&added=1`;
        return { status: 303, json: undefined, headers: { location, ...NO_STORE } };
      }
      return { status: 201, json: { registrations: outcomes.map(outcomeView) }, headers: NO_STORE };
    },
  }),
  publicRoute({
    method: 'POST',
    path: '/people/{token}/registrations/{sessionId}/cancel',
    params: PersonSessionParams,
    notFound: 'registration',
    summary: 'Cancel the person’s registration for one session (repeating it is harmless)',
    responses: {
      '200': { description: 'Cancelled', schema: z.object({ registration: RegistrationView }) },
      '303': { description: 'A browser form post is redirected back to the person page' },
      ...problems(404),
    },
    handle: async ({ params, req }, deps: PublicApiDeps): Promise<HttpResponse> => {
      const registration = await cancelForPerson(deps, params.token, params.sessionId);
      if (wantsHtml(req)) {
        const location = `${personUrl(deps.publicBaseUrl, params.token)}&cancelled=${encodeURIComponent(params.sessionId)}`;
        return { status: 303, json: undefined, headers: { location, ...NO_STORE } };
      }
      return { status: 200, json: { registration: toRegistrationView(registration, null) }, headers: NO_STORE };
    },
  }),
  publicRoute({
    method: 'POST',
    path: '/people/{token}/following',
    params: TokenParams,
    notFound: 'person',
    body: FollowingRequest,
    summary: 'Follow the programme (a mail when a session is added or its time becomes known), or stop',
    responses: {
      '200': { description: 'Following or not', schema: z.object({ following: z.boolean() }) },
      ...problems(400, 404),
    },
    handle: async ({ params, body }, deps: PublicApiDeps) => {
      const person = await setFollowingForPerson(deps, params.token, body.following);
      return { status: 200, json: { following: person.following }, headers: NO_STORE };
    },
  }),
];
