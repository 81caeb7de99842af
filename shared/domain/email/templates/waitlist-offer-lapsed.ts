import type { KindInput } from '../input';
import { p } from './parts/text';
import type { Template } from './template';

/** The short mail when an offered seat was not taken in time: it went to the next person waiting. */
export const waitlistOfferLapsed: Template<KindInput<'waitlist-offer-lapsed'>> = {
  compose: ({ links }, { say, title, titleText }) => ({
    subject: say(`Aangeboden plek vervallen: ${titleText}`, `Offered seat lapsed: ${titleText}`),
    heading: [say('De aangeboden plek is vervallen', 'The offered seat has lapsed')],
    blocks: [
      p(
        say('De plek die we je aanboden bij ', 'The seat we offered you at '),
        title,
        say(
          ' is niet op tijd genomen en is doorgegeven aan de volgende op de wachtlijst. Je staat niet meer op de wachtlijst.',
          ' was not taken in time and has been passed on to the next person on the waiting list. You are no longer on the waiting list.',
        ),
      ),
      ...(links.session === undefined
        ? []
        : [
            p(say('Wil je toch komen? ', 'Would you still like to come? '), {
              href: links.session,
              text: say('Meld je opnieuw aan', 'Register again'),
            }),
          ]),
    ],
  }),
};
