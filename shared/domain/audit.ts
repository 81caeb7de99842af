/**
 * The organiser audit trail: who did what, when, to which session or registration. Summaries
 * hold session fields, statuses and counts, never a registrant's name, address or message text.
 */
export interface Organiser {
  /** The token's `sub`: stable per organiser account. */
  sub: string;
  email: string | null;
}

export const auditActions = [
  'session.create',
  'session.update',
  'session.cancel',
  'session.message',
  'registration.attendance',
  'registration.promote',
  'registration.remove',
  'registration.erase',
  /** The registrations CSV with the sensitive answers (access needs) included, on request. */
  'registration.export-sensitive',
  'session.access-arranged',
  'programme.create',
  'programme.update',
  'programme.import',
] as const;
export type AuditAction = (typeof auditActions)[number];

export interface AuditTargets {
  programmeId?: string;
  sessionId?: string;
  registrationId?: string;
  announcementId?: string;
}

export interface AuditEntry {
  id: string;
  at: string;
  actor: Organiser;
  action: AuditAction;
  targets: AuditTargets;
  /** False when the action repeated one already done (an idempotent repeat). */
  changed: boolean;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
}
