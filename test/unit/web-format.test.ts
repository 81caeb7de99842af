import { describe, expect, it } from 'vitest';
import { dateTimeAttribute, formatSessionDate, formatSessionTime } from '../../web/src/format';

const amsterdam = {
  date: '2027-03-03',
  startTime: '16:00',
  endTime: '17:30',
  startsAt: '2027-03-03T16:00:00+01:00',
  endsAt: '2027-03-03T17:30:00+01:00',
  timeZone: 'Europe/Amsterdam',
};

describe('formatSessionDate', () => {
  it('writes the weekday, day, month and year in Dutch and English', () => {
    expect(formatSessionDate(amsterdam, 'nl')).toBe('woensdag 3 maart 2027');
    expect(formatSessionDate(amsterdam, 'en')).toBe('Wednesday 3 March 2027');
  });

  it('takes the day from the session zone, not from UTC, for an evening session', () => {
    // 00:30 in Amsterdam on 4 March is still 3 March in UTC.
    const late = { date: '2027-03-04', startsAt: '2027-03-04T00:30:00+01:00', timeZone: 'Europe/Amsterdam' };
    expect(formatSessionDate(late, 'en')).toBe('Thursday 4 March 2027');
  });

  it('uses the local date when the time is not known yet', () => {
    const tbd = { date: '2027-04-23', startsAt: null, timeZone: 'Europe/Amsterdam' };
    expect(formatSessionDate(tbd, 'nl')).toBe('vrijdag 23 april 2027');
    expect(formatSessionDate(tbd, 'en')).toBe('Friday 23 April 2027');
  });

  it('falls back to the raw text for a date it cannot read', () => {
    expect(formatSessionDate({ date: 'soon', startsAt: null, timeZone: 'Europe/Amsterdam' }, 'nl')).toBe('soon');
  });
});

describe('formatSessionTime', () => {
  it('shows start and end on the 24-hour clock in both languages', () => {
    expect(formatSessionTime(amsterdam, 'nl')).toBe('16:00–17:30');
    expect(formatSessionTime(amsterdam, 'en')).toBe('16:00–17:30');
  });

  it('reads the instants in the session zone across the DST change (summer time)', () => {
    const april = {
      ...amsterdam,
      date: '2027-04-02',
      startsAt: '2027-04-02T14:00:00Z',
      endsAt: '2027-04-02T15:30:00Z',
    };
    expect(formatSessionTime(april, 'nl')).toBe('16:00–17:30');
  });

  it('uses the local times when no instants are given', () => {
    expect(formatSessionTime({ ...amsterdam, startsAt: null, endsAt: null }, 'en')).toBe('16:00–17:30');
    expect(formatSessionTime({ ...amsterdam, startsAt: null, endsAt: null, endTime: null }, 'en')).toBe('16:00');
  });

  it('returns null when the time is to be decided', () => {
    expect(
      formatSessionTime({ ...amsterdam, startTime: null, endTime: null, startsAt: null, endsAt: null }, 'nl'),
    ).toBeNull();
  });

  it('gives <time datetime> the instant when known, else the date', () => {
    expect(dateTimeAttribute(amsterdam)).toBe('2027-03-03T16:00:00+01:00');
    expect(dateTimeAttribute({ date: '2027-04-23', startsAt: null })).toBe('2027-04-23');
  });
});
