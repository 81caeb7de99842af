import type { RushPart } from './results-types';
import type { ProgrammeRushResult, RushResult } from './rush';

const mark = (ok: boolean) => (ok ? 'met' : '**missed**');

const withinTenPercent = (xs: number[]): boolean => xs.length === 0 || Math.max(...xs) <= Math.min(...xs) * 1.1;

const statusList = (statuses: Record<string, number>) =>
  Object.entries(statuses)
    .map(([s, n]) => `${n} × ${s}`)
    .join(', ');

const fiveXxOf = (statuses: Record<string, number>) =>
  Object.entries(statuses)
    .filter(([s]) => s.startsWith('5'))
    .reduce((a, [, n]) => a + n, 0);

const containersText = {
  one: 'one container',
  each: 'a container per registration',
  queue: 'a container per registration, through the placement queue',
} as const;

function rushLines(x: RushResult, flat: boolean | null): string[] {
  const fiveXx = fiveXxOf(x.statuses);
  return [
    `**${containersText[x.containers]}** — ${x.registrations} registrations at once for ${x.capacity} seats: ${statusList(x.statuses)}; p50 ${x.latency.p50} ms, p99 ${x.latency.p99} ms, max ${x.latency.max} ms; ${x.elapsedS} s in all.`,
    `TransactWriteItems per registration ${x.transactionsPerRegistration}; cancelled by the model: ${x.conflicts.cancelledTransactions} conflicts, ${x.conflicts.throttled} throttled.`,
    `Targets: 0 × 5xx ${mark(fiveXx === 0)} (${fiveXx}); every answer within 10 s ${mark(x.latency.max <= 10_000)}; exactly ${x.capacity} confirmed ${mark(x.exactlyCapacity)}; positions 1…${x.registrations - x.capacity} without gaps or repeats ${mark(x.positionsExact)}${flat === null ? '' : `; units per registration flat (±10 %) across queue lengths ${mark(flat)}`}.`,
    `Stored: ${x.confirmedStored} confirmed, ${x.waitlistedStored} waiting; positions told 1…${x.waitlistedStored}, as stored, none repeated or skipped: ${x.positionsAsStored ? 'yes' : 'NO'}.`,
    '',
  ];
}

function programmeRushLines(p: ProgrammeRushResult): string[] {
  const fiveXx = fiveXxOf(p.statuses);
  const exact = p.perSession.every((s) => s.exactlyCapacity);
  const positions = p.perSession.every((s) => s.positionsExact);
  const refused = p.perSession.reduce((a, s) => a + s.refused, 0);
  return [
    `**Programme registrations** — ${p.registrations} at once for "all" of ${p.sessions} sessions of ${p.seats} seats (one container): ${statusList(p.statuses)}; p50 ${p.latency.p50} ms, p99 ${p.latency.p99} ms, max ${p.latency.max} ms; ${p.elapsedS} s in all; TransactWriteItems per registration ${p.transactionsPerRegistration}; cancelled by the model: ${p.conflicts.cancelledTransactions} conflicts, ${p.conflicts.throttled} throttled.`,
    `Targets: 0 × 5xx ${mark(fiveXx === 0)} (${fiveXx}); every session exactly ${p.seats} confirmed ${mark(exact)}; positions 1…${p.registrations - p.seats} in every session ${mark(positions)}; sessions refused to a request: ${refused}.`,
    '',
  ];
}

/** The rush part as Markdown lines, without a heading (bench/results.md and bench/out/rush.md). */
export function renderRushBody(r: RushPart): string[] {
  const flat =
    withinTenPercent(r.capacity.map((c) => c.readUnits)) && withinTenPercent(r.capacity.map((c) => c.writeUnits));
  return [
    ...rushLines(r.rush, flat),
    ...rushLines(r.rushEach, null),
    ...(r.rushQueue ? rushLines(r.rushQueue, null) : []),
    ...programmeRushLines(r.programmeRush),
    'Consumed capacity per registration, computed from item sizes by the model’s meter (DynamoDB Local returns none):',
    '',
    '| waiting list | read units | write units | of which index writes | calls |',
    '| ---: | ---: | ---: | ---: | ---: |',
    ...r.capacity.map(
      (c) => `| ${c.waitlistLength} | ${c.readUnits} | ${c.writeUnits} | ${c.indexWriteUnits} | ${c.calls} |`,
    ),
    '',
  ];
}

/** The rush part alone as Markdown (bench/out/rush.md). */
export function renderRush(
  r: {
    startedAt: string;
    machine: { cpus: number; cpuModel: string; node: string };
  } & RushPart,
): string {
  return [
    `Rush under the contention model, ${r.startedAt.slice(0, 16).replace('T', ' ')} UTC on ${r.machine.cpus} × ${r.machine.cpuModel}, Node ${r.machine.node}.`,
    '',
    ...renderRushBody(r),
  ].join('\n');
}
