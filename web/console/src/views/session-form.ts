import { attr, html } from '../../../src/html';
import { type Answer, problemText } from '../api';
import type { Ctx } from '../context';
import { enc } from '../context';
import { dropDraft } from '../drafts';
import { pick } from '../i18n';
import type { AdminSession } from '../types';
import { failure, setStatus } from './feedback';

const KINDS = ['reflection', 'knowledge', 'practice', 'feedback'];
/** Fields whose change registrants hear about (the API raises `version`): they get an updated invite. */
const TOLD = ['title', 'date', 'startTime', 'endTime', 'location'];

const field = (id: string, label: string, input: ReturnType<typeof html>, hint?: string) =>
  html`<div class="field" id="field-${id}"><label for="${id}">${label}</label>${hint ? html`<p class="hint" id="${id}-hint">${hint}</p>` : ''}${input}<p class="field__error" id="${id}-error" hidden></p></div>`;

function valuesOf(form: HTMLFormElement) {
  const v = (name: string) => (form.elements.namedItem(name) as HTMLInputElement).value.trim();
  const checked = (name: string) => (form.elements.namedItem(name) as HTMLInputElement).checked;
  const titleEn = v('titleEn');
  const location = v('locationName')
    ? { name: v('locationName'), ...(v('locationAddress') ? { address: v('locationAddress') } : {}) }
    : null;
  return {
    title: { nl: v('titleNl'), ...(titleEn ? { en: titleEn } : {}) },
    date: v('date'),
    startTime: v('startTime') || null,
    endTime: v('endTime') || null,
    location,
    capacity: v('capacity') ? Number(v('capacity')) : null,
    provisional: checked('provisional'),
    registrationOpen: checked('registrationOpen'),
  };
}

type Values = ReturnType<typeof valuesOf>;

/** Only what changed, as PATCH wants it. */
function changesOf(before: AdminSession, after: Values): Partial<Values> {
  const out: Record<string, unknown> = {};
  const was: Record<string, unknown> = {
    title: before.title,
    date: before.date,
    startTime: before.startTime,
    endTime: before.endTime,
    location: before.location,
    capacity: before.capacity,
    provisional: before.provisional,
    registrationOpen: before.registrationOpen,
  };
  for (const [k, v] of Object.entries(after)) if (JSON.stringify(v) !== JSON.stringify(was[k])) out[k] = v;
  return out as Partial<Values>;
}

function showErrors(form: HTMLFormElement, answer: Answer<unknown>): void {
  if (answer.ok) return;
  const byName: Record<string, string> = {
    'title.nl': 'titleNl',
    'title.en': 'titleEn',
    'location.name': 'locationName',
  };
  for (const e of answer.problem.errors ?? []) {
    const id = byName[e.field] ?? e.field.split('.')[0] ?? '';
    const el = form.querySelector(`#${CSS.escape(id)}-error`);
    if (!el) continue;
    el.textContent = e.message;
    el.removeAttribute('hidden');
    form.querySelector(`#${CSS.escape(id)}`)?.setAttribute('aria-invalid', 'true');
  }
}

