import { describe, expect, it } from 'vitest';
import { scheduleRequest } from '../../shared/adapters/scheduler/eventbridge-scheduler';
import { SendThrottled, TokenBucket } from '../../shared/adapters/ses/rate-limit';
import { holdScheduleName } from '../../shared/domain/holds';
import type { Programme } from '../../shared/domain/model';
import {
  firingDecision,
  planSchedules,
  SCHEDULE_NAME_MAX,
  scheduledOccasion,
  scheduleName,
} from '../../shared/domain/schedules';
import { ProgrammeFile } from '../../shared/domain/schemas';
import { newEvent, type PendingEvent } from '../../shared/events/catalogue';
import type { SchedulerPort } from '../../shared/ports/scheduler';
import { planHoldExpiry, removeHoldSchedule } from '../../shared/usecases/hold-expiry';
import { recipientsOf } from '../../shared/usecases/schedules';
import { aProgramme, aRegistration, aSession } from '../support/builders';

const iso = (d: Date) => d.toISOString();

describe('planning a session’s schedules', () => {
  it('plans the organisers’ access summary days before at 09:00 local only when access needs are asked', () => {
    const session = aSession({ id: 's', date: '2027-03-30', startTime: '08:30', endTime: '10:00' });
    const access = (inclusion: unknown) =>
      planSchedules(session, aProgramme({ inclusion } as Partial<Programme>)).wanted.filter(
        (x) => x.name === 's-access',
      );
    expect(access(undefined)).toEqual([]);
    expect(access({ accessNeeds: false, heardVia: true, accessSummaryDaysBefore: 3 })).toEqual([]);
    expect(access({ accessNeeds: true, heardVia: false, accessSummaryDaysBefore: 0 })).toEqual([]);
    const [three] = access({ accessNeeds: true, heardVia: false, accessSummaryDaysBefore: 3 });
    expect([iso(three?.at ?? new Date(0)), three?.localAt, three?.input.offset]).toEqual([
      '2027-03-27T08:00:00.000Z',
      '2027-03-27T09:00:00',
      'd3',
    ]);
  });

  it('counts calendar days in the session’s zone: 16:00 stays 16:00 across the change to summer time', () => {
    // 2027-03-28 is the night clocks go forward in Amsterdam: two days before 16:00 CEST on the
    // 29th is 16:00 CET on the 27th (15:00Z), not 48 hours earlier (14:00Z).
    const plan = planSchedules(
      aSession({ id: 's', date: '2027-03-29', startTime: '16:00', endTime: '17:30' }),
      aProgramme(),
    );
    expect(plan.wanted.map((s) => [s.name, iso(s.at), s.localAt])).toEqual([
      ['s-reminder-d2', '2027-03-27T15:00:00.000Z', '2027-03-27T16:00:00'],
      ['s-reminder-d0-0900', '2027-03-29T07:00:00.000Z', '2027-03-29T09:00:00'],
      // Offers from the waiting list close two hours before the start (shared/domain/waitlist.ts).
      ['s-waitlist-close', '2027-03-29T12:00:00.000Z', '2027-03-29T14:00:00'],
      ['s-feedback', '2027-03-29T16:30:00.000Z', '2027-03-29T18:30:00'],
    ]);
  });

  it('hours before are elapsed time; a session’s own rules replace the programme’s, [] means none', () => {
    const programme = aProgramme({ reminders: [{ hoursBefore: 48 }] });
    const s = aSession({ id: 's', date: '2027-03-29', startTime: '16:00', endTime: null });
    expect(planSchedules(s, programme).wanted.map((x) => [x.name, iso(x.at)])).toEqual([
      ['s-reminder-h48', '2027-03-27T14:00:00.000Z'],
      ['s-waitlist-close', '2027-03-29T12:00:00.000Z'],
      ['s-feedback', '2027-03-30T07:00:00.000Z'], // no end time: the next morning at 09:00
    ]);
    expect(planSchedules({ ...s, reminders: [] }, programme).wanted.map((x) => x.name)).toEqual([
      's-waitlist-close',
      's-feedback',
    ]);
    expect(planSchedules(s, { ...programme, feedbackRequest: null }).wanted.map((x) => x.name)).toEqual([
      's-reminder-h48',
      's-waitlist-close',
    ]);
  });

  it('drops reminders at or after the start, past instants, and everything of a cancelled session', () => {
    const early = aSession({ id: 'e', date: '2027-05-10', startTime: '08:30', endTime: '10:00' });
    expect(planSchedules(early, aProgramme()).wanted.map((x) => x.name)).toEqual([
      'e-reminder-d2',
      'e-waitlist-close',
      'e-feedback',
    ]);
    expect(planSchedules(early, aProgramme(), new Date('2027-05-09T00:00:00Z')).wanted.map((x) => x.name)).toEqual([
      'e-waitlist-close',
      'e-feedback',
    ]);
    expect(planSchedules(early, aProgramme(), new Date('2027-05-10T06:30:00Z')).wanted.map((x) => x.name)).toEqual([
      'e-feedback',
    ]);
    const cancelled = planSchedules({ ...early, status: 'cancelled' }, aProgramme());
    expect(cancelled.wanted).toEqual([]);
    expect(cancelled.unwanted.sort()).toEqual([
      'e-access',
      'e-feedback',
      'e-reminder-d0-0900',
      'e-reminder-d2',
      'e-waitlist-close',
    ]);
  });

  it('gives a time that occurs twice (clocks going back) in UTC', () => {
    const s = aSession({ id: 'n', date: '2027-11-02', startTime: '02:30', endTime: '04:00' });
    const [d2] = planSchedules(s, aProgramme({ reminders: [{ daysBefore: 2 }] })).wanted;
    // 2027-10-31 02:30 happens twice in Amsterdam (00:30Z and 01:30Z): the instant the plan
    // resolved (the later, CET) is handed to Scheduler in UTC, so it cannot pick the other one.
    expect(d2?.timeZone).toBe('UTC');
    expect(d2?.localAt).toBe('2027-10-31T01:30:00');
    expect(d2?.at.toISOString()).toBe('2027-10-31T01:30:00.000Z');
  });

  it('names are deterministic, within Scheduler’s limits, and hashed when the id is long', () => {
    expect(scheduleName('2027-03-03-kennis', 'reminder', 'd2')).toBe('2027-03-03-kennis-reminder-d2');
    const long = 'a'.repeat(80);
    const name = scheduleName(long, 'reminder', 'd0-0900');
    expect(name.length).toBeLessThanOrEqual(SCHEDULE_NAME_MAX);
    expect(name).toMatch(/^[0-9a-zA-Z_.-]+$/);
    expect(name).toBe(scheduleName(long, 'reminder', 'd0-0900'));
    expect(scheduleName(`${'a'.repeat(79)}b`, 'reminder', 'd0-0900')).not.toBe(name);
  });

  it('the programme file validates reminder rules, naming the field', () => {
    const base = {
      id: 'p',
      title: { nl: 'P' },
      sessions: [{ id: 's', kind: 'knowledge', title: { nl: 'S' }, date: '2027-03-03' }],
    };
    expect(ProgrammeFile.safeParse({ ...base, reminders: [{ daysBefore: 1, atLocalTime: '18:00' }] }).success).toBe(
      true,
    );
    const bad = ProgrammeFile.safeParse({ ...base, reminders: [{ daysBefore: 0 }] });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues[0]?.path.slice(0, 2)).toEqual(['reminders', 0]);
  });
});

