import { html, type SafeHtml } from '../../../src/html';

export interface Series {
  label: string;
  /** A pattern class as well as a colour, so the bars never depend on colour alone. */
  className: string;
}

/**
 * A horizontal bar chart in HTML and CSS (widths in steps of 5% by class: the policy allows no inline style), hidden from assistive technology because the table next
 * to it carries the same numbers; each bar also shows its number in text.
 */
export function barChart(title: string, rows: Array<{ label: string; values: number[] }>, series: Series[]): SafeHtml {
  const max = Math.max(1, ...rows.flatMap((r) => r.values));
  return html`<figure class="chart" aria-hidden="true">
  <figcaption>${title}</figcaption>
  <ul class="chart__legend">${series.map((s) => html`<li><span class="swatch ${s.className}"></span>${s.label}</li>`)}</ul>
  ${rows.map(
    (r) => html`<div class="chart__group"><p class="chart__label">${r.label}</p>
    ${r.values.map(
      (v, i) =>
        html`<div class="chart__bar-row"><span class="chart__bar ${series[i]?.className ?? ''} w${Math.round((v / max) * 20)}"></span><span class="chart__value">${v}</span></div>`,
    )}</div>`,
  )}
</figure>`;
}

export function numbersTable(caption: string, head: string[], rows: Array<Array<string | number>>): SafeHtml {
  return html`<div class="table-wrap" role="region" aria-label="${caption}" tabindex="0"><table>
  <caption>${caption}</caption>
  <thead><tr>${head.map((h) => html`<th scope="col">${h}</th>`)}</tr></thead>
  <tbody>${rows.map(([first, ...rest]) => html`<tr><th scope="row">${first}</th>${rest.map((c) => html`<td>${c}</td>`)}</tr>`)}</tbody>
</table></div>`;
}
