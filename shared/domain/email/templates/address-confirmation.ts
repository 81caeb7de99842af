import type { EmailLinks, KindInput } from '../input';
import { p } from './parts/text';
import type { Template } from './template';

/**
 * The first mail to an address not yet confirmed for the programme. Whoever typed the address may
 * not own it, so this mail carries nothing they typed: no name (the greeting is neutral, the To
 * header has no display name), no organisation, no answers; only the organiser's own text.
 */
export type AddressConfirmationInput = KindInput<
  'address-confirmation',
  { links: EmailLinks & { confirmAddress: string }; holdExpiresAt: string }
>;

export const holdEndsInWords = (iso: string, timeZone: string, language: 'nl' | 'en'): string =>
  new Intl.DateTimeFormat(language === 'en' ? 'en-GB' : 'nl-NL', {
    dateStyle: 'long',
    timeStyle: 'short',
    timeZone,
  }).format(new Date(iso));

export const addressConfirmation: Template<AddressConfirmationInput> = {
  compose: (input, { say, title, titleText, details, hasSeat }) => ({
    subject: say(`Bevestig je e-mailadres: ${titleText}`, `Confirm your email address: ${titleText}`),
    heading: [say('Bevestig je e-mailadres', 'Confirm your email address')],
    blocks: [
      p(
        say('Met dit e-mailadres is een aanmelding gedaan voor ', 'This email address was used to register for '),
        title,
        '.',
      ),
      details,
      p(
        hasSeat
          ? say('We houden een plek vast tot ', 'We are holding a seat until ')
          : say('We houden een plek op de wachtlijst vast tot ', 'We are holding a place on the waiting list until '),
        holdEndsInWords(input.holdExpiresAt, input.session.timeZone, input.language),
        say(
          '. Bevestig met één klik dat dit jouw e-mailadres is; daarna krijg je de bevestiging met de uitnodiging voor je agenda.',
          '. Confirm with one click that this is your email address; you will then get the confirmation with the invitation for your calendar.',
        ),
      ),
      {
        type: 'action',
        href: input.links.confirmAddress,
        label: say('Bevestig mijn e-mailadres', 'Confirm my email address'),
      },
      p(
        say(
          'Heb jij je niet aangemeld? Dan hoef je niets te doen: zonder bevestiging vervalt de aanmelding vanzelf.',
          'Did you not register? Then there is nothing to do: without confirmation the registration lapses by itself.',
        ),
      ),
    ],
  }),
};
