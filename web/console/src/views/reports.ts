import { html } from '../../../src/html';
import type { Ctx } from '../context';
import { pick } from '../i18n';
import type { Localised, ParticipationRow } from '../types';
import { barChart, numbersTable } from './charts';
import { failure } from './feedback';

interface Synthesis {
  overall: { responses: number; averageRating: number | null; responseRate: number | null };
  questions: Array<{ id: string; text: Localised; answerCount: number; byRole: Array<{ key: string; count: number }> }>;
  sessions: Array<{ id: string; title: Localised; responses: number; averageRating: number | null }>;
}

const csv = (rows: Array<Array<string | number>>) =>
  rows.map((r) => r.map((c) => `"${String(c).replace(/"/g, '""')}"`).join(';')).join('\r\n');

/** Participation and the feedback synthesis, each chart with its numbers as a table, and downloads. */
export async function reportsScreen(ctx: Ctx): Promise<void> {
  const { m, lang } = ctx;
  const [participation, feedback] = await Promise.all([
    ctx.api.get<{ sessions: ParticipationRow[] }>('/admin/reports/participation'),
    ctx.api.get<Synthesis>(`/admin/reports/feedback?lang=${lang}`),
  ]);
  if (!participation.ok) return ctx.show(html`<h1>${m.reportsTitle}</h1>${failure(ctx, participation)}`);
  const rows = participation.body.sessions.filter((s) => s.status !== 'cancelled');
  const head = [m.session, m.confirmed, m.waitlisted, m.attendance, m.absent, m.walkIns];
  const numbers = rows.map((s) => [pick(s.title, lang), s.confirmed, s.waitlisted, s.attended, s.absent, s.walkIns]);
  const series = [
    { label: m.confirmed, className: 'series-a' },
    { label: m.attendance, className: 'series-b' },
    { label: m.absent, className: 'series-c' },
    { label: m.walkIns, className: 'series-d' },
  ];
  const q = feedback.ok ? feedback.body.questions : [];
  ctx.show(html`<h1>${m.reportsTitle}</h1>
<section aria-labelledby="participation-title">
  <h2 id="participation-title">${m.participationTitle}</h2>
  <p><button type="button" class="button button--secondary" id="participation-csv">${m.downloadParticipationCsv}</button></p>
  ${barChart(
    m.chartOf(m.participationTitle),
    rows.map((s) => ({ label: pick(s.title, lang), values: [s.confirmed, s.attended, s.absent, s.walkIns] })),
    series,
  )}
  ${numbersTable(m.tableOf(m.participationTitle), head, numbers)}
</section>
<section aria-labelledby="feedback-title">
  <h2 id="feedback-title">${m.feedbackTitle}</h2>
  ${feedback.ok ? '' : failure(ctx, feedback)}
  <p class="actions"><button type="button" class="button button--secondary" id="feedback-csv">${m.downloadFeedbackCsv}</button>
  <button type="button" class="button button--secondary" id="feedback-md">${m.downloadFeedbackMd}</button></p>
  ${
    feedback.ok
      ? html`<p>${m.rating}: ${feedback.body.overall.averageRating ?? '–'} · ${m.responseRate}: ${
          feedback.body.overall.responseRate === null ? '–' : `${Math.round(feedback.body.overall.responseRate * 100)}%`
        }</p>`
      : ''
  }
  ${barChart(
    m.chartOf(m.feedbackTitle),
    q.map((x) => ({ label: pick(x.text, lang), values: [x.answerCount] })),
    [{ label: m.answers(2).replace(/^\d+ /, ''), className: 'series-a' }],
  )}
  ${numbersTable(
    m.tableOf(m.feedbackTitle),
    [m.question, m.answers(2).replace(/^\d+ /, '')],
    q.map((x) => [pick(x.text, lang), x.answerCount]),
  )}
</section>`);
  document.getElementById('participation-csv')?.addEventListener('click', () => {
    const text = `\ufeff${csv([['sessionId', ...head.slice(1)], ...rows.map((s) => [s.sessionId, s.confirmed, s.waitlisted, s.attended, s.absent, s.walkIns])])}\r\n`;
    const a = document.createElement('a');
    a.href = URL.createObjectURL(new Blob([text], { type: 'text/csv;charset=utf-8' }));
    a.download = 'deelname.csv';
    document.body.append(a);
    a.click();
    a.remove();
  });
  document.getElementById('feedback-csv')?.addEventListener('click', () => {
    void ctx.api.download(`/admin/reports/feedback?format=csv&lang=${lang}`, 'feedback.csv');
  });
  document.getElementById('feedback-md')?.addEventListener('click', () => {
    void ctx.api.download(`/admin/reports/feedback?format=md&lang=${lang}`, 'feedback.md');
  });
}
