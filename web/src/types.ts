import type { Language, Role, SessionKind } from '../../shared/domain/schemas';

/**
 * The shapes the public API answers with (see API.md). Type-only imports from the domain keep
 * the browser bundle free of zod while the compiler still checks that the lists agree.
 */
export type Lang = Language;
export type { Role, SessionKind };

export interface LocalisedText {
  nl: string;
  en?: string;
}

export interface ApiSession {
  id: string;
  programmeId: string;
  kind: SessionKind;
  title: LocalisedText;
  description: LocalisedText | null;
  date: string;
  startTime: string | null;
  endTime: string | null;
  timeZone: string;
  startsAt: string | null;
  endsAt: string | null;
  location: { name: string; address?: string } | null;
  provisional: boolean;
  status: 'scheduled' | 'cancelled';
  capacity: number | null;
  seatsLeft: number | null;
  waitlistLength: number;
  registrationOpen: boolean;
  version: number;
}

export type RegistrationStatus = 'confirmed' | 'waitlisted' | 'cancelled';

export interface ApiRegistration {
  id: string;
  sessionId: string;
  status: RegistrationStatus;
  waitlistPosition: number | null;
  name: string;
  email: string;
  role: Role;
  language: Lang;
  createdAt: string;
}

export interface ProblemDetails {
  type?: string;
  title?: string;
  status?: number;
  detail?: string;
  errors?: Array<{ field: string; message: string }>;
}

/** Planned: GET /programmes/{programmeId}. */
export interface ApiProgramme {
  id: string;
  title: LocalisedText;
  feedbackQuestions: Array<{ id: string; text: LocalisedText }>;
}
