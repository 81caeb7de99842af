import type { CapacityRow, RushResult } from './rush';

/** The rush part as Markdown (bench/out/rush.md). */
export function renderRush(r: {
  startedAt: string;
  machine: { cpus: number; cpuModel: string; node: string };
  rush: RushResult;
  capacity: CapacityRow[];
}): string {
  const x = r.rush;
  const statuses = Object.entries(x.statuses)
    .map(([s, n]) => `${n} × ${s}`)
    .join(', ');
  return [
    `Rush under the contention model, ${r.startedAt.slice(0, 16).replace('T', ' ')} UTC on ${r.machine.cpus} × ${r.machine.cpuModel}, Node ${r.machine.node}.`,
    '',
    `${x.registrations} registrations at once for ${x.capacity} seats: ${statuses}; p50 ${x.latency.p50} ms, p99 ${x.latency.p99} ms, max ${x.latency.max} ms; ${x.elapsedS} s in all.`,
    `TransactWriteItems per registration ${x.transactionsPerRegistration}; cancelled by the model: ${x.conflicts.cancelledTransactions} conflicts, ${x.conflicts.throttled} throttled.`,
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
  ].join('\n');
}
