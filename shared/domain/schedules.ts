import { createHash } from 'node:crypto';
import { feedbackWindow, feedbackWindowDays } from './feedback-window';
import type { Programme, Session } from './model';
import type { FeedbackRequestRule, ReminderRule } from './schemas';
import * as z from './zod';

export type { FeedbackRequestRule, ReminderRule };

import { addDays, instantToIso, localDateAt, localDateTimeAt, localToInstant } from './time';
import { offersCloseAt, waitlistSettingsOf } from './waitlist';

const HOUR = 3_600_000;

/**
 * The one-time schedules of a session: its reminders and its feedback request. Pure: the planner
 * puts what `planSchedules` returns and the dispatcher asks it again when a schedule fires, so
 * both agree on names, instants and what is still wanted.
 *
 * A reminder rule is either calendar days before the session at a local time (`daysBefore`, and
 * `atLocalTime` or else the session's own start time) or a number of hours before the start
 * (`hoursBefore`, elapsed time). Calendar days are counted in the session's zone, so "two days
 * before at the start time" stays at 16:00 local across a daylight-saving change.
 */

/** When the organiser says nothing: two days before at the start time, and 09:00 on the day. */
export const DEFAULT_REMINDERS: readonly ReminderRule[] = [{ daysBefore: 2 }, { daysBefore: 0, atLocalTime: '09:00' }];

export const DEFAULT_FEEDBACK_REQUEST: FeedbackRequestRule = { minutesAfterEnd: 60, nextDayAt: '09:00' };

/** What a schedule is for: mails to registrants, or the organisers' "to arrange" summary of access needs. */
export type SchedulePurpose = 'reminder' | 'feedback-request' | 'access-summary' | 'waitlist-close';

/** The local time the "to arrange" summary goes, `inclusion.accessSummaryDaysBefore` days before the session. */
export const ACCESS_SUMMARY_AT = '09:00';

/** The input every schedule carries to the dispatcher. */
export const ScheduleInput = z.object({
  sessionId: z.string().check(z.minLength(1), z.maxLength(200)),
  /**
   * `hold-expiry`: one registration's unconfirmed hold ends (shared/domain/holds.ts); `offer-expiry`:
   * one registration's offer of a seat ends; `waitlist-close`: the session's offers close
   * (shared/domain/waitlist.ts).
   */
  purpose: z.enum(['reminder', 'feedback-request', 'hold-expiry', 'offer-expiry', 'access-summary', 'waitlist-close']),
  /** For `hold-expiry` and `offer-expiry`: the registration whose hold or offer ends. */
  registrationId: z.optional(z.string().check(z.minLength(1), z.maxLength(200))),
  /** The reminder rule's key (`d2`, `d0-0900`, `h8`), or the summary's days (`d3`); absent for the feedback request. */
  offset: z.optional(z.string().check(z.minLength(1), z.maxLength(20))),
  /** The session version the schedule was planned for. */
  version: z.number().check(z.int(), z.positive()),
  /** The planned instant, ISO 8601 UTC. */
  dueAt: z.iso.datetime(),
});
export type ScheduleInput = z.infer<typeof ScheduleInput>;
/** The input of a session's own schedules (reminders, feedback request). */
export type SessionScheduleInput = ScheduleInput & { purpose: SchedulePurpose };

export interface PlannedSchedule {
  /** Deterministic per session and purpose (and reminder offset): the schedule's name. */
  name: string;
  input: ScheduleInput;
  /** The instant it fires. */
  at: Date;
  /** `at` as local wall time `yyyy-mm-ddThh:mm:ss` in `timeZone`, for Scheduler's `at()`. */
  localAt: string;
  /** The zone `localAt` is read in: the session's, or UTC when that wall time occurs twice. */
  timeZone: string;
}

/** EventBridge Scheduler's limits on a schedule name. */
export const SCHEDULE_NAME_MAX = 64;
const NAME_CHARSET = /^[0-9a-zA-Z_.-]+$/;

/** `d2` (two days before at the start time), `d0-0900` (the day itself at 09:00), `h8`. */
export function reminderKey(rule: ReminderRule): string {
  if ('hoursBefore' in rule) return `h${rule.hoursBefore}`;
  return rule.atLocalTime === undefined
    ? `d${rule.daysBefore}`
    : `d${rule.daysBefore}-${rule.atLocalTime.replace(':', '')}`;
}

const SUFFIX: Record<SchedulePurpose, (offset?: string) => string> = {
  reminder: (offset) => `-reminder-${offset ?? ''}`,
  'feedback-request': () => '-feedback',
  // One per session whatever the days: a changed setting moves it instead of leaving the old one.
  'access-summary': () => '-access',
  'waitlist-close': () => '-waitlist-close',
};

