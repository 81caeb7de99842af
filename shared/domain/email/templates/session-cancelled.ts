import type { KindInput } from '../input';
import { p } from './parts/text';
import type { Template } from './template';

export const sessionCancelled: Template<KindInput<'session-cancelled'>> = {
  compose: (_input, { say, title, titleText, programme, date, hasSeat, details }) => ({
    subject: say(`Geannuleerd: ${titleText}, ${date}`, `Cancelled: ${titleText}, ${date}`),
    heading: [say('De bijeenkomst gaat niet door', 'The session has been cancelled')],
    blocks: [
      p(say('Helaas gaat ', 'We are sorry: '), title, say(` op ${date} niet door.`, ` on ${date} has been cancelled.`)),
      details,
      hasSeat
        ? p(
            say(
              'Met de bijlage bij deze e-mail verdwijnt de afspraak uit je agenda. Je hoeft je niet af te melden.',
              'The attachment to this email removes the event from your calendar. You do not need to cancel.',
            ),
          )
        : p(
            say(
              'Je stond op de wachtlijst; die vervalt. Je hoeft niets te doen.',
              'You were on the waiting list, which no longer applies. You do not need to do anything.',
            ),
          ),
      p(
        say('Bekijk de andere bijeenkomsten van ', 'Have a look at the other sessions of '),
        programme,
        say('; je bent van harte welkom.', '; you are most welcome.'),
      ),
    ],
    ...(hasSeat ? { attach: 'CANCEL' as const } : {}),
  }),
};
