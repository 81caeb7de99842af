import type { Attendance } from './attendance';
import { auditActions } from './audit';
import { isHeld } from './holds';
import type { Registration, Session } from './model';
import { Language, localisedText, ReminderRule, Role } from './schemas';
import { SessionView, toSessionView } from './views';
import * as z from './zod';

/** What organisers see of a session: the public view plus counts and when registration closes. */
export const AdminSessionView = z.extend(SessionView, {
  /** Confirmed registrations (seats taken by an open offer are `offeredCount`; `seatsLeft` counts both as taken). */
  confirmedCount: z.number().check(z.int()),
  waitlistCount: z.number().check(z.int()),
  /** Seats held by an open offer to someone from the waiting list (shared/domain/waitlist.ts). */
  offeredCount: z.number().check(z.int()),
  registrationClosesAt: z.nullable(z.string()),
  createdAt: z.string(),
  updatedAt: z.string(),
  /** The session's own reminders, when it has them instead of the programme's (`[]`: none). */
  reminders: z.optional(z.array(ReminderRule)),
  /** Seats and waiting places only held until their address is confirmed (in the session list and a session's registrations). */
  unconfirmedHolds: z.optional(z.number().check(z.int())),
});
export type AdminSessionView = z.infer<typeof AdminSessionView>;

export const toAdminSessionView = (s: Session, now: Date, registrationClosesAt: number): AdminSessionView => ({
  ...toSessionView(s, now),
  confirmedCount: s.confirmedCount - s.offeredCount,
  waitlistCount: s.waitlistCount,
  offeredCount: s.offeredCount,
  registrationClosesAt: new Date(registrationClosesAt).toISOString(),
  createdAt: s.createdAt,
  updatedAt: s.updatedAt,
  ...(s.reminders === undefined ? {} : { reminders: s.reminders }),
});

export const AttendanceView = z.object({
  present: z.boolean(),
  recordedAt: z.string(),
  recordedBy: z.string(),
  walkIn: z.optional(z.boolean()),
});

/** A registration as organisers see it (personal data: only ever sent to organisers). */
export const AdminRegistrationView = z.object({
  id: z.string(),
  sessionId: z.string(),
  status: z.enum(['confirmed', 'waitlisted', 'offered', 'cancelled']),
  waitlistPosition: z.nullable(z.number().check(z.int())),
  name: z.string(),
  email: z.string(),
  role: Role,
  organisation: z.nullable(z.string()),
  neighbourhood: z.nullable(z.string()),
  area: z.nullable(z.string()),
  areaOther: z.nullable(z.string()),
  postcode: z.nullable(z.string()),
  language: Language,
  createdAt: z.string(),
  confirmedAt: z.nullable(z.string()),
  cancelledAt: z.nullable(z.string()),
  promotedFromWaitlist: z.boolean(),
  /** When the address was confirmed for the programme; null while held or when the programme does not ask. */
  addressConfirmedAt: z.nullable(z.string()),
  /** Set while the seat or waiting place is only held: released at this instant unless confirmed. */
  holdExpiresAt: z.nullable(z.string()),
  /** Why the system released it (`hold-expired`, `address-bounced`); null otherwise. */
  releasedBecause: z.nullable(z.string()),
  /** While offered a seat from the waiting list: until when the offer can be claimed; null otherwise. */
  offerExpiresAt: z.nullable(z.string()),
  attendance: z.nullable(AttendanceView),
  /** Answers to the programme's registration questions, sensitive ones included (organisers only). */
  answers: z.record(z.string(), z.union([z.string(), z.array(z.string()), z.boolean()])),
});
export type AdminRegistrationView = z.infer<typeof AdminRegistrationView>;

export const toAdminRegistrationView = (
  r: Registration,
  waitlistPosition: number | null,
  attendance: Attendance | null,
): AdminRegistrationView => ({
  id: r.id,
  sessionId: r.sessionId,
  status: r.status,
  waitlistPosition: r.status === 'waitlisted' ? waitlistPosition : null,
  name: r.name,
  email: r.email,
  role: r.role,
  organisation: r.organisation,
  neighbourhood: r.neighbourhood,
  area: r.area ?? null,
  areaOther: r.areaOther ?? null,
  postcode: r.postcode ?? null,
  language: r.language,
  createdAt: r.createdAt,
  confirmedAt: r.confirmedAt,
  cancelledAt: r.cancelledAt,
  promotedFromWaitlist: r.promotedFromWaitlist,
  addressConfirmedAt: r.addressConfirmedAt ?? null,
  holdExpiresAt: isHeld(r) ? (r.holdExpiresAt ?? null) : null,
  releasedBecause: r.releasedBecause ?? null,
  offerExpiresAt: r.status === 'offered' ? (r.offerExpiresAt ?? null) : null,
  attendance,
  answers: r.answers ?? {},
});

const Counts = z.object({
  confirmed: z.number().check(z.int()),
  waitlisted: z.number().check(z.int()),
  cancelled: z.number().check(z.int()),
  attended: z.number().check(z.int()),
  absent: z.number().check(z.int()),
});

export const ParticipationView = z.object({
  sessions: z.array(
    z.extend(Counts, {
      walkIns: z.number().check(z.int()),
      sessionId: z.string(),
      date: z.string(),
      title: localisedText(),
      status: z.enum(['scheduled', 'cancelled']),
      capacity: z.nullable(z.number().check(z.int())),
      byRole: z.record(Role, Counts),
      byNeighbourhood: z.record(z.string(), Counts),
    }),
  ),
});

export const AuditEntryView = z.object({
  id: z.string(),
  at: z.string(),
  actor: z.object({ sub: z.string(), email: z.nullable(z.string()) }),
  action: z.enum(auditActions),
  targets: z.object({
    programmeId: z.optional(z.string()),
    sessionId: z.optional(z.string()),
    registrationId: z.optional(z.string()),
    announcementId: z.optional(z.string()),
  }),
  changed: z.boolean(),
  before: z.nullable(z.record(z.string(), z.unknown())),
  after: z.nullable(z.record(z.string(), z.unknown())),
});
