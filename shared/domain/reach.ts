import { type AccessNeed, accessNeeds } from './default-questions';
import { type PublishedCount, type PublishedLine, publishColumns, publishCount, publishLine } from './small-cells';

/**
 * Who the programme reaches: registrations by role, area and channel, each with its funnel
 * (registered → address confirmed → attended → gave feedback), first-timers against returning
 * people, and access needs asked against met. Pure: the use case gathers the rows, this counts
 * and then suppresses small cells (shared/domain/small-cells.ts), so nothing under 5 leaves.
 */

export type Visit = 'first' | 'returning';

/** One registration as the reach report sees it: no name, no address, only the address hash. */
export interface ReachRow {
  registrationId: string;
  sessionId: string;
  /** Orders the programme's sessions: date, start time (empty when unknown). */
  sessionDate: string;
  sessionStart: string;
  createdAt: string;
  cancelled: boolean;
  role: string;
  area: string;
  channel: string;
  /** Null once erased; first-timers are counted on it. */
  emailHash: string | null;
  /** Kept on the registration when it was erased: what it was, so erasure does not change the counts. */
  visit?: Visit | null;
  /** Absent while address confirmation is not recorded by this deployment; null: not (yet) confirmed. */
  addressConfirmedAt?: string | null;
  attended: boolean;
  gaveFeedback: boolean;
}

export const funnelStages = ['registered', 'addressConfirmed', 'attended', 'gaveFeedback'] as const;
export type FunnelStage = (typeof funnelStages)[number];
type Funnel = Record<FunnelStage, number>;

const order = (a: ReachRow, b: ReachRow) =>
  a.sessionDate.localeCompare(b.sessionDate) ||
  a.sessionStart.localeCompare(b.sessionStart) ||
  a.createdAt.localeCompare(b.createdAt) ||
  a.registrationId.localeCompare(b.registrationId);

/**
 * First time or returning, for every registration that was not cancelled, over the whole
 * programme (pass every session's rows, also when the report is about one session): returning
 * when the same address hash registered (and did not cancel) for an earlier session. A
 * registration erased before its class was kept is `unknown`.
 */
export function classifyVisits(rows: readonly ReachRow[]): Map<string, Visit | 'unknown'> {
  const out = new Map<string, Visit | 'unknown'>();
  const seen = new Set<string>();
  for (const r of [...rows].filter((r) => !r.cancelled).sort(order)) {
    const before = r.emailHash !== null && seen.has(r.emailHash);
    if (r.visit) out.set(r.registrationId, before ? 'returning' : r.visit);
    else if (r.emailHash === null) out.set(r.registrationId, 'unknown');
    else out.set(r.registrationId, before ? 'returning' : 'first');
    if (r.emailHash !== null) seen.add(r.emailHash);
  }
  return out;
}

/** Access needs of one session: asked (registrations that asked), met (asked, and marked arranged). */
export interface AccessNeedTally {
  asked: Record<AccessNeed, number>;
  met: Record<AccessNeed, number>;
}

export interface ReachCounts {
  registrations: number;
  byRole: Record<string, Funnel>;
  byArea: Record<string, Funnel>;
  byChannel: Record<string, Funnel>;
  visits: Record<Visit | 'unknown', number>;
  accessNeeds: AccessNeedTally;
  /** True when no row carried an address-confirmation field: registrations count as confirmed. */
  addressConfirmationUnknown: boolean;
}

const zeroFunnel = (): Funnel => ({ registered: 0, addressConfirmed: 0, attended: 0, gaveFeedback: 0 });
export const zeroTally = (): AccessNeedTally => ({
  asked: Object.fromEntries(accessNeeds.map((n) => [n, 0])) as Record<AccessNeed, number>,
  met: Object.fromEntries(accessNeeds.map((n) => [n, 0])) as Record<AccessNeed, number>,
});

