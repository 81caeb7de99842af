import type { KindInput } from '../input';
import { p } from './parts/text';
import type { Template } from './template';

/** Once, to those still waiting when offers close: seats that come free from now on are given at the door. */
export const waitlistClosed: Template<KindInput<'waitlist-closed'>> = {
  compose: (_input, { say, title, titleText, details }) => ({
    subject: say(`Wachtlijst gesloten: ${titleText}`, `Waiting list closed: ${titleText}`),
    heading: [say('De wachtlijst is gesloten', 'The waiting list is closed')],
    blocks: [
      p(
        say('De bijeenkomst ', 'The session '),
        title,
        say(
          ' begint binnenkort. We bieden vanaf nu geen plekken meer aan via de wachtlijst.',
          ' starts soon. From now on we no longer offer seats from the waiting list.',
        ),
      ),
      details,
      p(
        say(
          'Plekken die nog vrijkomen, geven we aan de deur aan wie er is. Wil je het proberen, kom dan op tijd; een plek is niet gegarandeerd.',
          'Seats that still come free are given at the door to whoever is there. If you want to try, come on time; a seat is not guaranteed.',
        ),
      ),
    ],
  }),
};
