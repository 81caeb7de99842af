import { html } from '../../../src/html';
import { type Answer, problemText } from '../api';
import type { Ctx } from '../context';
import { enc } from '../context';
import { type DoorMark, enqueueMark, flushMarks, queuedMarks } from '../door-queue';
import { pick } from '../i18n';
import { type CameraScan, decodeImageFile, scanCamera } from '../scanner';
import type { AdminRegistration, AdminSession } from '../types';
import { failure, setStatus } from './feedback';
import { walkInFormHtml, wireWalkInForm } from './walk-in';

/** Check-in at the door, phone first: search, one tap, undo, QR scan, walk-in, close the door; works offline. */
export async function doorScreen(ctx: Ctx, [id = '']: string[]): Promise<void> {
  const { m, lang } = ctx;
  const r = await ctx.api.get<{ session: AdminSession; registrations: AdminRegistration[] }>(
    `/admin/sessions/${enc(id)}/registrations`,
  );
  if (!r.ok) return ctx.show(html`<h1>${m.door}</h1>${failure(ctx, r)}`);
  const session = r.body.session;
  let people = r.body.registrations.filter((x) => x.status === 'confirmed');
  const present = new Set(people.filter((p) => p.attendance?.present).map((p) => p.id));
  // Marks still queued from earlier (offline) count as made.
  for (const q of queuedMarks().filter((q) => q.sessionId === id)) {
    const rid = 'registrationId' in q ? q.registrationId : q.code.split('.')[0];
    if (!rid) continue;
    if (q.op === 'undo') present.delete(rid);
    else present.add(rid);
  }
  let query = '';
  let camera: CameraScan | null = null;

  ctx.show(html`<p><a href="#/sessions">← ${m.back}</a></p>
<h1>${m.doorTitle(pick(session.title, lang))}</h1>
<p class="counter" id="counter" aria-live="polite"></p>
<p id="queue" class="notice notice--warn" hidden></p>
<p id="door-status" hidden></p>
<div class="field"><label for="door-search">${m.search}</label><input id="door-search" type="search" autocomplete="off" enterkeyhint="search"></div>
<ul class="door-list" id="door-list"></ul>
<section class="panel" aria-labelledby="scan-title">
  <h2 id="scan-title">${m.scan}</h2>
  <p class="hint">${m.scanHelp}</p>
  <p><button type="button" class="button" id="scan-start" aria-pressed="false">${m.scan}</button></p>
  <video id="scan-video" class="scan-video" muted hidden aria-label="${m.scan}"></video>
  <div class="field"><label for="scan-photo">${m.scanPhoto}</label><input id="scan-photo" type="file" accept="image/*" capture="environment"></div>
</section>
${walkInFormHtml(ctx, session)}
<section class="panel" aria-labelledby="close-title">
  <h2 id="close-title">${m.closeDoor}</h2>
  <p><button type="button" class="button button--danger" id="close-door">${m.closeDoor}</button></p>
</section>`);

  const status = document.getElementById('door-status');
  const say = (text: string, kind: 'ok' | 'error') => {
    status?.removeAttribute('hidden');
    setStatus(status, text, kind);
  };
  const list = document.getElementById('door-list') as HTMLElement;
  const renderList = () => {
    const shown = people.filter((p) => query === '' || p.name.toLocaleLowerCase().includes(query));
    list.innerHTML = shown
      .map((p) => {
        const here = present.has(p.id);
        return html`<li class="door-item${here ? ' door-item--present' : ''}">
  <span class="door-item__name">${p.name}<span class="door-item__meta">${m.roles[p.role] ?? p.role}${here ? html` · <strong>${m.present}</strong>` : ''}</span></span>
  ${
    here
      ? html`<button type="button" class="button button--secondary" data-undo="${p.id}">${m.undo}<span class="sr-only">: ${p.name}</span></button>`
      : html`<button type="button" class="button button--big" data-in="${p.id}">${m.markPresent}<span class="sr-only">: ${p.name}</span></button>`
  }
</li>`.value;
      })
      .join('');
    (document.getElementById('counter') as HTMLElement).textContent = m.counted(present.size, people.length);
    const waiting = queuedMarks().length;
    const queue = document.getElementById('queue') as HTMLElement;
    queue.hidden = waiting === 0;
    queue.textContent = m.queued(waiting);
  };
  const nameOf = (rid: string) => people.find((p) => p.id === rid)?.name ?? '';

  const report = (mark: DoorMark, answer: Answer<unknown>) => {
    if (mark.op === 'check-in' && 'code' in mark) {
      if (answer.ok) {
        const reg = (answer.body as { registration: AdminRegistration; alreadyCheckedIn: boolean }).registration;
        if (!people.some((p) => p.id === reg.id)) people = [...people, reg];
        present.add(reg.id);
        say(
          (answer.body as { alreadyCheckedIn: boolean }).alreadyCheckedIn
            ? m.alreadyIn(reg.name)
            : m.checkedIn(reg.name),
          'ok',
        );
      } else {
        present.delete(mark.code.split('.')[0] ?? '');
        const wrong = answer.problem.type?.endsWith('wrong-session');
        say(
          answer.status === 404
            ? m.scanUnknown
            : wrong
              ? m.scanWrongSession
              : `${m.failed} ${problemText(answer.problem)}`,
          'error',
        );
      }
    } else if (!answer.ok) {
      say(`${m.failed} ${problemText(answer.problem)}`, 'error');
    }
    renderList();
  };
  const flush = () => flushMarks(ctx.api, report).then(renderList);

  const mark = (m2: DoorMark) => {
    enqueueMark(m2);
    renderList();
    void flush();
  };
  const checkInCode = (code: string) => {
    const rid = code.trim().split('.')[0] ?? '';
    if (people.some((p) => p.id === rid)) present.add(rid);
    mark({ op: 'check-in', sessionId: id, code: code.trim() });
  };

  list.addEventListener('click', (ev) => {
    const b = (ev.target as Element).closest<HTMLButtonElement>('button');
    if (!b) return;
    const rid = b.dataset.in ?? b.dataset.undo ?? '';
    if (b.dataset.in) {
      present.add(rid);
      mark({ op: 'check-in', sessionId: id, registrationId: rid });
      say(m.checkedIn(nameOf(rid)), 'ok');
      list.querySelector<HTMLButtonElement>(`button[data-undo="${CSS.escape(rid)}"]`)?.focus();
    } else {
      present.delete(rid);
      mark({ op: 'undo', sessionId: id, registrationId: rid });
      say(m.undone(nameOf(rid)), 'ok');
      list.querySelector<HTMLButtonElement>(`button[data-in="${CSS.escape(rid)}"]`)?.focus();
    }
  });
  document.getElementById('door-search')?.addEventListener('input', (ev) => {
    query = (ev.target as HTMLInputElement).value.trim().toLocaleLowerCase();
    renderList();
  });

  const startButton = document.getElementById('scan-start') as HTMLButtonElement;
  const video = document.getElementById('scan-video') as HTMLVideoElement;
  startButton.addEventListener('click', async () => {
    if (camera) {
      camera.stop();
      camera = null;
      video.hidden = true;
      startButton.textContent = m.scan;
      startButton.setAttribute('aria-pressed', 'false');
      return;
    }
    try {
      video.hidden = false;
      camera = await scanCamera(video, checkInCode);
      startButton.textContent = m.scanStop;
      startButton.setAttribute('aria-pressed', 'true');
    } catch {
      video.hidden = true;
      say(m.scanNoCamera, 'error');
    }
  });
  document.getElementById('scan-photo')?.addEventListener('change', async (ev) => {
    const input = ev.target as HTMLInputElement;
    const file = input.files?.[0];
    if (!file) return;
    const code = await decodeImageFile(file).catch(() => null);
    input.value = '';
    if (code) checkInCode(code);
    else say(m.scanNothing, 'error');
  });
  window.addEventListener('hashchange', () => camera?.stop(), { once: true });

  wireWalkInForm(ctx, session, (reg) => {
    people = [...people, reg];
    present.add(reg.id);
    renderList();
    say(m.walkInDone(reg.name), 'ok');
  });

  document.getElementById('close-door')?.addEventListener('click', async () => {
    const unmarked = people.filter((p) => !present.has(p.id) && p.attendance === null).length;
    if (!confirm(m.closeDoorConfirm(unmarked))) return;
    await flush();
    const answer = await ctx.api.post<{ marked: number }>(`/admin/sessions/${enc(id)}/absences`);
    if (answer.ok) say(m.closeDoorDone(answer.body.marked), 'ok');
    else say(answer.offline ? m.offline : `${m.failed} ${problemText(answer.problem)}`, 'error');
  });

  const onOnline = () => void flush();
  window.addEventListener('online', onOnline);
  const timer = setInterval(() => {
    if (!document.body.contains(list)) {
      clearInterval(timer);
      window.removeEventListener('online', onOnline);
    } else if (queuedMarks().length > 0) void flush();
  }, 5000);
  renderList();
  void flush();
}
