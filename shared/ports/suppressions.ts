/** `erased`: the person had their data erased on request (usecases/privacy.ts); lifted when they register again. */
export type SuppressionReason = 'bounce' | 'complaint' | 'erased';

/** Addresses no mail goes to any more, by the hash of the address. */
export interface SuppressionRepository {
  /** Idempotent: a repeat keeps the first `since` and updates the latest reason. */
  suppress(emailHash: string, reason: SuppressionReason, at: Date): Promise<void>;
  /**
   * Whether mail to the address is held back. Given the consent time of what is to be mailed (a
   * registration's `consentAt`), an erasure suppression older than that consent is lifted here
   * instead: registering again after an erasure is new consent. Bounces and complaints stay.
   */
  isSuppressed(emailHash: string, consentAt?: string): Promise<boolean>;
  /** Which of these addresses are suppressed (for the organiser's registration list). */
  suppressedAmong(emailHashes: string[]): Promise<Set<string>>;
}
