import { html, type SafeHtml } from '../../../src/html';
import { type Answer, problemText } from '../api';
import type { Ctx } from '../context';
import { setStatus } from './feedback';

interface ImportReport {
  programme: string;
  dryRun: boolean;
  sessions: Array<{ id: string; outcome: string; notified: number; reason?: string }>;
}

export const importPanelHtml = (ctx: Ctx): SafeHtml => {
  const { m } = ctx;
  return html`<section class="panel" aria-labelledby="import-title">
  <h2 id="import-title">${m.importTitle}</h2>
  <p class="hint" id="import-file-hint">${m.importHint}</p>
  <form id="import-form" novalidate>
    <div class="field"><label for="import-file">${m.importFile}</label><input id="import-file" name="file" type="file" accept="application/json,.json" aria-describedby="import-file-hint"></div>
    <p class="actions"><button class="button button--secondary" type="submit">${m.dryRun}</button>
    <button class="button" type="button" id="import-apply" disabled>${m.apply}</button></p>
  </form>
  <p id="import-status" hidden></p>
  <div id="import-report" aria-live="polite"></div>
</section>`;
};

function reportHtml(ctx: Ctx, report: ImportReport): SafeHtml {
  const { m } = ctx;
  const count = (o: string) => report.sessions.filter((s) => s.outcome === o).length;
  const told = report.sessions.reduce((n, s) => n + s.notified, 0);
  const caption = report.dryRun ? m.importReport : m.importApplied;
  return html`<h3 id="import-report-title">${caption}</h3>
<p id="import-summary">${m.importSummary(count('created'), count('updated'), told)}</p>
<p>${m.importSettings}: ${m.outcomes[report.programme] ?? report.programme}.</p>
<div class="table-wrap" role="region" aria-labelledby="import-report-title" tabindex="0"><table><caption class="sr-only">${caption}</caption>
<thead><tr><th scope="col">${m.session}</th><th scope="col">${m.outcome}</th><th scope="col">${m.notified}</th></tr></thead>
<tbody>${report.sessions.map(
    (s) =>
      html`<tr data-outcome="${s.outcome}"><th scope="row" class="wrap">${s.id}</th><td class="wrap">${m.outcomes[s.outcome] ?? s.outcome}${s.reason ? html` <span class="hint">(${s.reason})</span>` : ''}</td><td>${s.notified}</td></tr>`,
  )}</tbody></table></div>`;
}

/** The file checked (or applied) last and its report, kept while the console is open. */
let last: { file: unknown; report: ImportReport } | null = null;

/**
 * The file is checked first (`?dryRun=true`: the same report, nothing written); only the file that
 * was checked can be applied, and choosing another file asks for a new check.
 */
export function wireImport(ctx: Ctx, onApplied: () => void): void {
  const { m } = ctx;
  const status = document.getElementById('import-status');
  const out = document.getElementById('import-report') as HTMLElement;
  const apply = document.getElementById('import-apply') as HTMLButtonElement;
  const input = document.getElementById('import-file') as HTMLInputElement;
  const fail = (text: string) => {
    status?.removeAttribute('hidden');
    setStatus(status, text, 'error');
  };
  const show = (report: ImportReport) => {
    out.innerHTML = reportHtml(ctx, report).value;
    apply.disabled = !report.dryRun;
    if (!report.dryRun) {
      status?.removeAttribute('hidden');
      setStatus(status, m.applied, 'ok');
    }
  };
  // Drawn again (the language switched): the report of the file checked last, and its Apply.
  if (last) show(last.report);
  const run = async (file: unknown, dryRun: boolean) => {
    const answer: Answer<ImportReport> = await ctx.api.post(
      `/admin/programmes/import${dryRun ? '?dryRun=true' : ''}`,
      file,
    );
    if (!answer.ok) {
      last = null;
      apply.disabled = true;
      out.innerHTML = '';
      return fail(
        answer.offline
          ? m.offline
          : answer.status === 404
            ? m.notAvailable
            : `${m.failed} ${problemText(answer.problem)}`,
      );
    }
    status?.setAttribute('hidden', '');
    last = { file, report: answer.body };
    show(answer.body);
    if (dryRun) return ctx.announce(document.getElementById('import-summary')?.textContent ?? '');
    ctx.announce(m.applied);
    onApplied();
  };
  input.addEventListener('change', () => {
    last = null;
    apply.disabled = true;
    out.innerHTML = '';
    status?.setAttribute('hidden', '');
  });
  document.getElementById('import-form')?.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const f = input.files?.[0];
    if (!f) return fail(m.importChooseFile);
    let file: unknown;
    try {
      file = JSON.parse(await f.text());
    } catch {
      return fail(m.invalidJson);
    }
    await run(file, true);
  });
  apply.addEventListener('click', () => {
    if (last?.report.dryRun) void run(last.file, false);
  });
}
