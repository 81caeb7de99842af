import { escapeHtml } from '../../domain/email/escape';
import { localise } from '../../domain/localise';
import type { Registration, Session } from '../../domain/model';
import { OfferView, toRegistrationView } from '../../domain/views';
import { offerIsOpen } from '../../domain/waitlist';
import * as z from '../../domain/zod';
import { claimOfferByToken, type OfferDeps, offerByToken } from '../../usecases/waitlist-offer-claims';
import { wantsHtml } from '../middleware';
import { problems } from '../openapi';
import { TokenParams } from '../path-params';
import { publicRoute } from '../route';
import type { HttpRequest, HttpResponse } from '../types';
import { NO_STORE } from './deps';

/**
 * The link in an offer mail opens a page with one button; only the button's POST claims the seat.
 * Mail scanners and link previews follow GET links, so a GET that claimed would hand the seat to
 * whoever's scanner got there. The manage token is the credential, as on the manage routes.
 */
export const WAITLIST_OFFER_PATH = '/registrations/{token}/offer';

type Lang = 'nl' | 'en';
const say = (lang: Lang, nl: string, en: string) => (lang === 'en' ? en : nl);

function page(lang: Lang, title: string, body: string, status = 200): HttpResponse {
  const html = `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><meta name="robots" content="noindex"><title>${escapeHtml(title)}</title></head><body><main><h1>${escapeHtml(title)}</h1>${body}</main></body></html>`;
  return {
    status,
    text: html,
    contentType: 'text/html; charset=utf-8',
    headers: { ...NO_STORE, 'referrer-policy': 'no-referrer' },
  };
}

const until = (iso: string, session: Session, lang: Lang) =>
  new Intl.DateTimeFormat(lang === 'en' ? 'en-GB' : 'nl-NL', {
    dateStyle: 'long',
    timeStyle: 'short',
    timeZone: session.timeZone,
  }).format(new Date(iso));

/** What the offer is now, in words: open (with the button), claimed, lapsed or not there. */
function offerPage(registration: Registration, session: Session, now: Date): HttpResponse {
  const lang = registration.language;
  const title = escapeHtml(localise(session.title, lang).text);
  if (session.status === 'cancelled') {
    return page(lang, say(lang, 'Deze bijeenkomst gaat niet door', 'This session has been cancelled'), '');
  }
  if (registration.status === 'confirmed') {
    return page(
      lang,
      say(lang, 'Je hebt een plek', 'You have a seat'),
      `<p>${say(lang, 'Je bent aangemeld voor ', 'You are registered for ')}${title}.</p>`,
    );
  }
  if (registration.status === 'offered' && offerIsOpen(registration, now)) {
    const expires = escapeHtml(until(registration.offerExpiresAt as string, session, lang));
    return page(
      lang,
      say(lang, 'Er is een plek voor je vrij', 'A seat is free for you'),
      `<p>${say(lang, 'We houden een plek bij ', 'We are holding a seat at ')}${title}${say(
        lang,
        ' voor je vast tot ',
        ' for you until ',
      )}${expires}.</p><form method="post"><button type="submit">${say(lang, 'Ik neem de plek', 'I take the seat')}</button></form>`,
    );
  }
  const lapsed = registration.status === 'offered' || registration.releasedBecause === 'offer-lapsed';
  return page(
    lang,
    lapsed
      ? say(lang, 'Het aanbod is verlopen', 'The offer has expired')
      : say(lang, 'Er staat geen plek voor je klaar', 'There is no seat waiting for you'),
    `<p>${say(lang, 'Voor ', 'For ')}${title}${say(
      lang,
      ' is er nu geen plek voor je aangeboden.',
      ' no seat is on offer for you now.',
    )}</p>`,
  );
}

/** The link from the mail, opened in a browser (or a scanner that asks like one): the page. */
const opensInBrowser = (req: Pick<HttpRequest, 'headers'>) => (req.headers.accept ?? '').includes('text/html');

function offerState(r: Registration, now: Date): OfferView['offer'] {
  if (offerIsOpen(r, now)) return 'open';
  if (r.status === 'offered' || r.releasedBecause === 'offer-lapsed') return 'lapsed';
  if (r.status === 'confirmed' && r.promotedFromWaitlist && r.offerExpiresAt) return 'claimed';
  return 'none';
}

const offerJson = (r: Registration, now: Date) => ({
  registration: toRegistrationView(r, null),
  offerExpiresAt: offerIsOpen(r, now) ? (r.offerExpiresAt ?? null) : null,
  offer: offerState(r, now),
});

export const waitlistOfferRoutes = [
  publicRoute({
    method: 'GET',
    path: WAITLIST_OFFER_PATH,
    params: TokenParams,
    notFound: 'registration',
    summary:
      'An offered seat from the waiting list: the page with the one button that claims it (this GET changes nothing)',
    responses: {
      '200': { description: 'The offer as it stands (text/html for a browser)', schema: OfferView },
      ...problems(404),
    },
    handle: async ({ params, req }, deps: OfferDeps): Promise<HttpResponse> => {
      const { registration, session } = await offerByToken(deps, params.token);
      const now = deps.clock.now();
      if (opensInBrowser(req)) return offerPage(registration, session, now);
      return { status: 200, json: offerJson(registration, now), headers: NO_STORE };
    },
  }),
  publicRoute({
    method: 'POST',
    path: WAITLIST_OFFER_PATH,
    params: TokenParams,
    notFound: 'registration',
    summary:
      'Claim the offered seat: confirmed, and the usual confirmation with the invite follows; repeating it is harmless',
    description:
      'Refused with 409 `no-offer` when the registration has no offer, 410 `offer-expired` once its time is up ' +
      '(the seat goes to the next person waiting), 409 `session-cancelled` for a cancelled session.',
    responses: {
      '200': { description: 'Claimed (also on a repeat)', schema: z.extend(OfferView, { claimedNow: z.boolean() }) },
      ...problems(404, 409, 410),
    },
    handle: async ({ params, req }, deps: OfferDeps): Promise<HttpResponse> => {
      const result = await claimOfferByToken(deps, params.token);
      const now = deps.clock.now();
      if (wantsHtml(req)) return offerPage(result.registration, result.session, now);
      return {
        status: 200,
        json: { ...offerJson(result.registration, now), claimedNow: result.claimedNow },
        headers: NO_STORE,
      };
    },
  }),
];
