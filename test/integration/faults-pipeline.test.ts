import type { DynamoDBStreamsClient } from '@aws-sdk/client-dynamodb-streams';
import { InternalServerError, LimitExceededException } from '@aws-sdk/client-dynamodb-streams';
import type { SESClient } from '@aws-sdk/client-ses';
import { SESServiceException } from '@aws-sdk/client-ses';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { createDocumentClient } from '../../shared/adapters/dynamodb/client';
import { createSuppressionRepository } from '../../shared/adapters/dynamodb/suppressions';
import { emailKey } from '../../shared/domain/identity';
import { eventNames, mailJobNames } from '../../shared/events/catalogue';
import { withSuppressionFlags } from '../../shared/usecases/suppression';
import { type Decision, faultyDocumentClient } from '../support/faulty-dynamodb';
import {
  cancelVia,
  changeSession,
  deliverEveryBatchTwice,
  ledgerOf,
  mailsTo,
  type PipelineStack,
  publishEveryEventTwice,
  registerVia,
  startPipelineStack,
  storedRegistrations,
  storedSession,
  waitForMails,
} from '../support/pipeline';
import { aProgrammeFile, aSessionInput, uniqueId } from '../support/programme-builders';

/**
 * Fault injection on the mail pipeline, on the real local engines (DynamoDB Local and its
 * streams, the SES emulator) with the real stream publisher, routing rules, mailer and ledger:
 * duplicate deliveries everywhere, SES throttling and 5xx, DynamoDB faults on the mailer's
 * ledger and reads and on the stream reads, a mailer that dies between SES and the ledger, and
 * poison records and messages. Each test checks what matters to a registrant: no registration
 * lost, no seat counted twice, each mail sent exactly once (except in the one documented crash
 * window), and what cannot be processed parked in a dead-letter queue.
 */

const address = () => `${uniqueId('fault')}@example.org`;
const subjectKinds = (mails: Array<{ subject: string }>) => mails.map((m) => m.subject.split(':')[0]).sort();

let stack: PipelineStack | undefined;
const cleanups: Array<() => void> = [];
afterEach(async () => {
  await stack?.stop();
  stack = undefined;
  for (const c of cleanups.splice(0)) c();
});

async function start(
  sessions: Parameters<typeof aSessionInput>[0][],
  knobs: Parameters<typeof startPipelineStack>[1] = {},
) {
  const inputs = sessions.map((o) => aSessionInput(o));
  stack = await startPipelineStack(aProgrammeFile(inputs), knobs);
  return { s: stack, ids: inputs.map((i) => i.id) };
}

/** Counters equal to the stored items: nothing lost, no seat counted twice. */
async function expectConsistent(s: PipelineStack, sessionId: string) {
  const st = await storedRegistrations(s, sessionId);
  expect(st.confirmedCount).toBe(st.confirmed);
  expect(st.waitlistCount).toBe(st.waitlisted);
  return st;
}

/** The middleware step where a real service error would surface: inside the SDK's retry loop. */
const insideRetries = { step: 'deserialize', priority: 'low' } as const;

