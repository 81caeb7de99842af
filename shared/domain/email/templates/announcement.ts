import type { KindInput } from '../input';
import { standing } from './parts/standing';
import { messageBody, oneLine, p } from './parts/text';
import type { Template } from './template';

/** An organiser's message to a session's registrants, as they wrote it (plain text, not markup). */
export interface AnnouncementText {
  subject: string;
  body: string;
}

export type AnnouncementInput = KindInput<'announcement', { announcement: AnnouncementText }>;

export const announcement: Template<AnnouncementInput> = {
  compose: (input, { say, title, titleText, details, manage }) => {
    // The organiser's own words; the session is named in the body.
    const subject = oneLine(input.announcement.subject) || titleText;
    return {
      subject,
      heading: [subject],
      blocks: [
        p(input.organiser.name, say(' stuurt je dit bericht over ', ' sends you this message about '), title, ':'),
        // Written for this message's readers, so in their language (a language-bound message only
        // reaches registrants who chose that language).
        { type: 'text', content: { text: messageBody(input.announcement.body), language: input.language } },
        details,
        ...standing(input.registration, input.language),
        manage,
      ],
    };
  },
};