/**
 * `<sessionId>-reminder-<key>`, `<sessionId>-feedback` or `<sessionId>-access`. When that is longer
 * than Scheduler allows, the session id is cut and a hash of the whole id keeps the name unique.
 */
export function scheduleName(sessionId: string, purpose: SchedulePurpose, offset?: string): string {
  const suffix = SUFFIX[purpose](offset);
  let name = `${sessionId}${suffix}`;
  if (name.length > SCHEDULE_NAME_MAX) {
    const hash = createHash('sha256').update(sessionId).digest('hex').slice(0, 10);
    name = `${sessionId.slice(0, SCHEDULE_NAME_MAX - suffix.length - hash.length - 1)}.${hash}${suffix}`;
  }
  if (!NAME_CHARSET.test(name)) throw new Error(`schedule name ${name} has characters Scheduler refuses`);
  return name;
}

/** The reminders of a session: its own rules when it has them (even none), else the programme's. */
export const reminderRules = (
  session: Pick<Session, 'reminders'>,
  programme: Pick<Programme, 'reminders'> | null,
): readonly ReminderRule[] => session.reminders ?? programme?.reminders ?? DEFAULT_REMINDERS;

export const feedbackRequestRule = (
  programme: Pick<Programme, 'feedbackRequest'> | null,
): FeedbackRequestRule | null =>
  programme?.feedbackRequest === undefined ? DEFAULT_FEEDBACK_REQUEST : programme.feedbackRequest;

function reminderInstant(session: Session, rule: ReminderRule, start: Date): Date {
  if ('hoursBefore' in rule) return new Date(start.getTime() - rule.hoursBefore * HOUR);
  const day = addDays(localDateAt(start, session.timeZone), -rule.daysBefore);
  return localToInstant(day, rule.atLocalTime ?? (session.startTime as string), session.timeZone);
}

/** Days before the start the summary goes; null when the programme does not ask access needs or wants none. */
export function accessSummaryDays(programme: Pick<Programme, 'inclusion'> | null): number | null {
  const inclusion = programme?.inclusion;
  if (!inclusion?.accessNeeds) return null;
  const days = inclusion.accessSummaryDaysBefore ?? 3;
  return days > 0 ? days : null;
}

function accessSummaryInstant(session: Session, days: number, start: Date): Date {
  const day = addDays(localDateAt(start, session.timeZone), -days);
  return localToInstant(day, ACCESS_SUMMARY_AT, session.timeZone);
}

function feedbackInstant(session: Session, rule: FeedbackRequestRule): Date {
  if (session.startTime !== null && session.endTime !== null) {
    const end = localToInstant(session.date, session.endTime, session.timeZone);
    return new Date(end.getTime() + rule.minutesAfterEnd * 60_000);
  }
  const next = addDays(session.date, 1);
  return localToInstant(next, rule.nextDayAt, session.timeZone);
}

/**
 * Local wall time for `at()`. On the night clocks go back a wall time occurs twice and Scheduler
 * could pick either, so such an instant is given in UTC instead.
 */
function wallTime(at: Date, timeZone: string): { localAt: string; timeZone: string } {
  const format = (ms: number) => localDateTimeAt(ms, timeZone);
  const localAt = format(at.getTime());
  const twice = format(at.getTime() - HOUR) === localAt || format(at.getTime() + HOUR) === localAt;
  return twice ? { localAt: at.toISOString().slice(0, 19), timeZone: 'UTC' } : { localAt, timeZone };
}

function planned(session: Session, purpose: SchedulePurpose, at: Date, offset?: string): PlannedSchedule {
  return {
    name: scheduleName(session.id, purpose, offset),
    input: {
      sessionId: session.id,
      purpose,
      ...(offset === undefined ? {} : { offset }),
      version: session.version,
      dueAt: instantToIso(at, 'UTC'),
    },
    at,
    ...wallTime(at, session.timeZone),
  };
}

export interface SchedulePlan {
  /** Schedules to create or move, in time order. */
  wanted: PlannedSchedule[];
  /** Names the session may hold from its rules that it should not have now (delete if present). */
  unwanted: string[];
}

/**
 * What the session's schedules should be now:
 * - a cancelled session has none;
 * - a session whose time is to be decided gets no reminders (it has no start to count back from),
 *   only its feedback request, the next morning;
 * - a reminder at or after the start is dropped (e.g. 09:00 on the day of an 08:30 session);
 * - with `now`, a schedule whose instant has passed is dropped (Scheduler refuses a past `at()`).
 */
