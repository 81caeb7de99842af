import { type DynamoDBDocumentClient, GetCommand, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { beforeEach, describe, expect, it } from 'vitest';
import { createFeedbackRepository } from '../../shared/adapters/dynamodb/feedback';
import { FeedbackRefused } from '../../shared/domain/feedback';
import type { Registration } from '../../shared/domain/model';
import type { FeedbackWrite } from '../../shared/ports/feedback';
import { cancelRegistrationByToken, registerForSession } from '../../shared/usecases/registrations';
import { createTestDb, type TestDb } from '../support/dynamo';
import { aProgrammeFile, aRegistrationRequest, aSessionInput } from '../support/programme-builders';

/**
 * The feedback store's own guarantees on DynamoDB Local, below the use case: one item per
 * registration under concurrent submits (with a control variant that must fail without the
 * create condition), and the registration's state re-checked in the write itself.
 */
describe('feedback store (DynamoDB Local)', () => {
  let t: TestDb;
  const session = aSessionInput({ date: '2027-03-03', kind: 'knowledge' });
  beforeEach(async () => {
    t = await createTestDb(new Date('2027-02-01T10:00:00Z'));
    await t.load(aProgrammeFile([session]));
  });

  const aWrite = (reg: Registration, rating = 4): FeedbackWrite => ({
    sessionId: reg.sessionId,
    registrationId: reg.id,
    programmeId: 'p',
    sessionKind: 'knowledge',
    role: reg.role,
    neighbourhood: reg.neighbourhood,
    rating,
    answers: { impact: `antwoord ${rating}` },
    comment: null,
  });
  const after = new Date('2027-03-03T17:00:00Z');

  /**
   * Forces the worst interleaving: no write starts before `n` reads have come back, so every
   * concurrent submitter has seen "no feedback yet" and tries to create it.
   */
  function afterAllReads(db: DynamoDBDocumentClient, n: number): DynamoDBDocumentClient {
    let reads = 0;
    let release: () => void = () => undefined;
    const allRead = new Promise<void>((resolve) => {
      release = resolve;
    });
    const send = async (command: unknown) => {
      if (command instanceof TransactWriteCommand) await allRead;
      const result = await (db.send as (c: unknown) => Promise<unknown>)(command);
      if (command instanceof GetCommand && ++reads >= n) release();
      return result;
    };
    return new Proxy(db, { get: (target, prop) => (prop === 'send' ? send : Reflect.get(target, prop)) });
  }

  it('12 concurrent first submissions: exactly one is created, the others replace it', async () => {
    const { registration } = await registerForSession(t, session.id, aRegistrationRequest());
    const repo = createFeedbackRepository(afterAllReads(t.db, 12), t.tables);

    const results = await Promise.all(
      Array.from({ length: 12 }, (_, i) => repo.save(aWrite(registration, (i % 5) + 1), after)),
    );

    expect(results.filter((r) => r.created)).toHaveLength(1);
    const stored = await repo.listForSession(session.id);
    expect(stored).toHaveLength(1);
    expect(stored[0]?.revision).toBe(12);
  });

  it('control: without the create condition the same burst counts several first submissions', async () => {
    const { registration } = await registerForSession(t, session.id, aRegistrationRequest());
    const unguarded = createFeedbackRepository(afterAllReads(t.db, 12), t.tables, { createGuard: false });

    const results = await Promise.all(
      Array.from({ length: 12 }, (_, i) => unguarded.save(aWrite(registration, (i % 5) + 1), after)),
    );

    expect(results.filter((r) => r.created)).toHaveLength(12);
  });

  it('re-checks the registration in the write: cancelled or marked absent in between is refused', async () => {
    const repo = createFeedbackRepository(t.db, t.tables);
    const cancelled = await registerForSession(t, session.id, aRegistrationRequest());
    const absent = await registerForSession(t, session.id, aRegistrationRequest());
    await cancelRegistrationByToken(t, cancelled.manageToken);
    await t.db.send(
      new UpdateCommand({
        TableName: t.tables.registrationsTable,
        Key: { pk: `SESSION#${session.id}`, sk: `REG#${absent.registration.id}` },
        UpdateExpression: 'SET attendance = :a',
        ExpressionAttributeValues: { ':a': { present: false, recordedAt: 'x', recordedBy: 'y' } },
      }),
    );

    // The registrations as read before the change: the write itself must notice.
    const a = await repo.save(aWrite(cancelled.registration), after).catch((e: unknown) => e);
    const b = await repo.save(aWrite(absent.registration), after).catch((e: unknown) => e);

    expect(a).toBeInstanceOf(FeedbackRefused);
    expect(a).toMatchObject({ slug: 'registration-cancelled' });
    expect(b).toMatchObject({ slug: 'marked-absent' });
    expect(await repo.listForSession(session.id)).toEqual([]);
  });

  it('counts participation: confirmed, and present once attendance is recorded', async () => {
    const repo = createFeedbackRepository(t.db, t.tables);
    const regs = await Promise.all([1, 2, 3].map(() => registerForSession(t, session.id, aRegistrationRequest())));
    const before = await repo.participation(session.id);
    const [first, second] = regs;
    for (const [r, present] of [
      [first, true],
      [second, false],
    ] as const) {
      await t.db.send(
        new UpdateCommand({
          TableName: t.tables.registrationsTable,
          Key: { pk: `SESSION#${session.id}`, sk: `REG#${r?.registration.id}` },
          UpdateExpression: 'SET attendance = :a',
          ExpressionAttributeValues: { ':a': { present, recordedAt: 'x', recordedBy: 'y' } },
        }),
      );
    }

    expect(before).toEqual({ confirmed: 3, attendanceRecorded: false, present: 0 });
    expect(await repo.participation(session.id)).toEqual({ confirmed: 3, attendanceRecorded: true, present: 1 });
    // The one attendance reader is the registrations': it returns the mark with who recorded it and when.
    expect(await t.registrations.getAttendance(second?.registration as Registration)).toEqual({
      present: false,
      recordedAt: 'x',
      recordedBy: 'y',
    });
  });
});
