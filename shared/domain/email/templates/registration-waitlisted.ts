import type { KindInput } from '../input';
import { personBlocks } from './parts/person';
import { waitlistPosition } from './parts/standing';
import { p } from './parts/text';
import type { Template } from './template';

export const registrationWaitlisted: Template<KindInput<'registration-waitlisted'>> = {
  compose: (input, { say, title, titleText, details, provisional, manage }) => ({
    subject: say(`Je staat op de wachtlijst: ${titleText}`, `You are on the waiting list: ${titleText}`),
    heading: [say('Je staat op de wachtlijst', 'You are on the waiting list')],
    blocks: [
      p(
        say('De bijeenkomst ', 'The session '),
        title,
        say(' is vol. We hebben je op de wachtlijst gezet.', ' is full. We have put you on the waiting list.'),
      ),
      ...waitlistPosition(input.registration, input.language),
      details,
      ...provisional,
      p(
        say(
          'Komt er een plek vrij, dan krijg je die automatisch, in volgorde van de wachtlijst. Je krijgt dan een e-mail met de uitnodiging voor je agenda. Je hoeft zelf niets te doen.',
          'When a seat becomes available, it goes to the next person on the waiting list automatically. You will then get an email with the invitation for your calendar. You do not need to do anything.',
        ),
      ),
      p(
        say(
          'Wil je niet langer op de wachtlijst staan? Meld je dan af.',
          'No longer interested? You can leave the waiting list.',
        ),
      ),
      manage,
      ...personBlocks(input),
    ],
  }),
};
