import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import type { RouteSpec } from '../shared/http/route';

/** Any Lambda handler for API Gateway HTTP API (payload v2). */
export type HttpLambda = (
  event: APIGatewayProxyEventV2,
  context: Context,
) => Promise<APIGatewayProxyStructuredResultV2>;

/**
 * Adds what API Gateway's JWT authorizer adds (claims), or answers 401/403 itself as API Gateway
 * would. Only consulted for routes whose `auth` is not `none`.
 */
export type LocalAuthorizer = (
  route: RouteSpec,
  headers: Record<string, string>,
) => Promise<{ claims: Record<string, string | number | boolean | string[]> } | { status: 401 | 403; body: string }>;

/** Extra handling before routing (local-only routes, web pages); returns true when it answered. */
export type Middleware = (req: IncomingMessage, res: ServerResponse, body: Buffer) => Promise<boolean>;

interface CompiledRoute {
  spec: RouteSpec;
  regex: RegExp;
  names: string[];
  literalLength: number;
}

const READ_LIMIT = 1024 * 1024;

function compile(spec: RouteSpec): CompiledRoute {
  const names: string[] = [];
  const pattern = spec.path
    .split('/')
    .map((seg) => {
      const m = /^\{(\w+)\}$/.exec(seg);
      if (m?.[1]) {
        names.push(m[1]);
        return '([^/]+)';
      }
      return seg.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    })
    .join('/');
  return { spec, regex: new RegExp(`^${pattern}$`), names, literalLength: spec.path.replace(/\{\w+\}/g, '').length };
}

export function matchRoute(routes: RouteSpec[], method: string, path: string) {
  const compiled = routes.map(compile).sort((a, b) => b.literalLength - a.literalLength);
  let pathMatched = false;
  for (const c of compiled) {
    const m = c.regex.exec(path);
    if (!m) continue;
    pathMatched = true;
    if (c.spec.method !== method) continue;
    const pathParameters: Record<string, string> = {};
    c.names.forEach((n, i) => {
      const raw = m[i + 1] ?? '';
      try {
        pathParameters[n] = decodeURIComponent(raw);
      } catch {
        pathParameters[n] = raw;
      }
    });
    return { spec: c.spec, pathParameters };
  }
  return pathMatched ? 'method-not-allowed' : null;
}

const TEXTUAL = /^(application\/(json|x-www-form-urlencoded|xml|[\w.+-]+\+json)|text\/)/i;

export function toEvent(
  req: IncomingMessage,
  body: Buffer,
  spec: RouteSpec,
  pathParameters: Record<string, string>,
): APIGatewayProxyEventV2 {
  const url = new URL(req.url ?? '/', 'http://local');
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(req.headers)) {
    if (v !== undefined) headers[k.toLowerCase()] = Array.isArray(v) ? v.join(',') : v;
  }
  const query: Record<string, string> = {};
  for (const [k, v] of url.searchParams) query[k] = k in query ? `${query[k]},${v}` : v;
  const textual = TEXTUAL.test(headers['content-type'] ?? 'text/plain');
  const now = Date.now();
  return {
    version: '2.0',
    routeKey: `${spec.method} ${spec.path}`,
    rawPath: url.pathname,
    rawQueryString: url.search.slice(1),
    headers,
    ...(Object.keys(query).length ? { queryStringParameters: query } : {}),
    ...(Object.keys(pathParameters).length ? { pathParameters } : {}),
    requestContext: {
      accountId: 'local',
      apiId: 'local',
      domainName: headers.host ?? 'localhost',
      domainPrefix: 'localhost',
      http: {
        method: req.method ?? 'GET',
        path: url.pathname,
        protocol: `HTTP/${req.httpVersion}`,
        sourceIp: req.socket.remoteAddress ?? '127.0.0.1',
        userAgent: headers['user-agent'] ?? '',
      },
      requestId: randomUUID(),
      routeKey: `${spec.method} ${spec.path}`,
      stage: '$default',
      time: new Date(now).toUTCString(),
      timeEpoch: now,
    },
    ...(body.length
      ? { body: textual ? body.toString('utf8') : body.toString('base64'), isBase64Encoded: !textual }
      : { isBase64Encoded: false }),
  };
}

