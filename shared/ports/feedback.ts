import type { Feedback } from '../domain/feedback';

/** What a use case hands over to be stored: the submission and its context, without timestamps. */
export type FeedbackWrite = Omit<Feedback, 'submittedAt' | 'updatedAt' | 'revision'>;

export interface FeedbackSaveResult {
  feedback: Feedback;
  /** True for the first submission (201), false when it replaced an earlier one (200). */
  created: boolean;
}

/** How many took part in a session, for the response rate. */
export interface SessionParticipation {
  confirmed: number;
  /** True when attendance was recorded for anyone in the session. */
  attendanceRecorded: boolean;
  /** Confirmed and marked present. */
  present: number;
}

export interface FeedbackRepository {
  get(sessionId: string, registrationId: string): Promise<Feedback | null>;
  /**
   * Stores the registration's one submission: creates it, or replaces the earlier one (keeping
   * `submittedAt`). Written on condition that the registration is still confirmed and not marked
   * absent, so a cancellation or an absence mark racing the submission wins.
   */
  save(write: FeedbackWrite, now: Date): Promise<FeedbackSaveResult>;
  listForSession(sessionId: string): Promise<Feedback[]>;
}

export interface ParticipationReader {
  participation(sessionId: string): Promise<SessionParticipation>;
}
