import type { KindInput } from '../input';
import { standing } from './parts/standing';
import { p } from './parts/text';
import type { Template } from './template';

/** A second registration with the same address changes nothing; this says so, in case it was not them. */
export const alreadyRegistered: Template<KindInput<'already-registered'>> = {
  compose: (input, { say, title, titleText, details, provisional, manage }) => ({
    subject: say(`Je bent al aangemeld: ${titleText}`, `You are already registered: ${titleText}`),
    heading: [say('Je bent al aangemeld', 'You are already registered')],
    blocks: [
      p(
        say(
          'We kregen opnieuw een aanmelding met dit e-mailadres voor ',
          'We received another registration with this email address for ',
        ),
        title,
        say(
          '. Je was al aangemeld, dus er is niets veranderd.',
          '. You were already registered, so nothing has changed.',
        ),
      ),
      ...standing(input.registration, input.language),
      details,
      ...provisional,
      p(
        say(
          'Via je persoonlijke pagina kun je je aanmelding bekijken, de afspraak in je agenda zetten of je afmelden.',
          'On your personal page you can view your registration, add it to your calendar or cancel.',
        ),
      ),
      manage,
      p(
        say(
          'Heb je je niet zelf opnieuw aangemeld? Dan kun je deze e-mail negeren.',
          'If you did not register again yourself, you can ignore this email.',
        ),
      ),
    ],
  }),
};
