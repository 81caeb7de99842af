import { escapeHtml } from '../../domain/email/escape';
import { localise } from '../../domain/localise';
import type { Registration, Session } from '../../domain/model';
import { RegistrationView, toRegistrationView } from '../../domain/views';
import * as z from '../../domain/zod';
import {
  type AddressConfirmationDeps,
  confirmAddress,
  registrationForConfirmation,
} from '../../usecases/address-confirmation';
import { wantsHtml } from '../middleware';
import { problems } from '../openapi';
import { TokenParams } from '../path-params';
import { publicRoute } from '../route';
import type { HttpResponse } from '../types';
import { NO_STORE } from './deps';
import { htmlPage, type PageLanguage, say } from './html-page';

/**
 * The link in the confirmation request opens a page with one button; only the button's POST
 * confirms. Mail scanners and link previews follow GET links, so a GET that confirmed would let a
 * scanner at the provider of an address someone else typed confirm it for them.
 */
export const ADDRESS_CONFIRMATION_PATH = '/registrations/{token}/address-confirmation';

type Lang = PageLanguage;
const page = (lang: Lang, title: string, body: string) => htmlPage(lang, title, body);

const sessionTitle = (session: Session, lang: Lang) => escapeHtml(localise(session.title, lang).text);

function confirmPage(registration: Registration, session: Session): HttpResponse {
  const lang = registration.language;
  const title = sessionTitle(session, lang);
  if (registration.status === 'cancelled') {
    return page(
      lang,
      say(lang, 'Deze aanmelding is niet meer actief', 'This registration is no longer active'),
      `<p>${say(lang, 'Je kunt je opnieuw aanmelden voor ', 'You can register again for ')}${title}.</p>`,
    );
  }
  if (registration.addressConfirmedAt || !registration.holdExpiresAt) {
    return page(
      lang,
      say(lang, 'Je e-mailadres is bevestigd', 'Your email address is confirmed'),
      `<p>${say(lang, 'Je aanmelding voor ', 'Your registration for ')}${title}${say(lang, ' staat vast.', ' stands.')}</p>`,
    );
  }
  return page(
    lang,
    say(lang, 'Bevestig je e-mailadres', 'Confirm your email address'),
    `<p>${say(lang, 'Je plek bij ', 'Your place at ')}${title}${say(
      lang,
      ' wordt voor je vastgehouden. Bevestig met de knop dat dit jouw e-mailadres is.',
      ' is being held for you. Confirm with the button that this is your email address.',
    )}</p><form method="post"><button type="submit">${say(lang, 'Ja, dit is mijn e-mailadres', 'Yes, this is my email address')}</button></form>`,
  );
}

export const addressConfirmationRoutes = [
  publicRoute({
    method: 'GET',
    path: ADDRESS_CONFIRMATION_PATH,
    params: TokenParams,
    notFound: 'registration',
    summary: 'The confirmation page: one button that confirms the address (this GET changes nothing)',
    responses: { '200': { description: 'text/html', contentType: 'text/html' }, ...problems(404) },
    handle: async ({ params }, deps: AddressConfirmationDeps) => {
      const { registration, session } = await registrationForConfirmation(deps, params.token);
      return confirmPage(registration, session);
    },
  }),
  publicRoute({
    method: 'POST',
    path: ADDRESS_CONFIRMATION_PATH,
    params: TokenParams,
    notFound: 'registration',
    summary: 'Confirm the address for the programme: ends every hold of the address there; repeating it is harmless',
    responses: {
      '200': {
        description: 'Confirmed (also on a repeat); `addressConfirmedAt` null when the hold had been released already',
        schema: z.object({
          registration: RegistrationView,
          addressConfirmedAt: z.nullable(z.string()),
          confirmedNow: z.number().check(z.int()),
        }),
      },
      ...problems(404),
    },
    handle: async ({ params, req }, deps: AddressConfirmationDeps): Promise<HttpResponse> => {
      const result = await confirmAddress(deps, params.token);
      if (wantsHtml(req)) return confirmPage(result.registration, result.session);
      return {
        status: 200,
        json: {
          registration: toRegistrationView(result.registration, null),
          addressConfirmedAt: result.addressConfirmedAt,
          confirmedNow: result.confirmedNow,
        },
        headers: NO_STORE,
      };
    },
  }),
];
