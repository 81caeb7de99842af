import { localisedText, singleLineText } from './schema-primitives';
import * as z from './zod';

// schemas.ts builds its Location from this file, so the language type is spelled out here.
type Language = 'nl' | 'en';

/**
 * How accessible a session's venue is (`location.accessibility`): what the organiser knows, each
 * feature true (there is), false (there is not) or left out (not known), and a note on getting
 * there by public transport. Shown on the pages, in the mails and in the invite's DESCRIPTION.
 */
export const VenueAccessibility = z.strictObject({
  stepFreeEntrance: z.optional(z.boolean()),
  accessibleToilet: z.optional(z.boolean()),
  hearingLoop: z.optional(z.boolean()),
  quietRoom: z.optional(z.boolean()),
  publicTransport: z.optional(localisedText(500)),
});
export type VenueAccessibility = z.infer<typeof VenueAccessibility>;

/** Where a session is held: the venue, its address and what it offers for access. */
export const Location = z.object({
  name: z.pipe(singleLineText(200), z.string().check(z.minLength(1, { message: 'must not be empty' }))),
  address: z.optional(singleLineText(300)),
  /** Step-free entrance, accessible toilet, hearing loop, quiet room, public transport (above). */
  accessibility: z.optional(VenueAccessibility),
});
export type Location = z.infer<typeof Location>;

export const venueFeatures = ['stepFreeEntrance', 'accessibleToilet', 'hearingLoop', 'quietRoom'] as const;
type Feature = (typeof venueFeatures)[number];

const SAID: Record<Feature, Record<Language, [yes: string, no: string]>> = {
  stepFreeEntrance: {
    nl: ['Drempelvrije ingang', 'Geen drempelvrije ingang'],
    en: ['Step-free entrance', 'No step-free entrance'],
  },
  accessibleToilet: {
    nl: ['Toegankelijk toilet', 'Geen toegankelijk toilet'],
    en: ['Accessible toilet', 'No accessible toilet'],
  },
  hearingLoop: { nl: ['Ringleiding', 'Geen ringleiding'], en: ['Hearing loop', 'No hearing loop'] },
  quietRoom: { nl: ['Stilteruimte', 'Geen stilteruimte'], en: ['Quiet room', 'No quiet room'] },
};

/** The venue's accessibility as short lines in the reader's language; none when nothing is known. */
export function accessibilityLines(a: VenueAccessibility | undefined | null, language: Language): string[] {
  if (!a) return [];
  const lines = venueFeatures
    .filter((f) => a[f] !== undefined)
    .map((f) => (SAID[f][language] ?? SAID[f].nl)[a[f] ? 0 : 1]);
  if (a.publicTransport) {
    const label = language === 'nl' ? 'Met het openbaar vervoer' : 'By public transport';
    const note = a.publicTransport[language]?.trim() ? a.publicTransport[language] : a.publicTransport.nl;
    lines.push(`${label}: ${note}`);
  }
  return lines;
}

/** The heading those lines go under. */
export const accessibilityHeading = (language: Language): string =>
  language === 'nl' ? 'Toegankelijkheid' : 'Accessibility';
