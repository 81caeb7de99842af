import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createDocumentClient } from '../../shared/adapters/dynamodb/client';
import { createSuppressionRepository } from '../../shared/adapters/dynamodb/suppressions';
import { emailKey } from '../../shared/domain/identity';
import type { Language } from '../../shared/domain/schemas';
import { mailsTo, type PipelineStack, type StoredMail, startPipelineStack } from '../support/pipeline';
import { aProgrammeFile, aRegistrationRequest, aSessionInput, uniqueId } from '../support/programme-builders';

/**
 * Organiser messages end to end: the organiser API stores the message, the stream turns its
 * INSERT into AnnouncementPosted, the mailer fans it out and sends one mail per live registrant
 * (through the SES emulator), and every repeat of the pipeline sends nothing twice.
 */
describe('messages to a session’s registrants, through the pipeline (DynamoDB Local, SES emulator)', () => {
  const session = aSessionInput({ capacity: 3, date: '2099-05-28', startTime: '16:00', endTime: '17:30' });
  let s: PipelineStack;
  let token: string;
  afterAll(async () => {
    await s?.stop();
  });

  const address = () => `${uniqueId('msg')}@example.org`;
  const register = async (email: string, language: Language) => {
    const res = await fetch(`${s.apiUrl}/sessions/${session.id}/registrations`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(aRegistrationRequest({ email, language })),
    });
    expect(res.status).toBe(201);
    return (await res.json()) as { manageToken: string; registration: { id: string; status: string } };
  };
  const post = async (message: { subject: string; body: string; language?: Language }) => {
    const res = await fetch(`${s.apiUrl}/admin/sessions/${session.id}/messages`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify(message),
    });
    return { status: res.status, body: (await res.json()) as { announcement: { id: string } } };
  };
  const withSubject = async (to: string, subject: string): Promise<StoredMail[]> =>
    (await mailsTo(to)).filter((m) => m.subject === subject);

  // Seated: nl, en and a suppressed address; waiting: en; gone: a cancelled and an erased one.
  const people = { nl: address(), en: address(), suppressed: address(), waitingEn: address() };
  const gone = { cancelled: address(), erased: address() };
  let nlToken = '';

  beforeAll(async () => {
    s = await startPipelineStack(aProgrammeFile([session]));
    token = await s.auth.signToken({ sub: 'organiser-1', email: 'org@example.org' });
    nlToken = (await register(people.nl, 'nl')).manageToken;
    await register(people.en, 'en');
    await register(people.suppressed, 'nl');
    const waiting = await register(people.waitingEn, 'en');
    const cancelled = await register(gone.cancelled, 'nl');
    const erased = await register(gone.erased, 'en');
    expect(waiting.registration.status).toBe('waitlisted');
    expect((await fetch(`${s.apiUrl}/registrations/${cancelled.manageToken}/cancel`, { method: 'POST' })).status).toBe(
      200,
    );
    expect((await fetch(`${s.apiUrl}/registrations/${erased.manageToken}/erase`, { method: 'POST' })).status).toBe(200);
    const db = createDocumentClient({ endpoint: inject('dynamoEndpoint') });
    await createSuppressionRepository(db, s.tables.registrationsTable).suppress(
      emailKey(people.suppressed),
      'bounce',
      new Date(),
    );
    db.destroy();
    await s.pipeline.settled();
  });

  it('mails every confirmed and waiting registrant exactly once, and nobody twice when the pipeline repeats itself', async () => {
    // Arrange
    const subject = 'Koffie & thee — neem je eigen beker mee';
    const body = 'Beste deelnemers,\n\nWe schenken koffie en thee.\nNeem je eigen <b>beker</b> mee.';

    // Act 1: the organiser posts the message
    const posted = await post({ subject, body });
    for (const to of [people.nl, people.en, people.waitingEn]) {
      await expect.poll(async () => (await withSubject(to, subject)).length, { timeout: 15_000 }).toBe(1);
    }
    await s.pipeline.settled();
    const firstRound = {
      nl: await withSubject(people.nl, subject),
      en: await withSubject(people.en, subject),
      waitingEn: await withSubject(people.waitingEn, subject),
    };

    // Act 2: every stream record read again, and every bus event delivered to the queue again
    const replayed = await s.pipeline.replayStreams();
    for (const event of [...s.pipeline.bus.history]) await s.pipeline.bus.deliver(event);
    await s.pipeline.settled();

    // Assert
    expect(posted.status).toBe(202);
    expect(replayed).toBeGreaterThan(0);
    expect(firstRound.nl).toHaveLength(1);
    expect(firstRound.en).toHaveLength(1);
    expect(firstRound.waitingEn).toHaveLength(1);
    for (const to of Object.values(people).filter((p) => p !== people.suppressed)) {
      expect(await withSubject(to, subject), to).toHaveLength(1);
    }
    for (const to of [people.suppressed, gone.cancelled, gone.erased]) {
      expect(await withSubject(to, subject), to).toHaveLength(0);
    }
    const mail = firstRound.nl[0];
    expect(mail?.body.text).toContain('We schenken koffie en thee.\nNeem je eigen <b>beker</b> mee.');
    expect(mail?.body.text).toContain(`token=${nlToken}`);
    expect(mail?.body.html).toContain('Neem je eigen &lt;b&gt;beker&lt;/b&gt; mee.');
    expect(mail?.body.html).not.toContain('<b>beker');
    expect(mail?.attachments.filter((a) => a.contentType.startsWith('text/calendar'))).toEqual([]);
    expect((await withSubject(people.en, subject))[0]?.body.text).toContain('sends you this message about');
    expect((await withSubject(people.waitingEn, subject))[0]?.body.text).toContain('on the waiting list');

    // The send ledger holds it under the message's own occasion (seen through the registrant's export).
    const exported = (await (await fetch(`${s.apiUrl}/registrations/${nlToken}/export`)).json()) as {
      mails: Array<{ entry: string; status: string }>;
    };
    expect(exported.mails).toContainEqual(
      expect.objectContaining({ entry: `announcement#${posted.body.announcement.id}`, status: 'sent' }),
    );
    expect(s.pipeline.mailQueue.deadLetters).toEqual([]);
    expect(s.pipeline.bus.deadLetters).toEqual([]);
  });

  it('sends a message in one language only to the registrants who chose it', async () => {
    // Arrange
    const subject = 'Practical information in English';

    // Act
    const posted = await post({ subject, body: 'The entrance is around the corner.', language: 'en' });
    for (const to of [people.en, people.waitingEn]) {
      await expect.poll(async () => (await withSubject(to, subject)).length, { timeout: 15_000 }).toBe(1);
    }
    await s.pipeline.settled();

    // Assert
    expect(posted.status).toBe(202);
    expect(await withSubject(people.en, subject)).toHaveLength(1);
    expect(await withSubject(people.waitingEn, subject)).toHaveLength(1);
    for (const to of [people.nl, people.suppressed, gone.cancelled, gone.erased]) {
      expect(await withSubject(to, subject), to).toHaveLength(0);
    }
    expect((await withSubject(people.en, subject))[0]?.body.text).toContain('The entrance is around the corner.');
  });
});
