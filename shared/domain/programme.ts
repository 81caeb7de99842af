import type { AdminSessionCreate, SessionPatch } from './admin-schemas';
import type { Programme, Session } from './model';
import { retentionPolicyOf } from './privacy';
import type { ProgrammeSettings, SessionInput } from './schemas';
import { sameValue } from './session-changes';

/** Stored programmes written before programmes had a version count as version 1. */
export const versionOf = (p: Programme): number => p.version ?? 1;

/**
 * The programme as stored, from its settings: the privacy notice and the retention period with
 * their defaults made explicit, the optional rules only when given.
 */
export function programmeOf(id: string, s: ProgrammeSettings): Programme {
  const retention = retentionPolicyOf(s);
  return {
    id,
    title: s.title,
    timeZone: s.timeZone,
    feedbackQuestions: s.feedbackQuestions,
    privacyNotice: s.privacyNotice ?? null,
    retentionMonths: retention.months,
    retentionAfter: retention.after,
    ...(s.feedbackWindowDays === undefined ? {} : { feedbackWindowDays: s.feedbackWindowDays }),
    ...(s.reminders === undefined ? {} : { reminders: s.reminders }),
    ...(s.feedbackRequest === undefined ? {} : { feedbackRequest: s.feedbackRequest }),
    ...(s.registrationQuestions === undefined ? {} : { registrationQuestions: s.registrationQuestions }),
    ...(s.areas === undefined ? {} : { areas: s.areas }),
    ...(s.addressConfirmation === undefined ? {} : { addressConfirmation: s.addressConfirmation }),
    ...(s.inclusion === undefined ? {} : { inclusion: s.inclusion }),
    ...(s.waitlist === undefined ? {} : { waitlist: s.waitlist }),
  };
}

/** The settings part of a stored programme, without id and bookkeeping. */
export function settingsOf(p: Programme): Omit<Programme, 'id' | 'version' | 'createdAt' | 'updatedAt'> {
  const { id: _id, version: _v, createdAt: _c, updatedAt: _u, ...settings } = p;
  return settings;
}

export const sameSettings = (a: Programme, b: Programme): boolean => sameValue(settingsOf(a), settingsOf(b));

/** `POST /admin/sessions`'s input for a session of a programme file. */
export const sessionCreateOf = (programmeId: string, s: SessionInput): AdminSessionCreate => ({ ...s, programmeId });

/** The edit that makes a stored session what the file says; fields not in the file are cleared. */
export const sessionPatchOf = (s: SessionInput): SessionPatch => ({
  title: s.title,
  description: s.description ?? null,
  date: s.date,
  startTime: s.startTime,
  endTime: s.endTime,
  location: s.location,
  capacity: s.capacity,
  provisional: s.provisional,
  registrationOpen: s.registrationOpen,
});

/**
 * Why a stored session cannot take what the file says, if it cannot: an edit changes neither the
 * kind nor the session's own reminders (the schedules follow from them), and never reopens a
 * cancelled session or moves one to another programme.
 */
export function importRefusal(programmeId: string, stored: Session, s: SessionInput): string | null {
  if (stored.programmeId !== programmeId) return `belongs to programme ${stored.programmeId}`;
  if (stored.status === 'cancelled') return 'cancelled; a programme file cannot reopen it';
  if (stored.kind !== s.kind) return `kind is ${stored.kind}; the kind of a session never changes`;
  if (!sameValue(stored.reminders, s.reminders)) return "the session's own reminders cannot be changed by an import";
  return null;
}

/**
 * Changes the mail pipeline tells registrants about (shared/events/derive.ts): the date, the times
 * and the location. Other registrant-visible changes (title, description) raise the version only.
 */
const MAILED_FIELDS: readonly string[] = ['date', 'startTime', 'endTime', 'location'];
export const mailsRegistrants = (changed: readonly string[]): boolean => changed.some((f) => MAILED_FIELDS.includes(f));

/** Everyone who is told of a change: confirmed and waiting registrants. */
export const liveRegistrants = (s: Pick<Session, 'confirmedCount' | 'waitlistCount'>): number =>
  s.confirmedCount + s.waitlistCount;
