import { html } from '../../../src/html';
import type { Ctx } from '../context';
import { enc } from '../context';
import { sessionWhen } from '../format';
import { pick } from '../i18n';
import type { AdminSession, ParticipationRow } from '../types';
import { failure } from './feedback';

interface FeedbackSessions {
  sessions: Array<{ id: string; responses: number }>;
}

/** Every session with its counts: seats, waiting list, attendance and feedback. */
export async function sessionsScreen(ctx: Ctx): Promise<void> {
  const { m, lang } = ctx;
  ctx.show(html`<h1>${m.sessionsTitle}</h1><p>${m.loading}</p>`);
  const [sessions, participation, feedback] = await Promise.all([
    ctx.api.get<{ sessions: AdminSession[] }>('/admin/sessions'),
    ctx.api.get<{ sessions: ParticipationRow[] }>('/admin/reports/participation'),
    ctx.api.get<FeedbackSessions>('/admin/reports/feedback'),
  ]);
  if (!sessions.ok) return ctx.show(html`<h1>${m.sessionsTitle}</h1>${failure(ctx, sessions)}`);
  const attended = new Map(participation.ok ? participation.body.sessions.map((p) => [p.sessionId, p]) : []);
  const responses = new Map(feedback.ok ? feedback.body.sessions.map((f) => [f.id, f.responses]) : []);
  const cards = sessions.body.sessions.map((s) => {
    const title = pick(s.title, lang);
    const p = attended.get(s.id);
    return html`<li class="card${s.status === 'cancelled' ? ' card--cancelled' : ''}">
  <h2 class="card__title">${title}${s.status === 'cancelled' ? html` <span class="badge">${m.cancelled}</span>` : ''}${s.provisional ? html` <span class="badge badge--soft">${m.provisional}</span>` : ''}</h2>
  <p class="card__when">${sessionWhen(s, lang, m.tbd)}</p>
  <dl class="facts">
    <div><dt>${m.seats}</dt><dd>${m.seatsTaken(s.confirmedCount + (s.offeredCount ?? 0), s.capacity)}${s.seatsLeft === null ? '' : html` · ${m.seatsLeft(s.seatsLeft)}`}</dd></div>
    <div><dt>${m.waitlist}</dt><dd>${s.waitlistCount}</dd></div>
    ${s.offeredCount ? html`<div><dt>${m.offered}</dt><dd>${s.offeredCount} <span class="sr-only">${m.offeredHint}</span></dd></div>` : ''}
    ${s.unconfirmedHolds ? html`<div><dt>${m.holds}</dt><dd>${s.unconfirmedHolds} <span class="sr-only">${m.holdsHint}</span></dd></div>` : ''}
    <div><dt>${m.attendance}</dt><dd>${p ? p.attended : 0}</dd></div>
    <div><dt>${m.feedbackCount}</dt><dd>${responses.get(s.id) ?? 0}</dd></div>
  </dl>
  <p class="card__actions">
    <a class="button button--small" href="#/sessions/${enc(s.id)}/registrations">${m.registrations}<span class="sr-only">: ${title}</span></a>
    <a class="button button--small" href="#/sessions/${enc(s.id)}/door">${m.door}<span class="sr-only">: ${title}</span></a>
    <a class="button button--small button--secondary" href="#/sessions/${enc(s.id)}/edit">${m.edit}<span class="sr-only">: ${title}</span></a>
  </p>
</li>`;
  });
  ctx.show(html`<h1>${m.sessionsTitle}</h1>
<p><a class="button" href="#/sessions/new">${m.newSession}</a></p>
<ul class="cards">${cards}</ul>`);
}