/** Create a session, or edit, reschedule, set the time of, and cancel one. */
export async function sessionFormScreen(ctx: Ctx, [id]: string[]): Promise<void> {
  const { m, lang } = ctx;
  let session: AdminSession | null = null;
  let programmeId = '';
  const list = await ctx.api.get<{ sessions: AdminSession[] }>('/admin/sessions');
  if (!list.ok) return ctx.show(html`<h1>${m.edit}</h1>${failure(ctx, list)}`);
  programmeId = list.body.sessions[0]?.programmeId ?? '';
  if (id) {
    session = list.body.sessions.find((s) => s.id === id) ?? null;
    if (!session) return ctx.show(html`<h1>${m.edit}</h1><p class="notice notice--error">404</p>`);
  }
  const s = session;
  const draft = s ? `session-${s.id}-v${s.version}` : 'session-new';
  const registrants = s ? s.confirmedCount + s.waitlistCount : 0;
  ctx.show(html`<p><a href="#/sessions">← ${m.back}</a></p>
<h1>${s ? m.editTitle(pick(s.title, lang)) : m.createTitle}</h1>
<form id="session-form" data-draft="${draft}" novalidate>
  ${s ? '' : field('id', m.fieldId, html`<input id="id" name="id" required pattern="[a-z0-9][a-z0-9-]*" autocomplete="off">`)}
  ${s ? '' : field('kind', m.fieldKind, html`<select id="kind" name="kind">${KINDS.map((k) => html`<option value="${k}">${m.kinds[k] ?? k}</option>`)}</select>`)}
  ${field('titleNl', m.fieldTitleNl, html`<input id="titleNl" name="titleNl" required value="${s?.title.nl ?? ''}">`)}
  ${field('titleEn', m.fieldTitleEn, html`<input id="titleEn" name="titleEn" value="${s?.title.en ?? ''}">`)}
  ${field('date', m.fieldDate, html`<input id="date" name="date" type="date" required value="${s?.date ?? ''}">`)}
  <div class="row">
    ${field('startTime', m.fieldStart, html`<input id="startTime" name="startTime" type="time" aria-describedby="startTime-hint" value="${s?.startTime ?? ''}">`, m.timeHint)}
    ${field('endTime', m.fieldEnd, html`<input id="endTime" name="endTime" type="time" value="${s?.endTime ?? ''}">`)}
  </div>
  ${field('locationName', m.fieldLocationName, html`<input id="locationName" name="locationName" value="${s?.location?.name ?? ''}">`)}
  ${field('locationAddress', m.fieldLocationAddress, html`<input id="locationAddress" name="locationAddress" value="${s?.location?.address ?? ''}">`)}
  ${field('capacity', m.fieldCapacity, html`<input id="capacity" name="capacity" type="number" min="1" inputmode="numeric" value="${s?.capacity ?? ''}">`)}
  <div class="check"><input type="checkbox" id="provisional" name="provisional"${attr('checked', s?.provisional ?? false)}><label for="provisional">${m.fieldProvisional}</label></div>
  <div class="check"><input type="checkbox" id="registrationOpen" name="registrationOpen"${attr('checked', s?.registrationOpen ?? true)}><label for="registrationOpen">${m.fieldOpen}</label></div>
  ${s ? html`<section class="preview" aria-labelledby="preview-title"><h2 id="preview-title">${m.previewTitle}</h2><p id="preview" aria-live="polite">${m.previewNone}</p></section>` : ''}
  <p id="form-status" hidden></p>
  <p><button class="button" type="submit">${m.save}</button></p>
</form>
${
  s && s.status !== 'cancelled'
    ? html`<section class="danger-zone" aria-labelledby="cancel-title">
  <h2 id="cancel-title">${m.cancelSessionTitle}</h2>
  <p>${m.cancelExplain(registrants)}</p>
  <form id="cancel-form" data-draft="cancel-${s.id}">
    ${field('cancelSubject', m.cancelSubject, html`<input id="cancelSubject" name="cancelSubject">`)}
    ${field('cancelBody', m.cancelMessage, html`<textarea id="cancelBody" name="cancelBody" rows="4"></textarea>`)}
    <p id="cancel-status" hidden></p>
    <p><button class="button button--danger" type="submit">${m.cancelConfirm}</button></p>
  </form>
</section>`
    : ''
}`);
  const form = document.getElementById('session-form') as HTMLFormElement;
  const preview = document.getElementById('preview');
  const updatePreview = () => {
    if (!s || !preview) return;
    const changed = Object.keys(changesOf(s, valuesOf(form)));
    const told = changed.filter((k) => TOLD.includes(k));
    const v = valuesOf(form);
    preview.textContent =
      told.length === 0
        ? m.previewNone
        : `${m.previewInvite(registrants)}${told.some((k) => k === 'date' || k === 'startTime') ? ` ${m.previewReminders(`${v.date} ${v.startTime ?? m.tbd}`)}` : ''}`;
  };
  form.addEventListener('input', updatePreview);
  updatePreview();
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    for (const e of form.querySelectorAll('.field__error')) e.setAttribute('hidden', '');
    const values = valuesOf(form);
    const answer: Answer<unknown> = s
      ? await ctx.api.patch(`/admin/sessions/${enc(s.id)}`, { ...changesOf(s, values), expectedVersion: s.version })
      : await ctx.api.post('/admin/sessions', {
          ...values,
          id: (form.elements.namedItem('id') as HTMLInputElement).value.trim(),
          kind: (form.elements.namedItem('kind') as HTMLSelectElement).value,
          programmeId,
        });
    const status = document.getElementById('form-status');
    status?.removeAttribute('hidden');
    if (answer.ok) {
      dropDraft(draft);
      ctx.announce(s ? m.saved : m.created);
      ctx.go('#/sessions');
      return;
    }
    showErrors(form, answer);
    setStatus(status, answer.offline ? m.offline : `${m.failed} ${problemText(answer.problem)}`, 'error');
  });
  document.getElementById('cancel-form')?.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    if (!s) return;
    const f = ev.target as HTMLFormElement;
    const subject = (f.elements.namedItem('cancelSubject') as HTMLInputElement).value.trim();
    const body = (f.elements.namedItem('cancelBody') as HTMLTextAreaElement).value.trim();
    const status = document.getElementById('cancel-status');
    status?.removeAttribute('hidden');
    if (subject && body) {
      const sent = await ctx.api.post(`/admin/sessions/${enc(s.id)}/messages`, { subject, body });
      if (!sent.ok) return setStatus(status, `${m.failed} ${problemText(sent.problem)}`, 'error');
    }
    const r = await ctx.api.post(`/admin/sessions/${enc(s.id)}/cancel`, { expectedVersion: s.version });
    if (!r.ok) return setStatus(status, `${m.failed} ${problemText(r.problem)}`, 'error');
    dropDraft(`cancel-${s.id}`);
    ctx.announce(m.cancelDone);
    ctx.go('#/sessions');
  });
}
