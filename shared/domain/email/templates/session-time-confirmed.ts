import type { Session } from '../../model';
import { formatWhen } from '../../session-format';
import type { KindInput } from '../input';
import { change } from './parts/session';
import { updateNote } from './parts/standing';
import { p } from './parts/text';
import type { Template } from './template';

/** With `previous`, a date that moved when the time was set is shown as a change. */
export type SessionTimeConfirmedInput = KindInput<'session-time-confirmed', { previous?: Session }>;

export const sessionTimeConfirmed: Template<SessionTimeConfirmedInput> = {
  compose: (
    { previous, session, language, registration },
    { say, title, titleText, hasSeat, details, provisional, manage },
  ) => {
    const when = formatWhen(session, language);
    return {
      subject: say(`Tijd bekend: ${titleText}, ${when}`, `Time set: ${titleText}, ${when}`),
      heading: [say('De tijd is bekend', 'The time has been set')],
      blocks: [
        p(say('De tijd van ', 'The time of '), title, say(' staat nu vast.', ' has now been set.')),
        ...(previous !== undefined && previous.date !== session.date
          ? [change(say('Datum en tijd', 'Date and time'), formatWhen(previous, language), when, language)]
          : []),
        details,
        ...provisional,
        ...updateNote(registration, language),
        manage,
      ],
      ...(hasSeat ? { attach: 'REQUEST' as const } : {}),
    };
  },
};