describe.each(['sequential', 'concurrent'] as const)(
  'every event published twice and every queue message delivered twice (%s)',
  (mode) => {
    it('sends each mail exactly once, for every kind of event in the catalogue', async () => {
      const { s, ids } = await start([{ capacity: 1 }, { startTime: null, endTime: null, capacity: 5 }], {
        wrapMailer: deliverEveryBatchTwice(mode),
      });
      const [a, b] = ids as [string, string];
      publishEveryEventTwice(s.pipeline.bus);
      const x = address();
      const y = address();
      const z = address();

      // Session a: confirmed, waitlisted, a duplicate attempt, a cancellation that promotes.
      const rx = await registerVia(s, a, x);
      await waitForMails(x, 1);
      const ry = await registerVia(s, a, y);
      await waitForMails(y, 1);
      const again = await registerVia(s, a, x);
      await waitForMails(x, 2);
      await cancelVia(s, rx.manageToken);
      await waitForMails(x, 3);
      await waitForMails(y, 2);
      // Session b: its time is set, it moves, its location changes, it is cancelled (each fanned out).
      const rz = await registerVia(s, b, z);
      await waitForMails(z, 1);
      let v = await changeSession(s, b, await storedSession(s, b), { startTime: '19:00', endTime: '21:00' });
      await waitForMails(z, 2);
      v = await changeSession(s, b, v, { date: '2099-06-11' });
      await waitForMails(z, 3);
      v = await changeSession(s, b, v, { location: { name: 'Buurthuis De Pijp', address: 'Ferdinand Bolstraat 1' } });
      await waitForMails(z, 4);
      // An organiser message to everyone registered for b (fanned out, too).
      const message = await fetch(`${s.apiUrl}/admin/sessions/${b}/messages`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          authorization: `Bearer ${await s.auth.signToken({ sub: 'organiser-1' })}`,
        },
        body: JSON.stringify({ subject: 'Neem je laptop mee', body: 'We werken in kleine groepen.' }),
      });
      expect(message.status).toBe(202);
      await waitForMails(z, 5);
      await changeSession(s, b, v, { status: 'cancelled' });
      await waitForMails(z, 6);
      // An SES bounce for x, on the same queue.
      await s.pipeline.bus.deliver({
        version: '0',
        id: 'bounce',
        'detail-type': 'Email Bounced',
        source: 'aws.ses',
        account: '000000000000',
        time: new Date().toISOString(),
        region: 'eu-west-1',
        resources: [],
        detail: {
          eventType: 'Bounce',
          bounce: { bounceType: 'Permanent', bounceSubType: 'General', bouncedRecipients: [{ emailAddress: x }] },
          mail: { messageId: 'm', destination: [x] },
        },
      });
      await s.pipeline.settled();
      // And once more from the top: the streams read again (a retried batch), each event twice again.
      const replayed = await s.pipeline.replayStreams();
      await s.pipeline.settled();

      expect([rx.status, ry.status, again.status, rz.status]).toEqual([201, 201, 409, 201]);
      expect(replayed).toBeGreaterThan(0);
      // The scenario produced every event in the catalogue, each published at least twice.
      const history = s.pipeline.bus.history;
      // Mail jobs never travel on the bus (the dispatcher and the fan-outs put them straight on the
      // queue); the ledger and the schedule suites cover their duplicates.
      // This programme does not ask for address confirmation; the hold events get the same
      // duplicate delivery in address-confirmation.test.ts.
      const holdEvents: string[] = ['RegistrationHeld', 'AddressConfirmed', 'HoldReleased'];
      // Person-link requests get the same duplicate delivery in people-requests.test.ts; the
      // waiting list's offers (made only near the start) in waitlist-offers.test.ts.
      const elsewhere = [...holdEvents, 'PersonLinkRequested', 'WaitlistOfferMade', 'WaitlistOfferLapsed'];
      const onTheBus = eventNames.filter((n) => !mailJobNames.includes(n) && !elsewhere.includes(n));
      expect(new Set(history.map((e) => e['detail-type']))).toEqual(new Set([...onTheBus, 'Email Bounced']));
      const copies = new Map<string, number>();
      for (const e of history) {
        const id = (e.detail as { metadata?: { eventId?: string } }).metadata?.eventId;
        if (id) copies.set(id, (copies.get(id) ?? 0) + 1);
      }
      expect(Math.min(...copies.values())).toBeGreaterThanOrEqual(2);
      expect(history.filter((e) => e['detail-type'] === 'Email Bounced')).toHaveLength(2);
      // Exactly one mail per occasion.
      expect(subjectKinds(await mailsTo(x))).toEqual(
        ['Aanmelding bevestigd', 'Afmelding ontvangen', 'Je bent al aangemeld'].sort(),
      );
      expect(subjectKinds(await mailsTo(y))).toEqual(['Er is een plek voor je', 'Je staat op de wachtlijst'].sort());
      expect(subjectKinds(await mailsTo(z))).toEqual(
        [
          'Aanmelding bevestigd',
          'Geannuleerd',
          'Neem je laptop mee',
          'Nieuwe datum of tijd',
          'Nieuwe locatie',
          'Tijd bekend',
        ].sort(),
      );
      // Nothing lost or counted twice; nothing dead-lettered; the bounce suppressed x once.
      expect(await expectConsistent(s, a)).toMatchObject({ confirmed: 1, waitlisted: 0, cancelled: 1 });
      expect(await expectConsistent(s, b)).toMatchObject({ confirmed: 1, waitlisted: 0 });
      expect(s.pipeline.mailQueue.deadLetters).toEqual([]);
      expect(s.pipeline.poller.deadLetters).toEqual([]);
      expect(s.pipeline.bus.deadLetters).toEqual([]);
      const db = createDocumentClient({ endpoint: inject('dynamoEndpoint') });
      cleanups.push(() => db.destroy());
      const flags = await withSuppressionFlags(createSuppressionRepository(db, s.tables.registrationsTable), [
        { emailHash: emailKey(x) },
        { emailHash: emailKey(y) },
      ]);
      expect(flags.map((f) => f.suppressed)).toEqual([true, false]);
    });
  },
);

