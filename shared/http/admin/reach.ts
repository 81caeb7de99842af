import { accessNeeds } from '../../domain/default-questions';
import { funnelStages } from '../../domain/reach';
import { reachCsv, reachMarkdown } from '../../domain/reach-format';
import { Language, SlugId } from '../../domain/schemas';
import * as z from '../../domain/zod';
import { type ReachDeps, reachReport } from '../../usecases/organiser/reach';
import { problems } from '../openapi';
import { organiserRoute } from '../route';
import { download, ok } from './deps';

export const ReachQuery = z.object({
  format: z._default(z.enum(['json', 'csv', 'md'], { error: 'must be one of: json, csv, md' }), 'json'),
  sessionId: z.optional(SlugId),
  programme: z.optional(SlugId),
  lang: z._default(Language, 'nl'),
});

/** A count as published: `value` null when withheld, and why (`small`: 1-4; `complementary`: to protect one). */
const Count = z.object({
  value: z.nullable(z.number().check(z.int())),
  suppressed: z.nullable(z.enum(['small', 'complementary'])),
});
const Funnel = z.object(
  Object.fromEntries(funnelStages.map((s) => [s, Count])) as Record<(typeof funnelStages)[number], typeof Count>,
);
const Groups = z.object({ rows: z.array(z.object({ key: z.string(), counts: Funnel })), totals: Funnel });

export const ReachReportView = z.object({
  programmeId: z.string(),
  sessionId: z.nullable(z.string()),
  sessions: z.array(z.object({ id: z.string(), date: z.string() })),
  generatedAt: z.string(),
  threshold: z.number().check(z.int()),
  registrations: Count,
  people: Count,
  byRole: Groups,
  byArea: Groups,
  byChannel: Groups,
  visits: z.object({
    cells: z.object({ first: Count, returning: Count, unknown: Count }),
    total: Count,
  }),
  accessNeeds: z.array(z.object({ need: z.enum(accessNeeds), asked: Count, met: Count })),
  labels: z.record(z.string(), z.string()),
  notes: z.array(z.string()),
});

export const reachRoutes = [
  organiserRoute({
    method: 'GET',
    path: '/admin/reports/reach',
    query: ReachQuery,
    queryDescriptions: {
      format: 'json (default), csv or md',
      sessionId: 'one session (first-timers still judged against its whole programme)',
      programme: 'the programme; default the programme of the latest session',
      lang: 'nl (default) or en, for labels and notes',
    },
    summary: 'Who the programme reaches: by role, area and channel, first-timers, the funnel, access needs',
    description:
      'Every count of 1-4 people is withheld (`<5`), and a second count, or a total, is withheld with it ' +
      'wherever a total minus the visible counts would give the small one away (`x`). First-timers are counted on the address hash, never on names. The Markdown can go out as it is.',
    responses: {
      '200': { description: 'The report (JSON; CSV and Markdown as downloads)', schema: ReachReportView },
      ...problems(400, 401, 403, 404),
    },
    handle: async ({ query: q }, deps: ReachDeps) => {
      const report = await reachReport(deps, { sessionId: q.sessionId, programmeId: q.programme }, q.lang);
      const name = `bereik-${q.sessionId ?? report.programmeId}`;
      if (q.format === 'md')
        return download(reachMarkdown(report, q.lang), 'text/markdown; charset=utf-8', `${name}.md`);
      if (q.format === 'csv') return download(reachCsv(report, q.lang), 'text/csv; charset=utf-8', `${name}.csv`);
      return ok(report);
    },
  }),
];
