import middy, { type MiddlewareObj } from '@middy/core';
import type { Context } from 'aws-lambda';
import { DomainError, NotFound } from '../domain/errors';
import { describeError, log } from '../log';
import { assertBodySize } from './body';
import { originCheck } from './origin-check';
import { DeadlineReached, isTransientInfrastructureError, type Problem, problemHeaders, toProblem } from './problem';
import type { HttpEvent, HttpRequest, HttpResponse, HttpResult, RouteHandler } from './types';

const SECURITY_HEADERS = {
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
};

/** Builds the handler-facing request from the API Gateway v2 event. */
export function toHttpRequest(event: HttpEvent): HttpRequest {
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(event.headers ?? {})) if (v !== undefined) headers[k.toLowerCase()] = v;
  const query: Record<string, string> = {};
  for (const [k, v] of Object.entries(event.queryStringParameters ?? {})) if (v !== undefined) query[k] = v;
  const params: Record<string, string> = {};
  for (const [k, v] of Object.entries(event.pathParameters ?? {})) if (v !== undefined) params[k] = v;
  const rawBody =
    event.body === undefined || event.body === null
      ? undefined
      : event.isBase64Encoded
        ? Buffer.from(event.body, 'base64').toString('utf8')
        : event.body;
  return { event, params, query, headers, rawBody };
}

export function serialize(res: HttpResponse): HttpResult {
  if ('json' in res) {
    return {
      statusCode: res.status,
      headers: { 'content-type': 'application/json; charset=utf-8', ...SECURITY_HEADERS, ...res.headers },
      body: res.json === undefined ? '' : JSON.stringify(res.json),
    };
  }
  return {
    statusCode: res.status,
    headers: { 'content-type': res.contentType, ...SECURITY_HEADERS, ...res.headers },
    body: res.text,
  };
}

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);

/** A plain HTML form post from a browser gets an HTML answer it can show; everything else gets JSON. */
export const wantsHtml = (req: Pick<HttpRequest, 'headers'>): boolean =>
  (req.headers['content-type'] ?? '').toLowerCase().startsWith('application/x-www-form-urlencoded') &&
  (req.headers.accept ?? '').includes('text/html');

function problemAsHtml(p: Problem): string {
  const items = (p.errors ?? []).map(
    (e) => `<li><strong>${escapeHtml(e.field)}</strong>: ${escapeHtml(e.message)}</li>`,
  );
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${escapeHtml(p.title)}</title></head><body><main><h1>${escapeHtml(p.title)}</h1><p>${escapeHtml(p.detail)}</p>${items.length ? `<ul>${items.join('')}</ul>` : ''}<p>Use your browser's Back button to return to the form; what you typed is still there.</p></main></body></html>`;
}

type Req = middy.Request<HttpEvent, HttpResult | HttpResponse, Error, Context>;

/** 413 before anything parses a body larger than the limit. */
const bodyLimit = (): MiddlewareObj<HttpEvent> => ({
  before: (request) => {
    const e = request.event;
    const raw = e.body && e.isBase64Encoded ? Buffer.from(e.body, 'base64').toString('utf8') : (e.body ?? undefined);
    assertBodySize(raw);
  },
});

/** Turns the route handler's HttpResponse into an API Gateway result. */
const responseSerializer = (): MiddlewareObj<HttpEvent, HttpResult> => ({
  after: (request) => {
    request.response = serialize(request.response as unknown as HttpResponse);
  },
});

export interface HttpApiOptions {
  /**
   * Where to send a browser whose plain form post failed (already registered, closed, or a 400
   * whose fields its form can mark): a page that explains it in the reader's language. `null`:
   * answer with the HTML problem page.
   */
  browserFormErrorLocation?: (req: HttpRequest, problem: Problem) => string | null;
  /** When set, requests without this value in `x-origin-verify` (not through CloudFront) get 403. */
  originSecret?: string;
}

/** The single error handler: domain errors → problem details; the rest → logged 500. */
const problemDetails = (options: HttpApiOptions): MiddlewareObj<HttpEvent, HttpResult> => ({
  onError: (request) => {
    const error = request.error;
    if (isTransientInfrastructureError(error)) {
      log('warn', 'transient infrastructure error; answered 503', {
        routeKey: request.event.routeKey,
        ...describeError(error),
      });
    } else if (!(error instanceof DomainError)) {
      log('error', 'unhandled error', { routeKey: request.event.routeKey, ...describeError(error) });
    }
    const p = toProblem(error);
    const req = toHttpRequest(request.event);
    const location = wantsHtml(req) && p.status < 500 ? options.browserFormErrorLocation?.(req, p) : null;
    if (location) {
      request.response = serialize({
        status: 303,
        json: undefined,
        headers: { location, 'cache-control': 'no-store' },
      });
      return;
    }
    const extra = problemHeaders(p);
    request.response = wantsHtml(req)
      ? serialize({
          status: p.status,
          text: problemAsHtml(p),
          contentType: 'text/html; charset=utf-8',
          headers: extra,
        })
      : {
          statusCode: p.status,
          headers: { 'content-type': 'application/problem+json; charset=utf-8', ...SECURITY_HEADERS, ...extra },
          body: JSON.stringify(p),
        };
  },
});

/** One access-log line per request: route, status, duration; no personal data. */
const accessLog = (): MiddlewareObj<HttpEvent, HttpResult> => {
  const started = new WeakMap<object, number>();
  const done = (request: Req) => {
    const res = request.response as HttpResult | undefined;
    log('info', 'request', {
      routeKey: request.event.routeKey,
      status: res?.statusCode,
      ms: Date.now() - (started.get(request) ?? Date.now()),
      requestId: request.event.requestContext?.requestId,
    });
  };
  return {
    before: (request) => {
      started.set(request, Date.now());
    },
    after: (request) => done(request as Req),
    onError: (request) => done(request as Req),
  };
};

/**
 * How long before Lambda's own timeout middy gives up on the route and the error handler answers
 * 503 instead: enough for the error handler, the access log and the response to go out.
 */
export const TIMEOUT_EARLY_MS = 250;

/**
 * The middy chain for API Gateway HTTP API (payload v2) functions, in middy's order: the error
 * handler is used last so its onError runs first, the access log sees the final status. When the
 * remaining time runs out, middy raises our DeadlineReached (not its own untyped TimeoutError),
 * so the error handler maps it by `instanceof` like any other error.
 */
export function httpApiHandler(routes: Record<string, RouteHandler>, options: HttpApiOptions = {}) {
  const dispatch = async (event: HttpEvent): Promise<HttpResult> => {
    const route = routes[event.routeKey];
    const req = toHttpRequest(event);
    if (!route) throw new NotFound('route');
    return (await route(req)) as unknown as HttpResult;
  };
  return middy<HttpEvent, HttpResult>(dispatch, {
    timeoutEarlyInMillis: TIMEOUT_EARLY_MS,
    timeoutEarlyResponse: () => {
      throw new DeadlineReached();
    },
  })
    .use(accessLog())
    .use(bodyLimit())
    .use(responseSerializer())
    .use(problemDetails(options))
    .use(originCheck(options.originSecret));
}