describe('SES throttling and server errors', () => {
  it('retries through the sender and the queue: every mail arrives, once', async () => {
    const injected: string[] = [];
    const faults = [
      { name: 'Throttling', status: 400, fault: 'client' },
      { name: 'ServiceUnavailable', status: 503, fault: 'server' },
      { name: 'InternalFailure', status: 500, fault: 'server' },
    ] as const;
    const failFirst = 14; // more than one delivery's five attempts, so the queue must deliver again
    const wrapSesClient = (client: SESClient) => {
      client.middlewareStack.add(
        (next, context) => async (args) => {
          if (context.commandName !== 'SendRawEmailCommand' || injected.length >= failFirst) return next(args);
          const f = faults[injected.length % faults.length] ?? faults[0];
          injected.push(f.name);
          throw new SESServiceException({
            name: f.name,
            $fault: f.fault,
            $metadata: { httpStatusCode: f.status },
            message: `${f.name} (injected)`,
          });
        },
        { ...insideRetries, name: 'injectSesFaults' },
      );
      return client;
    };
    const { s, ids } = await start([{ capacity: 2 }], { wrapSesClient, maxReceiveCount: 10 });
    const [a] = ids as [string];
    const people = [address(), address(), address()];

    for (const p of people) await registerVia(s, a, p);
    for (const p of people) await waitForMails(p, 1);
    await s.pipeline.settled();

    expect(injected).toHaveLength(failFirst);
    expect(new Set(injected)).toEqual(new Set(faults.map((f) => f.name)));
    for (const p of people) expect(await mailsTo(p)).toHaveLength(1);
    expect(s.pipeline.mailQueue.deadLetters).toEqual([]);
    expect(await expectConsistent(s, a)).toMatchObject({ confirmed: 2, waitlisted: 1 });
  });
});

