import { escapeHtml } from '../../domain/email/escape';
import { Conflict, DomainError } from '../../domain/errors';
import { localise } from '../../domain/localise';
import type { Registration, Session } from '../../domain/model';
import { personUrl } from '../../domain/person-token';
import { SlugId } from '../../domain/schemas';
import { formatLocation, formatWhen } from '../../domain/session-format';
import { RegistrationView, toRegistrationView } from '../../domain/views';
import * as z from '../../domain/zod';
import { type SeatOffer, seatOffer, takeSeat } from '../../usecases/seat-offers';
import { wantsHtml } from '../middleware';
import { problems } from '../openapi';
import { TokenParams } from '../path-params';
import { toProblem } from '../problem';
import { publicRoute } from '../route';
import type { HttpResponse } from '../types';
import { NO_STORE, type PublicApiDeps } from './deps';
import { htmlPage, type PageLanguage, say } from './html-page';

/**
 * The link in a follower's offer mail opens this page: what the session is and one button; only
 * the button's POST takes the seat. Mail scanners and link previews follow GET links, and nobody
 * is to be put in a seat they did not ask for.
 */
export const TAKE_SEAT_PATH = '/people/{token}/offers/{sessionId}';
const OfferParams = z.extend(TokenParams, { sessionId: SlugId });

const details = (session: Session, lang: PageLanguage) =>
  `<dl><dt>${say(lang, 'Wanneer', 'When')}</dt><dd>${escapeHtml(formatWhen(session, lang))}</dd><dt>${say(
    lang,
    'Waar',
    'Where',
  )}</dt><dd>${escapeHtml(formatLocation(session.location, lang))}</dd></dl>`;

const standing = (registration: Registration, position: number | null, lang: PageLanguage) =>
  registration.status === 'confirmed'
    ? say(lang, 'Je hebt een plek.', 'You have a seat.')
    : position === null
      ? say(lang, 'Je staat op de wachtlijst.', 'You are on the waiting list.')
      : say(
          lang,
          `Je staat op de wachtlijst, plaats ${position}.`,
          `You are on the waiting list, position ${position}.`,
        );

interface PageOptions {
  status?: number;
  /** The heading after the seat was taken just now. */
  heading?: string;
}

function offerPage(deps: PublicApiDeps, token: string, offer: SeatOffer, opts: PageOptions = {}): HttpResponse {
  const lang = offer.person.language;
  const { status = 200 } = opts;
  const name = localise(offer.session.title, lang).text;
  const myProgramme = `<p><a href="${escapeHtml(personUrl(deps.publicBaseUrl, token))}${lang === 'en' ? '&amp;lang=en' : ''}">${say(lang, 'Naar mijn programma', 'To my programme')}</a></p>`;
  if (offer.state === 'registered' && opts.heading) {
    // Just taken: the session, its place in the waiting list if any, and what follows by mail.
    const waiting = offer.registration.status === 'waitlisted';
    return htmlPage(
      lang,
      opts.heading,
      `<p><strong>${escapeHtml(name)}</strong></p>${details(offer.session, lang)}${
        waiting ? `<p>${standing(offer.registration, offer.waitlistPosition, lang)}</p>` : ''
      }<p>${
        waiting
          ? say(
              lang,
              'Komt er een plek vrij, dan krijg je die en hoor je het per e-mail.',
              'If a seat comes free, it is yours and you will hear by email.',
            )
          : say(
              lang,
              'De bevestiging met de uitnodiging voor je agenda komt per e-mail.',
              'The confirmation with the invitation for your calendar follows by email.',
            )
      }</p>${myProgramme}`,
      status,
    );
  }
  if (offer.state === 'registered') {
    return htmlPage(
      lang,
      say(lang, `Je bent al aangemeld voor ${name}`, `You are already registered for ${name}`),
      `${details(offer.session, lang)}<p>${standing(offer.registration, offer.waitlistPosition, lang)}</p>${myProgramme}`,
      status,
    );
  }
  if (offer.state === 'closed') {
    const cancelled = offer.session.status === 'cancelled';
    return htmlPage(
      lang,
      cancelled
        ? say(lang, 'Deze bijeenkomst gaat niet door', 'This session has been cancelled')
        : say(lang, 'Aanmelden is niet meer mogelijk', 'Registration is closed'),
      `<p>${escapeHtml(name)}</p>${details(offer.session, lang)}${myProgramme}`,
      status,
    );
  }
  return htmlPage(
    lang,
    say(lang, `Een plek nemen bij ${name}`, `Take a seat at ${name}`),
    `${details(offer.session, lang)}<p>${say(
      lang,
      'Je bent hiervoor nog niet aangemeld. Met de knop meld je je aan, met de gegevens van je eerdere aanmelding in dit programma. Is de bijeenkomst vol, dan kom je op de wachtlijst. Zonder de knop gebeurt er niets.',
      'You are not registered for it yet. The button registers you, with the details of your earlier registration in this programme. If the session is full, you join the waiting list. Without the button nothing happens.',
    )}</p><form method="post"><button type="submit">${say(lang, 'Plek nemen', 'Take a seat')}</button></form>${myProgramme}`,
  );
}

