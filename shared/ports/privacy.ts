import type { ErasureRecord } from '../domain/privacy';

export interface RegistrationRef {
  sessionId: string;
  registrationId: string;
}

export interface SuppressionState {
  reason: string;
  since: string;
}

/** A sent (or attempted) mail, from the mail pipeline's ledger: what and when, never the text. */
export interface MailRecord {
  entry: string;
  status: string;
  claimedAt: string | null;
  sentAt: string | null;
}

/**
 * Export, erasure and retention. The records for an export come as stored, with the storage's
 * own bookkeeping (keys, hashes, TTL) left out.
 */
export interface PrivacyRepository {
  /** The stored registration, for the export (attendance and all). */
  registrationItem(ref: RegistrationRef): Promise<Record<string, unknown> | null>;
  /** Every other record that names the registration (feedback, sent-mail records, …), guard and token excluded. */
  relatedItems(registrationId: string): Promise<Record<string, unknown>[]>;
  /** The registrations of an address in this deployment (anonymised ones are no longer found). */
  registrationsOfAddress(emailHash: string): Promise<RegistrationRef[]>;
  /**
   * Erases a registration's personal fields, deletes its email guard and manage token, and strips
   * personal attributes from related items. Returns false when it was anonymised already.
   */
  anonymise(ref: RegistrationRef, at: string, by: string): Promise<boolean>;
  /** The raw registration items of a session not yet anonymised (the retention job decides which are due). */
  unanonymisedInSession(sessionId: string): Promise<Record<string, unknown>[]>;
  /** Moves a registration's expiry later (never earlier), e.g. after its session moved. */
  extendExpiry(ref: RegistrationRef, expiresAt: number): Promise<boolean>;
  suppress(emailHash: string, reason: 'erased', at: string): Promise<void>;
  suppression(emailHash: string): Promise<SuppressionState | null>;
  /** The registration's feedback as stored (answers and the context the synthesis groups by), or null. */
  feedbackItem(ref: RegistrationRef): Promise<Record<string, unknown> | null>;
  /** The mail ledger's entries for a registration (kept after erasure: they hold no identity). */
  mailRecords(registrationId: string): Promise<MailRecord[]>;
  /** Lifts an erasure suppression (a new registration is new consent); other reasons stay. */
  liftErasureSuppression(emailHash: string): Promise<boolean>;
  recordErasure(record: ErasureRecord): Promise<void>;
  /** A month's erasure records (yyyy-mm), newest first. */
  listErasures(month: string): Promise<ErasureRecord[]>;
}
