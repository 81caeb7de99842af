import { describe, expect, it } from 'vitest';
import type { Session } from '../../shared/domain/model';
import {
  endsAt,
  isFull,
  isRegistrationOpen,
  registrationClosesAt,
  seatsLeft,
  startsAt,
} from '../../shared/domain/session-rules';

const aSession = (o: Partial<Session> = {}): Session => ({
  id: 's',
  programmeId: 'p',
  kind: 'knowledge',
  title: { nl: 'T' },
  description: null,
  date: '2027-03-03',
  startTime: '16:00',
  endTime: '17:30',
  timeZone: 'Europe/Amsterdam',
  location: null,
  capacity: 40,
  provisional: true,
  status: 'scheduled',
  registrationOpen: true,
  version: 1,
  confirmedCount: 0,
  waitlistCount: 0,
  offeredCount: 0,
  createdAt: '2027-01-01T00:00:00Z',
  updatedAt: '2027-01-01T00:00:00Z',
  ...o,
});

describe('session instants', () => {
  it('derives the offset from the zone on the day: winter and summer time', () => {
    expect(startsAt(aSession({ date: '2027-03-03' }))).toBe('2027-03-03T16:00:00+01:00');
    expect(startsAt(aSession({ date: '2027-04-02' }))).toBe('2027-04-02T16:00:00+02:00');
    expect(endsAt(aSession({ date: '2027-10-22' }))).toBe('2027-10-22T17:30:00+02:00');
    expect(endsAt(aSession({ date: '2027-11-26' }))).toBe('2027-11-26T17:30:00+01:00');
  });

  it('has no instants while the time is to be decided', () => {
    const s = aSession({ startTime: null, endTime: null });
    expect([startsAt(s), endsAt(s)]).toEqual([null, null]);
  });

  it('handles the night the clocks go forward', () => {
    // 02:30 does not exist on 28 March 2027 in Amsterdam; it is moved forward to 03:30 CEST.
    expect(startsAt(aSession({ date: '2027-03-28', startTime: '02:30', endTime: null }))).toBe(
      '2027-03-28T03:30:00+02:00',
    );
  });
});

describe('registration window', () => {
  it('closes at the start, or at the end of the day when the time is to be decided', () => {
    expect(new Date(registrationClosesAt(aSession())).toISOString()).toBe('2027-03-03T15:00:00.000Z');
    expect(new Date(registrationClosesAt(aSession({ date: '2027-04-23', startTime: null }))).toISOString()).toBe(
      '2027-04-23T22:00:00.000Z',
    );
  });

  it('is open only for scheduled, open sessions before they close', () => {
    const before = new Date('2027-03-03T14:59:59Z');
    expect(isRegistrationOpen(aSession(), before)).toBe(true);
    expect(isRegistrationOpen(aSession(), new Date('2027-03-03T15:00:00Z'))).toBe(false);
    expect(isRegistrationOpen(aSession({ status: 'cancelled' }), before)).toBe(false);
    expect(isRegistrationOpen(aSession({ registrationOpen: false }), before)).toBe(false);
  });
});

describe('seats', () => {
  it('counts seats left, never below zero, and none for unlimited sessions', () => {
    expect(seatsLeft(aSession({ capacity: 40, confirmedCount: 12 }))).toBe(28);
    expect(seatsLeft(aSession({ capacity: 10, confirmedCount: 12 }))).toBe(0);
    expect(seatsLeft(aSession({ capacity: null }))).toBeNull();
  });

  it('is full while seats are taken or others are waiting (no queue jumping)', () => {
    expect(isFull(aSession({ capacity: 2, confirmedCount: 1 }))).toBe(false);
    expect(isFull(aSession({ capacity: 2, confirmedCount: 2 }))).toBe(true);
    expect(isFull(aSession({ capacity: 2, confirmedCount: 1, waitlistCount: 1 }))).toBe(true);
    expect(isFull(aSession({ capacity: null, confirmedCount: 1000 }))).toBe(false);
  });
});
