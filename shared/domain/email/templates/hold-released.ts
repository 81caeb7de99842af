import type { KindInput } from '../input';
import { p } from './parts/text';
import type { Template } from './template';

/** The one short mail when an unconfirmed hold ran out. Like the request, it carries nothing the registrant typed. */
export const holdReleased: Template<KindInput<'hold-released'>> = {
  compose: ({ links }, { say, title, titleText }) => ({
    subject: say(`Plek vrijgegeven: ${titleText}`, `Place released: ${titleText}`),
    heading: [say('De plek is vrijgegeven', 'The place has been released')],
    blocks: [
      p(
        say('Het e-mailadres van een aanmelding voor ', 'The email address of a registration for '),
        title,
        say(
          ' is niet op tijd bevestigd. De plek is daarom doorgegeven aan de wachtlijst.',
          ' was not confirmed in time, so the place has been passed on to the waiting list.',
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
