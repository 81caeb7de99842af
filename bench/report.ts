import { renderColdStart } from './cold-start-report';
import type { BenchResults, LoadRow } from './results-types';
import { renderRushBody } from './rush-report';

const ms = (n: number) => `${n.toFixed(1)} ms`;
const statuses = (s: Record<string, number>) =>
  Object.entries(s)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([code, n]) => `${code === '0' ? 'error' : code}×${n}`)
    .join(', ');
const verdict = (ok: boolean) => (ok ? 'met' : '**missed**');

const loadLine = (r: LoadRow) =>
  `| ${r.name} | ${r.model} | ${r.rate}/s × ${r.durationS} s | ${r.concurrency} | ${r.sent} | ${statuses(r.statuses)} | ${r.throughput}/s | ${ms(r.latency.p50)} | ${ms(r.latency.p99)} | ${ms(r.latency.max)} |`;

/** The Markdown tables printed by `npm run bench` and written to bench/results.md. */
export function renderMarkdown(r: BenchResults): string {
  const { openLoop, autocannon, target } = r.registrationBurst;
  const c = r.capacityBurst;
  const f = r.emailFanOut;
  const lines = [
    `Measured ${r.startedAt.slice(0, 16).replace('T', ' ')} UTC on ${r.machine.cpus} × ${r.machine.cpuModel}, ${r.machine.memoryGb} GB, Node ${r.machine.node}; whole run ${r.durationS} s.`,
    '',
    '**Registration burst** (unlimited-capacity sessions, a new address per request, DynamoDB Local in memory)',
    '',
    '| path | load model | rate × time | concurrency | sent | answers | throughput | p50 | p99 | max |',
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
    loadLine(openLoop.ours),
    loadLine(openLoop.raw),
    loadLine(autocannon.ours),
    loadLine(autocannon.raw),
    '',
    `| comparison | p50 ours/raw | p99 ours/raw | target p50 and p99 ≤ ${target.p99Ratio}× |`,
    '| --- | --- | --- | --- |',
    `| open loop | ${openLoop.p50Ratio}× | ${openLoop.p99Ratio}× | ${verdict(openLoop.p99Ratio <= target.p99Ratio && openLoop.p50Ratio <= target.p99Ratio)} |`,
    `| autocannon model | ${autocannon.p50Ratio}× | ${autocannon.p99Ratio}× | ${verdict(autocannon.p99Ratio <= target.p99Ratio && autocannon.p50Ratio <= target.p99Ratio)} |`,
    '',
    '- _open loop_ (bench/load.ts): request _i_ is due at _i_/rate whatever happened before; at most `concurrency` in flight (a fixed connection pool); latency counts from when the request was due, so queueing behind a slow answer is included (no coordinated omission). ' +
      `Requests that found the pool full: ours ${openLoop.ours.queued}, raw ${openLoop.raw.queued}.`,
    "- _autocannon model_: autocannon's `overallRate` is not open loop. It gives each connection a per-second budget (rate ÷ connections); a connection keeps one request in flight and sends the next on each answer until its budget for that second is spent, then waits for the next second. Latency is send → answer. The raw path is driven the same way by bench/load.ts. autocannon's own histogram is not used: its coordinated-omission correction assumes an interval of ceil(1/rate) = 1 ms here.",
    '- _ours_: the local stack in its own process (same middy chain and handlers as in Lambda; access log silenced): HTTP, body parsing and zod validation, the session, the programme and the session list from the container’s cache (nothing read: the transaction’s conditions answer for the session’s state), then one direct try of the transaction (uncontended, so the placement queue is not used); the address is checked in the transaction, not looked up, and the erasure suppression is left to the mailer. _raw_: the same TransactWriteItems (session counter update with the same condition, the session copy’s version included + registration, email guard and token puts + the check that the address is not confirmed) with the same document client, from the bench process.',
    '',
    `**Capacity under burst**: ${c.requests} concurrent registrations for a ${c.capacity}-seat session over HTTP`,
    '',
    '| requests | answered | answers | 201 confirmed | 201 waitlisted | 5xx | stored confirmed / waitlisted | session counters | answer p50 / max | result |',
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
    `| ${c.requests} | ${c.answered} | ${statuses(c.statuses)} | ${c.confirmed} | ${c.waitlisted} | ${c.fiveXx} | ${c.stored.confirmed} / ${c.stored.waitlisted} | ${c.stored.sessionConfirmedCount} / ${c.stored.sessionWaitlistCount} | ${ms(c.latency.p50)} / ${ms(c.latency.max)} | ${c.pass ? 'pass' : '**fail**'} |`,
    '',
    '- Stored counts are read 15 s after the last answer, so that handlers which answered with a timeout but were still writing have finished.',
    '',
    `**Rush under the contention model** (bench/rush.ts, docs/contention-model.md)`,
    '',
    ...renderRushBody(r.rush),
    ...renderColdStart(r.coldStart),
    '**Email fan-out** (reminders to a 1,000-registrant session)',
    '',
    '| registrants | sent (in the SES emulator) | time to last email | achieved send rate | configured rate | most sends in any 1 s | within rate |',
    '| --- | --- | --- | --- | --- | --- | --- |',
    `| ${f.registrants} | ${f.sent} (${f.inEmulator}) | ${(f.timeToLastEmailMs / 1000).toFixed(1)} s | ${f.achievedRatePerSecond.toFixed(2)}/s | ${f.configuredRatePerSecond}/s | ${f.maxInAnySecond} | ${verdict(f.maxInAnySecond <= f.configuredRatePerSecond + 1 && f.sent === f.registrants)} |`,
    '',
    `- The 2-day reminder fired by time travel on the local stack: dispatcher → ${f.registrants} jobs on the mail queue → the mailer's token bucket (MAIL_SEND_RATE ${f.configuredRatePerSecond}/s, burst 1) → SES emulator. Time to last email counts from the firing to the last SendRawEmail; the rate is over the send log (first to last send). Seeding the registrations (stream trigger off, so they mail nobody) took ${f.seedS.toFixed(1)} s and is not counted.`,
    '',
  ];
  return lines.join('\n');
}
