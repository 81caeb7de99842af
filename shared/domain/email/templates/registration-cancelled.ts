import type { KindInput } from '../input';
import { p } from './parts/text';
import type { Template } from './template';

export const registrationCancelled: Template<KindInput<'registration-cancelled'>> = {
  compose: ({ links }, { say, title, titleText, details }) => ({
    subject: say(`Afmelding ontvangen: ${titleText}`, `Cancellation received: ${titleText}`),
    heading: [say('Je bent afgemeld', 'Your registration is cancelled')],
    blocks: [
      p(say('We hebben je afmelding voor ', 'We have received your cancellation for '), title, say(' ontvangen.', '.')),
      details,
      p(
        say(
          'Met de bijlage bij deze e-mail verdwijnt de afspraak uit je agenda.',
          'The attachment to this email removes the event from your calendar.',
        ),
      ),
      ...(links.session === undefined
        ? []
        : [
            p(say('Toch weer zin om te komen? ', 'Changed your mind? '), {
              href: links.session,
              text: say('Meld je opnieuw aan voor deze bijeenkomst', 'Register again for this session'),
            }),
          ]),
    ],
    attach: 'CANCEL',
  }),
};