export function planSchedules(session: Session, programme: Programme | null, now?: Date): SchedulePlan {
  const rules = reminderRules(session, programme);
  const feedbackRule = feedbackRequestRule(programme);
  const allNames = [
    ...rules.map((r) => scheduleName(session.id, 'reminder', reminderKey(r))),
    scheduleName(session.id, 'feedback-request'),
    scheduleName(session.id, 'access-summary'),
    scheduleName(session.id, 'waitlist-close'),
  ];
  const offersClose =
    waitlistSettingsOf(programme).offerWithinHours > 0 ? offersCloseAt(session, waitlistSettingsOf(programme)) : null;
  const summaryDays = accessSummaryDays(programme);
  const wanted: PlannedSchedule[] = [];
  if (session.status === 'scheduled') {
    if (session.startTime !== null) {
      const start = localToInstant(session.date, session.startTime, session.timeZone);
      for (const rule of rules) {
        const at = reminderInstant(session, rule, start);
        if (at.getTime() >= start.getTime()) continue;
        wanted.push(planned(session, 'reminder', at, reminderKey(rule)));
      }
      if (summaryDays !== null) {
        const at = accessSummaryInstant(session, summaryDays, start);
        if (at.getTime() < start.getTime()) wanted.push(planned(session, 'access-summary', at, `d${summaryDays}`));
      }
      // Offers from the waiting list close: those still waiting hear once that seats go at the door.
      if (offersClose) wanted.push(planned(session, 'waitlist-close', offersClose));
    }
    if (feedbackRule) wanted.push(planned(session, 'feedback-request', feedbackInstant(session, feedbackRule)));
  }
  const due = wanted
    .filter((s) => now === undefined || s.at.getTime() > now.getTime())
    .filter((s, i, all) => all.findIndex((o) => o.name === s.name) === i)
    .sort((a, b) => a.at.getTime() - b.at.getTime());
  const keep = new Set(due.map((s) => s.name));
  return { wanted: due, unwanted: [...new Set(allNames)].filter((n) => !keep.has(n)) };
}

/** Why a schedule that fired sends nothing. */
export type FiringRefusal =
  | 'session-gone'
  | 'session-cancelled'
  | 'stale-version'
  | 'session-started'
  | 'feedback-closed';

/**
 * Whether a schedule that fired should still send. A schedule planned for the session's current
 * version goes. One planned for an older version goes only when the current plan has the same
 * schedule at the same instant, i.e. the change that raised the version (a new title, a new
 * location) did not move it; a reschedule moves it, and then the old firing does nothing.
 * A reminder that fires after the session started, or a feedback request after feedback closed,
 * sends nothing either.
 */
export function firingDecision(
  input: ScheduleInput,
  session: Session | null,
  programme: Programme | null,
  now: Date,
): { send: true } | { send: false; why: FiringRefusal } {
  if (!session) return { send: false, why: 'session-gone' };
  if (session.status !== 'scheduled') return { send: false, why: 'session-cancelled' };
  if (input.version !== session.version) {
    // Hold and offer expiries never come here (usecases/hold-expiry.ts, usecases/waitlist-offers.ts).
    const name = scheduleName(input.sessionId, input.purpose as SchedulePurpose, input.offset);
    const current = planSchedules(session, programme).wanted.find((s) => s.name === name);
    if (!current || current.at.getTime() !== Date.parse(input.dueAt)) return { send: false, why: 'stale-version' };
  }
  if (input.purpose === 'reminder' || input.purpose === 'access-summary' || input.purpose === 'waitlist-close') {
    if (session.startTime === null) return { send: false, why: 'stale-version' };
    const start = localToInstant(session.date, session.startTime, session.timeZone);
    if (now.getTime() >= start.getTime()) return { send: false, why: 'session-started' };
  } else {
    const window = feedbackWindow(session, feedbackWindowDays(programme));
    if (now.getTime() >= Date.parse(window.closesAt)) return { send: false, why: 'feedback-closed' };
  }
  return { send: true };
}

/** The mail ledger's occasion of a scheduled mail: one send per (purpose, offset, version). */
export const scheduledOccasion = (
  input: { offset?: string | undefined; purpose?: ScheduleInput['purpose'] },
  sessionVersion: number,
): string => {
  // Whatever the session's version when it fires: those waiting hear of the close once.
  if (input.purpose === 'waitlist-close') return 'once';
  return input.offset === undefined ? `v${sessionVersion}` : `${input.offset}@v${sessionVersion}`;
};
