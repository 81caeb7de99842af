import type { CapacityRow, RushResult } from './rush';

const mark = (ok: boolean) => (ok ? 'met' : '**missed**');

const withinTenPercent = (xs: number[]): boolean => xs.length === 0 || Math.max(...xs) <= Math.min(...xs) * 1.1;

/** The rush part as Markdown lines, without a heading (bench/results.md and bench/out/rush.md). */
export function renderRushBody(r: { rush: RushResult; capacity: CapacityRow[] }): string[] {
  const x = r.rush;
  const statuses = Object.entries(x.statuses)
    .map(([s, n]) => `${n} × ${s}`)
    .join(', ');
  const fiveXx = Object.entries(x.statuses)
    .filter(([s]) => s.startsWith('5'))
    .reduce((a, [, n]) => a + n, 0);
  const flat =
    withinTenPercent(r.capacity.map((c) => c.readUnits)) && withinTenPercent(r.capacity.map((c) => c.writeUnits));
  return [
    `${x.registrations} registrations at once for ${x.capacity} seats: ${statuses}; p50 ${x.latency.p50} ms, p99 ${x.latency.p99} ms, max ${x.latency.max} ms; ${x.elapsedS} s in all.`,
    `TransactWriteItems per registration ${x.transactionsPerRegistration}; cancelled by the model: ${x.conflicts.cancelledTransactions} conflicts, ${x.conflicts.throttled} throttled.`,
    `Targets: 0 × 5xx ${mark(fiveXx === 0)} (${fiveXx}); every answer within 10 s ${mark(x.latency.max <= 10_000)}; exactly ${x.capacity} confirmed ${mark(x.exactlyCapacity)}; positions without gaps or repeats ${mark(x.positionsExact)}; units per registration flat (±10 %) across queue lengths ${mark(flat)}.`,
    `Stored: ${x.confirmedStored} confirmed (exactly ${x.capacity}: ${x.exactlyCapacity ? 'yes' : 'NO'}), ${x.waitlistedStored} waiting; positions told exactly 1…${x.registrations - x.capacity}: ${x.positionsExact ? 'yes' : 'NO'}.`,
    '',
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
export function renderRush(r: {
  startedAt: string;
  machine: { cpus: number; cpuModel: string; node: string };
  rush: RushResult;
  capacity: CapacityRow[];
}): string {
  return [
    `Rush under the contention model, ${r.startedAt.slice(0, 16).replace('T', ' ')} UTC on ${r.machine.cpus} × ${r.machine.cpuModel}, Node ${r.machine.node}.`,
    '',
    ...renderRushBody(r),
  ].join('\n');
}
