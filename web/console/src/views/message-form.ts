import { html } from '../../../src/html';
import { problemText } from '../api';
import type { Ctx } from '../context';
import { enc } from '../context';
import { dropDraft } from '../drafts';
import { type Lang, pick } from '../i18n';
import type { AdminSession } from '../types';
import { setStatus } from './feedback';

const LANGS: Lang[] = ['nl', 'en'];
const langName = { nl: 'Nederlands', en: 'English' };

/** The message form: a version per language, previewed as the mail will read, then sent. */
export function messageFormHtml(ctx: Ctx, s: AdminSession) {
  const { m } = ctx;
  return html`<section aria-labelledby="message-title" class="panel">
  <h2 id="message-title">${m.messageTitle}</h2>
  <p>${m.messageIntro}</p>
  <form id="message-form" data-draft="message-${s.id}" novalidate>
    ${LANGS.map(
      (l) => html`<fieldset lang="${l}"><legend>${langName[l]}</legend>
      <div class="field"><label for="subject-${l}">${m.subject} (${l})</label><input id="subject-${l}" name="subject-${l}" maxlength="200"></div>
      <div class="field"><label for="body-${l}">${m.body} (${l})</label><textarea id="body-${l}" name="body-${l}" rows="5"></textarea></div>
    </fieldset>`,
    )}
    <p class="actions"><button type="button" class="button button--secondary" id="message-preview">${m.previewMessage}</button>
    <button type="submit" class="button">${m.send}</button></p>
    <div id="message-previews" aria-live="polite"></div>
    <p id="message-status" hidden></p>
  </form>
</section>`;
}

export function wireMessageForm(ctx: Ctx, s: AdminSession): void {
  const { m } = ctx;
  const form = document.getElementById('message-form') as HTMLFormElement | null;
  if (!form) return;
  const value = (name: string) => (form.elements.namedItem(name) as HTMLInputElement).value.trim();
  const versions = () => LANGS.map((l) => ({ l, subject: value(`subject-${l}`), body: value(`body-${l}`) }));
  document.getElementById('message-preview')?.addEventListener('click', () => {
    const out = document.getElementById('message-previews') as HTMLElement;
    out.innerHTML = versions()
      .filter((v) => v.subject || v.body)
      .map(
        (v) =>
          html`<article class="mail-preview" lang="${v.l}" aria-label="${m.previewOf(langName[v.l])}">
  <h3>${m.previewOf(langName[v.l])}</h3>
  <p class="mail-preview__subject"><strong>${v.subject}</strong></p>
  <p>${greeting(v.l)}</p>
  <p>${sendsAbout(v.l, pick(s.title, v.l))}</p>
  ${v.body.split(/\n\s*\n/).map((para) => html`<p>${para}</p>`)}
</article>`.value,
      )
      .join('');
  });
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const status = document.getElementById('message-status');
    status?.removeAttribute('hidden');
    const ready = versions().filter((v) => v.subject && v.body);
    if (ready.length === 0) return setStatus(status, `${m.failed} ${m.subject}, ${m.body}`, 'error');
    // One version only: everyone gets it. Both: each language its own.
    for (const v of ready) {
      const r = await ctx.api.post(`/admin/sessions/${enc(s.id)}/messages`, {
        subject: v.subject,
        body: v.body,
        ...(ready.length > 1 ? { language: v.l } : {}),
      });
      if (!r.ok) return setStatus(status, r.offline ? m.offline : `${m.failed} ${problemText(r.problem)}`, 'error');
    }
    dropDraft(`message-${s.id}`);
    form.reset();
    setStatus(status, m.sent, 'ok');
    ctx.announce(m.sent);
  });
}

const greeting = (l: Lang) => (l === 'nl' ? 'Beste <naam>,' : 'Dear <name>,');
const sendsAbout = (l: Lang, title: string) =>
  l === 'nl'
    ? `De organisatie stuurt je dit bericht over ${title}:`
    : `The organisers send you this message about ${title}:`;
