import { html } from '../../../src/html';
import { problemText } from '../api';
import type { Ctx } from '../context';
import { enc } from '../context';
import { formatInstant } from '../format';
import type { Messages } from '../i18n';
import type { AdminRegistration, AdminSession } from '../types';
import { failure, setStatus } from './feedback';

interface AuditEntry {
  id: string;
  at: string;
  actor: { sub: string; email: string | null };
  action: string;
  targets: { sessionId?: string; registrationId?: string };
  changed: boolean;
}

interface ErasureRecord {
  id: string;
  at: string;
  by: string;
  scope: string;
  cancelled: number;
  anonymised: number;
}

const thisMonth = () => new Date().toISOString().slice(0, 7);

/** The audit trail by month, and erasure of everything held for an address. */
export async function auditScreen(ctx: Ctx): Promise<void> {
  const { m, lang } = ctx;
  const month = sessionStorage.getItem('console.audit-month') ?? thisMonth();
  const [r, erasures] = await Promise.all([
    ctx.api.get<{ entries: AuditEntry[] }>(`/admin/audit?month=${enc(month)}&limit=200`),
    ctx.api.get<{ erasures: ErasureRecord[] }>(`/admin/erasures?month=${enc(month)}`),
  ]);
  ctx.show(html`<h1>${m.auditTitle}</h1>
<form id="month-form" class="toolbar">
  <div class="field field--inline"><label for="month">${m.month}</label><input id="month" name="month" type="month" value="${month}"></div>
  <button class="button button--secondary" type="submit">${m.show}</button>
</form>
${
  r.ok
    ? html`<div class="table-wrap" role="region" aria-label="${m.auditTitle} ${month}" tabindex="0"><table class="table--wide">
  <caption>${m.auditTitle} ${month}</caption>
  <thead><tr><th scope="col">${m.when}</th><th scope="col">${m.who}</th><th scope="col">${m.what}</th><th scope="col">${m.target}</th></tr></thead>
  <tbody>${r.body.entries.map(
    (e) =>
      html`<tr><th scope="row" class="nowrap">${formatInstant(e.at, lang)}</th><td class="wrap">${e.actor.email ?? e.actor.sub}</td><td>${e.action}${e.changed ? '' : ' (=)'}</td><td class="wrap">${e.targets.sessionId ?? ''} ${e.targets.registrationId ?? ''}</td></tr>`,
  )}</tbody></table></div>`
    : failure(ctx, r)
}
${
  erasures.ok
    ? html`<div class="table-wrap" role="region" aria-label="${m.erasuresTitle} ${month}" tabindex="0"><table id="erasures" class="table--wide">
  <caption>${m.erasuresTitle} ${month}</caption>
  <thead><tr><th scope="col">${m.when}</th><th scope="col">${m.who}</th><th scope="col">${m.what}</th><th scope="col">${m.erasuresCounts}</th></tr></thead>
  <tbody>${erasures.body.erasures.map(
    (e) =>
      html`<tr><th scope="row" class="nowrap">${formatInstant(e.at, lang)}</th><td class="wrap">${erasedBy(m, e.by)}</td><td>${m.erasureScopes[e.scope] ?? e.scope}</td><td>${m.erasureCounts(e.anonymised, e.cancelled)}</td></tr>`,
  )}</tbody></table></div>`
    : failure(ctx, erasures)
}
<section class="panel danger-zone" aria-labelledby="erase-title">
  <h2 id="erase-title">${m.eraseTitle}</h2>
  <p>${m.eraseIntro}</p>
  <form id="erase-find" class="toolbar" novalidate>
    <div class="field field--inline"><label for="erase-address">${m.eraseAddress}</label><input id="erase-address" name="address" type="email" autocomplete="off" required></div>
    <button class="button button--secondary" type="submit">${m.eraseFind}</button>
  </form>
  <div id="erase-result" aria-live="polite"></div>
</section>`);
  document.getElementById('month-form')?.addEventListener('submit', (ev) => {
    ev.preventDefault();
    sessionStorage.setItem('console.audit-month', (document.getElementById('month') as HTMLInputElement).value);
    void auditScreen(ctx);
  });
  document.getElementById('erase-find')?.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const address = (document.getElementById('erase-address') as HTMLInputElement).value.trim().toLocaleLowerCase();
    const out = document.getElementById('erase-result') as HTMLElement;
    const found = await registrationsOf(ctx, address);
    if (found.length === 0) {
      out.innerHTML = html`<p class="notice">${m.eraseNotFound}</p>`.value;
      return;
    }
    out.innerHTML = html`<p>${m.eraseFound(found.length)}</p>
<p class="notice notice--warn">${m.eraseExplain}</p>
<p><button type="button" class="button button--danger" id="erase-confirm">${m.eraseConfirm}</button></p>
<p id="erase-status" hidden></p>`.value;
    document.getElementById('erase-confirm')?.addEventListener('click', async () => {
      const first = found[0] as AdminRegistration;
      const answer = await ctx.api.post<{ erasure: { anonymised: number; cancelled: number } }>(
        `/admin/registrations/${enc(first.id)}/erase`,
        { scope: 'address' },
      );
      const status = document.getElementById('erase-status');
      status?.removeAttribute('hidden');
      if (!answer.ok) return setStatus(status, `${m.failed} ${problemText(answer.problem)}`, 'error');
      setStatus(status, m.eraseDone(answer.body.erasure.anonymised, answer.body.erasure.cancelled), 'ok');
      ctx.announce(m.eraseDone(answer.body.erasure.anonymised, answer.body.erasure.cancelled));
    });
  });
}

/** The API finds registrations by id; an address is looked up across the sessions' lists. */
async function registrationsOf(ctx: Ctx, address: string): Promise<AdminRegistration[]> {
  const sessions = await ctx.api.get<{ sessions: AdminSession[] }>('/admin/sessions');
  if (!sessions.ok) return [];
  const lists = await Promise.all(
    sessions.body.sessions.map((s) =>
      ctx.api.get<{ registrations: AdminRegistration[] }>(`/admin/sessions/${enc(s.id)}/registrations`),
    ),
  );
  return lists.flatMap((l) =>
    l.ok ? l.body.registrations.filter((x) => x.email.toLocaleLowerCase() === address) : [],
  );
}

/** `organiser:<sub>`, `registrant` or `retention`: who, in words, and which organiser. */
function erasedBy(m: Messages, by: string) {
  const [kind = '', sub] = by.split(':', 2);
  return html`${m.erasureBy[kind] ?? kind}${sub ? html` <span class="hint">(${sub})</span>` : ''}`;
}
