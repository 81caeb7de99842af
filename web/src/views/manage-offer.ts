import type { ViewContext } from '../context';
import { formatInstant } from '../format';
import { attr, heading, html, type SafeHtml } from '../html';
import { t } from '../i18n';
import { problemSlug } from '../problems';
import type { ApiRegistration, ApiSession, OfferState } from '../types';

/**
 * The manage page's part for a seat offered from the waiting list: until when it is held, and the
 * button that takes it (a POST, as on the offer page the mail links to). The registration view
 * does not carry the offer's end, so an offered registration's offer is read from its own route.
 * Kept apart from manage.ts, which renders the section and is told when the registration changed.
 */
export interface OfferControls {
  /** Reads the offer of an offered registration; anything else has none. */
  load(registration: ApiRegistration): Promise<void>;
  /** The notice with the button, the outcome of taking it, or nothing. */
  sectionHtml(registration: ApiRegistration, session: ApiSession): SafeHtml | '';
}

export function createOfferControls(
  ctx: ViewContext,
  token: string,
  hooks: {
    rerender(): void;
    gone(): void;
    /** The registration changed here (taken) or elsewhere (a refusal): show it as the API has it now. */
    changed(registration?: ApiRegistration): Promise<void>;
  },
): OfferControls {
  let offer: { state: OfferState; expiresAt: string | null } | null = null;
  let claiming = false;
  let claimed = false;
  let error: string | null = null;

  const refused = async (status: number, slug: string | null) => {
    const m = t(ctx.lang);
    if (status === 410 || status === 409) {
      error =
        status === 410 || slug === 'offer-expired'
          ? m.offerExpired
          : slug === 'session-cancelled'
            ? m.offerSessionCancelled
            : m.offerGone;
      offer = { state: 'lapsed', expiresAt: null };
      // Time up, passed on, cancelled or taken in another tab: the registration as it stands now.
      await hooks.changed();
    } else {
      error = status === 0 ? m.networkError : status === 429 ? m.rateLimited : m.genericError;
    }
    hooks.rerender();
    ctx.focus('sg-offer-error');
    ctx.announce(error);
  };

  const claim = () => {
    if (claiming || offer?.state !== 'open') return;
    claiming = true;
    error = null;
    hooks.rerender();
    void ctx.api.claimOffer(token).then(async (res) => {
      claiming = false;
      if (res.ok && res.body?.registration) {
        claimed = true;
        offer = null;
        await hooks.changed(res.body.registration);
        const m = t(ctx.lang);
        ctx.focus('sg-status');
        ctx.announce(`${m.offerClaimedTitle}. ${m.offerClaimedBody}`);
      } else if (res.status === 404) hooks.gone();
      else await refused(res.status, res.ok ? null : problemSlug(res.problem));
    });
  };

  ctx.el.addEventListener('click', (ev) => {
    const target = (ev.target as Element | null)?.closest?.('[data-sg-offer]');
    if (target && ctx.el.contains(target) && target.getAttribute('data-sg-offer') === 'claim') claim();
  });

  return {
    async load(r) {
      if (r.status !== 'offered') {
        offer = null;
        return;
      }
      const res = await ctx.api.offer(token);
      // Without an answer the button is still offered: taking the seat says whether it can be had.
      offer =
        res.ok && res.body
          ? { state: res.body.offer, expiresAt: res.body.offerExpiresAt }
          : { state: 'open', expiresAt: null };
    },

    sectionHtml(r, s) {
      const m = t(ctx.lang);
      const h = ctx.headingLevel + 1;
      const problem = error
        ? html`<p class="sg-notice sg-notice--error" id="sg-offer-error" tabindex="-1">${error}</p>`
        : '';
      if (claimed && r.status === 'confirmed') {
        return html`<div class="sg-result sg-result--confirmed">
  ${heading(h, m.offerClaimedTitle)}
  <p>${m.offerClaimedBody}</p>
</div>`;
      }
      if (r.status !== 'offered' || s.status === 'cancelled') return problem;
      if (offer?.state !== 'open') return problem || html`<p class="sg-notice">${m.offerLapsed}</p>`;
      return html`<section class="sg-offer" aria-labelledby="sg-offer-title">
  ${heading(h, m.offerTitle, html` id="sg-offer-title"`)}
  <p>${offer.expiresAt ? m.offerHeldUntil(formatInstant(offer.expiresAt, s.timeZone, ctx.lang)) : m.offerHeld}</p>
  ${problem}
  <p><button class="sg-button" type="button" id="sg-offer-claim" data-sg-offer="claim"${attr('aria-disabled="true"', claiming)}>${claiming ? m.offerClaiming : m.offerClaim}</button></p>
  <p class="sg-hint">${m.offerDecline}</p>
</section>`;
    },
  };
}
