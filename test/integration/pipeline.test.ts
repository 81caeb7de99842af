import type { SESClient } from '@aws-sdk/client-ses';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { createDocumentClient } from '../../shared/adapters/dynamodb/client';
import { createSuppressionRepository } from '../../shared/adapters/dynamodb/suppressions';
import { emailKey } from '../../shared/domain/identity';
import type { Session } from '../../shared/domain/model';
import type { Language } from '../../shared/domain/schemas';
import { withSuppressionFlags } from '../../shared/usecases/suppression';
import { parseCalendar } from '../support/ical';
import {
  calendarOf,
  changeSession,
  mailsTo,
  type PipelineStack,
  startPipelineStack,
  UID_DOMAIN,
  waitForMails,
} from '../support/pipeline';
import { aProgrammeFile, aSessionInput, uniqueId } from '../support/programme-builders';

const address = () => `${uniqueId('mail')}@example.org`;

let stack: PipelineStack | undefined;
afterEach(async () => {
  await stack?.stop();
  stack = undefined;
});

async function withStack(
  sessionOverrides: Parameters<typeof aSessionInput>[0] = {},
  knobs: Parameters<typeof startPipelineStack>[1] = {},
) {
  const input = aSessionInput(sessionOverrides);
  stack = await startPipelineStack(aProgrammeFile([input]), knobs);
  return { s: stack, sessionId: input.id };
}

async function register(s: PipelineStack, sessionId: string, email: string, language: Language = 'nl') {
  const res = await fetch(`${s.apiUrl}/sessions/${sessionId}/registrations`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name: 'Noor de Vries', email, role: 'teacher', language, consent: true }),
  });
  return { status: res.status, body: (await res.json()) as { manageToken: string; registration: { id: string } } };
}

async function currentSession(s: PipelineStack, sessionId: string): Promise<Session> {
  const { createSessionRepository } = await import('../../shared/adapters/dynamodb/sessions');
  const db = createDocumentClient({ endpoint: inject('dynamoEndpoint') });
  const session = await createSessionRepository(db, s.tables.sessionsTable).get(sessionId);
  db.destroy();
  if (!session) throw new Error('no session');
  return session;
}

