import type { FeedbackPageView } from '../../shared/domain/feedback';
import type { Language, RegistrationQuestion, Role, SessionKind } from '../../shared/domain/schemas';
import type { OfferView, RegistrationView, SessionView } from '../../shared/domain/views';

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

/** GET /programmes/{programmeId} → { programme }. */
export interface ApiProgramme {
  id: string;
  title: LocalisedText;
  feedbackQuestions: Array<{ id: string; text: LocalisedText }>;
  /** The notice the registration form links to; a registration records the version agreed to. */
  privacyNotice: { url: string; version: string } | null;
  /** The programme's own questions on the registration form; absent when it asks none. */
  registrationQuestions?: RegistrationQuestion[];
  /** The areas to choose from instead of the free-text neighbourhood ("other" last). */
  areas?: { options: Array<{ id: string; label: LocalisedText }>; askPostcode: boolean };
}
export type { RegistrationQuestion };

/** GET /feedback/{token}: the session, questions, window, whether a submission is accepted now, and why not. */
export type ApiFeedbackPage = FeedbackPageView;
export type FeedbackRefusalSlug = NonNullable<FeedbackPageView['refusal']>['slug'];

/** GET and POST /registrations/{token}/offer (JSON): a seat offered from the waiting list. */
export type ApiOffer = OfferView;
export type OfferState = OfferView['offer'];

/** POST /registrations/{token}/erase → { erasure }. */
export interface ApiErasure {
  at: string;
  scope: 'registration';
  /** 1 when the registration was cancelled (its session was still to come), else 0. */
  cancelled: number;
  anonymised: number;
}
