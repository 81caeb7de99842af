import { html } from '../../../src/html';
import { problemText } from '../api';
import type { Ctx } from '../context';
import { enc } from '../context';
import { dropDraft } from '../drafts';
import type { AdminRegistration, AdminSession } from '../types';
import { setStatus } from './feedback';

const ROLES = ['resident', 'community-worker', 'police-officer', 'teacher', 'district-nurse', 'civil-servant', 'other'];

export function walkInFormHtml(ctx: Ctx, s: AdminSession) {
  const { m } = ctx;
  return html`<section class="panel" aria-labelledby="walk-in-title">
  <h2 id="walk-in-title">${m.walkIn}</h2>
  <form id="walk-in-form" data-draft="walk-in-${s.id}" novalidate>
    <div class="field"><label for="wi-name">${m.name}</label><input id="wi-name" name="name" required autocomplete="off"></div>
    <div class="field"><label for="wi-email">${m.email}</label><input id="wi-email" name="email" type="email" required autocomplete="off" inputmode="email"></div>
    <div class="field"><label for="wi-role">${m.role}</label><select id="wi-role" name="role">${ROLES.map((r) => html`<option value="${r}">${m.roles[r] ?? r}</option>`)}</select></div>
    <div class="field"><label for="wi-language">${m.fieldLanguage}</label><select id="wi-language" name="language"><option value="nl">Nederlands</option><option value="en">English</option></select></div>
    <p id="walk-in-status" hidden></p>
    <p><button type="submit" class="button">${m.walkInSubmit}</button></p>
  </form>
</section>`;
}

/** Walk-ins need the network: the registration is made there, at once. */
export function wireWalkInForm(ctx: Ctx, s: AdminSession, done: (reg: AdminRegistration) => void): void {
  const form = document.getElementById('walk-in-form') as HTMLFormElement | null;
  form?.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const v = (n: string) => (form.elements.namedItem(n) as HTMLInputElement).value.trim();
    const answer = await ctx.api.post<{ registration: AdminRegistration }>(`/admin/sessions/${enc(s.id)}/walk-ins`, {
      name: v('name'),
      email: v('email'),
      role: v('role'),
      language: v('language'),
    });
    const status = document.getElementById('walk-in-status');
    status?.removeAttribute('hidden');
    if (!answer.ok) {
      return setStatus(
        status,
        answer.offline ? ctx.m.offline : `${ctx.m.failed} ${problemText(answer.problem)}`,
        'error',
      );
    }
    dropDraft(`walk-in-${s.id}`);
    form.reset();
    status?.setAttribute('hidden', '');
    done(answer.body.registration);
  });
}