describe('a schedule that fires', () => {
  const session = aSession({ id: 's', date: '2027-03-30', startTime: '16:00', endTime: '17:30', version: 3 });
  const [d2, , close, feedback] = planSchedules(session, aProgramme()).wanted;
  const at = new Date('2027-03-28T14:00:00Z');

  it('sends for the current version, not after a reschedule, and still after a change that did not move it', () => {
    if (!d2) throw new Error('no plan');
    expect(firingDecision(d2.input, session, aProgramme(), at)).toEqual({ send: true });
    const moved = { ...session, date: '2027-04-06', version: 4 };
    expect(firingDecision(d2.input, moved, aProgramme(), at)).toEqual({ send: false, why: 'stale-version' });
    const renamed = { ...session, title: { nl: 'Nieuwe titel' }, version: 4 };
    expect(firingDecision(d2.input, renamed, aProgramme(), at)).toEqual({ send: true });
    expect(firingDecision(d2.input, { ...session, status: 'cancelled' }, aProgramme(), at)).toEqual({
      send: false,
      why: 'session-cancelled',
    });
    expect(firingDecision(d2.input, session, aProgramme(), new Date('2027-03-30T14:00:00Z'))).toEqual({
      send: false,
      why: 'session-started',
    });
    expect(firingDecision(d2.input, null, aProgramme(), at)).toEqual({ send: false, why: 'session-gone' });
  });

  it('a feedback request goes until feedback closes', () => {
    if (!feedback) throw new Error('no plan');
    expect(firingDecision(feedback.input, session, aProgramme(), new Date('2027-04-20T00:00:00Z')).send).toBe(true);
    expect(firingDecision(feedback.input, session, aProgramme(), new Date('2027-05-01T00:00:00Z'))).toEqual({
      send: false,
      why: 'feedback-closed',
    });
  });

  it('ledger occasions are per offset and version; the waiting list closes once whatever the version', () => {
    expect(scheduledOccasion({ offset: 'd2' }, 3)).toBe('d2@v3');
    expect(scheduledOccasion({}, 3)).toBe('v3');
    expect(scheduledOccasion({ purpose: 'waitlist-close' }, 3)).toBe('once');
    expect(scheduledOccasion({ purpose: 'waitlist-close' }, 4)).toBe('once');
  });

  it('the waiting list closes closeHoursBeforeStart before the start; moved by a reschedule; none without offers', () => {
    if (!close) throw new Error('no plan');
    expect([close.name, close.at.toISOString()]).toEqual(['s-waitlist-close', '2027-03-30T12:00:00.000Z']);
    expect(firingDecision(close.input, session, aProgramme(), new Date('2027-03-30T12:00:00Z'))).toEqual({
      send: true,
    });
    const moved = { ...session, date: '2027-04-06', version: 4 };
    expect(firingDecision(close.input, moved, aProgramme(), at)).toEqual({ send: false, why: 'stale-version' });
    const movedClose = planSchedules(moved, aProgramme()).wanted.find((s) => s.name === 's-waitlist-close');
    expect(movedClose?.at.toISOString()).toBe('2027-04-06T12:00:00.000Z');
    const custom = aProgramme({ waitlist: { closeHoursBeforeStart: 6 } });
    expect(
      planSchedules(session, custom)
        .wanted.find((s) => s.name === 's-waitlist-close')
        ?.at.toISOString(),
    ).toBe('2027-03-30T08:00:00.000Z');
    const noOffers = planSchedules(session, aProgramme({ waitlist: { offerWithinHours: 0 } }));
    expect(noOffers.wanted.map((s) => s.name)).not.toContain('s-waitlist-close');
    expect(noOffers.unwanted).toContain('s-waitlist-close');
    expect(firingDecision(close.input, session, aProgramme(), new Date('2027-03-30T14:00:00Z'))).toEqual({
      send: false,
      why: 'session-started',
    });
  });

  it('feedback requests go only to those present once any attendance is recorded', () => {
    const att = (present: boolean) => ({ present, recordedAt: '2027-03-30T16:00:00Z', recordedBy: 'o' });
    const regs = [
      { registration: aRegistration({ id: 'a' }), attendance: att(true) },
      { registration: aRegistration({ id: 'b' }), attendance: att(false) },
      { registration: aRegistration({ id: 'c' }), attendance: null },
      { registration: aRegistration({ id: 'w', status: 'waitlisted' }), attendance: null },
    ];
    expect(recipientsOf({ purpose: 'feedback-request' }, regs).map((r) => r.id)).toEqual(['a']);
    expect(recipientsOf({ purpose: 'reminder' }, regs).map((r) => r.id)).toEqual(['a', 'b', 'c']);
    expect(recipientsOf({ purpose: 'feedback-request' }, regs.slice(2)).map((r) => r.id)).toEqual(['c']);
  });

  it('the Scheduler request is at() in the session zone, deleted after completion, with DLQ and retries', () => {
    if (!d2) throw new Error('no plan');
    const request = scheduleRequest(d2, {
      group: 'stadsgesprekken-dev',
      targetArn: 'arn:aws:lambda:eu-west-1:1:function:dispatcher',
      roleArn: 'arn:aws:iam::1:role/scheduler',
      deadLetterArn: 'arn:aws:sqs:eu-west-1:1:schedule-dlq',
    });
    expect(request).toMatchObject({
      Name: 's-reminder-d2',
      GroupName: 'stadsgesprekken-dev',
      ScheduleExpression: 'at(2027-03-28T16:00:00)',
      ScheduleExpressionTimezone: 'Europe/Amsterdam',
      FlexibleTimeWindow: { Mode: 'OFF' },
      ActionAfterCompletion: 'DELETE',
      Target: {
        DeadLetterConfig: { Arn: 'arn:aws:sqs:eu-west-1:1:schedule-dlq' },
        RetryPolicy: { MaximumRetryAttempts: 4 },
      },
    });
    expect(JSON.parse(request.Target?.Input ?? '')).toEqual({
      sessionId: 's',
      purpose: 'reminder',
      offset: 'd2',
      version: 3,
      dueAt: '2027-03-28T14:00:00Z',
    });
  });
});

