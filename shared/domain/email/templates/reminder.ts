import type { EmailLinks, KindInput } from '../input';
import { checkInBlocks } from './parts/check-in';
import { p } from './parts/text';
import type { Template } from './template';

export type ReminderInput = KindInput<'reminder', { links: EmailLinks & { calendar: string; cancel: string } }>;

export const reminder: Template<ReminderInput> = {
  compose: (input, { say, title, titleText, date, details, provisional }) => ({
    subject: say(`Herinnering: ${titleText}, ${date}`, `Reminder: ${titleText}, ${date}`),
    heading: [say('Tot binnenkort', 'See you soon')],
    blocks: [
      p(
        say('Dit is een herinnering aan ', 'This is a reminder of '),
        title,
        say('. Fijn dat je komt!', '. We look forward to seeing you.'),
      ),
      details,
      ...provisional,
      {
        type: 'action',
        href: input.links.calendar,
        label: say('Zet de bijeenkomst in je agenda', 'Add the session to your calendar'),
      },
      p(
        say(
          'Kun je toch niet komen? Laat het ons weten, dan geven we je plek aan iemand op de wachtlijst.',
          'If you cannot come after all, let us know and we will give your seat to someone on the waiting list.',
        ),
      ),
      ...checkInBlocks(input),
      { type: 'action', href: input.links.cancel, label: say('Ik kan niet komen', "I can't come") },
    ],
  }),
};
