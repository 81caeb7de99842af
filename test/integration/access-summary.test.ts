import { afterEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../shared/ports/clock';
import {
  changeSession,
  deliverEveryBatchTwice,
  mailsTo,
  type PipelineStack,
  startPipelineStack,
  storedSession,
  waitForMails,
} from '../support/pipeline';
import { aProgrammeFile, aRegistrationRequest, aSessionInput, uniqueId } from '../support/programme-builders';

/**
 * The organisers' "to arrange" summary on the local engines: planned with the session's other
 * schedules, fired by time travel, dispatched as one mail job, sent once through the mail ledger
 * even when every mail batch is delivered twice, and moved when the session moves.
 */

let stack: PipelineStack | undefined;
afterEach(async () => {
  await stack?.stop();
  stack = undefined;
});

async function withStack(organiserEmail: string, mode: 'sequential' | 'concurrent', organiserLanguage?: 'en') {
  const input = aSessionInput({ capacity: null, date: '2027-03-30', startTime: '16:00', endTime: '17:30' });
  const programme = aProgrammeFile([input], {
    inclusion: {
      accessNeeds: true,
      heardVia: false,
      accessSummaryDaysBefore: 3,
      organiserEmail,
      ...(organiserLanguage ? { organiserLanguage } : {}),
    },
  });
  stack = await startPipelineStack(
    programme,
    { sendRatePerSecond: 200, wrapMailer: deliverEveryBatchTwice(mode) },
    { clock: new ManualClock(new Date('2027-03-01T09:00:00Z')) },
  );
  return { s: stack, sessionId: input.id };
}

async function register(s: PipelineStack, sessionId: string, name: string, answers: Record<string, unknown>) {
  const body = aRegistrationRequest({ name, answers });
  const res = await fetch(`${s.apiUrl}/sessions/${sessionId}/registrations`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  expect(res.status).toBe(201);
  await waitForMails(body.email, 1);
}

async function timeTravel(s: PipelineStack, to: string) {
  const res = await fetch(`${s.apiUrl}/_local/time-travel`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ to }),
  });
  expect(res.status).toBe(200);
  return ((await res.json()) as { fired: Array<{ name: string; result?: { result: string; jobs?: number } }> }).fired;
}

const accessSchedule = (s: PipelineStack, sessionId: string) =>
  s.pipeline.scheduler.list().find((x) => x.name === `${sessionId}-access`);

