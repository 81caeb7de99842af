import type { Block } from '../../blocks';
import type { BaseEmailInput } from '../../input';
import { sayer } from './text';

/**
 * The person link, in the mails of someone who registered on the programme form: one page with
 * all their sessions, cancel or add any of them, and the calendar feed to subscribe to.
 */
export function personBlocks(input: BaseEmailInput): Block[] {
  if (!input.links.person) return [];
  const say = sayer(input.language);
  return [
    {
      type: 'action',
      href: input.links.person,
      label: say(
        'Je hele programma: al je aanmeldingen en je agenda-abonnement',
        'Your whole programme: all your registrations and your calendar feed',
      ),
    },
  ];
}
