import type { EmailLinks, KindInput } from '../input';
import { holdEndsInWords } from './address-confirmation';
import { p } from './parts/text';
import type { Template } from './template';

/**
 * A seat came free close to the start and is offered to the first person waiting: they claim it
 * with the button (a page with one button that POSTs, so a link scanner claims nothing) before the
 * offer ends; otherwise it goes to the next person. Like the confirmation request it carries
 * nothing the registrant typed, since the address may not have been confirmed yet.
 */
export type WaitlistOfferInput = KindInput<
  'waitlist-offer',
  { links: EmailLinks & { claimOffer: string }; offerExpiresAt: string }
>;

export const waitlistOffer: Template<WaitlistOfferInput> = {
  compose: (input, { say, title, titleText, details }) => ({
    subject: say(`Er is een plek voor je vrij: ${titleText}`, `A seat is free for you: ${titleText}`),
    heading: [say('Er is een plek voor je vrij', 'A seat is free for you')],
    blocks: [
      p(
        say('Er is een plek vrijgekomen bij ', 'A seat has come free at '),
        title,
        say(' en je staat als eerste op de wachtlijst.', ' and you are first on the waiting list.'),
      ),
      details,
      p(
        say('We houden de plek voor je vast tot ', 'We are holding the seat for you until '),
        holdEndsInWords(input.offerExpiresAt, input.session.timeZone, input.language),
        say(
          '. Wil je komen? Neem de plek dan met de knop; daarna krijg je de bevestiging met de uitnodiging voor je agenda. Neem je de plek niet op tijd, dan gaat hij naar de volgende op de wachtlijst.',
          '. Would you like to come? Then take the seat with the button; you will then get the confirmation with the invitation for your calendar. If you do not take it in time, it goes to the next person on the waiting list.',
        ),
      ),
      { type: 'action', href: input.links.claimOffer, label: say('Ik neem de plek', 'I take the seat') },
    ],
  }),
};
