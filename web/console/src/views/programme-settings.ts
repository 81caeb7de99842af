import { attr, html, type SafeHtml } from '../../../src/html';
import { type Answer, problemText } from '../api';
import type { Ctx } from '../context';
import { enc } from '../context';
import { dropDraft, keepDraft, savedDraft } from '../drafts';
import type { Messages } from '../i18n';
import { setStatus } from './feedback';

type Localised = { nl: string; en?: string };
type Reminder = { daysBefore: number; atLocalTime?: string } | { hoursBefore: number };

/** A programme as `GET /admin/programmes` answers it: the settings this form edits, and the rest kept as read. */
export interface ProgrammeSettings {
  id: string;
  version: number;
  title: Localised;
  timeZone?: string;
  feedbackQuestions?: Array<{ id: string; text: Localised }>;
  privacyNotice?: { url: string; version: string } | null;
  retentionMonths?: number;
  retentionAfter?: string;
  feedbackWindowDays?: number;
  reminders?: Reminder[];
  feedbackRequest?: { minutesAfterEnd: number; nextDayAt: string } | null;
  [other: string]: unknown;
}

/** Every input is named by the API's path of its value, so a problem's `field` finds its input. */
const idOf = (path: string) => `ps-${path.replace(/\./g, '-')}`;

function input(path: string, label: string, value: unknown, extra: SafeHtml = html``, hint?: string): SafeHtml {
  const id = idOf(path);
  const described = [hint ? `${id}-hint` : '', `${id}-error`].filter(Boolean).join(' ');
  return html`<div class="field" data-path="${path}"><label for="${id}">${label}</label>${hint ? html`<p class="hint" id="${id}-hint">${hint}</p>` : ''}<input id="${id}" name="${path}" value="${value === undefined || value === null ? '' : String(value)}" aria-describedby="${described}"${extra}><p class="field__error" id="${id}-error" hidden></p></div>`;
}

/** A row of a list (a question, a reminder): its own group, whose problems show at its legend. */
const row = (path: string, legend: string, content: SafeHtml, m: Messages) =>
  html`<fieldset class="row-group" data-path="${path}" aria-describedby="${idOf(path)}-error"><legend>${legend}</legend>
${content}<p class="field__error" id="${idOf(path)}-error" hidden></p>
<p><button type="button" class="button button--small button--secondary" data-remove="${path}">${m.psRemove}<span class="sr-only">: ${legend}</span></button></p></fieldset>`;

const questionRow = (m: Messages, q: { id: string; text: Localised }, i: number) => {
  const p = `feedbackQuestions.${i}`;
  return row(
    p,
    m.psQuestion(i + 1),
    html`${input(`${p}.id`, m.psQuestionId, q.id, html` autocomplete="off" pattern="[a-z0-9][a-z0-9-]*"`)}
${input(`${p}.text.nl`, m.psQuestionNl, q.text.nl)}${input(`${p}.text.en`, m.psQuestionEn, q.text.en)}`,
    m,
  );
};

const reminderRow = (m: Messages, r: Reminder, i: number) => {
  const p = `reminders.${i}`;
  const hours = 'hoursBefore' in r;
  const amount = hours ? r.hoursBefore : r.daysBefore;
  return row(
    p,
    m.psReminder(i + 1),
    html`<div class="row"><div class="field"><label for="${idOf(`${p}.kind`)}">${m.psReminderKind}</label><select id="${idOf(`${p}.kind`)}" name="${p}.kind">
<option value="days"${attr('selected', !hours)}>${m.psReminderDays}</option><option value="hours"${attr('selected', hours)}>${m.psReminderHours}</option></select></div>
${input(`${p}.amount`, m.psReminderAmount, amount, html` type="number" min="0" inputmode="numeric"`)}
${input(`${p}.atLocalTime`, m.psReminderAt, hours ? '' : r.atLocalTime, html` type="time"`)}</div>`,
    m,
  );
};

