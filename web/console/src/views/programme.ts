import { html } from '../../../src/html';
import { type Answer, problemText } from '../api';
import type { Ctx } from '../context';
import { enc } from '../context';
import { dropDraft } from '../drafts';
import { setStatus } from './feedback';

interface ImportReport {
  programme: string;
  sessions: Array<{ id: string; outcome: string; notified: number; reason?: string }>;
}

interface ProgrammeSettings {
  id: string;
  version?: number;
  [key: string]: unknown;
}

/**
 * Programme import (dry run, then apply) and settings, built on the "Programmes" contract
 * (GET/PUT /admin/programmes…, POST /admin/programmes/import?dryRun=true). Where the server has no
 * such route yet (404), the screen says so.
 */
export async function programmeScreen(ctx: Ctx): Promise<void> {
  const { m } = ctx;
  const list = await ctx.api.get<{ programmes: ProgrammeSettings[] }>('/admin/programmes');
  const available = list.ok;
  const programmes = list.ok ? list.body.programmes : [];
  ctx.show(html`<h1>${m.programmeTitle}</h1>
${available ? '' : html`<p class="notice notice--warn">${m.notAvailable}</p>`}
<section class="panel" aria-labelledby="import-title">
  <h2 id="import-title">${m.importTitle}</h2>
  <form id="import-form" novalidate>
    <div class="field"><label for="import-file">${m.importFile}</label><input id="import-file" name="file" type="file" accept="application/json,.json"></div>
    <p class="actions"><button class="button button--secondary" type="submit" name="mode" value="dry">${m.dryRun}</button>
    <button class="button" type="button" id="import-apply" disabled>${m.apply}</button></p>
  </form>
  <p id="import-status" hidden></p>
  <div id="import-report" aria-live="polite"></div>
</section>
<section class="panel" aria-labelledby="settings-title">
  <h2 id="settings-title">${m.settingsTitle}</h2>
  ${programmes.length === 0 ? html`<p>${m.none}</p>` : ''}
  ${programmes.map(
    (
      p,
    ) => html`<form class="settings-form" data-id="${p.id}" data-draft="settings-${p.id}-v${p.version ?? 0}" novalidate>
    <div class="field"><label for="settings-${p.id}">${m.settingsJson}: ${p.id}</label>
    <textarea id="settings-${p.id}" name="settings" rows="14" class="mono" aria-describedby="settings-${p.id}-error">${JSON.stringify(withoutVersion(p), null, 2)}</textarea>
    <ul class="field__error" id="settings-${p.id}-error"></ul></div>
    <p><button class="button" type="submit">${m.save}</button></p>
  </form>`,
  )}
</section>`);
  let file: unknown = null;
  const status = document.getElementById('import-status');
  const apply = document.getElementById('import-apply') as HTMLButtonElement;
  const run = async (dryRun: boolean) => {
    status?.removeAttribute('hidden');
    const answer: Answer<ImportReport> = await ctx.api.post(
      `/admin/programmes/import${dryRun ? '?dryRun=true' : ''}`,
      file,
    );
    if (!answer.ok) {
      apply.disabled = true;
      return setStatus(
        status,
        answer.status === 404 ? m.notAvailable : `${m.failed} ${problemText(answer.problem)}`,
        'error',
      );
    }
    status?.setAttribute('hidden', '');
    (document.getElementById('import-report') as HTMLElement).innerHTML =
      html`<h3>${m.importReport}: ${answer.body.programme}</h3>
<div class="table-wrap" role="region" aria-label="${m.importReport}" tabindex="0"><table><caption>${m.importReport}</caption>
<thead><tr><th scope="col">${m.session}</th><th scope="col">${m.outcome}</th><th scope="col">${m.notified}</th></tr></thead>
<tbody>${answer.body.sessions.map((s) => html`<tr><th scope="row">${s.id}</th><td>${s.outcome}${s.reason ? ` (${s.reason})` : ''}</td><td>${s.notified}</td></tr>`)}</tbody></table></div>`.value;
    apply.disabled = !dryRun;
    if (!dryRun) ctx.announce(m.applied);
  };
  document.getElementById('import-form')?.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const f = (document.getElementById('import-file') as HTMLInputElement).files?.[0];
    if (!f) return;
    try {
      file = JSON.parse(await f.text());
    } catch {
      status?.removeAttribute('hidden');
      return setStatus(status, m.invalidJson, 'error');
    }
    await run(true);
  });
  apply.addEventListener('click', () => void run(false));
  for (const form of ctx.main.querySelectorAll<HTMLFormElement>('.settings-form')) {
    form.addEventListener('submit', async (ev) => {
      ev.preventDefault();
      const pid = form.dataset.id ?? '';
      const errors = form.querySelector('.field__error') as HTMLElement;
      let body: Record<string, unknown>;
      try {
        body = JSON.parse((form.elements.namedItem('settings') as HTMLTextAreaElement).value);
      } catch {
        errors.innerHTML = html`<li>${m.invalidJson}</li>`.value;
        return;
      }
      const current = programmes.find((p) => p.id === pid);
      const answer = await ctx.api.put(`/admin/programmes/${enc(pid)}`, { ...body, expectedVersion: current?.version });
      if (answer.ok) {
        errors.innerHTML = '';
        dropDraft(form.dataset.draft ?? '');
        ctx.announce(m.saved);
        return programmeScreen(ctx);
      }
      // Validation messages at their field: the path the API names, then its message.
      errors.innerHTML = (answer.problem.errors ?? [{ field: '', message: problemText(answer.problem) }])
        .map((e) => html`<li><code>${e.field}</code> ${e.message}</li>`.value)
        .join('');
      form.querySelector('textarea')?.setAttribute('aria-invalid', 'true');
    });
  }
}

const withoutVersion = ({ version: _v, ...rest }: ProgrammeSettings) => rest;
