import { describe, expect, it } from 'vitest';
import { parseProgramme } from '../../local/programme';
import {
  anonymised,
  hasSessionEnded,
  isDueForAnonymisation,
  personalDataExpiresAt,
  retentionPolicyOf,
  withRetentionApplied,
} from '../../shared/domain/privacy';
import { aRegistration, aSession } from '../support/builders';
import { aProgrammeFile } from '../support/programme-builders';

const iso = (epochSeconds: number) => new Date(epochSeconds * 1000).toISOString();

describe('retention period', () => {
  const march = aSession({ date: '2027-03-03' });
  const programme = [
    march,
    aSession({ id: 'final', date: '2027-11-18' }),
    aSession({ id: 'june', date: '2027-06-10' }),
  ];

  it('defaults to six months after the end of the programme’s last session day, Amsterdam time', () => {
    // Arrange
    const policy = retentionPolicyOf(null);

    // Act
    const expires = personalDataExpiresAt(march, programme, policy);

    // Assert: 18 Nov 2027 23:59:59.999 CET + 6 months = 18 May 2028 23:59:59.999 CEST
    expect(policy).toEqual({ months: 6, after: 'programme-end' });
    expect(iso(expires)).toBe('2028-05-18T22:00:00.000Z');
  });

  it('can run from each registration’s own session instead, with any number of months', () => {
    const expires = personalDataExpiresAt(march, programme, { months: 3, after: 'session' });

    // 3 March 23:59:59.999 CET + 3 months = 3 June 23:59:59.999 CEST
    expect(iso(expires)).toBe('2027-06-03T22:00:00.000Z');
  });

  it('is read from the programme’s settings', () => {
    expect(retentionPolicyOf({ retentionMonths: 12, retentionAfter: 'session' })).toEqual({
      months: 12,
      after: 'session',
    });
  });
});

describe('reads after the expiry', () => {
  const expiresAt = Date.parse('2028-05-18T22:00:00Z') / 1000;
  const reg = aRegistration({
    organisation: 'Buurtteam Noord',
    neighbourhood: 'Noord',
    personalDataExpiresAt: expiresAt,
  });

  it('return the registration unchanged before the expiry', () => {
    expect(withRetentionApplied(reg, new Date('2028-05-18T21:59:59Z'))).toEqual(reg);
  });

  it('return it anonymised from the expiry on, even before the retention job ran', () => {
    const read = withRetentionApplied(reg, new Date('2028-05-18T22:00:00Z'));

    expect(read).toMatchObject({
      name: '',
      email: '',
      emailHash: '',
      organisation: null,
      anonymisedAt: '2028-05-18T22:00:00.000Z',
      erasedBy: 'retention',
      // what the anonymous counts need stays
      role: reg.role,
      neighbourhood: 'Noord',
      status: 'confirmed',
    });
  });

  it('never anonymise a registration without a recorded expiry on read', () => {
    const legacy = aRegistration({ personalDataExpiresAt: null });
    expect(withRetentionApplied(legacy, new Date('2099-01-01T00:00:00Z'))).toEqual(legacy);
  });

  it('keep the first anonymisation time and actor', () => {
    const once = anonymised(reg, '2027-05-01T00:00:00.000Z', 'registrant');
    expect(anonymised(once, '2028-01-01T00:00:00.000Z', 'retention')).toMatchObject({
      anonymisedAt: '2027-05-01T00:00:00.000Z',
      erasedBy: 'registrant',
    });
  });
});

describe('the retention job’s choice', () => {
  const now = new Date('2028-06-01T00:00:00Z');
  const past = now.getTime() / 1000 - 1;
  const future = now.getTime() / 1000 + 86_400;

  it.each([
    ['stored expiry passed', { personalDataExpiresAt: past }, future, true],
    ['stored expiry to come', { personalDataExpiresAt: future }, future, false],
    ['no stored expiry, session expiry passed', {}, past, true],
    ['no stored expiry, session expiry to come', {}, future, false],
    ['retention shortened since: today’s settings win', { personalDataExpiresAt: future }, past, true],
    ['already anonymised', { personalDataExpiresAt: past, anonymisedAt: '2028-01-01' }, past, false],
  ])('%s', (_what, item, sessionExpiry, due) => {
    expect(isDueForAnonymisation(item, sessionExpiry, now)).toBe(due);
  });
});

describe('has the session ended', () => {
  const s = aSession({ date: '2027-03-03', startTime: '16:00', endTime: '17:30' });
  it('at its end time in its own zone', () => {
    expect(hasSessionEnded(s, new Date('2027-03-03T16:29:59Z'))).toBe(false);
    expect(hasSessionEnded(s, new Date('2027-03-03T16:30:00Z'))).toBe(true);
  });
  it('at the end of its day when the time is still to be decided', () => {
    const tbd = aSession({ date: '2027-04-23', startTime: null, endTime: null });
    expect(hasSessionEnded(tbd, new Date('2027-04-23T21:59:59Z'))).toBe(false);
    expect(hasSessionEnded(tbd, new Date('2027-04-23T22:00:00Z'))).toBe(true);
  });
});

describe('programme file privacy settings', () => {
  it('accepts a notice and a retention period', () => {
    const p = parseProgramme(
      aProgrammeFile(undefined, {
        privacyNotice: { url: 'https://gemeente.example.nl/privacy', version: '2027-01' },
        retentionMonths: 12,
      }),
    );
    expect(p.privacyNotice).toEqual({ url: 'https://gemeente.example.nl/privacy', version: '2027-01' });
    expect(p.retentionMonths).toBe(12);
  });

  it.each([
    [{ privacyNotice: { url: 'javascript:alert(1)', version: '1' } }, 'privacyNotice.url'],
    [{ privacyNotice: { url: 'https://x.example/p', version: '' } }, 'privacyNotice.version'],
    [{ retentionMonths: 0 }, 'retentionMonths'],
    [{ retentionMonths: 1.5 }, 'retentionMonths'],
    [{ retentionAfter: 'forever' }, 'retentionAfter'],
  ])('refuses %j naming the field', (overrides, field) => {
    expect(() => parseProgramme({ ...aProgrammeFile(), ...overrides })).toThrow(field);
  });
});
