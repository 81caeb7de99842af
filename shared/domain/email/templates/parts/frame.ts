import { localise } from '../../../localise';
import type { Block } from '../../blocks';
import type { BaseEmailInput } from '../../input';
import { p, sayer } from './text';

/**
 * Every email opens with the reader's name and closes with whom to ask and why it was sent. A mail
 * to an unconfirmed address has no name to use (templates/registry.ts anonymousKinds): it says hello.
 */
export function greeting(input: BaseEmailInput): Block {
  const say = sayer(input.language);
  if (input.registration.name === '') return p(say('Hallo,', 'Hello,'));
  return p(say('Beste ', 'Dear '), input.registration.name, ',');
}

export function footer(input: BaseEmailInput): Block[] {
  const say = sayer(input.language);
  return [
    p(
      say('Vragen? Mail ', 'Questions? Email '),
      input.organiser.name,
      say(' via ', ' at '),
      { href: `mailto:${input.organiser.email}`, text: input.organiser.email },
      '.',
    ),
    p(
      say(
        'Je krijgt deze e-mail omdat je je met dit e-mailadres hebt aangemeld voor ',
        'You are receiving this email because this address was used to register for ',
      ),
      localise(input.programme.title, input.language),
      say(
        '. De links in deze e-mail zijn persoonlijk; stuur hem daarom niet door.',
        '. The links in this email are personal, so please do not forward it.',
      ),
    ),
  ];
}
