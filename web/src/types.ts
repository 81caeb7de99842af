import type { Language, Role, SessionKind } from '../../shared/domain/schemas';
import type { RegistrationView, SessionView } from '../../shared/domain/views';

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

/** Exactly what GET /sessions and GET /registrations/{token} answer (type-only: nothing is bundled). */
export type ApiSession = SessionView;
export type ApiRegistration = RegistrationView;
export type RegistrationStatus = RegistrationView['status'];

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