function formHtml(ctx: Ctx, p: ProgrammeSettings): SafeHtml {
  const { m } = ctx;
  const fr = p.feedbackRequest;
  const anchors = ['programme-end', 'session'];
  return html`<form class="settings-form" id="settings-form" data-draft="settings-${p.id}-v${p.version}" novalidate aria-labelledby="settings-of">
<h3 id="settings-of">${m.settingsOf(p.id)}</h3>
${input('title.nl', m.psTitleNl, p.title.nl, html` required`)}${input('title.en', m.psTitleEn, p.title.en)}
${input('timeZone', m.psTimeZone, p.timeZone ?? 'Europe/Amsterdam', html` autocomplete="off"`)}
<fieldset data-path="privacyNotice"><legend>${m.psNotice}</legend>
${input('privacyNotice.url', m.psNoticeUrl, p.privacyNotice?.url, html` type="url" inputmode="url"`)}
${input('privacyNotice.version', m.psNoticeVersion, p.privacyNotice?.version, html``, m.psNoticeVersionHint)}
<p class="field__error" id="${idOf('privacyNotice')}-error" hidden></p></fieldset>
<fieldset><legend>${m.psRetention}</legend><div class="row">
${input('retentionMonths', m.psRetentionMonths, p.retentionMonths, html` type="number" min="1" max="120" inputmode="numeric"`)}
<div class="field" data-path="retentionAfter"><label for="ps-retentionAfter">${m.psRetentionAfter}</label><select id="ps-retentionAfter" name="retentionAfter" aria-describedby="ps-retentionAfter-error">
${anchors.map((a) => html`<option value="${a}"${attr('selected', (p.retentionAfter ?? 'programme-end') === a)}>${m.psRetentionAnchors[a]}</option>`)}</select><p class="field__error" id="ps-retentionAfter-error" hidden></p></div></div></fieldset>
<fieldset data-path="feedbackQuestions"><legend>${m.psQuestions}</legend>
<div id="ps-questions">${(p.feedbackQuestions ?? []).map((q, i) => questionRow(m, q, i))}</div>
<p class="field__error" id="${idOf('feedbackQuestions')}-error" hidden></p>
<p><button type="button" class="button button--small button--secondary" id="ps-add-question">${m.psAddQuestion}</button></p>
${input('feedbackWindowDays', m.psFeedbackWindow, p.feedbackWindowDays, html` type="number" min="1" max="366" inputmode="numeric"`)}</fieldset>
<fieldset data-path="reminders"><legend>${m.psReminders}</legend><p class="hint">${m.psRemindersHint}</p>
<div id="ps-reminders">${(p.reminders ?? []).map((r, i) => reminderRow(m, r, i))}</div>
<p class="field__error" id="${idOf('reminders')}-error" hidden></p>
<p><button type="button" class="button button--small button--secondary" id="ps-add-reminder">${m.psAddReminder}</button></p></fieldset>
<fieldset data-path="feedbackRequest"><legend>${m.psFeedbackRequest}</legend>
<div class="check"><input type="checkbox" id="ps-feedbackRequest-off" name="feedbackRequest.off"${attr('checked', fr === null)}><label for="ps-feedbackRequest-off">${m.psFeedbackRequestOff}</label></div>
<div class="row">${input('feedbackRequest.minutesAfterEnd', m.psFeedbackMinutes, fr?.minutesAfterEnd ?? 60, html` type="number" min="0" inputmode="numeric"`)}
${input('feedbackRequest.nextDayAt', m.psFeedbackNextDay, fr?.nextDayAt ?? '09:00', html` type="time"`)}</div>
<p class="field__error" id="${idOf('feedbackRequest')}-error" hidden></p></fieldset>
<p id="settings-status" hidden></p>
<p><button class="button" type="submit">${m.save}</button></p>
</form>`;
}

/** Settings this form does not edit (registration questions, areas): sent back as they were read. */
const KEPT = ['registrationQuestions', 'areas'];

/** The settings as the form holds them; a number left empty is left out (the default applies). */
function valuesOf(form: HTMLFormElement, p: ProgrammeSettings): Record<string, unknown> {
  const v = (name: string) => ((form.elements.namedItem(name) as HTMLInputElement | null)?.value ?? '').trim();
  const num = (name: string) => (v(name) === '' ? undefined : Number(v(name)));
  const localised = (prefix: string): Localised => ({
    nl: v(`${prefix}.nl`),
    ...(v(`${prefix}.en`) ? { en: v(`${prefix}.en`) } : {}),
  });
  const rows = (list: string) =>
    [...form.querySelectorAll<HTMLElement>(`#${list} > fieldset`)].map((f) => f.dataset.path ?? '');
  const kept = Object.fromEntries(Object.entries(p).filter(([k]) => KEPT.includes(k)));
  const noticeGiven = v('privacyNotice.url') !== '' || v('privacyNotice.version') !== '';
  return {
    ...kept,
    title: localised('title'),
    timeZone: v('timeZone'),
    privacyNotice: noticeGiven ? { url: v('privacyNotice.url'), version: v('privacyNotice.version') } : null,
    retentionMonths: num('retentionMonths'),
    retentionAfter: v('retentionAfter'),
    feedbackQuestions: rows('ps-questions').map((r) => ({ id: v(`${r}.id`), text: localised(`${r}.text`) })),
    feedbackWindowDays: num('feedbackWindowDays'),
    reminders: rows('ps-reminders').map((r) =>
      v(`${r}.kind`) === 'hours'
        ? { hoursBefore: num(`${r}.amount`) }
        : { daysBefore: num(`${r}.amount`), ...(v(`${r}.atLocalTime`) ? { atLocalTime: v(`${r}.atLocalTime`) } : {}) },
    ),
    feedbackRequest: (form.elements.namedItem('feedbackRequest.off') as HTMLInputElement).checked
      ? null
      : { minutesAfterEnd: num('feedbackRequest.minutesAfterEnd'), nextDayAt: v('feedbackRequest.nextDayAt') },
  };
}

/**
 * Each problem at its field: the input the API's path names, else the nearest group holding it
 * (`reminders.1` is the second reminder's group), else the form's status. Reminder rows hold their
 * value in `amount`, the API names it `daysBefore` or `hoursBefore`.
 */