const lambdaContext = (fn: string): Context =>
  ({
    functionName: fn,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:local:000000000000:function:${fn}`,
    memoryLimitInMB: '512',
    awsRequestId: randomUUID(),
    logGroupName: `/local/${fn}`,
    logStreamName: 'local',
    callbackWaitsForEmptyEventLoop: false,
    getRemainingTimeInMillis: () => 29_000,
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  }) as Context;

function readBody(req: IncomingMessage): Promise<Buffer | 'too-large'> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > READ_LIMIT) tooLarge = true;
      else chunks.push(c);
    });
    req.on('end', () => resolve(tooLarge ? 'too-large' : Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function sendProblem(res: ServerResponse, status: number, slug: string, title: string, detail: string) {
  res.writeHead(status, { 'content-type': 'application/problem+json; charset=utf-8' });
  res.end(JSON.stringify({ type: `/problems/${slug}`, title, status, detail }));
}

export interface LocalHttpOptions {
  routes: RouteSpec[];
  functions: Partial<Record<RouteSpec['fn'], HttpLambda>>;
  authorize?: LocalAuthorizer;
  before?: Middleware[];
  /** Origins allowed by CORS locally ('*' by default, as an embed may live anywhere). */
  corsOrigin?: string;
}

/** The API Gateway HTTP API stand-in: matches the route table, builds v2 events, calls the handlers. */
export function createLocalHttpServer(opts: LocalHttpOptions): Server {
  const cors = {
    'access-control-allow-origin': opts.corsOrigin ?? '*',
    'access-control-allow-headers': 'authorization,content-type',
    'access-control-allow-methods': 'GET,POST,PATCH,PUT,DELETE,OPTIONS',
    'access-control-max-age': '600',
  };
  // Above Node's 16 KiB default, so query strings up to 16 KiB reach the handlers' validation locally
  // (API Gateway itself refuses more than 10 KiB of request line and headers).
  return createServer({ maxHeaderSize: 64 * 1024 }, async (req, res) => {
    try {
      const body = await readBody(req);
      if (body === 'too-large') {
        return sendProblem(res, 413, 'payload-too-large', 'Payload too large', 'The request body is too large.');
      }
      for (const mw of opts.before ?? []) if (await mw(req, res, body)) return;
      const url = new URL(req.url ?? '/', 'http://local');
      if (req.method === 'OPTIONS') {
        res.writeHead(204, cors);
        return res.end();
      }
      const match = matchRoute(opts.routes, req.method ?? 'GET', url.pathname);
      if (match === null) return sendProblem(res, 404, 'not-found', 'Not found', 'No such route.');
      if (match === 'method-not-allowed') {
        return sendProblem(
          res,
          405,
          'method-not-allowed',
          'Method not allowed',
          'This route does not take that method.',
        );
      }
      const event = toEvent(req, body, match.spec, match.pathParameters);
      if (match.spec.auth !== 'none') {
        const auth = opts.authorize
          ? await opts.authorize(match.spec, event.headers as Record<string, string>)
          : ({ status: 401, body: 'no authorizer' } as const);
        if ('status' in auth) {
          res.writeHead(auth.status, { 'content-type': 'application/json', ...cors });
          return res.end(JSON.stringify({ message: auth.status === 401 ? 'Unauthorized' : 'Forbidden' }));
        }
        (event.requestContext as unknown as Record<string, unknown>).authorizer = {
          jwt: { claims: auth.claims, scopes: null },
        };
      }
      const fn = opts.functions[match.spec.fn];
      if (!fn) return sendProblem(res, 404, 'not-found', 'Not found', `Function ${match.spec.fn} is not running.`);
      const result = await fn(event, lambdaContext(match.spec.fn));
      const headers: Record<string, string> = { ...cors };
      for (const [k, v] of Object.entries(result.headers ?? {})) headers[k] = String(v);
      if (result.cookies?.length) res.setHeader('set-cookie', result.cookies);
      res.writeHead(result.statusCode ?? 200, headers);
      res.end(result.isBase64Encoded ? Buffer.from(result.body ?? '', 'base64') : (result.body ?? ''));
    } catch (e) {
      // API Gateway answers 500 when the integration fails; so do we, and say why on the console.
      console.error('local adapter: handler failed', e);
      if (!res.headersSent) sendProblem(res, 500, 'internal-error', 'Internal error', 'The handler failed.');
      else res.end();
    }
  });
}
