import { localise } from '../../../localise';
import type { Session } from '../../../model';
import type { Language } from '../../../schemas';
import { formatLocation, formatWhen, provisionalNotice } from '../../../session-format';
import { accessibilityHeading, accessibilityLines } from '../../../venue-accessibility';
import type { Block } from '../../blocks';
import { p, sayer } from './text';

/** The venue's accessibility, when the organiser gave it: one line each. */
function venueItems(session: Session, language: Language) {
  const lines = accessibilityLines(session.location?.accessibility, language);
  return lines.length === 0 ? [] : [{ term: accessibilityHeading(language), value: [lines.join(' · ')] }];
}

/** What, when and where, as the reader should now have it. */
export function sessionDetails(session: Session, language: Language): Block {
  const say = sayer(language);
  return {
    type: 'details',
    items: [
      { term: say('Bijeenkomst', 'Session'), value: [localise(session.title, language)] },
      { term: say('Wanneer', 'When'), value: [formatWhen(session, language)] },
      { term: say('Waar', 'Where'), value: [formatLocation(session.location, language)] },
      ...venueItems(session, language),
    ],
  };
}

/** Warnings that the date or time may still move; nothing once the session is cancelled. */
export function provisionalBlocks(session: Session, language: Language): Block[] {
  if (session.status !== 'scheduled') return [];
  const say = sayer(language);
  const blocks: Block[] = [];
  if (session.provisional) {
    blocks.push({
      type: 'notice',
      content: [
        provisionalNotice(language),
        say(' Verandert er iets, dan hoor je het van ons.', ' If anything changes, we will let you know.'),
      ],
    });
  }
  if (session.startTime === null) {
    blocks.push(
      p(
        say(
          'De tijd is nog niet bekend. Je krijgt bericht zodra die vaststaat.',
          'The time is still to be decided. You will hear from us as soon as it is set.',
        ),
      ),
    );
  }
  return blocks;
}

export function description(session: Session, language: Language): Block[] {
  return session.description === null ? [] : [{ type: 'text', content: localise(session.description, language) }];
}

/** Before and after, so the reader sees at a glance what moved. */
export function change(term: string, before: string, after: string, language: Language): Block {
  const say = sayer(language);
  return {
    type: 'details',
    items: [
      { term: `${term}, ${say('was', 'before')}`, value: [before] },
      { term: `${term}, ${say('nu', 'now')}`, value: [{ strong: after }] },
    ],
  };
}
