import { attr, html } from '../../../src/html';
import type { Ctx } from '../context';
import { failure, setStatus } from './feedback';
import { importPanelHtml, wireImport } from './programme-import';
import { type ProgrammeSettings, renderSettings } from './programme-settings';

/**
 * The programme: import a programme file (a dry run first: what is created, changed and who is
 * told; then apply) and edit a programme's settings as form fields, each problem at its field.
 */
const PICKED = 'console.programme';

export async function programmeScreen(ctx: Ctx): Promise<void> {
  const { m } = ctx;
  ctx.show(html`<h1>${m.programmeTitle}</h1>
${importPanelHtml(ctx)}
<section class="panel" aria-labelledby="settings-title">
  <h2 id="settings-title">${m.settingsTitle}</h2>
  <div id="settings-panel"><p>${m.loading}</p></div>
</section>`);
  const panel = document.getElementById('settings-panel') as HTMLElement;
  const loadSettings = async (saved: boolean) => {
    const list = await ctx.api.get<{ programmes: ProgrammeSettings[] }>('/admin/programmes');
    if (!list.ok) {
      panel.innerHTML = failure(ctx, list).value;
      return;
    }
    const programmes = list.body.programmes;
    if (programmes.length === 0) {
      panel.innerHTML = html`<p>${m.none}</p>`.value;
      return;
    }
    // One programme's form at a time (their fields share ids); a choice when there are several.
    const chosen =
      programmes.find((p) => p.id === sessionStorage.getItem(PICKED)) ?? (programmes[0] as ProgrammeSettings);
    panel.innerHTML = html`${
      programmes.length > 1
        ? html`<div class="field field--inline"><label for="programme-pick">${m.programmeSelect}</label><select id="programme-pick">${programmes.map((p) => html`<option value="${p.id}"${attr('selected', p === chosen)}>${p.id}</option>`)}</select></div>`
        : ''
    }<div id="settings-host"></div>`.value;
    document.getElementById('programme-pick')?.addEventListener('change', (ev) => {
      sessionStorage.setItem(PICKED, (ev.target as HTMLSelectElement).value);
      void loadSettings(false);
    });
    renderSettings(ctx, document.getElementById('settings-host') as HTMLElement, chosen, () => void loadSettings(true));
    if (saved) {
      const status = panel.querySelector('#settings-status');
      status?.removeAttribute('hidden');
      setStatus(status, m.saved, 'ok');
    }
  };
  wireImport(ctx, () => void loadSettings(false));
  await loadSettings(false);
}
