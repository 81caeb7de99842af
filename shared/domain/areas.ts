import type { FieldError } from './errors';
import type { AreaSettings, LocalisedText } from './schemas';

export interface AreaOption {
  id: string;
  label: LocalisedText;
}

/** Amsterdam's stadsdelen, and the two answers everyone must be able to give. */
export const AMSTERDAM_AREAS: readonly AreaOption[] = [
  { id: 'centrum', label: { nl: 'Centrum', en: 'Centrum' } },
  { id: 'nieuw-west', label: { nl: 'Nieuw-West', en: 'Nieuw-West' } },
  { id: 'noord', label: { nl: 'Noord', en: 'Noord' } },
  { id: 'oost', label: { nl: 'Oost', en: 'Oost' } },
  { id: 'west', label: { nl: 'West', en: 'West' } },
  { id: 'zuid', label: { nl: 'Zuid', en: 'Zuid' } },
  { id: 'zuidoost', label: { nl: 'Zuidoost', en: 'Zuidoost' } },
  { id: 'weesp', label: { nl: 'Weesp', en: 'Weesp' } },
  { id: 'outside-amsterdam', label: { nl: 'Buiten Amsterdam', en: 'Outside Amsterdam' } },
  { id: 'rather-not-say', label: { nl: 'Zeg ik liever niet', en: 'Rather not say' } },
];

export const OTHER_AREA: AreaOption = { id: 'other', label: { nl: 'Anders', en: 'Other' } };

/** The list the form offers: the programme's own or Amsterdam's, "other" always last. */
export const areaOptions = (settings: AreaSettings): AreaOption[] => [
  ...(settings.options ?? AMSTERDAM_AREAS),
  OTHER_AREA,
];

export const areaLabel = (settings: AreaSettings | undefined, id: string): LocalisedText =>
  (settings ? areaOptions(settings) : [...AMSTERDAM_AREAS, OTHER_AREA]).find((o) => o.id === id)?.label ?? {
    nl: id,
  };

export interface AreaAnswer {
  area: string | null;
  areaOther: string | null;
  postcode: string | null;
}

const POSTCODE_DIGITS = /^[1-9]\d{3}$/;

/**
 * Checks the area fields of a registration against the programme. A programme without areas
 * takes none (its form has the free-text neighbourhood); free text goes only with "other".
 */
export function parseArea(
  settings: AreaSettings | undefined,
  given: { area?: string | undefined; areaOther?: string | undefined; postcode?: string | undefined },
): { value: AreaAnswer; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const value: AreaAnswer = { area: null, areaOther: null, postcode: null };
  const notAsked = (field: string) => errors.push({ field, message: 'is not asked by this programme' });
  if (!settings) {
    if (given.area !== undefined) notAsked('area');
    if (given.areaOther !== undefined) notAsked('areaOther');
    if (given.postcode !== undefined) notAsked('postcode');
    return { value, errors };
  }
  const ids = areaOptions(settings).map((o) => o.id);
  if (given.area !== undefined && !ids.includes(given.area)) {
    errors.push({ field: 'area', message: `must be one of: ${ids.join(', ')}` });
  } else value.area = given.area ?? null;
  if (given.areaOther !== undefined) {
    if (value.area === 'other') value.areaOther = given.areaOther;
    else errors.push({ field: 'areaOther', message: 'goes only with area "other"' });
  }
  if (given.postcode !== undefined) {
    const digits = given.postcode.replace(/\s/g, '');
    if (!settings.askPostcode) notAsked('postcode');
    else if (!POSTCODE_DIGITS.test(digits))
      errors.push({ field: 'postcode', message: 'must be the 4 digits of a postcode' });
    else value.postcode = digits;
  }
  return { value, errors };
}