describe('the token bucket', () => {
  it('lets `burst` through at once, then one per 1/rate, and refuses a wait beyond the limit', async () => {
    let now = 0;
    const slept: number[] = [];
    const bucket = new TokenBucket({
      ratePerSecond: 10,
      burst: 2,
      now: () => now,
      sleep: async (ms) => {
        slept.push(ms);
      },
    });
    await bucket.take();
    await bucket.take();
    expect(slept).toEqual([]);
    await bucket.take(); // one token owed: 100 ms
    await bucket.take(); // two owed: 200 ms
    expect(slept.map(Math.round)).toEqual([100, 200]);
    await expect(bucket.take(250)).rejects.toBeInstanceOf(SendThrottled);
    now = 1000; // a second later the debt is paid and the bucket is full again
    expect(bucket.waitEstimate()).toBe(0);
  });
});

describe('a hold’s schedule once the hold ended', () => {
  const scheduler = () => {
    const names = new Set<string>();
    const port: SchedulerPort = {
      put: async (s) => {
        const existed = names.has(s.name);
        names.add(s.name);
        return existed ? 'updated' : 'created';
      },
      delete: async (name) => names.delete(name),
      get: async () => null,
    };
    return { names, port };
  };
  const event = (name: 'RegistrationHeld' | 'AddressConfirmed' | 'HoldReleased' | 'RegistrationCancelled') => {
    const base = { registrationId: 'r-1', sessionId: 's-1' };
    const data =
      name === 'RegistrationHeld'
        ? { ...base, holdExpiresAt: '2027-03-02T15:00:00.000Z' }
        : name === 'HoldReleased'
          ? { ...base, reason: 'address-bounced' }
          : base;
    return newEvent({ name, data } as PendingEvent, `e-${name}`, new Date('2027-03-01T09:00:00Z'));
  };

  it.each(['AddressConfirmed', 'HoldReleased'] as const)(
    '%s deletes it; a repeat finds none and is fine',
    async (name) => {
      const { names, port } = scheduler();
      await planHoldExpiry({ scheduler: port }, event('RegistrationHeld'));
      expect([...names]).toEqual([holdScheduleName('r-1')]);
      expect(await removeHoldSchedule({ scheduler: port }, event(name))).toEqual({ name: 'hold-r-1', deleted: true });
      expect(names.size).toBe(0);
      expect(await removeHoldSchedule({ scheduler: port }, event(name))).toEqual({ name: 'hold-r-1', deleted: false });
    },
  );

  it('leaves it for any other event', async () => {
    const { names, port } = scheduler();
    await planHoldExpiry({ scheduler: port }, event('RegistrationHeld'));
    expect(await removeHoldSchedule({ scheduler: port }, event('RegistrationCancelled'))).toBeNull();
    expect(await removeHoldSchedule({ scheduler: port }, event('RegistrationHeld'))).toBeNull();
    expect(names.size).toBe(1);
  });
});
