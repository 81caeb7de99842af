import * as z from 'zod';
import type { Attendance } from './attendance';
import { auditActions } from './audit';
import { isHeld } from './holds';
import type { Registration, Session } from './model';
import { Language, localisedText, ReminderRule, Role } from './schemas';
import { SessionView, toSessionView } from './views';

/** What organisers see of a session: the public view plus counts and when registration closes. */
export const AdminSessionView = SessionView.extend({
  confirmedCount: z.number().int(),
  waitlistCount: z.number().int(),
  registrationClosesAt: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  /** The session's own reminders, when it has them instead of the programme's (`[]`: none). */
  reminders: z.array(ReminderRule).optional(),
  /** Seats and waiting places only held until their address is confirmed (in the session list and a session's registrations). */
  unconfirmedHolds: z.number().int().optional(),
});
export type AdminSessionView = z.infer<typeof AdminSessionView>;

export const toAdminSessionView = (s: Session, now: Date, registrationClosesAt: number): AdminSessionView => ({
  ...toSessionView(s, now),
  confirmedCount: s.confirmedCount,
  waitlistCount: s.waitlistCount,
  registrationClosesAt: new Date(registrationClosesAt).toISOString(),
  createdAt: s.createdAt,
  updatedAt: s.updatedAt,
  ...(s.reminders === undefined ? {} : { reminders: s.reminders }),
});

export const AttendanceView = z.object({
  present: z.boolean(),
  recordedAt: z.string(),
  recordedBy: z.string(),
  walkIn: z.boolean().optional(),
});

/** A registration as organisers see it (personal data: only ever sent to organisers). */
export const AdminRegistrationView = z.object({
  id: z.string(),
  sessionId: z.string(),
  status: z.enum(['confirmed', 'waitlisted', 'cancelled']),
  waitlistPosition: z.number().int().nullable(),
  name: z.string(),
  email: z.string(),
  role: Role,
  organisation: z.string().nullable(),
  neighbourhood: z.string().nullable(),
  area: z.string().nullable(),
  areaOther: z.string().nullable(),
  postcode: z.string().nullable(),
  language: Language,
  createdAt: z.string(),
  confirmedAt: z.string().nullable(),
  cancelledAt: z.string().nullable(),
  promotedFromWaitlist: z.boolean(),
  /** When the address was confirmed for the programme; null while held or when the programme does not ask. */
  addressConfirmedAt: z.string().nullable(),
  /** Set while the seat or waiting place is only held: released at this instant unless confirmed. */
  holdExpiresAt: z.string().nullable(),
  /** Why the system released it (`hold-expired`, `address-bounced`); null otherwise. */
  releasedBecause: z.string().nullable(),
  attendance: AttendanceView.nullable(),
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
  attendance,
  answers: r.answers ?? {},
});

const Counts = z.object({
  confirmed: z.number().int(),
  waitlisted: z.number().int(),
  cancelled: z.number().int(),
  attended: z.number().int(),
  absent: z.number().int(),
});

export const ParticipationView = z.object({
  sessions: z.array(
    Counts.extend({
      walkIns: z.number().int(),
      sessionId: z.string(),
      date: z.string(),
      title: localisedText(),
      status: z.enum(['scheduled', 'cancelled']),
      capacity: z.number().int().nullable(),
      byRole: z.record(Role, Counts),
      byNeighbourhood: z.record(z.string(), Counts),
    }),
  ),
});

export const AuditEntryView = z.object({
  id: z.string(),
  at: z.string(),
  actor: z.object({ sub: z.string(), email: z.string().nullable() }),
  action: z.enum(auditActions),
  targets: z.object({
    programmeId: z.string().optional(),
    sessionId: z.string().optional(),
    registrationId: z.string().optional(),
    announcementId: z.string().optional(),
  }),
  changed: z.boolean(),
  before: z.record(z.string(), z.unknown()).nullable(),
  after: z.record(z.string(), z.unknown()).nullable(),
});
