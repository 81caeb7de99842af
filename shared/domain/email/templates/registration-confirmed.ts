import type { KindInput } from '../input';
import { checkInBlocks } from './parts/check-in';
import { personBlocks } from './parts/person';
import { description } from './parts/session';
import { p } from './parts/text';
import type { Template } from './template';

export const registrationConfirmed: Template<KindInput<'registration-confirmed'>> = {
  compose: (input, { say, title, titleText, programme, details, provisional, manage }) => ({
    subject: say(`Aanmelding bevestigd: ${titleText}`, `Registration confirmed: ${titleText}`),
    heading: [say('Je bent aangemeld', 'You are registered')],
    blocks: [
      p(
        say('Je bent aangemeld voor ', 'You are registered for '),
        title,
        say(', onderdeel van ', ', part of '),
        programme,
        '.',
      ),
      details,
      ...provisional,
      ...description(input.session, input.language),
      p(
        say(
          'De uitnodiging voor je agenda zit als bijlage bij deze e-mail. Verandert er iets, dan krijg je bericht en wordt de afspraak in je agenda bijgewerkt.',
          'The invitation for your calendar is attached to this email. If anything changes, you will hear from us and the event in your calendar will be updated.',
        ),
      ),
      p(
        say(
          'Kun je toch niet komen? Meld je dan af, zodat iemand anders je plek kan krijgen.',
          'If you can no longer come, please cancel so that someone else can have your seat.',
        ),
      ),
      ...checkInBlocks(input),
      manage,
      ...personBlocks(input),
    ],
    attach: 'REQUEST',
  }),
};