/**
 * Counts the rows in scope. `programmeRows` are every registration of the programme (for the
 * first-timer classes); `inScope` picks the ones the report is about (one session, or all).
 * Group keys are listed in `groups` order first, so empty groups show as 0.
 */
export function countReach(
  programmeRows: readonly ReachRow[],
  inScope: (r: ReachRow) => boolean,
  groups: { roles: readonly string[]; areas: readonly string[]; channels: readonly string[] },
  tallies: readonly AccessNeedTally[],
): ReachCounts {
  const visits = classifyVisits(programmeRows);
  const rows = programmeRows.filter(inScope);
  const start = (keys: readonly string[]) => Object.fromEntries(keys.map((k) => [k, zeroFunnel()]));
  const byRole: Record<string, Funnel> = start(groups.roles);
  const byArea: Record<string, Funnel> = start(groups.areas);
  const byChannel: Record<string, Funnel> = start(groups.channels);
  const confirmationKnown = rows.some((r) => r.addressConfirmedAt !== undefined);
  for (const r of rows) {
    const stages: FunnelStage[] = ['registered'];
    if (!confirmationKnown || r.addressConfirmedAt) stages.push('addressConfirmed');
    if (r.attended) stages.push('attended');
    if (r.gaveFeedback) stages.push('gaveFeedback');
    for (const [table, key] of [
      [byRole, r.role],
      [byArea, r.area],
      [byChannel, r.channel],
    ] as const) {
      table[key] ??= zeroFunnel();
      for (const s of stages) (table[key] as Funnel)[s]++;
    }
  }
  const visitCounts = { first: 0, returning: 0, unknown: 0 };
  for (const r of rows) {
    const v = visits.get(r.registrationId);
    if (v) visitCounts[v]++;
  }
  const accessTotal = zeroTally();
  for (const t of tallies) {
    for (const n of accessNeeds) {
      accessTotal.asked[n] += t.asked[n];
      accessTotal.met[n] += t.met[n];
    }
  }
  return {
    registrations: rows.length,
    byRole,
    byArea,
    byChannel,
    visits: visitCounts,
    accessNeeds: accessTotal,
    addressConfirmationUnknown: !confirmationKnown,
  };
}

export interface PublishedGroups {
  rows: { key: string; counts: Record<FunnelStage, PublishedCount> }[];
  totals: Record<FunnelStage, PublishedCount>;
}

export interface PublishedReach {
  registrations: PublishedCount;
  byRole: PublishedGroups;
  byArea: PublishedGroups;
  byChannel: PublishedGroups;
  /** Registrations (not cancelled) by first time or returning; the total is the number of visits. */
  visits: PublishedLine<Visit | 'unknown'>;
  /** Different people reached: each one's first registration is counted once. */
  people: PublishedCount;
  accessNeeds: { need: AccessNeed; asked: PublishedCount; met: PublishedCount }[];
}

function publishGroups(table: Record<string, Funnel>): PublishedGroups {
  const { rows, totals } = publishColumns(table, funnelStages);
  return {
    rows: Object.keys(table).map((key) => ({ key, counts: rows[key] as Record<FunnelStage, PublishedCount> })),
    totals,
  };
}

/**
 * The counts as they may be published. The three group tables share their `registered` total,
 * which is the same number everywhere, so it is never the only thing withheld in a line (the
 * line rule withholds a second cell instead). Access needs are not a breakdown (one person can
 * ask several) and have no total to subtract from; each count stands alone.
 */
export function publishReach(c: ReachCounts): PublishedReach {
  const visits = publishLine(c.visits);
  return {
    registrations: publishCount(c.registrations),
    byRole: publishGroups(c.byRole),
    byArea: publishGroups(c.byArea),
    byChannel: publishGroups(c.byChannel),
    visits,
    people: visits.cells.first,
    accessNeeds: accessNeeds.map((need) => ({
      need,
      asked: publishCount(c.accessNeeds.asked[need]),
      met: publishCount(c.accessNeeds.met[need]),
    })),
  };
}
