import type { EmailLinks, KindInput } from '../input';
import { p } from './parts/text';
import type { Template } from './template';

export type FeedbackRequestInput = KindInput<'feedback-request', { links: EmailLinks & { feedback: string } }>;

export const feedbackRequest: Template<FeedbackRequestInput> = {
  compose: ({ links }, { say, title, titleText }) => ({
    subject: say(`Wat vond je van ${titleText}?`, `How was ${titleText}?`),
    heading: [say('Bedankt voor je komst', 'Thank you for coming')],
    blocks: [
      p(say('Bedankt dat je bij ', 'Thank you for joining '), title, say(' was.', '.')),
      p(
        say(
          'Wil je een paar vragen beantwoorden? Je antwoorden nemen we mee naar de laatste bijeenkomst van het jaar, waar alle uitkomsten samenkomen. Het kost een paar minuten.',
          'Would you answer a few questions? We take your answers to the final session of the year, where all outcomes come together. It takes a few minutes.',
        ),
      ),
      { type: 'action', href: links.feedback, label: say('Beantwoord de vragen', 'Answer the questions') },
    ],
  }),
};
