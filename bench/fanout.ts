import type { SESClient } from '@aws-sdk/client-ses';
import { startSesEmulator } from '../local/engines/ses';
import { maxSendsPerWindow, seedConfirmedRegistrations } from '../local/fanout';
import { startLocalStack } from '../local/stack';
import { createDocumentClient } from '../shared/adapters/dynamodb/client';
import type { ProgrammeFile } from '../shared/domain/schemas';
import { ManualClock } from '../shared/ports/clock';

/**
 * Email fan-out: a 1,000-registrant session's 2-day reminder, through the local stack's own
 * scheduler, dispatcher, mail queue, rate-limited mailer and the SES emulator. The registrations
 * are seeded with the stream trigger off, so only the reminders are sent. Time to the last email
 * is from the firing (time travel) to the emulator accepting the last reminder.
 */
export interface FanOutResult {
  registrants: number;
  configuredRatePerSecond: number;
  sent: number;
  inEmulator: number;
  timeToLastEmailMs: number;
  achievedRatePerSecond: number;
  maxInAnySecond: number;
  seedS: number;
}

const SECRET = 'bench-manage-token-secret';

export async function measureFanOut(opts: {
  dynamoDbEndpoint: string;
  registrants: number;
  ratePerSecond: number;
}): Promise<FanOutResult> {
  const ses = await startSesEmulator({ port: 0 });
  const sendTimes: number[] = [];
  const clock = new ManualClock(new Date('2027-03-01T09:00:00Z'));
  const programme: ProgrammeFile = {
    id: 'fanout-bench',
    title: { nl: 'Fan-out' },
    timeZone: 'Europe/Amsterdam',
    feedbackQuestions: [],
    sessions: [
      {
        id: 'fanout',
        kind: 'knowledge',
        title: { nl: 'Grote bijeenkomst' },
        date: '2027-03-30',
        startTime: '16:00',
        endTime: '17:30',
        location: null,
        capacity: null,
        provisional: false,
        registrationOpen: true,
      },
    ],
  };
  const stack = await startLocalStack({
    dynamoDbEndpoint: opts.dynamoDbEndpoint,
    tablePrefix: `bench-fanout-${Date.now().toString(36)}-`,
    programme,
    clock,
    sesEndpoint: ses.endpoint,
    manageTokenSecret: SECRET,
    pipeline: {
      streams: false,
      sendRatePerSecond: opts.ratePerSecond,
      pollIntervalMs: 50,
      wrapSesClient: (client: SESClient) => ({
        send: ((command: never) => {
          sendTimes.push(performance.now());
          return client.send(command);
        }) as SESClient['send'],
      }),
    },
  });
  try {
    const pipeline = stack.pipeline;
    if (!pipeline) throw new Error('the pipeline did not start');
    const seedStarted = performance.now();
    const db = createDocumentClient({ endpoint: opts.dynamoDbEndpoint });
    await seedConfirmedRegistrations({
      db,
      tables: stack.tables,
      sessionId: 'fanout',
      count: opts.registrants,
      manageTokenSecret: SECRET,
      now: clock.now(),
      emailOf: (i) => `deelnemer-${i}@example.org`,
    });
    db.destroy();
    const seedS = (performance.now() - seedStarted) / 1000;
    await pipeline.replan('fanout');

    const fired = performance.now();
    const res = await fetch(`${stack.apiUrl}/_local/time-travel`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ to: '2027-03-28T14:00:00Z' }),
    });
    if (res.status !== 200) throw new Error(`time travel answered ${res.status}`);
    await pipeline.settled(10 * 60_000);
    const store = (await (await fetch(ses.storeUrl)).json()) as { emails: unknown[] };
    const first = sendTimes[0] ?? fired;
    const last = sendTimes.at(-1) ?? fired;
    return {
      registrants: opts.registrants,
      configuredRatePerSecond: opts.ratePerSecond,
      sent: sendTimes.length,
      inEmulator: store.emails.length,
      timeToLastEmailMs: last - fired,
      achievedRatePerSecond: sendTimes.length > 1 ? ((sendTimes.length - 1) * 1000) / (last - first) : 0,
      maxInAnySecond: maxSendsPerWindow(sendTimes, 1000),
      seedS,
    };
  } finally {
    await stack.stop();
    await ses.stop();
  }
}
