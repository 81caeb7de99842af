import type { Context } from 'aws-lambda';
import { feedbackReportRoute } from '../shared/http/feedback-report';
import { httpApiHandler } from '../shared/http/middleware';
import type { RouteSpec } from '../shared/http/route-specs';
import type { SynthesisDeps } from '../shared/usecases/synthesis';
import { type Middleware, toEvent } from './http-adapter';

/**
 * Local stack only, never deployed: `GET /_local/reports/feedback?format=json|csv|md[&sessionId=…]`.
 * The feedback synthesis without organiser authentication, until the organiser API serves the same
 * route handler at `GET /admin/reports/feedback`. It runs through the same middy chain, so bad
 * parameters are problem details as everywhere else.
 */
const PATH = '/_local/reports/feedback';
const spec: RouteSpec = { method: 'GET', path: PATH, fn: 'public-api', auth: 'none' };

export function localFeedbackReport(deps: SynthesisDeps): Middleware {
  const handler = httpApiHandler({ [`GET ${PATH}`]: feedbackReportRoute(deps) });
  return async (req, res, body) => {
    const url = new URL(req.url ?? '/', 'http://local');
    if (url.pathname !== PATH) return false;
    if (req.method !== 'GET') {
      res.writeHead(405, { 'content-type': 'application/problem+json; charset=utf-8', allow: 'GET' });
      res.end(
        JSON.stringify({
          type: '/problems/method-not-allowed',
          title: 'Method not allowed',
          status: 405,
          detail: 'This route only answers GET.',
        }),
      );
      return true;
    }
    const result = await handler(toEvent(req, body, spec, {}), {} as Context);
    const headers: Record<string, string> = { 'access-control-allow-origin': '*' };
    for (const [k, v] of Object.entries(result.headers ?? {})) headers[k] = String(v);
    res.writeHead(result.statusCode ?? 200, headers);
    res.end(result.body ?? '');
    return true;
  };
}
