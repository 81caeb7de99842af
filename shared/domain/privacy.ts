import type { Programme, Registration, Session } from './model';
import { DEFAULT_RETENTION_MONTHS, type RetentionAnchor } from './privacy-settings';
import { addMonths, lastMomentOfLocalDay, localToInstant } from './time';

// The consent use case and the privacy routes take the notice schema from here, beside the rules.
export { PrivacyNotice } from './privacy-settings';

/**
 * The consent record, the retention period and what anonymising a registration means (the GDPR's
 * storage limitation). Pure rules only; the DynamoDB side is in adapters/dynamodb/privacy.ts.
 */

export interface RetentionPolicy {
  months: number;
  after: RetentionAnchor;
}

export const retentionPolicyOf = (
  p: Pick<Programme, 'retentionMonths' | 'retentionAfter'> | null,
): RetentionPolicy => ({
  months: p?.retentionMonths ?? DEFAULT_RETENTION_MONTHS,
  after: p?.retentionAfter ?? 'programme-end',
});

/**
 * The moment (epoch seconds, DynamoDB's TTL unit) after which a registration's personal fields are
 * erased: the end of the anchor day in the session's zone, plus the retention months.
 * `programmeSessions` are the programme's sessions, the session itself included or not.
 */
export function personalDataExpiresAt(
  session: Pick<Session, 'date' | 'timeZone'>,
  programmeSessions: ReadonlyArray<Pick<Session, 'date'>>,
  policy: RetentionPolicy,
): number {
  const anchor =
    policy.after === 'session'
      ? session.date
      : ([session.date, ...programmeSessions.map((s) => s.date)].sort().at(-1) as string);
  const end = lastMomentOfLocalDay(addMonths(anchor, policy.months), session.timeZone);
  return Math.ceil(end.getTime() / 1000);
}

export const isPersonalDataExpired = (r: Pick<Registration, 'personalDataExpiresAt'>, now: Date): boolean =>
  typeof r.personalDataExpiresAt === 'number' && r.personalDataExpiresAt * 1000 <= now.getTime();

/** Who erased personal data: the person (manage link), an organiser on request, or the retention period. */
export type ErasureActor = { kind: 'registrant' } | { kind: 'organiser'; sub: string } | { kind: 'retention' };

export const erasedByLabel = (a: ErasureActor): string => (a.kind === 'organiser' ? `organiser:${a.sub}` : a.kind);

/**
 * Attributes that identify a person, removed from every item that carries them when it is
 * anonymised. Anything stored later that identifies someone (free text included) must be named
 * here or live in an item type that erasure deletes outright.
 */
export const PERSONAL_ATTRIBUTES = [
  'name',
  'email',
  'emailHash',
  'addressHash',
  'organisation',
  'tokenHash',
  'recipient',
  'to',
  'comment',
  'freeText',
  // Registration answers can be free text or health data; only the anonymous counts keep them.
  'answers',
  'areaOther',
  'postcode',
] as const;

/**
 * A registration with its personal fields gone. Role, neighbourhood, language, status and the
 * timestamps stay: they feed the anonymous counts (by role and neighbourhood) and carry no identity
 * on their own at this scale. The email hash goes too: it would still single a person out.
 */
export function anonymised(r: Registration, at: string, by: string): Registration {
  return {
    ...r,
    name: '',
    email: '',
    emailHash: '',
    addressHash: undefined,
    organisation: null,
    answers: undefined,
    ...(r.area === undefined ? {} : { areaOther: null, postcode: null }),
    anonymisedAt: r.anonymisedAt ?? at,
    erasedBy: r.erasedBy ?? by,
  };
}

/** What every read path returns: after the expiry, the registration as if the retention job had run. */
export function withRetentionApplied(r: Registration, now: Date): Registration {
  if (r.anonymisedAt || !isPersonalDataExpired(r, now)) return r;
  const expiredAt = new Date((r.personalDataExpiresAt as number) * 1000).toISOString();
  return anonymised(r, expiredAt, 'retention');
}

/** Has the session ended (so a registration for it is history, not a seat to give back)? */
export function hasSessionEnded(session: Pick<Session, 'date' | 'timeZone' | 'endTime'>, now: Date): boolean {
  const end = session.endTime
    ? localToInstant(session.date, session.endTime, session.timeZone)
    : lastMomentOfLocalDay(session.date, session.timeZone);
  return end.getTime() <= now.getTime();
}

/**
 * Decides whether the retention job must anonymise a stored registration: at the earlier of its
 * stored expiry and the session's expiry under today's settings (so a shortened retention period
 * applies to data already held, and registrations stored before expiries were recorded are covered).
 */
export function isDueForAnonymisation(
  item: { anonymisedAt?: unknown; personalDataExpiresAt?: unknown },
  sessionExpiresAt: number,
  now: Date,
): boolean {
  if (item.anonymisedAt) return false;
  const stored = typeof item.personalDataExpiresAt === 'number' ? item.personalDataExpiresAt : sessionExpiresAt;
  const expires = Math.min(stored, sessionExpiresAt);
  return expires * 1000 <= now.getTime();
}

/** The trace an erasure leaves: when, by whom, what scope and how much; never the erased data. */
export interface ErasureRecord {
  id: string;
  at: string;
  by: string;
  /** `person`: everything of an address in one programme, through the person link. */
  scope: 'registration' | 'address' | 'person' | 'retention';
  /** Ids of the registrations that were anonymised (they now point at anonymous records). */
  registrationIds: string[];
  cancelled: number;
  anonymised: number;
  /** True when further mail to the address is suppressed. */
  suppressed: boolean;
}
