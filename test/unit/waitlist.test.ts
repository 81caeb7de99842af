import { describe, expect, it } from 'vitest';
import {
  DEFAULT_WAITLIST,
  freedSeatDecision,
  insideOfferWindow,
  offerExpiry,
  offerHasLapsed,
  offerIsOpen,
  offersCloseAt,
  WaitlistSettings,
  waitlistSettingsOf,
} from '../../shared/domain/waitlist';
import { aSession, aSessionWithoutTime } from '../support/builders';

// The builder's session starts Wednesday 3 March 2027 at 16:00 Amsterdam: 15:00Z.
const START = Date.parse('2027-03-03T15:00:00Z');
const HOUR = 3_600_000;
const hoursBefore = (h: number) => new Date(START - h * HOUR);
const session = aSession();

describe('waitlist settings', () => {
  it('has the documented defaults, for an absent setting and for an empty object', () => {
    expect(DEFAULT_WAITLIST).toEqual({ offerWithinHours: 48, offerHours: 12, closeHoursBeforeStart: 2 });
    expect(waitlistSettingsOf(null)).toEqual(DEFAULT_WAITLIST);
    expect(waitlistSettingsOf({})).toEqual(DEFAULT_WAITLIST);
    expect(WaitlistSettings.parse({})).toEqual(DEFAULT_WAITLIST);
    expect(waitlistSettingsOf({ waitlist: { offerHours: 3 } })).toEqual({ ...DEFAULT_WAITLIST, offerHours: 3 });
  });

  it('refuses bad values and unknown keys, naming the field', () => {
    const paths = (v: unknown) => {
      const r = WaitlistSettings.safeParse(v);
      return r.success ? [] : r.error.issues.map((i) => i.path.join('.'));
    };
    expect(paths({ offerHours: 0 })).toEqual(['offerHours']);
    expect(paths({ offerHours: 1.5 })).toEqual(['offerHours']);
    expect(paths({ offerWithinHours: -1 })).toEqual(['offerWithinHours']);
    expect(paths({ closeHoursBeforeStart: 'two' })).toEqual(['closeHoursBeforeStart']);
    expect(paths({ offerMinutes: 5 })).toHaveLength(1);
  });
});

describe('offer expiry', () => {
  it('is offerHours from now when that ends more than an hour before the start', () => {
    const now = hoursBefore(40);
    expect(offerExpiry(new Date(START), DEFAULT_WAITLIST, now).toISOString()).toBe(hoursBefore(28).toISOString());
  });

  it('never runs past one hour before the start', () => {
    const now = hoursBefore(5);
    expect(offerExpiry(new Date(START), DEFAULT_WAITLIST, now).toISOString()).toBe(hoursBefore(1).toISOString());
  });
});

describe('what a freed seat becomes', () => {
  it('is promoted outside the window', () => {
    expect(freedSeatDecision(session, DEFAULT_WAITLIST, hoursBefore(48.01))).toEqual({ kind: 'promote' });
    expect(insideOfferWindow(session, DEFAULT_WAITLIST, hoursBefore(48.01))).toBe(false);
  });

  it('is offered inside the window, from exactly offerWithinHours before the start', () => {
    expect(freedSeatDecision(session, DEFAULT_WAITLIST, hoursBefore(48))).toEqual({
      kind: 'offer',
      expiresAt: hoursBefore(36).toISOString(),
    });
    expect(freedSeatDecision(session, DEFAULT_WAITLIST, hoursBefore(3))).toEqual({
      kind: 'offer',
      expiresAt: hoursBefore(1).toISOString(),
    });
  });

  it('stays free for the door once offers have closed', () => {
    expect(offersCloseAt(session, DEFAULT_WAITLIST)?.toISOString()).toBe(hoursBefore(2).toISOString());
    expect(freedSeatDecision(session, DEFAULT_WAITLIST, hoursBefore(2))).toEqual({ kind: 'keep' });
    expect(freedSeatDecision(session, DEFAULT_WAITLIST, hoursBefore(0.5))).toEqual({ kind: 'keep' });
  });

  it('with closeHoursBeforeStart 0 still makes no offer in the last hour', () => {
    const settings = { ...DEFAULT_WAITLIST, closeHoursBeforeStart: 0 };
    expect(offersCloseAt(session, settings)?.toISOString()).toBe(hoursBefore(1).toISOString());
    expect(freedSeatDecision(session, settings, hoursBefore(1.5)).kind).toBe('offer');
    expect(freedSeatDecision(session, settings, hoursBefore(1)).kind).toBe('keep');
  });

  it('is always promoted with offerWithinHours 0, or while the start time is to be decided', () => {
    const never = { ...DEFAULT_WAITLIST, offerWithinHours: 0 };
    expect(freedSeatDecision(session, never, hoursBefore(3))).toEqual({ kind: 'promote' });
    expect(freedSeatDecision(aSessionWithoutTime(), DEFAULT_WAITLIST, new Date('2027-04-23T08:00:00Z'))).toEqual({
      kind: 'promote',
    });
    expect(offersCloseAt(aSessionWithoutTime(), DEFAULT_WAITLIST)).toBeNull();
  });
});

describe('an offer', () => {
  const offered = { status: 'offered', offerExpiresAt: hoursBefore(10).toISOString() };
  it('is open until its expiry and lapsed from then on', () => {
    expect(offerIsOpen(offered, hoursBefore(10.01))).toBe(true);
    expect(offerHasLapsed(offered, hoursBefore(10.01))).toBe(false);
    expect(offerIsOpen(offered, hoursBefore(10))).toBe(false);
    expect(offerHasLapsed(offered, hoursBefore(10))).toBe(true);
  });
  it('is neither once claimed or cancelled', () => {
    for (const status of ['confirmed', 'cancelled', 'waitlisted']) {
      expect(offerIsOpen({ ...offered, status }, hoursBefore(20))).toBe(false);
      expect(offerHasLapsed({ ...offered, status }, hoursBefore(5))).toBe(false);
    }
  });
});