describe('the event pipeline on the local engines', () => {
  it('mails a confirmation whose invite a real parser reads back (UID, SEQUENCE, start instant)', async () => {
    const { s, sessionId } = await withStack({ date: '2099-04-02', startTime: '16:00', endTime: '17:30' });
    const to = address();

    const r = await register(s, sessionId, to);
    const [mail] = await waitForMails(to, 1);

    expect(r.status).toBe(201);
    expect(mail?.subject).toMatch(/^Aanmelding bevestigd/);
    expect(mail?.body.text).toContain(`token=${r.body.manageToken}`);
    const cal = parseCalendar(calendarOf(mail as never));
    expect(cal.method).toBe('REQUEST');
    expect(cal.events).toHaveLength(1);
    expect(cal.events[0]?.uid).toBe(`${sessionId}@${UID_DOMAIN}`);
    expect(cal.events[0]?.sequence).toBe(1);
    expect(cal.events[0]?.start).toBe('2099-04-02T14:00:00.000Z'); // 16:00 CEST
  });

  it('renders in the registrant’s language', async () => {
    const { s, sessionId } = await withStack();
    const nl = address();
    const en = address();

    await register(s, sessionId, nl, 'nl');
    await register(s, sessionId, en, 'en');

    const [toNl] = await waitForMails(nl, 1);
    const [toEn] = await waitForMails(en, 1);
    expect(toNl?.subject).toMatch(/^Aanmelding bevestigd/);
    expect(toEn?.subject).toMatch(/^Registration confirmed/);
    // The manage link opens the page in the reader's language.
    expect(toEn?.body.text).toMatch(/manage\.html\?token=[A-Za-z0-9_-]{43}&lang=en/);
    expect(toNl?.body.text).toMatch(/manage\.html\?token=[A-Za-z0-9_-]{43}(?!&lang)/);
  });

  it('sends an update with SEQUENCE+1 and the same UID on a reschedule, and METHOD:CANCEL on cancellation', async () => {
    const { s, sessionId } = await withStack({ date: '2099-04-02', startTime: '16:00', endTime: '17:30' });
    const to = address();
    await register(s, sessionId, to);
    await waitForMails(to, 1);

    const v1 = await currentSession(s, sessionId);
    const v2 = await changeSession(s, sessionId, v1, { date: '2099-11-05' });
    const moved = (await waitForMails(to, 2))[1];
    await changeSession(s, sessionId, v2, { status: 'cancelled' });
    const cancelled = (await waitForMails(to, 3))[2];

    const update = parseCalendar(calendarOf(moved as never));
    expect(update.method).toBe('REQUEST');
    expect(update.events[0]?.uid).toBe(`${sessionId}@${UID_DOMAIN}`);
    expect(update.events[0]?.sequence).toBe(2);
    expect(update.events[0]?.start).toBe('2099-11-05T15:00:00.000Z'); // 16:00 CET, after the clocks went back
    const cancel = parseCalendar(calendarOf(cancelled as never));
    expect(cancel.method).toBe('CANCEL');
    expect(cancel.events[0]?.uid).toBe(`${sessionId}@${UID_DOMAIN}`);
    expect(cancel.events[0]?.sequence).toBe(3);
  });

  it('sends each mail exactly once when every event and queue message is delivered again', async () => {
    const { s, sessionId } = await withStack({ capacity: 1 });
    const seated = address();
    const waiting = address();
    await register(s, sessionId, seated);
    await register(s, sessionId, waiting);
    const v1 = await currentSession(s, sessionId);
    await changeSession(s, sessionId, v1, {
      location: { name: 'Buurthuis De Pijp', address: 'Ferdinand Bolstraat 1' },
    });
    await s.pipeline.settled();
    const before = { seated: await mailsTo(seated), waiting: await mailsTo(waiting) };

    // Every stream record again (a retried stream batch), and every bus event into the queue again.
    const replayed = await s.pipeline.replayStreams();
    for (const event of [...s.pipeline.bus.history]) await s.pipeline.bus.deliver(event);
    await s.pipeline.settled();

    expect(replayed).toBeGreaterThan(0);
    // The location change does not wait for the first mails, so the two may arrive in either order.
    const sorted = (mails: Array<{ subject: string }>) => mails.map((m) => m.subject).sort();
    expect(sorted(before.seated)).toEqual([
      expect.stringMatching(/^Aanmelding bevestigd/),
      expect.stringMatching(/^Nieuwe locatie/),
    ]);
    expect(sorted(before.waiting)).toEqual([
      expect.stringMatching(/^Je staat op de wachtlijst/),
      expect.stringMatching(/^Nieuwe locatie/),
    ]);
    expect((await mailsTo(seated)).length).toBe(2);
    expect((await mailsTo(waiting)).length).toBe(2);
  });

  it('retries SES throttling with backoff, and through the queue when it lasts: the mail arrives once', async () => {
    let throttles = 8; // more than one delivery's attempts (5), so the queue must redeliver
    const wrap = (client: SESClient): Pick<SESClient, 'send'> => ({
      send: ((command: never) => {
        if (throttles > 0) {
          throttles--;
          const e = Object.assign(new Error('Rate exceeded'), {
            name: 'Throttling',
            $metadata: { httpStatusCode: 400 },
          });
          return Promise.reject(e);
        }
        return client.send(command);
      }) as SESClient['send'],
    });
    const { s, sessionId } = await withStack({}, { wrapSesClient: wrap });
    const to = address();

    await register(s, sessionId, to);
    await waitForMails(to, 1);
    await s.pipeline.settled();

    expect(throttles).toBe(0);
    expect(await mailsTo(to)).toHaveLength(1);
    expect(s.pipeline.mailQueue.deadLetters).toHaveLength(0);
  });

  it('moves a poison queue message to the dead-letter queue, and a poison stream record to the stream DLQ', async () => {
    const { s, sessionId } = await withStack({}, { maxReceiveCount: 3, visibilityTimeoutMs: 50, streamMaxAttempts: 2 });
    s.pipeline.mailQueue.send(
      JSON.stringify({
        source: 'stadsgesprekken.registrations',
        'detail-type': 'RegistrationConfirmed',
        detail: { data: {} },
      }),
    );
    const db = createDocumentClient({ endpoint: inject('dynamoEndpoint') });
    await db.send(
      new PutCommand({
        TableName: s.tables.registrationsTable,
        Item: { pk: `SESSION#${sessionId}`, sk: 'REG#broken', type: 'registration', status: 'confirmed' },
      }),
    );
    db.destroy();
    const to = address();

    await register(s, sessionId, to); // written after the poison record: must still get through
    await waitForMails(to, 1);
    await s.pipeline.settled();

    expect(s.pipeline.mailQueue.deadLetters).toHaveLength(1);
    expect(s.pipeline.mailQueue.deadLetters[0]?.receiveCount).toBe(3);
    expect(s.pipeline.poller.deadLetters.map((r) => r.dynamodb?.Keys?.sk)).toEqual([{ S: 'REG#broken' }]);
  });

  it('reminds a repeated registrant of their link once per quarter hour, while the API answers 409', async () => {
    const { s, sessionId } = await withStack();
    const to = address();
    const first = await register(s, sessionId, to);

    const again = await register(s, sessionId, to);
    const third = await register(s, sessionId, to);
    const mails = await waitForMails(to, 2);
    await s.pipeline.settled();

    expect([again.status, third.status]).toEqual([409, 409]);
    expect(await mailsTo(to)).toHaveLength(2);
    expect(mails[1]?.subject).toMatch(/^Je bent al aangemeld/);
    expect(mails[1]?.body.text).toContain(`token=${first.body.manageToken}`);
  });

  it('sends the promoted registrant an invite and the leaver a receipt', async () => {
    const { s, sessionId } = await withStack({ capacity: 1 });
    const leaver = address();
    const waiting = address();
    const seated = await register(s, sessionId, leaver);
    await register(s, sessionId, waiting);
    await waitForMails(waiting, 1);

    await fetch(`${s.apiUrl}/registrations/${seated.body.manageToken}/cancel`, { method: 'POST' });
    const promoted = (await waitForMails(waiting, 2))[1];
    const receipt = (await waitForMails(leaver, 2))[1];

    expect(parseCalendar(calendarOf(promoted as never)).method).toBe('REQUEST');
    expect(receipt?.subject).toMatch(/afgemeld|Afmelding/i);
  });

  it('suppresses an address after a hard bounce: no more mail goes to it, and organisers can see it', async () => {
    const { s, sessionId } = await withStack();
    const bouncing = address();
    const fine = address();
    await register(s, sessionId, bouncing);
    await register(s, sessionId, fine);
    const [first] = await waitForMails(bouncing, 1);
    await waitForMails(fine, 1);

    await s.pipeline.bus.deliver({
      version: '0',
      id: 'ses-1',
      'detail-type': 'Email Bounced',
      source: 'aws.ses',
      account: '000000000000',
      time: new Date().toISOString(),
      region: 'eu-west-1',
      resources: [],
      detail: {
        eventType: 'Bounce',
        bounce: { bounceType: 'Permanent', bounceSubType: 'General', bouncedRecipients: [{ emailAddress: bouncing }] },
        mail: { messageId: first?.messageId ?? 'x', destination: [bouncing] },
      },
    });
    const v1 = await currentSession(s, sessionId);
    await changeSession(s, sessionId, v1, { startTime: '15:00' });
    await waitForMails(fine, 2);
    await s.pipeline.settled();

    expect(s.pipeline.bus.deadLetters).toHaveLength(0);
    expect(await mailsTo(bouncing)).toHaveLength(1);
    const db = createDocumentClient({ endpoint: inject('dynamoEndpoint') });
    const flagged = await withSuppressionFlags(createSuppressionRepository(db, s.tables.registrationsTable), [
      { emailHash: emailKey(bouncing) },
      { emailHash: emailKey(fine) },
    ]);
    db.destroy();
    expect(flagged.map((f) => f.suppressed)).toEqual([true, false]);
  });
});
