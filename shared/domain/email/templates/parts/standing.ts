import type { Language } from '../../../schemas';
import type { Block } from '../../blocks';
import type { EmailRecipient } from '../../input';
import { p, sayer } from './text';

/** Where the reader stands: a seat, or a place in the queue. */
export function waitlistPosition(registration: EmailRecipient, language: Language): Block[] {
  if (registration.waitlistPosition === null) return [];
  const say = sayer(language);
  const n = String(registration.waitlistPosition);
  return [
    p(
      say('Je staat op ', 'You are number '),
      { strong: say(`plaats ${n}`, n) },
      say(' van de wachtlijst.', ' on the waiting list.'),
    ),
  ];
}

/** A reminder of the reader's standing in a mail about something else. */
export function standing(registration: EmailRecipient, language: Language): Block[] {
  const say = sayer(language);
  if (registration.status === 'confirmed') {
    return [p(say('Je hebt een plek bij deze bijeenkomst.', 'You have a seat at this session.'))];
  }
  if (registration.status === 'waitlisted') {
    return [
      p(say('Je staat op de wachtlijst.', 'You are on the waiting list.')),
      ...waitlistPosition(registration, language),
    ];
  }
  return [];
}

/** What a change means for this reader: an updated invite with a seat, or their place in the queue. */
export function updateNote(registration: EmailRecipient, language: Language): Block[] {
  const say = sayer(language);
  if (registration.status === 'confirmed') {
    return [
      p(
        say(
          'De bijgewerkte uitnodiging zit als bijlage bij deze e-mail; daarmee wordt de afspraak in je agenda aangepast.',
          'The updated invitation is attached to this email; it updates the event in your calendar.',
        ),
      ),
    ];
  }
  if (registration.status === 'waitlisted') {
    return [
      p(say('Je staat nog op de wachtlijst.', 'You are still on the waiting list.')),
      ...waitlistPosition(registration, language),
    ];
  }
  return [];
}