describe('DynamoDB faults on the mailer and on the stream reads', () => {
  it('throttling and conflicts on the mailer’s ledger writes and reads: every mail once', async () => {
    let claims = 0;
    let marks = 0;
    let reads = 0;
    const decide = (command: string, _call: number, input: Record<string, unknown>): Decision => {
      const key = input.Key as { pk?: { S?: string } } | undefined;
      const expression = String(input.UpdateExpression ?? '');
      if (command === 'UpdateItem' && key?.pk?.S?.startsWith('MAIL#')) {
        if (expression.includes('leaseUntil = :lease')) {
          claims++;
          // Two throttles outlast the SDK's two attempts (the queue delivers again), then a conflict.
          if (claims <= 2) return 'throttling';
          if (claims === 3) return 'transaction-conflict';
        }
        if (expression.includes('sentAt')) {
          marks++;
          if (marks === 1) return 'throttling'; // retried away by the SDK: still marked
        }
      }
      if (command === 'GetItem') {
        reads++;
        if (reads % 4 === 1) return 'provisioned-throughput';
      }
      return null;
    };
    const faulty = faultyDocumentClient(inject('dynamoEndpoint'), decide, { maxAttempts: 2 });
    cleanups.push(faulty.destroy);
    const { s, ids } = await start([{ capacity: 5 }], { mailerDb: faulty.db, maxReceiveCount: 10 });
    const [a] = ids as [string];
    const people = [address(), address()];

    const regs = [];
    for (const p of people) regs.push(await registerVia(s, a, p));
    for (const p of people) await waitForMails(p, 1);
    await s.pipeline.settled();

    const kinds = new Set(faulty.injected.map((i) => i.fault));
    expect(kinds).toEqual(new Set(['throttling', 'transaction-conflict', 'provisioned-throughput']));
    for (const p of people) expect(await mailsTo(p)).toHaveLength(1);
    for (const r of regs) {
      expect(await ledgerOf(s, r.registrationId)).toEqual([
        expect.objectContaining({ entry: 'registration-confirmed#once', status: 'sent' }),
      ]);
    }
    expect(s.pipeline.mailQueue.deadLetters).toEqual([]);
    expect(await expectConsistent(s, a)).toMatchObject({ confirmed: 2 });
  });

  it('throttled and failing stream reads: the poller tries again, nothing is lost or published twice', async () => {
    const injected: string[] = [];
    const instrumentStreamsClient = (client: DynamoDBStreamsClient) => {
      client.middlewareStack.add(
        (next, context) => async (args) => {
          if (context.commandName !== 'GetRecordsCommand' || injected.length >= 5) return next(args);
          // Three limits outlast the client's three attempts (the poll round fails), then two 500s.
          const n = injected.length;
          injected.push(n < 3 ? 'LimitExceededException' : 'InternalServerError');
          const meta = { $metadata: { httpStatusCode: n < 3 ? 400 : 500 } };
          throw n < 3
            ? new LimitExceededException({ message: 'throughput of the stream exceeded (injected)', ...meta })
            : new InternalServerError({ message: 'internal error (injected)', ...meta });
        },
        { ...insideRetries, name: 'injectStreamFaults' },
      );
    };
    const { s, ids } = await start([{ capacity: 1 }], { instrumentStreamsClient });
    const [a] = ids as [string];
    const seated = address();
    const waiting = address();

    await registerVia(s, a, seated);
    await registerVia(s, a, waiting);
    await waitForMails(seated, 1);
    await waitForMails(waiting, 1);
    await s.pipeline.settled();

    expect(injected).toHaveLength(5);
    expect(await mailsTo(seated)).toHaveLength(1);
    expect(await mailsTo(waiting)).toHaveLength(1);
    const published = s.pipeline.bus.history.filter((e) => e['detail-type'].startsWith('Registration'));
    expect(published.map((e) => e['detail-type']).sort()).toEqual(['RegistrationConfirmed', 'RegistrationWaitlisted']);
    expect(s.pipeline.poller.deadLetters).toEqual([]);
    expect(await expectConsistent(s, a)).toMatchObject({ confirmed: 1, waitlisted: 1 });
  });
});

describe('a mailer that dies after SES accepted the mail and before the ledger says so', () => {
  /*
   * The documented window (shared/usecases/mail.ts): the ledger entry stays "pending" with a
   * lease; the queue delivers the message again after its visibility timeout, which is at least
   * the lease, so that delivery finds the lease expired, claims it and sends again. The registrant
   * gets that one mail twice; every other mail is unaffected, and nothing is dead-lettered.
   */
  it('sends that one mail a second time after the lease, and marks it sent', async () => {
    let marks = 0;
    const faulty = faultyDocumentClient(inject('dynamoEndpoint'), (command, _call, input) => {
      const isMark = command === 'UpdateItem' && String(input.UpdateExpression ?? '').includes('sentAt');
      return isMark && ++marks === 1 ? 'crash' : null;
    });
    cleanups.push(faulty.destroy);
    const { s, ids } = await start([{ capacity: 5 }], {
      mailerDb: faulty.db,
      leaseMs: 400,
      visibilityTimeoutMs: 500, // ≥ the lease, as in the deployed queue (60 s lease, longer visibility)
    });
    const [a] = ids as [string];
    const victim = address();
    const other = address();

    const r = await registerVia(s, a, victim);
    const twice = await waitForMails(victim, 2, 10_000);
    await registerVia(s, a, other);
    await waitForMails(other, 1);
    await s.pipeline.settled();

    expect(faulty.injected.map((i) => i.fault)).toEqual(['crash']);
    expect(twice.map((m) => m.subject)).toEqual([twice[0]?.subject, twice[0]?.subject]);
    expect(await mailsTo(victim)).toHaveLength(2);
    expect(await mailsTo(other)).toHaveLength(1);
    expect(await ledgerOf(s, r.registrationId)).toEqual([
      { entry: 'registration-confirmed#once', status: 'sent', attempts: 2 },
    ]);
    expect(s.pipeline.mailQueue.deadLetters).toEqual([]);
    expect(await expectConsistent(s, a)).toMatchObject({ confirmed: 2 });
  });
});

