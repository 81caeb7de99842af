import * as z from 'zod';
import type { Registration, Session } from './model';
import { Language, LocalDate, LocalTime, Location, localisedText, Role, SessionKind } from './schemas';
import { endsAt, isRegistrationOpen, seatsLeft, startsAt } from './session-rules';

/** What the API shows of a session (API.md). The schema documents the response in OpenAPI. */
export const SessionView = z.object({
  id: z.string(),
  programmeId: z.string(),
  kind: SessionKind,
  title: localisedText(),
  description: localisedText().nullable(),
  date: LocalDate,
  startTime: LocalTime.nullable(),
  endTime: LocalTime.nullable(),
  timeZone: z.string(),
  startsAt: z.string().nullable(),
  endsAt: z.string().nullable(),
  location: Location.nullable(),
  provisional: z.boolean(),
  status: z.enum(['scheduled', 'cancelled']),
  capacity: z.number().int().nullable(),
  seatsLeft: z.number().int().nullable(),
  waitlistLength: z.number().int(),
  registrationOpen: z.boolean(),
  version: z.number().int(),
});
export type SessionView = z.infer<typeof SessionView>;

export const RegistrationView = z.object({
  id: z.string(),
  sessionId: z.string(),
  status: z.enum(['confirmed', 'waitlisted', 'cancelled']),
  waitlistPosition: z.number().int().nullable(),
  name: z.string(),
  email: z.string(),
  role: Role,
  language: Language,
  createdAt: z.string(),
  /** When the address was confirmed for the programme; null while only held (or when the programme does not ask). */
  addressConfirmedAt: z.string().nullable(),
  /** While the seat or waiting place is only held: when it is released unless the address is confirmed. */
  holdExpiresAt: z.string().nullable(),
});
export type RegistrationView = z.infer<typeof RegistrationView>;

export function toSessionView(s: Session, now: Date): SessionView {
  return {
    id: s.id,
    programmeId: s.programmeId,
    kind: s.kind,
    title: s.title,
    description: s.description,
    date: s.date,
    startTime: s.startTime,
    endTime: s.endTime,
    timeZone: s.timeZone,
    startsAt: startsAt(s),
    endsAt: endsAt(s),
    location: s.location,
    provisional: s.provisional,
    status: s.status,
    capacity: s.capacity,
    seatsLeft: seatsLeft(s),
    waitlistLength: s.waitlistCount,
    registrationOpen: isRegistrationOpen(s, now),
    version: s.version,
  };
}

export const toRegistrationView = (r: Registration, waitlistPosition: number | null): RegistrationView => ({
  id: r.id,
  sessionId: r.sessionId,
  status: r.status,
  waitlistPosition: r.status === 'waitlisted' ? waitlistPosition : null,
  name: r.name,
  email: r.email,
  role: r.role,
  language: r.language,
  createdAt: r.createdAt,
  addressConfirmedAt: r.addressConfirmedAt ?? null,
  holdExpiresAt: r.status === 'cancelled' ? null : (r.holdExpiresAt ?? null),
});
