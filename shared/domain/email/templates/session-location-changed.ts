import type { Session } from '../../model';
import { formatLocation } from '../../session-format';
import type { KindInput } from '../input';
import { change } from './parts/session';
import { updateNote } from './parts/standing';
import { p } from './parts/text';
import type { Template } from './template';

/** `previous` is the session as registrants last heard of it; the email shows what changed. */
export type SessionLocationChangedInput = KindInput<'session-location-changed', { previous: Session }>;

export const sessionLocationChanged: Template<SessionLocationChangedInput> = {
  compose: (input, { say, title, titleText, hasSeat, details, provisional, manage }) => ({
    subject: say(`Nieuwe locatie: ${titleText}`, `New location: ${titleText}`),
    heading: [say('De locatie is gewijzigd', 'The location has changed')],
    blocks: [
      p(title, say(' vindt op een andere plek plaats.', ' will take place somewhere else.')),
      change(
        say('Locatie', 'Location'),
        formatLocation(input.previous.location, input.language),
        formatLocation(input.session.location, input.language),
        input.language,
      ),
      details,
      ...provisional,
      ...updateNote(input.registration, input.language),
      manage,
    ],
    ...(hasSeat ? { attach: 'REQUEST' as const } : {}),
  }),
};
