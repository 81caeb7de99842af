import { AuditQuery } from '../../domain/admin-schemas';
import { AuditEntryView, ParticipationView } from '../../domain/admin-views';
import { Language, SlugId } from '../../domain/schemas';
import { FeedbackSynthesis } from '../../domain/synthesis';
import * as z from '../../domain/zod';
import { listAudit } from '../../usecases/organiser/audit';
import type { OrganiserDeps } from '../../usecases/organiser/deps';
import { participationReport } from '../../usecases/organiser/reports';
import { listErasures, type PrivacyDeps } from '../../usecases/privacy';
import { feedbackReport, type SynthesisDeps } from '../../usecases/synthesis';
import { problems } from '../openapi';
import { organiserRoute } from '../route';
import { download, ok } from './deps';
import { ErasureView } from './registrations';

export const FeedbackReportQuery = z.object({
  format: z._default(z.enum(['json', 'csv', 'md'], { error: 'must be one of: json, csv, md' }), 'json'),
  sessionId: z.optional(SlugId),
  programme: z.optional(SlugId),
  lang: z._default(Language, 'nl'),
});

/** Query of `GET /admin/erasures`; the use case checks the month's form too. */
export const ErasuresQuery = z.object({ month: AuditQuery.shape.month });

export const reportRoutes = [
  organiserRoute({
    method: 'GET',
    path: '/admin/reports/feedback',
    query: FeedbackReportQuery,
    summary:
      'The feedback synthesis: per session and for the programme (?format=json|csv|md, sessionId, programme, lang)',
    responses: {
      '200': { description: 'The synthesis (JSON; CSV and Markdown as downloads)', schema: FeedbackSynthesis },
      ...problems(400, 401, 403, 404),
    },
    handle: async ({ query: q }, deps: SynthesisDeps) => {
      const report = await feedbackReport(deps, { sessionId: q.sessionId, programmeId: q.programme }, q.format, q.lang);
      if (q.format === 'json') return ok(report.synthesis);
      return download(report.body, report.contentType, report.filename);
    },
  }),
  organiserRoute({
    method: 'GET',
    path: '/admin/reports/participation',
    summary: 'Per session: confirmed, waiting, cancelled, attended, by role and neighbourhood',
    responses: { '200': { description: 'Report', schema: ParticipationView }, ...problems(401, 403) },
    handle: async (_input, deps: OrganiserDeps) => ok({ sessions: await participationReport(deps) }),
  }),
  organiserRoute({
    method: 'GET',
    path: '/admin/audit',
    query: AuditQuery,
    queryDescriptions: {
      month: 'YYYY-MM; default the current month (UTC)',
      limit: '1-500, default 100',
      cursor: 'nextCursor of the previous page',
    },
    summary: 'The audit trail of one month, newest first',
    responses: {
      '200': {
        description: 'Entries',
        schema: z.object({ month: z.string(), entries: z.array(AuditEntryView), nextCursor: z.nullable(z.string()) }),
      },
      ...problems(400, 401, 403),
    },
    handle: async ({ query }, deps: OrganiserDeps) => ok(await listAudit(deps, query)),
  }),
  organiserRoute({
    method: 'GET',
    path: '/admin/erasures',
    query: ErasuresQuery,
    summary: 'Erasures of a month (?month=YYYY-MM, default this month): when, by whom, how many; never the data',
    responses: {
      '200': {
        description: 'Erasure records, newest first',
        schema: z.object({ month: z.string(), erasures: z.array(ErasureView) }),
      },
      ...problems(400, 401, 403),
    },
    handle: async ({ query }, deps: Pick<PrivacyDeps, 'privacy' | 'clock'>) => {
      const month = query.month ?? deps.clock.now().toISOString().slice(0, 7);
      return ok({ month, erasures: await listErasures(deps, month) });
    },
  }),
];
