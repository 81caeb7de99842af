import { localise } from '../../localise';
import { formatDate } from '../../session-format';
import type { Block } from '../blocks';
import type { BaseEmailInput } from '../input';
import { provisionalBlocks, sessionDetails } from './parts/session';
import { sayer } from './parts/text';
import type { Common } from './template';

function manageAction(input: BaseEmailInput): Block {
  const say = sayer(input.language);
  return {
    type: 'action',
    href: input.links.manage,
    label: say('Bekijk je aanmelding of meld je af', 'View or cancel your registration'),
  };
}

export function commonParts(input: BaseEmailInput): Common {
  const { language, session } = input;
  const title = localise(session.title, language);
  return {
    say: sayer(language),
    title,
    titleText: title.text,
    programme: localise(input.programme.title, language),
    date: formatDate(session, language),
    hasSeat: input.registration.status === 'confirmed',
    details: sessionDetails(session, language),
    provisional: provisionalBlocks(session, language),
    manage: manageAction(input),
  };
}
