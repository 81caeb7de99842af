import { localise } from '../localise';
import type { Programme } from '../model';
import type { Language } from '../schemas';
import { type Block, type Document, renderHtml, renderText } from './blocks';
import { oneLine, p, sayer } from './templates/parts/text';

/**
 * The mail with the person link, sent on request (POST /people/requests) to a known, confirmed
 * address. Whoever asked need not own the address, so the mail carries nothing they typed: no
 * name, only the programme's own title and the link. Not about one registration, so it stands
 * outside the template registry, built from the same blocks (text and HTML agree, all escaped).
 */
export interface PersonLinkMailInput {
  programme: Pick<Programme, 'title'>;
  language: Language;
  personLink: string;
}

export function renderPersonLinkMail(input: PersonLinkMailInput): { subject: string; text: string; html: string } {
  const { language } = input;
  const say = sayer(language);
  const title = localise(input.programme.title, language).text;
  const subject = oneLine(say(`Je link voor ${title}`, `Your link for ${title}`));
  const blocks: Block[] = [
    { type: 'heading', content: [say('Je link voor ', 'Your link for '), { strong: title }] },
    p(
      say(
        'Iemand heeft gevraagd om de link naar alles wat je bij dit programma hebt gedaan. Via die link zie je je aanmeldingen, meld je je af of aan, download je alles wat we van je bewaren en kun je alles laten wissen.',
        'Someone asked for the link to everything you did in this programme. Through it you see your registrations, cancel or add sessions, download everything we hold about you, and can have all of it erased.',
      ),
    ),
    { type: 'action', href: input.personLink, label: say('Open mijn programma', 'Open my programme') },
    p(
      say(
        'Heb jij hier niet om gevraagd? Dan hoef je niets te doen. Deel de link niet: wie hem heeft, kan je aanmeldingen beheren.',
        'Did you not ask for this? Then there is nothing to do. Do not share the link: whoever has it can manage your registrations.',
      ),
    ),
  ];
  const doc: Document = { language, title: subject, blocks };
  return { subject, text: renderText(doc), html: renderHtml(doc) };
}