async function plannedAt(s: PipelineStack, sessionId: string, iso: string) {
  const until = Date.now() + 15_000;
  while (accessSchedule(s, sessionId)?.at.toISOString() !== iso) {
    if (Date.now() > until) throw new Error(`summary not planned at ${iso}: ${accessSchedule(s, sessionId)?.at}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('the "to arrange" summary to organisers', () => {
  it('goes once, 3 days before at 09:00 local, with counts and names, under duplicate delivery', async () => {
    const organisers = `${uniqueId('org')}@example.org`;
    const { s, sessionId } = await withStack(organisers, 'concurrent');
    await register(s, sessionId, 'Noor de Vries', { 'access-needs': ['hearing-loop', 'step-free'] });
    await register(s, sessionId, 'Sem Bakker', { 'access-needs': ['hearing-loop'] });
    await register(s, sessionId, 'Ayla Yılmaz', { 'access-needs-other': 'Een stoel met leuning' });
    await register(s, sessionId, 'Daan Visser', {});
    await plannedAt(s, sessionId, '2027-03-27T08:00:00.000Z'); // 09:00 in Amsterdam, winter time
    const planned = accessSchedule(s, sessionId);

    expect(await timeTravel(s, '2027-03-27T07:59:59Z')).toEqual([]);
    const fired = await timeTravel(s, '2027-03-27T08:00:00Z');
    expect(fired.filter((f) => f.name === `${sessionId}-access`)).toEqual([
      expect.objectContaining({ result: expect.objectContaining({ result: 'dispatched', jobs: 1 }) }),
    ]);
    const [mail] = await waitForMails(organisers, 1);
    await s.pipeline.settled();
    expect(await mailsTo(organisers)).toHaveLength(1); // every batch was delivered twice, at once

    expect(mail?.subject).toMatch(/^Te regelen: 3 toegankelijkheidswensen voor /);
    const text = mail?.body.text ?? '';
    expect(text).toMatch(/Ringleiding[^\n]*\n?[^\n]*2/);
    expect(text).toContain('Noor de Vries; Sem Bakker');
    expect(text).toContain('"Een stoel met leuning"');
    expect(text).not.toContain('Daan Visser');
    expect(mail?.body.html).toContain('Sem Bakker');

    // The same schedule fires again a day later (a retried firing): dispatched, but the ledger holds.
    expect(accessSchedule(s, sessionId)).toBeUndefined(); // deleted after it fired
    if (!planned) throw new Error('no summary schedule');
    // It is due at once (the clock is past it), so the scheduler's own timer may fire it before the
    // time-travel call does: read what fired from the scheduler's history, whoever fired it.
    const firedBefore = s.pipeline.scheduler.history.length;
    await s.pipeline.scheduler.put(planned);
    await timeTravel(s, '2027-03-28T08:00:00Z');
    const again = s.pipeline.scheduler.history.slice(firedBefore);
    expect(again).toEqual([
      expect.objectContaining({ name: `${sessionId}-access`, result: expect.objectContaining({ jobs: 1 }) }),
    ]);
    await s.pipeline.settled();
    expect(await mailsTo(organisers)).toHaveLength(1);
  });

  it('moves with the session and the old firing sends nothing', async () => {
    const organisers = `${uniqueId('org')}@example.org`;
    const { s, sessionId } = await withStack(organisers, 'sequential');
    await register(s, sessionId, 'Noor de Vries', { 'access-needs': ['quiet-space'] });
    await plannedAt(s, sessionId, '2027-03-27T08:00:00.000Z');
    const old = accessSchedule(s, sessionId);
    if (!old) throw new Error('no summary schedule');

    await changeSession(s, sessionId, await storedSession(s, sessionId), { date: '2027-04-06' });
    await plannedAt(s, sessionId, '2027-04-03T07:00:00.000Z'); // summer time by then

    // The old firing, as if it had not been moved in time: refused as stale.
    await s.pipeline.scheduler.put({ ...old, name: `${old.name}.old` });
    const stale = await timeTravel(s, '2027-03-27T08:00:00Z');
    expect(stale).toEqual([
      expect.objectContaining({ name: `${old.name}.old`, result: expect.objectContaining({ result: 'refused' }) }),
    ]);
    await s.pipeline.settled();
    expect(await mailsTo(organisers)).toHaveLength(0);

    await timeTravel(s, '2027-04-03T07:00:00Z');
    const [mail] = await waitForMails(organisers, 1);
    expect(mail?.subject).toMatch(/^Te regelen: 1 toegankelijkheidswensen/);
    expect(mail?.body.text).toContain('dinsdag 6 april 2027');
    await s.pipeline.settled();
    expect(await mailsTo(organisers)).toHaveLength(1);
  });

  it("is written in the organisers' language when the programme names one (inclusion.organiserLanguage)", async () => {
    const organisers = `${uniqueId('org')}@example.org`;
    const { s, sessionId } = await withStack(organisers, 'sequential', 'en');
    await register(s, sessionId, 'Noor de Vries', { 'access-needs': ['hearing-loop'] });
    await plannedAt(s, sessionId, '2027-03-27T08:00:00.000Z');
    await timeTravel(s, '2027-03-27T08:00:00Z');
    const [mail] = await waitForMails(organisers, 1);
    expect(mail?.subject).toMatch(/^To arrange: 1 access needs for /);
    expect(mail?.body.text).toContain('Hearing loop');
    expect(mail?.body.text).toContain('Noor de Vries');
    expect(mail?.body.text).not.toMatch(/Te regelen|Ringleiding/);
  });
});