function showProblems(form: HTMLFormElement, answer: Answer<unknown>, m: Messages): void {
  if (answer.ok) return;
  const status = form.querySelector('#settings-status');
  status?.removeAttribute('hidden');
  const loose: string[] = [];
  for (const e of answer.problem.errors ?? []) {
    const parts = e.field.replace(/\.(daysBefore|hoursBefore)$/, '.amount').split('.');
    let target: HTMLElement | null = null;
    for (let n = parts.length; n > 0 && !target; n--) {
      target = form.querySelector<HTMLElement>(`[data-path="${CSS.escape(parts.slice(0, n).join('.'))}"]`);
    }
    const path = target?.dataset.path;
    const error = path ? form.querySelector<HTMLElement>(`#${CSS.escape(idOf(path))}-error`) : null;
    if (!error || !path) {
      loose.push(`${e.field}: ${e.message}`);
      continue;
    }
    error.textContent = error.hidden ? e.message : `${error.textContent} ${e.message}`;
    error.hidden = false;
    form.querySelector(`#${CSS.escape(idOf(path))}`)?.setAttribute('aria-invalid', 'true');
  }
  const text = answer.offline ? m.offline : `${m.settingsProblem}${loose.length ? ` ${loose.join('; ')}` : ''}`;
  setStatus(status, answer.problem.errors?.length ? text : `${m.failed} ${problemText(answer.problem)}`, 'error');
  form.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
}

let lastProblems: { draft: string; answer: Answer<unknown> } | null = null;

/** As many question and reminder rows as the draft has (rows added or removed before a new sign-in). */
function withDraftRows(p: ProgrammeSettings, saved: Record<string, unknown> | null): ProgrammeSettings {
  if (!saved) return p;
  const count = (list: string) =>
    new Set(
      Object.keys(saved)
        .filter((k) => k.startsWith(`${list}.`))
        .map((k) => k.split('.')[1]),
    ).size;
  const sized = <T>(rows: T[] | undefined, n: number, blank: T): T[] =>
    Array.from({ length: n }, (_, i) => rows?.[i] ?? blank);
  return {
    ...p,
    feedbackQuestions: sized(p.feedbackQuestions, count('feedbackQuestions'), { id: '', text: { nl: '' } }),
    reminders: sized<Reminder>(p.reminders, count('reminders'), { daysBefore: 1 }),
  };
}

/** The settings of one programme as form fields; saved with `PUT /admin/programmes/{id}` and `expectedVersion`. */
export function renderSettings(ctx: Ctx, host: HTMLElement, read: ProgrammeSettings, onSaved: () => void): void {
  const { m } = ctx;
  const draft = `settings-${read.id}-v${read.version}`;
  const p = withDraftRows(read, savedDraft(draft));
  host.innerHTML = formHtml(ctx, p).value;
  const form = host.querySelector('form') as HTMLFormElement;
  keepDraft(form);
  // A problem shown before the screen was drawn again (the language switched) is shown again.
  if (lastProblems?.draft === draft) showProblems(form, lastProblems.answer, m);
  // Adding or removing a row renumbers the rows from what is typed, so each path stays the API's.
  const rerender = (change: (values: Record<string, unknown>) => void) => {
    const values = valuesOf(form, p) as ProgrammeSettings;
    change(values);
    const q = host.querySelector('#ps-questions') as HTMLElement;
    const r = host.querySelector('#ps-reminders') as HTMLElement;
    q.innerHTML = html`${(values.feedbackQuestions ?? []).map((x, i) => questionRow(m, x, i))}`.value;
    r.innerHTML = html`${(values.reminders ?? []).map((x, i) => reminderRow(m, x, i))}`.value;
    form.dispatchEvent(new Event('draft-changed'));
  };
  host.querySelector('#ps-add-question')?.addEventListener('click', () => {
    rerender((v) => (v.feedbackQuestions as unknown[]).push({ id: '', text: { nl: '' } }));
    host.querySelector<HTMLInputElement>('#ps-questions > fieldset:last-child input')?.focus();
  });
  host.querySelector('#ps-add-reminder')?.addEventListener('click', () => {
    rerender((v) => (v.reminders as unknown[]).push({ daysBefore: 1 }));
    host.querySelector<HTMLElement>('#ps-reminders > fieldset:last-child select')?.focus();
  });
  form.addEventListener('click', (ev) => {
    const b = (ev.target as Element).closest<HTMLButtonElement>('button[data-remove]');
    if (!b) return;
    const [list, index] = (b.dataset.remove ?? '').split('.');
    rerender((v) => (v[list as string] as unknown[]).splice(Number(index), 1));
  });
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    for (const e of form.querySelectorAll<HTMLElement>('.field__error')) e.hidden = true;
    for (const e of form.querySelectorAll('[aria-invalid]')) e.removeAttribute('aria-invalid');
    const answer = await ctx.api.put(`/admin/programmes/${enc(p.id)}`, {
      ...valuesOf(form, p),
      expectedVersion: p.version,
    });
    if (!answer.ok) {
      lastProblems = { draft, answer };
      return showProblems(form, answer, m);
    }
    lastProblems = null;
    dropDraft(draft);
    ctx.announce(m.saved);
    onSaved();
  });
}
