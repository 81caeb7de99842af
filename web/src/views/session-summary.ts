import { dateTimeAttribute, formatSessionDate, formatSessionTime } from '../format';
import { html, type SafeHtml } from '../html';
import { kindLabels, localised, localisedLang, t } from '../i18n';
import type { ApiSession, Lang } from '../types';

/** Text in the API's language: marked with lang="nl" when English was asked for but missing. */
export function localisedSpan(text: ApiSession['title'] | null, lang: Lang): SafeHtml {
  const l = localisedLang(text, lang);
  return l === lang ? html`${localised(text, lang)}` : html`<span lang="${l}">${localised(text, lang)}</span>`;
}

/** "woensdag 3 maart 2027, 16:00–17:30 · onder voorbehoud" with a machine-readable <time>. */
export function whenHtml(s: ApiSession, lang: Lang): SafeHtml {
  const m = t(lang);
  const time = formatSessionTime(s, lang);
  return html`<time datetime="${dateTimeAttribute(s)}">${formatSessionDate(s, lang)}</time>, ${
    time ?? html`<span class="sg-tbd">${m.timeTbd}</span>`
  }${s.provisional ? html` <span class="sg-tag">${m.provisional}</span>` : ''}`;
}

export function locationHtml(s: ApiSession, lang: Lang): SafeHtml {
  const m = t(lang);
  if (!s.location) return html`${m.locationTbd}`;
  return html`${s.location.name}${s.location.address ? html`, ${s.location.address}` : ''}`;
}

const VENUE_FEATURES = ['stepFreeEntrance', 'accessibleToilet', 'hearingLoop', 'quietRoom'] as const;

/** The venue's accessibility as a list (what is known: there is, there is not), or nothing when unknown. */
export function accessibilityHtml(s: ApiSession, lang: Lang): SafeHtml | null {
  const m = t(lang);
  const a = s.location?.accessibility;
  if (!a) return null;
  const items: SafeHtml[] = VENUE_FEATURES.filter((f) => a[f] !== undefined).map(
    (f) => html`<li>${m.venue[f][a[f] ? 0 : 1]}</li>`,
  );
  if (a.publicTransport) items.push(html`<li>${m.publicTransport}: ${localisedSpan(a.publicTransport, lang)}</li>`);
  return items.length === 0 ? null : html`<ul class="sg-accessibility">${items}</ul>`;
}

/** Free places / waiting list, in words (never by colour alone). */
export function availabilityText(s: ApiSession, lang: Lang): string {
  const m = t(lang);
  if (s.capacity === null || s.seatsLeft === null) return m.noCapacityLimit;
  if (s.seatsLeft > 0) return m.seatsLeft(s.seatsLeft);
  return `${m.full} – ${m.waitlist(s.waitlistLength)}`;
}

/** A definition list describing one session, used by the register, manage and feedback views. */
export function sessionDetailsHtml(s: ApiSession, lang: Lang): SafeHtml {
  const m = t(lang);
  const access = accessibilityHtml(s, lang);
  return html`<dl class="sg-details">
  <div><dt>${m.session}</dt><dd>${localisedSpan(s.title, lang)} <span class="sg-kind">(${kindLabels[s.kind][lang]})</span></dd></div>
  <div><dt>${m.date}</dt><dd>${whenHtml(s, lang)}</dd></div>
  <div><dt>${m.location}</dt><dd>${locationHtml(s, lang)}</dd></div>${
    access ? html`\n  <div><dt>${m.accessibility}</dt><dd>${access}</dd></div>` : ''
  }
</dl>${
    s.status === 'cancelled'
      ? html`<p class="sg-notice sg-notice--cancelled"><strong>${m.cancelledSession}.</strong> ${m.cancelledSessionNote}</p>`
      : ''
  }`;
}
