import * as z from 'zod';
import { ValidationFailed } from '../domain/errors';
import { Language, SlugId } from '../domain/schemas';
import { FeedbackSynthesis } from '../domain/synthesis';
import { feedbackReport, type SynthesisDeps } from '../usecases/synthesis';
import { fieldErrors, requiredMessage } from './body';
import type { OperationDoc } from './openapi';
import type { HttpRequest, HttpResponse, RouteHandler } from './types';

/**
 * The feedback synthesis as an HTTP route, for whichever function mounts it: the organiser API
 * at `GET /admin/reports/feedback`, and the local stack at `GET /_local/reports/feedback` until
 * then. Query: `format=json|csv|md` (default json), `sessionId`, `programme`, `lang=nl|en`.
 */
export const FeedbackReportQuery = z.object({
  format: z.enum(['json', 'csv', 'md'], { error: 'must be one of: json, csv, md' }).default('json'),
  sessionId: SlugId.optional(),
  programme: SlugId.optional(),
  lang: Language.default('nl'),
});

function parseQuery(req: HttpRequest): z.output<typeof FeedbackReportQuery> {
  const result = FeedbackReportQuery.safeParse(req.query, { error: requiredMessage });
  if (!result.success) throw new ValidationFailed(fieldErrors(result.error), 'The query has invalid parameters.');
  return result.data;
}

export function feedbackReportRoute(deps: SynthesisDeps): RouteHandler {
  return async (req): Promise<HttpResponse> => {
    const q = parseQuery(req);
    const report = await feedbackReport(deps, { sessionId: q.sessionId, programmeId: q.programme }, q.format, q.lang);
    const headers = { 'cache-control': 'no-store' };
    if (q.format === 'json') return { status: 200, json: report.synthesis, headers };
    return {
      status: 200,
      text: report.body,
      contentType: report.contentType,
      headers: { ...headers, 'content-disposition': `attachment; filename="${report.filename}"` },
    };
  };
}

/** Its OpenAPI entry, for the function that mounts it. */
export const feedbackReportOperation: OperationDoc = {
  summary:
    'The feedback synthesis: per session and for the programme (?format=json|csv|md, sessionId, programme, lang)',
  responses: {
    '200': { description: 'The synthesis (JSON; CSV and Markdown as downloads)', schema: FeedbackSynthesis },
  },
};
