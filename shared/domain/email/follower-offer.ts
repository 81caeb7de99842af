import { localise } from '../localise';
import type { Programme, Session } from '../model';
import type { Language } from '../schemas';
import { formatWhen } from '../session-format';
import { type Block, type Document, renderHtml, renderText } from './blocks';
import { description, provisionalBlocks, sessionDetails } from './templates/parts/session';
import { oneLine, p, sayer } from './templates/parts/text';

/** Why a follower is offered a seat: the session is new in the programme, or its time became known. */
export type OfferReason = 'SessionPublished' | 'SessionTimeConfirmed';

/**
 * The offer to a follower of a programme: one session, what, when and where, and a link to a page
 * that asks before it takes a seat. Nobody is registered by this mail; the person holds no name in
 * the programme (only their registrations do), so it greets without one, as the person-link mail.
 */
export interface FollowerOfferMailInput {
  programme: Pick<Programme, 'title'>;
  session: Session;
  reason: OfferReason;
  language: Language;
  /** The take-seat page (its GET changes nothing; its button takes the seat). */
  takeSeatLink: string;
  /** The person page, where following can be switched off. */
  personLink: string;
}

export function renderFollowerOfferMail(input: FollowerOfferMailInput): {
  subject: string;
  text: string;
  html: string;
} {
  const { language, session } = input;
  const say = sayer(language);
  const programme = localise(input.programme.title, language).text;
  const title = localise(session.title, language).text;
  const when = formatWhen(session, language);
  const subject = oneLine(
    input.reason === 'SessionPublished'
      ? say(`Nieuw in ${programme}: ${title}`, `New in ${programme}: ${title}`)
      : say(`Nu ingepland: ${title}, ${when}`, `Now scheduled: ${title}, ${when}`),
  );
  const intro =
    input.reason === 'SessionPublished'
      ? say(
          `Je volgt ${programme}. Er is een bijeenkomst bijgekomen:`,
          `You follow ${programme}. A session has been added:`,
        )
      : say(
          `Je volgt ${programme}. De tijd van deze bijeenkomst staat nu vast:`,
          `You follow ${programme}. The time of this session is now set:`,
        );
  const blocks: Block[] = [
    { type: 'heading', content: [{ strong: title }] },
    p(intro),
    sessionDetails(session, language),
    ...provisionalBlocks(session, language),
    ...description(session, language),
    p(
      say(
        'Je bent hiervoor nog niet aangemeld. Wil je erbij zijn? Open de link en bevestig daar met één klik; zijn de plaatsen op, dan kom je op de wachtlijst.',
        'You are not registered for it yet. Want to come? Open the link and confirm there with one click; if the seats are taken, you join the waiting list.',
      ),
    ),
    { type: 'action', href: input.takeSeatLink, label: say('Een plek nemen', 'Take a seat') },
    p(
      say(
        'Wil je deze berichten niet meer? Zet volgen uit op ',
        'No longer want these messages? Switch following off on ',
      ),
      { href: input.personLink, text: say('je programmapagina', 'your programme page') },
      '.',
    ),
  ];
  const doc: Document = { language, title: subject, blocks };
  return { subject, text: renderText(doc), html: renderHtml(doc) };
}
