/** The parts of the API's answers the console reads (docs/http-api.md, GET /openapi.json). */
export interface Localised {
  nl: string;
  en?: string;
}

export interface AdminSession {
  id: string;
  programmeId: string;
  kind: string;
  title: Localised;
  description: Localised | null;
  date: string;
  startTime: string | null;
  endTime: string | null;
  timeZone: string;
  startsAt: string | null;
  location: { name: string; address?: string } | null;
  provisional: boolean;
  status: 'scheduled' | 'cancelled';
  capacity: number | null;
  seatsLeft: number | null;
  waitlistLength: number;
  registrationOpen: boolean;
  version: number;
  /** Confirmed registrations; seats held by an open offer are `offeredCount` (seatsLeft counts both as taken). */
  confirmedCount: number;
  waitlistCount: number;
  /** Seats offered to someone from the waiting list, not yet claimed. */
  offeredCount?: number;
  /** Seats and places held for an address not confirmed yet (programmes that ask for confirmation). */
  unconfirmedHolds?: number;
}

export interface AdminRegistration {
  id: string;
  sessionId: string;
  status: 'confirmed' | 'waitlisted' | 'offered' | 'cancelled';
  waitlistPosition: number | null;
  name: string;
  email: string;
  role: string;
  neighbourhood: string | null;
  language: 'nl' | 'en';
  createdAt: string;
  attendance: { present: boolean; recordedAt: string; walkIn?: boolean } | null;
  addressConfirmedAt?: string | null;
  /** Set while the place is held for an unconfirmed address: when it is released. */
  holdExpiresAt?: string | null;
  /** While offered a seat from the waiting list: until when the offer can be claimed. */
  offerExpiresAt?: string | null;
}

export interface ParticipationRow {
  sessionId: string;
  title: Localised;
  date: string;
  status: string;
  capacity: number | null;
  confirmed: number;
  waitlisted: number;
  cancelled: number;
  attended: number;
  absent: number;
  walkIns: number;
}
