import { randomUUID } from 'node:crypto';
import type { AuditQuery } from '../../domain/admin-schemas';
import type { AuditAction, AuditTargets, Organiser } from '../../domain/audit';
import type { ErasureRecord } from '../../domain/privacy';
import type { AuditPage } from '../../ports/audit';
import type { OrganiserDeps } from './deps';

type AuditDeps = Pick<OrganiserDeps, 'audit' | 'clock'>;

export async function recordAudit(
  deps: AuditDeps,
  actor: Organiser,
  action: AuditAction,
  targets: AuditTargets,
  changed: boolean,
  before: Record<string, unknown> | null,
  after: Record<string, unknown> | null,
): Promise<void> {
  await deps.audit.record({
    id: randomUUID(),
    at: deps.clock.now().toISOString(),
    actor,
    action,
    targets,
    changed,
    before,
    after,
  });
}

/** An erasure on request in the audit trail: how much, never what; at the erasure's own time. */
export async function recordErasure(deps: AuditDeps, actor: Organiser, erasure: ErasureRecord): Promise<void> {
  await deps.audit.record({
    id: randomUUID(),
    at: erasure.at,
    actor,
    action: 'registration.erase',
    targets: { registrationId: erasure.registrationIds[0] ?? '' },
    changed: erasure.anonymised > 0 || erasure.cancelled > 0,
    before: null,
    after: {
      erasureId: erasure.id,
      scope: erasure.scope,
      anonymised: erasure.anonymised,
      cancelled: erasure.cancelled,
      suppressed: erasure.suppressed,
    },
  });
}

/** The audit trail of one month (default: the current month, UTC), newest first. */
export async function listAudit(deps: AuditDeps, query: AuditQuery): Promise<AuditPage & { month: string }> {
  const month = query.month ?? deps.clock.now().toISOString().slice(0, 7);
  const page = await deps.audit.list(month, query.limit, query.cursor);
  return { month, ...page };
}
