import type { Organiser } from '../domain/audit';
import { NotFound } from '../domain/errors';
import * as z from '../domain/zod';
import { parseBody } from './body';
import { organiserFrom } from './organiser-auth';
import { parseQuery } from './query';
import type { HttpRequest, HttpResponse, RouteHandler } from './types';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/**
 * The functions behind the HTTP API. `public-documents` serves the public routes that generate whole
 * documents (calendar files, the OpenAPI document) with libraries the rest of the public API never
 * needs, so the registration routes' function starts without them.
 */
export type ApiFunction = 'public-api' | 'public-documents' | 'admin-api';

/** What the CDK stack and the local API Gateway stand-in need of a route. */
export interface RouteSpec {
  method: HttpMethod;
  /** API Gateway path template, e.g. /sessions/{sessionId}/registrations */
  path: string;
  /** Which function serves it (a folder under functions/): set by the builder, see ./api-routes. */
  fn: ApiFunction;
  /** `organiser`: JWT authorizer in front, group `organisers` checked by the function. */
  auth: 'none' | 'organiser';
}

/** The route key API Gateway HTTP API (payload v2) puts on the event: `"GET /sessions/{sessionId}"`. */
export const routeKey = (r: Pick<RouteSpec, 'method' | 'path'>): string => `${r.method} ${r.path}`;

export interface ResponseDoc {
  description: string;
  schema?: z.ZodMiniType;
  contentType?: string;
}

/** The route's documentation, as `GET /openapi.json` publishes it. */
export interface RouteDocs {
  summary: string;
  description?: string;
  params?: z.ZodMiniObject;
  /** Every route has one (empty when it reads no query): the builder validates every request with it. */
  query: z.ZodMiniObject;
  queryDescriptions?: Record<string, string>;
  /** The body as documented; the validating schema unless the use case validates it itself. */
  body?: z.ZodMiniType;
  /** Media types the body is accepted in; default JSON and HTML form posts. */
  bodyMediaTypes?: string[];
  responses: Record<string, ResponseDoc>;
}

/** Who calls an organiser route: answers 401/403 by throwing, or says who it is. */
export type Authenticate = (req: HttpRequest) => Organiser;

/** One route of an API, with everything derived from it: CDK route, local matching, dispatch, OpenAPI. */
export interface ApiRoute<D> extends RouteSpec, RouteDocs {
  handler: (deps: D, authenticate: Authenticate) => RouteHandler;
}

/**
 * The request as a route handler sees it: without the raw path and query parameters, so that a
 * handler can only read them through its route's schemas.
 */
export type RouteRequest = Omit<HttpRequest, 'params' | 'query'>;

export interface RouteInput<P, Q, B> {
  params: P;
  query: Q;
  body: B;
  req: RouteRequest;
}

type Out<S, Fallback> = S extends z.ZodMiniType ? z.output<S> : Fallback;

interface RouteDefinition<D, P, Q, B, I, Path extends string = string>
  extends Omit<RouteDocs, 'params' | 'query' | 'body'> {
  method: HttpMethod;
  path: Path;
  /** Path parameters; one that fails its schema names something that cannot exist: 404. */
  params?: P;
  /** What a 404 for an impossible path parameter says does not exist. */
  notFound?: string;
  /** Query parameters; one that fails its schema is a 400 naming it. None declared: none read. */
  query?: Q;
  body?: B;
  /** Documents a body the use case validates itself (its schema depends on stored data). */
  documentedBody?: z.ZodMiniType;
  handle: (input: I, deps: D) => Promise<HttpResponse>;
}

/** The names in a path template: `'/sessions/{sessionId}/x'` → `'sessionId'`. */
type ParamNames<Path extends string> = Path extends `${string}{${infer Name}}${infer Rest}`
  ? Name | ParamNames<Rest>
  : never;

/** A template with parameters needs a schema naming exactly those; one without takes none. */
type ParamsFor<Path extends string> = [ParamNames<Path>] extends [never]
  ? { params?: undefined }
  : { params: z.ZodMiniObject<{ [K in ParamNames<Path>]: z.ZodMiniType }> };

type Input<P, Q, B> = RouteInput<Out<P, Record<string, never>>, Out<Q, Record<string, never>>, Out<B, undefined>>;

/** The query schema of a route that reads none: unknown parameters are ignored, as before. */
const NO_QUERY = z.object({});

interface Decoders {
  params?: unknown;
  notFound?: string;
  query?: unknown;
  body?: unknown;
}

