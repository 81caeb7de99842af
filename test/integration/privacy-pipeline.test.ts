import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mailsTo, type PipelineStack, startPipelineStack, waitForMails } from '../support/pipeline';
import { aProgrammeFile, aRegistrationRequest, aSessionInput, uniqueId } from '../support/programme-builders';

/** Erasure with the mail pipeline running: what mail still goes out, and what the export shows of it. */
describe('privacy with the mail pipeline (DynamoDB Local, SES emulator)', () => {
  const session = aSessionInput({ capacity: 1, date: '2099-03-03' });
  const later = aSessionInput({ capacity: null, date: '2099-04-04' });
  let s: PipelineStack;
  beforeAll(async () => {
    s = await startPipelineStack(aProgrammeFile([session, later]));
  });
  afterAll(async () => {
    await s?.stop();
  });

  const address = () => `${uniqueId('mail')}@example.org`;
  const register = async (email: string, sessionId = session.id) => {
    const res = await fetch(`${s.apiUrl}/sessions/${sessionId}/registrations`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(aRegistrationRequest({ email })),
    });
    return (await res.json()) as { manageToken: string; registration: { id: string } };
  };

  it('lists the mails sent in the export, and after erasure mails nobody but the promoted person', async () => {
    // Arrange: a seated person with their confirmation, someone waiting
    const leaver = address();
    const waiting = address();
    const seated = await register(leaver);
    await register(waiting);
    await waitForMails(leaver, 1);
    await waitForMails(waiting, 1);
    await s.pipeline.settled();

    // Act 1: the export names the confirmation that went out
    const exported = (await (await fetch(`${s.apiUrl}/registrations/${seated.manageToken}/export`)).json()) as {
      mails: Array<{ entry: string; status: string }>;
    };
    // Act 2: erase, and let the pipeline handle every change that follows
    const erased = await fetch(`${s.apiUrl}/registrations/${seated.manageToken}/erase`, { method: 'POST' });
    await waitForMails(waiting, 2);
    await s.pipeline.settled();

    // Assert
    expect(exported.mails).toEqual([expect.objectContaining({ entry: 'registration-confirmed#once', status: 'sent' })]);
    expect(erased.status).toBe(200);
    expect(await mailsTo(leaver)).toHaveLength(1); // no cancellation receipt to an erased address
    expect((await mailsTo(waiting)).length).toBe(2); // waitlisted, then promoted
    expect(s.pipeline.mailQueue.deadLetters).toEqual([]);
    expect(s.pipeline.bus.deadLetters).toEqual([]);
  });

  it('mails someone who registers again after their erasure: the new consent lifts the suppression', async () => {
    const person = address();
    const first = await register(person, later.id);
    await waitForMails(person, 1);
    // An organiser erases the address on request: every registration, and mail to it suppressed.
    const token = await s.auth.signToken({ sub: 'organiser-1', email: 'org@example.org' });
    const erased = await fetch(`${s.apiUrl}/admin/registrations/${first.registration.id}/erase`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ scope: 'address' }),
    });
    expect(erased.status).toBe(200);
    await s.pipeline.settled();
    expect(await mailsTo(person)).toHaveLength(1);

    const again = await register(person, later.id);
    const mails = await waitForMails(person, 2);
    await s.pipeline.settled();

    expect(again.registration.id).not.toBe(first.registration.id);
    expect(mails[1]?.subject).toEqual(mails[0]?.subject); // the same confirmation, for the new registration
    expect(await mailsTo(person)).toHaveLength(2);
    expect(s.pipeline.mailQueue.deadLetters).toEqual([]);
  });
});
