import { html } from '../../../src/html';
import { problemText } from '../api';
import type { Ctx } from '../context';
import { enc } from '../context';
import { formatInstant } from '../format';
import { pick } from '../i18n';
import type { AdminRegistration, AdminSession } from '../types';
import { failure, setStatus } from './feedback';
import { messageFormHtml, wireMessageForm } from './message-form';

/** A session's registrations: confirmed and the waiting list in order, search, promote, remove, CSV, message. */
export async function registrationsScreen(ctx: Ctx, [id = '']: string[]): Promise<void> {
  const { m, lang } = ctx;
  const r = await ctx.api.get<{ session: AdminSession; registrations: AdminRegistration[] }>(
    `/admin/sessions/${enc(id)}/registrations`,
  );
  if (!r.ok) return ctx.show(html`<h1>${m.registrations}</h1>${failure(ctx, r)}`);
  const { session, registrations } = r.body;
  const confirmed = registrations.filter((x) => x.status === 'confirmed');
  const offered = registrations.filter((x) => x.status === 'offered');
  const waiting = registrations
    .filter((x) => x.status === 'waitlisted')
    .sort((a, b) => (a.waitlistPosition ?? 0) - (b.waitlistPosition ?? 0));
  const row = (x: AdminRegistration) => html`<tr data-name="${x.name.toLocaleLowerCase()}">
  ${x.status === 'waitlisted' ? html`<td>${x.waitlistPosition}</td>` : ''}
  <th scope="row">${x.name}${x.holdExpiresAt ? html` <span class="badge badge--soft">${m.heldUntil(formatInstant(x.holdExpiresAt, lang))}</span>` : ''}</th><td class="wrap">${x.email}</td><td>${m.roles[x.role] ?? x.role}</td>
  <td class="nowrap">
    ${x.status === 'waitlisted' ? html`<button type="button" class="button button--small" data-act="promote" data-id="${x.id}" data-label="${x.name}">${m.promote}<span class="sr-only">: ${x.name}</span></button>` : ''}
    <button type="button" class="button button--small button--secondary" data-act="remove" data-id="${x.id}" data-label="${x.name}">${m.remove}<span class="sr-only">: ${x.name}</span></button>
  </td></tr>`;
  // Open offers: the seat is held for them until the offer ends, then it passes to the next person waiting.
  const offerRow = (x: AdminRegistration) => html`<tr data-name="${x.name.toLocaleLowerCase()}">
  <th scope="row">${x.name}</th><td class="wrap">${x.email}</td><td class="nowrap">${x.offerExpiresAt ? formatInstant(x.offerExpiresAt, lang) : ''}</td>
  <td class="nowrap"><button type="button" class="button button--small button--secondary" data-act="remove" data-id="${x.id}" data-label="${x.name}">${m.remove}<span class="sr-only">: ${x.name}</span></button></td></tr>`;
  const offersTable =
    offered.length === 0
      ? ''
      : html`<div class="table-wrap" role="region" aria-label="${m.offers}" tabindex="0"><table>
  <caption><h2>${m.offers} (${offered.length})</h2></caption>
  <thead><tr><th scope="col">${m.name}</th><th scope="col">${m.email}</th><th scope="col">${m.offeredUntil}</th><th scope="col">${m.actions}</th></tr></thead>
  <tbody>${offered.map(offerRow)}</tbody></table></div>`;
  const table = (caption: string, rows: AdminRegistration[], positions: boolean) =>
    rows.length === 0
      ? html`<h2>${caption}</h2><p>${m.none}</p>`
      : html`<div class="table-wrap" role="region" aria-label="${caption}" tabindex="0"><table>
  <caption><h2>${caption} (${rows.length})</h2></caption>
  <thead><tr>${positions ? html`<th scope="col">${m.position}</th>` : ''}<th scope="col">${m.name}</th><th scope="col">${m.email}</th><th scope="col">${m.role}</th><th scope="col">${m.actions}</th></tr></thead>
  <tbody>${rows.map(row)}</tbody></table></div>`;
  ctx.show(html`<p><a href="#/sessions">← ${m.back}</a></p>
<h1>${m.registrationsTitle(pick(session.title, lang))}</h1>
<div class="toolbar">
  <div class="field field--inline"><label for="search">${m.search}</label><input id="search" type="search" autocomplete="off"></div>
  <button type="button" class="button button--secondary" id="csv">${m.downloadCsv}</button>
</div>
<p id="reg-status" hidden></p>
${table(m.confirmed, confirmed, false)}
${offersTable}
${table(m.waitlisted, waiting, true)}
${messageFormHtml(ctx, session)}`);
  wireMessageForm(ctx, session);
  const status = document.getElementById('reg-status');
  document.getElementById('search')?.addEventListener('input', (ev) => {
    const q = (ev.target as HTMLInputElement).value.trim().toLocaleLowerCase();
    for (const tr of ctx.main.querySelectorAll<HTMLTableRowElement>('tbody tr')) {
      tr.hidden = q !== '' && !(tr.dataset.name ?? '').includes(q);
    }
  });
  document.getElementById('csv')?.addEventListener('click', () => {
    void ctx.api.download(`/admin/sessions/${enc(id)}/registrations?format=csv`, `aanmeldingen-${id}.csv`);
  });
  ctx.main.onclick = async (ev) => {
    const b = (ev.target as Element).closest<HTMLButtonElement>('button[data-act]');
    if (!b) return;
    const name = b.dataset.label ?? '';
    if (b.dataset.act === 'remove' && !confirm(m.removeConfirm(name))) return;
    const answer = await ctx.api.post(`/admin/registrations/${enc(b.dataset.id ?? '')}/${b.dataset.act}`);
    status?.removeAttribute('hidden');
    if (!answer.ok) return setStatus(status, `${m.failed} ${problemText(answer.problem)}`, 'error');
    ctx.announce(b.dataset.act === 'promote' ? m.promoted(name) : m.removed(name));
    await registrationsScreen(ctx, [id]);
    setStatus(
      document.getElementById('reg-status'),
      b.dataset.act === 'promote' ? m.promoted(name) : m.removed(name),
      'ok',
    );
    document.getElementById('reg-status')?.removeAttribute('hidden');
  };
}
