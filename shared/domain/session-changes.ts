import type { SessionPatch } from './admin-schemas';
import { ValidationFailed } from './errors';
import type { Session } from './model';

/** When and where: what a calendar invite carries. */
const SCHEDULE_FIELDS = ['date', 'startTime', 'endTime', 'location'] as const;
/** Organiser bookkeeping: changing these sends no updated invite. */
const BOOKKEEPING_FIELDS = ['capacity', 'provisional', 'registrationOpen'] as const;

/**
 * Fields registrants must hear about when they change: they are on the calendar invite or decide
 * whether someone can come. A request changing any of them raises `version` (the iCalendar
 * SEQUENCE) by exactly one, and the stream pipeline sends updated invites. Capacity, the
 * provisional flag and whether registration is open are organiser bookkeeping: no version bump.
 */
export const REGISTRANT_VISIBLE_FIELDS = [
  'title',
  'description',
  ...SCHEDULE_FIELDS,
  'status',
] as const satisfies readonly (keyof Session)[];

export const EDITABLE_FIELDS = [
  'title',
  'description',
  ...SCHEDULE_FIELDS,
  ...BOOKKEEPING_FIELDS,
] as const satisfies readonly (keyof Session & keyof SessionPatch)[];
export type EditableField = (typeof EDITABLE_FIELDS)[number];

/** Deep equality for the plain JSON values sessions hold (strings, numbers, booleans, null, small objects). */
export function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return false;
  const ka = Object.keys(a).filter((k) => (a as Record<string, unknown>)[k] !== undefined);
  const kb = Object.keys(b).filter((k) => (b as Record<string, unknown>)[k] !== undefined);
  if (ka.length !== kb.length) return false;
  return ka.every((k) => sameValue((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}

export interface SessionEdit {
  /** The session as it would be after the edit (version and updatedAt not yet moved). */
  next: Session;
  /** Editable fields whose value actually changes. */
  changed: EditableField[];
  /** True when registrants must hear about it: `version` rises by one. */
  bumpsVersion: boolean;
}

/**
 * Applies an organiser's patch to a session. Fields given with the value they already have are
 * not changes. The merged times are checked together, so clearing the start time while an end
 * time stays is refused naming `endTime`.
 */
export function applySessionPatch(session: Session, patch: SessionPatch): SessionEdit {
  const next: Session = { ...session };
  const changed: EditableField[] = [];
  for (const field of EDITABLE_FIELDS) {
    if (!(field in patch) || patch[field] === undefined) continue;
    const value = patch[field];
    if (sameValue(session[field], value)) continue;
    (next as unknown as Record<string, unknown>)[field] = value;
    changed.push(field);
  }
  if (next.endTime !== null && next.startTime === null) {
    throw new ValidationFailed([{ field: 'endTime', message: 'needs a startTime (clear endTime as well)' }]);
  }
  if (next.startTime !== null && next.endTime !== null && next.endTime <= next.startTime) {
    throw new ValidationFailed([{ field: 'endTime', message: 'must be after startTime' }]);
  }
  const bumpsVersion = changed.some((f) => (REGISTRANT_VISIBLE_FIELDS as readonly string[]).includes(f));
  return { next, changed, bumpsVersion };
}

/** What an audit entry may say about a session: its own fields, never anything about registrants. */
export function sessionSummary(s: Session, fields?: readonly (keyof Session)[]): Record<string, unknown> {
  const keys: readonly (keyof Session)[] = fields ?? [...SCHEDULE_FIELDS, ...BOOKKEEPING_FIELDS, 'status', 'version'];
  return Object.fromEntries(keys.map((k) => [k, s[k]]));
}