describe('poison', () => {
  it('poison stream records (undecodable image, schema-invalid event, malformed item) go to the stream DLQ; the rest of the batch flows', async () => {
    // Hold the stream reads until every write is in, so poison and good records share one batch.
    let release: () => void = () => {};
    const gate = new Promise<void>((r) => {
      release = r;
    });
    const instrumentStreamsClient = (client: DynamoDBStreamsClient) => {
      client.middlewareStack.add(
        (next, context) => async (args) => {
          if (context.commandName !== 'GetRecordsCommand') return next(args);
          await gate;
          const out = await next(args);
          // A corrupted image: an attribute of a type no DynamoDB client can decode.
          for (const rec of (out.output as { Records?: Array<{ dynamodb?: Record<string, never> }> }).Records ?? []) {
            const d = rec.dynamodb as
              | { Keys?: { sk?: { S?: string } }; NewImage?: Record<string, unknown> }
              | undefined;
            if (d?.NewImage && d.Keys?.sk?.S?.startsWith('REG#undecodable')) d.NewImage.status = { Q: 'x' };
          }
          return out;
        },
        { step: 'deserialize', name: 'corruptImages', priority: 'high' },
      );
    };
    const { s, ids } = await start([{ capacity: 5 }], { instrumentStreamsClient, streamMaxAttempts: 2 });
    const [a] = ids as [string];
    const db = createDocumentClient({ endpoint: inject('dynamoEndpoint') });
    cleanups.push(() => db.destroy());
    const poison = (sk: string, extra: Record<string, unknown>) =>
      db.send(
        new PutCommand({
          TableName: s.tables.registrationsTable,
          Item: { pk: `SESSION#${a}`, sk, type: 'registration', status: 'confirmed', sessionId: a, ...extra },
        }),
      );
    const people = [address(), address(), address()];

    await registerVia(s, a, people[0] as string);
    await poison('REG#schema-invalid', { registrationId: 'r'.repeat(300) }); // longer than the catalogue allows
    await registerVia(s, a, people[1] as string);
    await poison('REG#undecodable', { registrationId: 'undecodable' });
    await poison('REG#malformed', {}); // no registrationId at all
    await registerVia(s, a, people[2] as string);
    release();
    for (const p of people) await waitForMails(p, 1);
    await s.pipeline.settled();

    expect(s.pipeline.poller.deadLetters.map((r) => r.dynamodb?.Keys?.sk)).toEqual([
      { S: 'REG#schema-invalid' },
      { S: 'REG#undecodable' },
      { S: 'REG#malformed' },
    ]);
    for (const p of people) expect(await mailsTo(p)).toHaveLength(1);
    const confirmed = s.pipeline.bus.history.filter((e) => e['detail-type'] === 'RegistrationConfirmed');
    expect(confirmed).toHaveLength(3); // each good record published once, none lost behind the poison
    expect(s.pipeline.mailQueue.deadLetters).toEqual([]);
  });

  it('poison queue messages go to the DLQ after maxReceiveCount; the other messages are unaffected', async () => {
    const { s, ids } = await start([{ capacity: 5 }], { maxReceiveCount: 3, visibilityTimeoutMs: 60 });
    const [a] = ids as [string];
    const poison = [
      'not json at all',
      JSON.stringify({ source: 'stadsgesprekken.registrations', 'detail-type': 'RegistrationExploded', detail: {} }),
      JSON.stringify({
        source: 'stadsgesprekken.registrations',
        'detail-type': 'RegistrationConfirmed',
        detail: { metadata: { eventId: 'e', version: 1, occurredAt: new Date().toISOString() }, data: {} },
      }),
    ];
    const people = [address(), address()];

    await registerVia(s, a, people[0] as string);
    for (const body of poison) s.pipeline.mailQueue.send(body);
    await registerVia(s, a, people[1] as string);
    for (const p of people) await waitForMails(p, 1);
    await s.pipeline.settled();

    const dead = s.pipeline.mailQueue.deadLetters;
    expect(dead.map((d) => d.body).sort()).toEqual([...poison].sort());
    expect(dead.map((d) => d.receiveCount)).toEqual([3, 3, 3]);
    for (const p of people) expect(await mailsTo(p)).toHaveLength(1);
    expect(await expectConsistent(s, a)).toMatchObject({ confirmed: 2 });
  });
});
