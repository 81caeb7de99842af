import { Agent, request } from 'node:http';
import autocannon from 'autocannon';
import type { LoadResult, Operation } from './load';
import { type LatencySummary, summarise } from './stats';

let people = 0;
/** A registration body with an address never used before in this run. */
export const aPerson = (tag: string) => ({
  name: 'Bench Registrant',
  email: `${tag}-${process.pid}-${(people++).toString(36)}@bench.example.org`,
  role: 'resident',
  consent: true,
});

/** One registration POST per call over a keep-alive pool of `concurrency` sockets; resolves to the status. */
export function httpRegistration(apiUrl: string, sessionId: string, concurrency: number) {
  const agent = new Agent({ keepAlive: true, maxSockets: concurrency });
  const url = new URL(`/sessions/${sessionId}/registrations`, apiUrl);
  const op: Operation = () =>
    new Promise<number>((resolve, reject) => {
      const body = JSON.stringify(aPerson('http'));
      const req = request(
        url,
        {
          method: 'POST',
          agent,
          headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
        },
        (res) => {
          res.resume();
          res.on('end', () => resolve(res.statusCode ?? 0));
          res.on('error', reject);
        },
      );
      req.on('error', reject);
      req.end(body);
    });
  return { op, close: () => agent.destroy() };
}

/**
 * autocannon against the registration route at a fixed overall rate. Latencies are taken from
 * every response autocannon reports (send → answer), not from its histogram, whose coordinated-
 * omission correction uses an expected interval of ceil(1/rate) = 1 ms at these rates.
 */
export function autocannonRegistrations(opts: {
  apiUrl: string;
  sessionId: string;
  rate: number;
  concurrency: number;
  durationS: number;
}): Promise<LoadResult> {
  const latencies: number[] = [];
  const statuses: Record<string, number> = {};
  let ok = 0;
  return new Promise((resolve, reject) => {
    const instance = autocannon(
      {
        url: opts.apiUrl,
        connections: opts.concurrency,
        overallRate: opts.rate,
        duration: opts.durationS,
        timeout: 30,
        ignoreCoordinatedOmission: true,
        requests: [
          {
            method: 'POST',
            path: `/sessions/${opts.sessionId}/registrations`,
            headers: { 'content-type': 'application/json' },
            setupRequest: (req) => ({ ...req, body: JSON.stringify(aPerson('ac')) }),
          },
        ],
      },
      (err, result) => {
        if (err) return reject(err);
        resolve({
          model: 'autocannon overallRate',
          rate: opts.rate,
          concurrency: opts.concurrency,
          durationS: opts.durationS,
          sent: result.requests.sent,
          completed: latencies.length,
          ok,
          statuses: { ...statuses, ...(result.errors ? { '0': result.errors } : {}) },
          queued: 0,
          latencies,
          elapsedS: (result.finish.getTime() - result.start.getTime()) / 1000,
        });
      },
    );
    instance.on('response', (_client: unknown, status: number, _bytes: number, ms: number) => {
      latencies.push(ms);
      statuses[String(status)] = (statuses[String(status)] ?? 0) + 1;
      if (status >= 200 && status < 300) ok++;
    });
  });
}

export interface BurstOutcome {
  requests: number;
  answered: number;
  statuses: Record<string, number>;
  confirmed: number;
  waitlisted: number;
  transportErrors: number;
  elapsedS: number;
  latency: LatencySummary;
}

/** `n` registrations for one session, all sent at once, each on its own connection. */
export async function capacityBurst(apiUrl: string, sessionId: string, n: number): Promise<BurstOutcome> {
  const agent = new Agent({ keepAlive: false, maxSockets: Number.POSITIVE_INFINITY });
  const url = new URL(`/sessions/${sessionId}/registrations`, apiUrl);
  const latencies: number[] = [];
  const one = () =>
    new Promise<{ status: number; body: string }>((resolve) => {
      const t0 = performance.now();
      const body = JSON.stringify(aPerson('burst'));
      const req = request(
        url,
        {
          method: 'POST',
          agent,
          timeout: 120_000,
          headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => {
            latencies.push(performance.now() - t0);
            resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') });
          });
          res.on('error', () => resolve({ status: 0, body: '' }));
        },
      );
      req.on('error', () => resolve({ status: 0, body: '' }));
      req.on('timeout', () => req.destroy());
      req.end(body);
    });
  const started = performance.now();
  const answers = await Promise.all(Array.from({ length: n }, one));
  const elapsedS = (performance.now() - started) / 1000;
  agent.destroy();
  const statuses: Record<string, number> = {};
  let confirmed = 0;
  let waitlisted = 0;
  for (const a of answers) {
    statuses[String(a.status)] = (statuses[String(a.status)] ?? 0) + 1;
    if (a.status === 201) {
      const status = (JSON.parse(a.body) as { registration: { status: string } }).registration.status;
      if (status === 'confirmed') confirmed++;
      if (status === 'waitlisted') waitlisted++;
    }
  }
  return {
    requests: n,
    answered: answers.filter((a) => a.status !== 0).length,
    statuses,
    confirmed,
    waitlisted,
    transportErrors: statuses['0'] ?? 0,
    elapsedS,
    latency: summarise(latencies),
  };
}
