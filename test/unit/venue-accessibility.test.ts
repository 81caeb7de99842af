import { describe, expect, it } from 'vitest';
import { sessionDetails } from '../../shared/domain/email/templates/parts/session';
import { Location } from '../../shared/domain/schemas';
import { accessibilityLines } from '../../shared/domain/venue-accessibility';

describe('venue accessibility', () => {
  const location = Location.parse({
    name: 'Buurthuis De Pijp',
    accessibility: {
      stepFreeEntrance: true,
      hearingLoop: false,
      publicTransport: { nl: 'Tram 4, halte Lutmastraat' },
    },
  });

  it('says what is known in the reader’s language, leaves out what is not, falls back to Dutch for the note', () => {
    expect(accessibilityLines(location.accessibility, 'en')).toEqual([
      'Step-free entrance',
      'No hearing loop',
      'By public transport: Tram 4, halte Lutmastraat',
    ]);
    expect(accessibilityLines(undefined, 'nl')).toEqual([]);
  });

  it('refuses unknown features by name', () => {
    const r = Location.safeParse({ name: 'X', accessibility: { lift: true } });
    expect(r.success).toBe(false);
  });

  it('goes into the mails’ session details', () => {
    const block = sessionDetails(
      {
        location,
        title: { nl: 'T' },
        date: '2027-03-03',
        startTime: null,
        endTime: null,
        timeZone: 'Europe/Amsterdam',
      } as never,
      'nl',
    );
    expect(JSON.stringify(block)).toContain('Toegankelijkheid');
    expect(JSON.stringify(block)).toContain('Drempelvrije ingang · Geen ringleiding');
  });
});
