import type { PrivacyNotice, RetentionAnchor } from './privacy-settings';
import type {
  AreaSettings,
  FeedbackQuestion,
  FeedbackRequestRule,
  InclusionSettings,
  Language,
  LocalisedText,
  Location,
  RegistrationQuestion,
  ReminderRule,
  Role,
  SessionKind,
} from './schemas';
import type { WaitlistSettingsInput } from './waitlist-settings';

/** A yearly programme of sessions ("Jaarprogramma"). */
export interface Programme {
  id: string;
  title: LocalisedText;
  timeZone: string;
  feedbackQuestions: FeedbackQuestion[];
  // The notice registrants agree to, and how long their personal data is kept.
  privacyNotice?: PrivacyNotice | null;
  /** Months after the anchor (default: the programme's last session) until personal data is erased; default 6. */
  retentionMonths?: number;
  retentionAfter?: RetentionAnchor;
  /** Days feedback stays open after a session ends; 28 when absent. */
  feedbackWindowDays?: number;
  /** Reminders of every session; the defaults of shared/domain/schedules.ts when absent. */
  reminders?: ReminderRule[];
  /** When the feedback request goes; default one hour after the end, `null` for none. */
  feedbackRequest?: FeedbackRequestRule | null;
  /** Extra questions on the registration forms; none when absent. */
  registrationQuestions?: RegistrationQuestion[];
  /** Areas to choose from instead of the free-text neighbourhood; absent: the free text. */
  areas?: AreaSettings;
  /** `required` (the default): a first registration only holds its seat until the address is confirmed. */
  addressConfirmation?: 'required' | 'off';
  /** The default questions it switched on, and when organisers hear what to arrange. */
  inclusion?: InclusionSettings;
  /** The waiting list's end game (shared/domain/waitlist.ts); its defaults when absent. */
  waitlist?: WaitlistSettingsInput;
  /** Rises by one with every change of the settings; `PUT /admin/programmes/{id}` is conditional on it. */
  version?: number;
  createdAt?: string;
  updatedAt?: string;
}

export type SessionStatus = 'scheduled' | 'cancelled';

/**
 * A session as stored. Times are local (date + HH:mm in `timeZone`); instants are derived.
 * `version` rises on every change registrants must hear about and is the iCalendar SEQUENCE.
 */
export interface Session {
  id: string;
  programmeId: string;
  kind: SessionKind;
  title: LocalisedText;
  description: LocalisedText | null;
  date: string;
  startTime: string | null;
  endTime: string | null;
  timeZone: string;
  location: Location | null;
  capacity: number | null;
  provisional: boolean;
  status: SessionStatus;
  registrationOpen: boolean;
  version: number;
  /** Seats taken: confirmed registrations and open offers (shared/domain/waitlist.ts). */
  confirmedCount: number;
  waitlistCount: number;
  /** Seats held by an open offer to someone from the waiting list; counted in `confirmedCount` too. */
  offeredCount: number;
  createdAt: string;
  updatedAt: string;
  /** This session's own reminders (`[]`: none), overriding the programme's; absent: the programme's. */
  reminders?: ReminderRule[];
}

/** `offered`: a seat is held for this person from the waiting list until `offerExpiresAt` (shared/domain/waitlist.ts). */
export type RegistrationStatus = 'confirmed' | 'waitlisted' | 'offered' | 'cancelled';

export interface Registration {
  id: string;
  sessionId: string;
  status: RegistrationStatus;
  /** Monotonic ticket within the session's waiting list; the position is derived from it. */
  waitlistSeq: number | null;
  name: string;
  email: string;
  emailHash: string;
  role: Role;
  organisation: string | null;
  neighbourhood: string | null;
  language: Language;
  consentAt: string;
  createdAt: string;
  updatedAt: string;
  confirmedAt: string | null;
  cancelledAt: string | null;
  /** How the registration reached its current status, for emails and audit. */
  promotedFromWaitlist: boolean;
  // The consent given, and when the personal fields are erased.
  /** The privacy notice agreed to at `consentAt` (null when the programme had none configured). */
  privacyNotice?: PrivacyNotice | null;
  /** Epoch seconds after which name, email and organisation are erased (reads treat them as gone). */
  personalDataExpiresAt?: number | null;
  /** Set once the personal fields have been erased; name and email are then empty. */
  anonymisedAt?: string | null;
  /** `registrant`, `organiser:<sub>` or `retention`. */
  erasedBy?: string | null;
  /** Answers to the programme's registration questions, by question id (absent: none given). */
  answers?: RegistrationAnswers;
  /** The area chosen from the programme's list; `neighbourhood` holds the free text of older registrations. */
  area?: string | null;
  /** Free text, only with area `other`. */
  areaOther?: string | null;
  /** The 4 digits of the postcode, when the programme asks. */
  postcode?: string | null;
  // Address confirmation (shared/domain/holds.ts).
  /** When the address was confirmed for the programme; null while unconfirmed or when the programme does not ask. */
  addressConfirmedAt?: string | null;
  /** Set while the seat or waiting place is only held: it is released at this instant unless the address is confirmed. */
  holdExpiresAt?: string | null;
  /** The address without its sub-address tag (`name+tag@` → `name@`), hashed: the key of the one-per-session guard. */
  addressHash?: string;
  /** Why a cancelled registration was released by the system: its hold expired, or the confirmation request bounced. */
  releasedBecause?: Release | null;
  /** While offered (and kept after): until when the seat offered from the waiting list can be claimed. */
  offerExpiresAt?: string | null;
  /** First registration in the programme or returning, kept before the address hash is erased (reach report). */
  visit?: 'first' | 'returning' | null;
  /** When the sensitive answers (access needs) were erased, a week after the session. */
  sensitiveErasedAt?: string | null;
}

export type HoldRelease = 'hold-expired' | 'address-bounced';
/** Why the system cancelled a registration: a hold released, or an offer from the waiting list not claimed in time. */
export type Release = HoldRelease | 'offer-lapsed';

/** A text or choice id, several choice ids, or yes/no. */
export type RegistrationAnswer = string | string[] | boolean;
export type RegistrationAnswers = Record<string, RegistrationAnswer>;
