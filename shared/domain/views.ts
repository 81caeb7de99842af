import type { Registration, Session } from './model';
import { Language, LocalDate, LocalTime, Location, localisedText, Role, SessionKind } from './schemas';
import { endsAt, isRegistrationOpen, seatsLeft, startsAt } from './session-rules';
import * as z from './zod';

/** What the API shows of a session (API.md). The schema documents the response in OpenAPI. */
export const SessionView = z.object({
  id: z.string(),
  programmeId: z.string(),
  kind: SessionKind,
  title: localisedText(),
  description: z.nullable(localisedText()),
  date: LocalDate,
  startTime: z.nullable(LocalTime),
  endTime: z.nullable(LocalTime),
  timeZone: z.string(),
  startsAt: z.nullable(z.string()),
  endsAt: z.nullable(z.string()),
  location: z.nullable(Location),
  provisional: z.boolean(),
  status: z.enum(['scheduled', 'cancelled']),
  capacity: z.nullable(z.number().check(z.int())),
  seatsLeft: z.nullable(z.number().check(z.int())),
  waitlistLength: z.number().check(z.int()),
  registrationOpen: z.boolean(),
  version: z.number().check(z.int()),
});
export type SessionView = z.infer<typeof SessionView>;

export const RegistrationView = z.object({
  id: z.string(),
  sessionId: z.string(),
  status: z.enum(['confirmed', 'waitlisted', 'offered', 'cancelled']),
  waitlistPosition: z.nullable(z.number().check(z.int())),
  name: z.string(),
  email: z.string(),
  role: Role,
  language: Language,
  createdAt: z.string(),
  /** When the address was confirmed for the programme; null while only held (or when the programme does not ask). */
  addressConfirmedAt: z.nullable(z.string()),
  /** While the seat or waiting place is only held: when it is released unless the address is confirmed. */
  holdExpiresAt: z.nullable(z.string()),
});
export type RegistrationView = z.infer<typeof RegistrationView>;

/** GET /registrations/{token}/offer (JSON): a seat offered from the waiting list, as it stands now. */
export const OfferView = z.object({
  registration: RegistrationView,
  /** Until when the offer can be claimed; null when there is no open offer. */
  offerExpiresAt: z.nullable(z.string()),
  /** `open`, `claimed` (confirmed from an offer), `lapsed` (time up), or `none`. */
  offer: z.enum(['open', 'claimed', 'lapsed', 'none']),
});
export type OfferView = z.infer<typeof OfferView>;

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
