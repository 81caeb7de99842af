import { describe, expect, it } from 'vitest';
import { AMSTERDAM_AREAS, areaLabel, areaOptions, parseArea } from '../../shared/domain/areas';
import { AreaSettings } from '../../shared/domain/schemas';

const amsterdam = AreaSettings.parse({ askPostcode: true });

describe('areas instead of free text', () => {
  it('offers Amsterdam’s stadsdelen, outside Amsterdam, rather not say, and other last by default', () => {
    expect(areaOptions(amsterdam).map((o) => o.label.nl)).toEqual([
      'Centrum',
      'Nieuw-West',
      'Noord',
      'Oost',
      'West',
      'Zuid',
      'Zuidoost',
      'Weesp',
      'Buiten Amsterdam',
      'Zeg ik liever niet',
      'Anders',
    ]);
    expect(AMSTERDAM_AREAS).toHaveLength(10);
  });

  it('takes a programme’s own list, but never its own "other"', () => {
    const own = AreaSettings.parse({ options: [{ id: 'diemen', label: { nl: 'Diemen' } }] });
    expect(areaOptions(own).map((o) => o.id)).toEqual(['diemen', 'other']);
    expect(AreaSettings.safeParse({ options: [{ id: 'other', label: { nl: 'X' } }] }).success).toBe(false);
  });

  it('accepts an area, free text only with "other", and the 4 postcode digits', () => {
    expect(parseArea(amsterdam, { area: 'zuidoost', postcode: '1102' })).toEqual({
      value: { area: 'zuidoost', areaOther: null, postcode: '1102' },
      errors: [],
    });
    expect(parseArea(amsterdam, { area: 'other', areaOther: 'Amstelveen' }).value).toEqual({
      area: 'other',
      areaOther: 'Amstelveen',
      postcode: null,
    });
  });

  it('names each refused field', () => {
    expect(
      parseArea(amsterdam, { area: 'de-pijp', areaOther: 'x', postcode: '1094AB' }).errors.map((e) => e.field),
    ).toEqual(['area', 'areaOther', 'postcode']);
    expect(parseArea(AreaSettings.parse({}), { postcode: '1094' }).errors).toEqual([
      { field: 'postcode', message: 'is not asked by this programme' },
    ]);
    expect(parseArea(undefined, { area: 'noord' }).errors).toEqual([
      { field: 'area', message: 'is not asked by this programme' },
    ]);
  });

  it('names an area by its label, an unknown one by its id', () => {
    expect(areaLabel(amsterdam, 'outside-amsterdam')).toEqual({ nl: 'Buiten Amsterdam', en: 'Outside Amsterdam' });
    expect(areaLabel(undefined, 'gone')).toEqual({ nl: 'gone' });
  });
});
