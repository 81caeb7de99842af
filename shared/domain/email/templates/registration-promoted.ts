import type { KindInput } from '../input';
import { checkInBlocks } from './parts/check-in';
import { p } from './parts/text';
import type { Template } from './template';

export const registrationPromoted: Template<KindInput<'registration-promoted'>> = {
  compose: (input, { say, title, titleText, details, provisional, manage }) => ({
    subject: say(`Er is een plek voor je: ${titleText}`, `A seat has become available for you: ${titleText}`),
    heading: [say('Er is een plek voor je vrijgekomen', 'A seat has become available for you')],
    blocks: [
      p(
        say('Goed nieuws: er is een plek vrijgekomen bij ', 'Good news: a seat has become available for '),
        title,
        say(' en die is voor jou. Je bent nu aangemeld.', ' and it is yours. You are now registered.'),
      ),
      details,
      ...provisional,
      p(
        say(
          'De uitnodiging voor je agenda zit als bijlage bij deze e-mail.',
          'The invitation for your calendar is attached to this email.',
        ),
      ),
      p(
        say(
          'Kun je niet meer komen? Meld je dan af, zodat de volgende op de wachtlijst je plek krijgt.',
          'If you can no longer come, please cancel so that the next person on the waiting list gets your seat.',
        ),
      ),
      ...checkInBlocks(input),
      manage,
    ],
    attach: 'REQUEST',
  }),
};
