import type { AuditEntry } from '../domain/audit';

export interface AuditPage {
  entries: AuditEntry[];
  /** Pass back as `cursor` for the next (older) page; null on the last page. */
  nextCursor: string | null;
}

export interface AuditLog {
  record(entry: AuditEntry): Promise<void>;
  /** A month's entries, newest first. */
  list(month: string, limit: number, cursor?: string): Promise<AuditPage>;
}
