import type { AccessNeed } from '../domain/default-questions';
import type { AccessNeedTally, Visit } from '../domain/reach';
import type { RegistrationRef } from './privacy';

/** An organiser's "arranged" mark on one access need of a session. */
export interface ArrangedMark {
  need: AccessNeed;
  arrangedAt: string;
  /** The organiser's `sub`. */
  arrangedBy: string;
}

/** What stays of a session's access needs after the answers are erased: counts, never who. */
export interface KeptAccessCounts extends AccessNeedTally {
  sessionId: string;
  keptAt: string;
  /** Set once every sensitive answer of the session is gone, so later runs skip the session. */
  completedAt?: string | null;
}

export interface VisitFacts {
  emailHash: string | null;
  cancelled: boolean;
  createdAt: string;
  visit: Visit | null;
}

/**
 * Access needs around the registrations: the organisers' marks, the anonymous counts kept when
 * the sensitive answers go, the early erasure itself, and the first-timer class a registration
 * keeps through erasure.
 */
export interface AccessNeedsRepository {
  arranged(sessionId: string): Promise<ArrangedMark[]>;
  /** Sets (mark) or clears (null) a need's mark; false when it already was so. */
  setArranged(sessionId: string, need: AccessNeed, mark: { at: string; by: string } | null): Promise<boolean>;
  keptCounts(sessionId: string): Promise<KeptAccessCounts | null>;
  /** Stores the counts once: a repeated run keeps the first (taken while every answer was still there). */
  keepCounts(counts: KeptAccessCounts): Promise<boolean>;
  /** Records that the session's sensitive answers are all erased. */
  completeCounts(sessionId: string, at: string): Promise<void>;
  /** Removes the given questions' answers from a registration; false when it held none of them. */
  eraseAnswers(ref: RegistrationRef, questionIds: readonly string[], at: string): Promise<boolean>;
  /**
   * What the first-timer class is worked out from, read from the stored item as it is (the
   * registration reads already treat expired data as gone, but the hash is still there until the
   * retention job erases it); null when the item does not exist.
   */
  visitFacts(ref: RegistrationRef): Promise<VisitFacts | null>;
  /** Keeps a registration's first-timer class before its address hash goes; a class already kept stays. */
  keepVisit(ref: RegistrationRef, visit: Visit): Promise<void>;
}
