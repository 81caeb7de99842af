export type ClaimResult = 'claimed' | 'already-sent' | 'in-progress';

/** The send ledger: one entry per (registration, email kind, occasion), so each mail goes once. */
export interface MailLedger {
  /**
   * Claims the right to send: succeeds when nobody has, or when an earlier attempt's lease ran
   * out without it being marked sent (that attempt crashed or failed).
   */
  claim(registrationId: string, entry: string, now: Date, leaseMs: number): Promise<ClaimResult>;
  markSent(registrationId: string, entry: string, messageId: string, now: Date): Promise<void>;
  /** Gives a claim back after a send that certainly failed, so a retry need not wait for the lease. */
  release(registrationId: string, entry: string): Promise<void>;
}
