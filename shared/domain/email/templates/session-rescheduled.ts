import type { Session } from '../../model';
import { formatWhen } from '../../session-format';
import type { KindInput } from '../input';
import { change } from './parts/session';
import { updateNote } from './parts/standing';
import { p } from './parts/text';
import type { Template } from './template';

/** `previous` is the session as registrants last heard of it; the email shows what changed. */
export type SessionRescheduledInput = KindInput<'session-rescheduled', { previous: Session }>;

export const sessionRescheduled: Template<SessionRescheduledInput> = {
  compose: (input, { say, title, titleText, date, hasSeat, details, provisional, manage }) => ({
    subject: say(`Nieuwe datum of tijd: ${titleText}, ${date}`, `New date or time: ${titleText}, ${date}`),
    heading: [say('De bijeenkomst is verplaatst', 'The session has moved')],
    blocks: [
      p(title, say(' vindt op een ander moment plaats.', ' will take place at a different time.')),
      change(
        say('Datum en tijd', 'Date and time'),
        formatWhen(input.previous, input.language),
        formatWhen(input.session, input.language),
        input.language,
      ),
      details,
      ...provisional,
      ...updateNote(input.registration, input.language),
      p(
        say(
          'Kun je op het nieuwe moment niet? Meld je dan af, zodat iemand anders je plek kan krijgen.',
          'If you cannot make the new time, please cancel so that someone else can have your seat.',
        ),
      ),
      manage,
    ],
    ...(hasSeat ? { attach: 'REQUEST' as const } : {}),
  }),
};