function decode<P, Q, B>(def: Decoders, req: HttpRequest): Input<P, Q, B> {
  const { params: rawParams, query: _rawQuery, ...rest } = req;
  const params = (def.params as z.ZodMiniObject | undefined) ?? NO_QUERY;
  const decodedParams = z.safeParse(params, rawParams);
  if (!decodedParams.success) throw new NotFound(def.notFound ?? 'resource');
  return {
    params: decodedParams.data,
    query: parseQuery(req, (def.query as z.ZodMiniObject | undefined) ?? NO_QUERY),
    body: def.body ? parseBody(req, def.body as z.ZodMiniType) : undefined,
    req: rest,
  } as Input<P, Q, B>;
}

function build<D, P, Q, B, I>(
  def: RouteDefinition<D, P, Q, B, I>,
  spec: Pick<RouteSpec, 'fn' | 'auth'>,
  run: (deps: D, authenticate: Authenticate) => RouteHandler,
): ApiRoute<D> {
  const { handle: _handle, notFound: _notFound, documentedBody, params, query, body, ...docs } = def;
  return {
    ...docs,
    ...spec,
    params: params as z.ZodMiniObject | undefined,
    query: (query as z.ZodMiniObject | undefined) ?? NO_QUERY,
    body: documentedBody ?? (body as z.ZodMiniType | undefined),
    handler: run,
  };
}

/** A route of the public API: no authentication. */
export function publicRoute<
  D,
  Path extends string,
  P extends z.ZodMiniObject | undefined = undefined,
  Q extends z.ZodMiniObject | undefined = undefined,
  B extends z.ZodMiniType | undefined = undefined,
>(def: RouteDefinition<D, P, Q, B, Input<P, Q, B>, Path> & ParamsFor<Path>): ApiRoute<D> {
  return unauthenticated('public-api', def);
}

/**
 * A public route served by the `public-documents` function: one whose answer is a generated document
 * (iCalendar, OpenAPI) and whose generator the registration routes should not carry.
 */
export function publicDocumentRoute<
  D,
  Path extends string,
  P extends z.ZodMiniObject | undefined = undefined,
  Q extends z.ZodMiniObject | undefined = undefined,
  B extends z.ZodMiniType | undefined = undefined,
>(def: RouteDefinition<D, P, Q, B, Input<P, Q, B>, Path> & ParamsFor<Path>): ApiRoute<D> {
  return unauthenticated('public-documents', def);
}

function unauthenticated<D, P, Q, B>(
  fn: Exclude<ApiFunction, 'admin-api'>,
  def: RouteDefinition<D, P, Q, B, Input<P, Q, B>>,
): ApiRoute<D> {
  return build<D, P, Q, B, Input<P, Q, B>>(
    def,
    { fn, auth: 'none' },
    (deps) => async (req) => def.handle(decode<P, Q, B>(def, req), deps),
  );
}

/** A route of the organiser API: the caller is checked first (401, 403), before any input. */
export function organiserRoute<
  D,
  Path extends string,
  P extends z.ZodMiniObject | undefined = undefined,
  Q extends z.ZodMiniObject | undefined = undefined,
  B extends z.ZodMiniType | undefined = undefined,
>(def: RouteDefinition<D, P, Q, B, Input<P, Q, B> & { organiser: Organiser }, Path> & ParamsFor<Path>): ApiRoute<D> {
  return build<D, P, Q, B, Input<P, Q, B> & { organiser: Organiser }>(
    def,
    { fn: 'admin-api', auth: 'organiser' },
    (deps, authenticate) => async (req) => {
      const organiser = authenticate(req);
      return def.handle({ ...decode<P, Q, B>(def, req), organiser }, deps);
    },
  );
}

/**
 * The route key → handler table of function `fn`; a key listed twice, or a route another function
 * serves, is refused at start-up.
 */
export function dispatchTable<D>(
  fn: ApiFunction,
  routes: readonly ApiRoute<D>[],
  deps: D,
  authenticate: Authenticate = (req) => organiserFrom(req.event),
): Record<string, RouteHandler> {
  const table: Record<string, RouteHandler> = {};
  for (const r of routes) {
    const key = routeKey(r);
    if (r.fn !== fn) throw new Error(`route ${key} belongs to ${r.fn}, not ${fn}`);
    if (key in table) throw new Error(`route ${key} is listed twice`);
    table[key] = r.handler(deps, authenticate);
  }
  return table;
}

/** The part of a route the infrastructure needs. */
export const toRouteSpec = ({ method, path, fn, auth }: RouteSpec): RouteSpec => ({ method, path, fn, auth });