export const seatOfferRoutes = [
  publicRoute({
    method: 'GET',
    path: TAKE_SEAT_PATH,
    params: OfferParams,
    notFound: 'session',
    summary: "A follower's take-seat page: the session and one button that takes the seat (this GET changes nothing)",
    responses: { '200': { description: 'text/html', contentType: 'text/html' }, ...problems(404) },
    handle: async ({ params }, deps: PublicApiDeps) =>
      offerPage(deps, params.token, await seatOffer(deps, params.token, params.sessionId)),
  }),
  publicRoute({
    method: 'POST',
    path: TAKE_SEAT_PATH,
    params: OfferParams,
    notFound: 'session',
    summary: 'Take the offered seat (or a waiting-list place when the session is full)',
    description:
      'Through the session’s own capacity and waiting-list transaction, with the details of the person’s latest ' +
      'registration in the programme. 409 `already-registered` when the address already holds a live registration ' +
      'for the session (a second POST registers nothing), `registration-closed` / `session-cancelled` when it is ' +
      'no longer open. A browser form post gets an HTML page saying the outcome.',
    responses: {
      '201': {
        description: 'Registered: a seat, or the waiting list',
        schema: z.object({ registration: RegistrationView }),
      },
      '200': { description: 'A browser form post: the outcome as an HTML page', contentType: 'text/html' },
      ...problems(404, 409),
    },
    handle: async ({ params, req }, deps: PublicApiDeps): Promise<HttpResponse> => {
      const html = wantsHtml(req);
      try {
        const taken = await takeSeat(deps, params.token, params.sessionId);
        if (html) {
          const lang = taken.person.language;
          const heading =
            taken.registration.status === 'confirmed'
              ? say(lang, 'Gelukt: je hebt een plek', 'Done: you have a seat')
              : say(lang, 'Gelukt: je staat op de wachtlijst', 'Done: you are on the waiting list');
          return offerPage(deps, params.token, { state: 'registered', ...taken }, { heading });
        }
        return {
          status: 201,
          json: { registration: toRegistrationView(taken.registration, taken.waitlistPosition) },
          headers: NO_STORE,
        };
      } catch (e) {
        // A browser sees the page again, now saying why (registered, closed, cancelled); JSON gets the problem.
        if (!html || !(e instanceof DomainError) || toProblem(e).status !== 409) throw e;
        const offer = await seatOffer(deps, params.token, params.sessionId);
        if (offer.state !== 'open') return offerPage(deps, params.token, offer, { status: 409 });
        // Still open, yet refused: nothing to register with (everything erased), or too busy right now.
        const lang = offer.person.language;
        const noDetails = e instanceof Conflict && e.slug === 'no-details';
        return htmlPage(
          lang,
          say(lang, 'Dat lukte niet', 'That did not work'),
          `<p>${
            noDetails
              ? say(
                  lang,
                  'Er zijn geen gegevens om je mee aan te melden. Meld je aan via het formulier van het programma.',
                  'There are no details to register you with. Please register on the programme’s form.',
                )
              : say(lang, 'Probeer het over een paar minuten opnieuw.', 'Please try again in a few minutes.')
          }</p>`,
          409,
        );
      }
    },
  }),
];
