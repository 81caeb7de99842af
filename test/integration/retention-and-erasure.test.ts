import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { beforeEach, describe, expect, it } from 'vitest';
import { registrationKeys } from '../../shared/adapters/dynamodb/registrations';
import { createSuppressionRepository, suppressionKey } from '../../shared/adapters/dynamodb/suppressions';
import { emailKey, hashToken } from '../../shared/domain/identity';
import type { Registration } from '../../shared/domain/model';
import { eraseOnRequest, listErasures, runRetention } from '../../shared/usecases/privacy';
import { registerForSession } from '../../shared/usecases/registrations';
import { createTestDb, type TestDb } from '../support/dynamo';
import { aProgrammeFile, aRegistrationRequest, aSessionInput } from '../support/programme-builders';

const march = aSessionInput({ date: '2027-03-03', capacity: 1 });
const june = aSessionInput({ date: '2027-06-10', capacity: 1 });
// Six months after the programme's last session day (10 June 2027, Amsterdam).
const EXPIRY = new Date('2027-12-10T23:00:00Z');

const countsOf = (regs: Registration[]) => {
  const counts: Record<string, number> = {};
  for (const r of regs) {
    const key = `${r.status}|${r.role}|${r.neighbourhood ?? '-'}`;
    counts[key] = (counts[key] ?? 0) + 1;
  }
  return counts;
};

describe('privacy in the registrations table (DynamoDB Local, moved clock)', () => {
  let t: TestDb;
  const item = async (Key: Record<string, string>) =>
    (await t.db.send(new GetCommand({ TableName: t.tables.registrationsTable, Key, ConsistentRead: true }))).Item;
  const all = async () => [
    ...(await t.registrations.listForSession(march.id)),
    ...(await t.registrations.listForSession(june.id)),
  ];

  beforeEach(async () => {
    t = await createTestDb(new Date('2027-01-15T10:00:00Z'));
    await t.load(aProgrammeFile([march, june]));
  });

  describe('retention', () => {
    async function arrange() {
      const anna = aRegistrationRequest({ role: 'teacher', neighbourhood: 'Noord', organisation: 'OBS De Wijk' });
      const bob = aRegistrationRequest({ role: 'resident', neighbourhood: 'Oost' });
      const a = await registerForSession(t, march.id, anna);
      const b = await registerForSession(t, june.id, bob);
      const w = await registerForSession(t, june.id, aRegistrationRequest({ role: 'resident' }));
      // An organiser recorded Anna's attendance (as the admin API stores it).
      await t.db.send(
        new UpdateCommand({
          TableName: t.tables.registrationsTable,
          Key: registrationKeys.registration(march.id, a.registration.id),
          UpdateExpression: 'SET attendance = :a',
          ExpressionAttributeValues: { ':a': { present: true, recordedAt: '2027-03-03T17:00:00Z', recordedBy: 'org' } },
        }),
      );
      return { anna, bob, a, b, w };
    }

    it('records the expiry on the registration and on its guard and token (DynamoDB TTL)', async () => {
      const { a, anna } = await arrange();

      const stored = await item(registrationKeys.registration(march.id, a.registration.id));
      const expiresAt = EXPIRY.getTime() / 1000;
      expect(stored?.personalDataExpiresAt).toBe(expiresAt);
      expect((await item(registrationKeys.token(hashToken(a.manageToken))))?.expiresAt).toBe(expiresAt);
      expect((await item(registrationKeys.emailGuard(march.id, emailKey(anna.email))))?.expiresAt).toBe(expiresAt);
      expect(stored?.privacyNotice).toBeNull(); // this programme names no notice
    });

    it('keeps everything until the expiry, and the job leaves it alone', async () => {
      const { a, anna } = await arrange();
      t.clock.set(new Date(EXPIRY.getTime() - 1000));

      const run = await runRetention(t);

      expect(run.anonymised).toBe(0);
      expect(await t.registrations.findByTokenHash(hashToken(a.manageToken))).toMatchObject({ email: anna.email });
    });

    it('reads nothing personal once expired, even before the job ran', async () => {
      const { a, anna } = await arrange();
      const before = countsOf(await all());
      t.clock.set(EXPIRY);

      // The manage link is dead and every read comes back anonymised.
      expect(await t.registrations.findByTokenHash(hashToken(a.manageToken))).toBeNull();
      const read = await all();
      expect(read.map((r) => [r.name, r.email, r.organisation])).toEqual(read.map(() => ['', '', null]));
      expect(await t.registrations.get(march.id, a.registration.id)).toMatchObject({ name: '', erasedBy: 'retention' });
      expect(JSON.stringify(read)).not.toContain(anna.email);
      // … and the anonymous counts are what they were.
      expect(countsOf(read)).toEqual(before);
    });

    it('the job erases the personal fields and the links, keeps the aggregates, and is idempotent', async () => {
      const { a, b, anna, bob } = await arrange();
      const before = countsOf(await all());
      t.clock.set(new Date(EXPIRY.getTime() + 3_600_000));

      const run = await runRetention(t);
      const again = await runRetention(t);

      expect(run).toMatchObject({ sessionsChecked: 2, anonymised: 3 });
      expect(again.anonymised).toBe(0);
      const stored = await item(registrationKeys.registration(march.id, a.registration.id));
      for (const k of ['name', 'email', 'emailHash', 'organisation', 'tokenHash']) expect(stored).not.toHaveProperty(k);
      expect(stored).toMatchObject({
        role: 'teacher',
        neighbourhood: 'Noord',
        status: 'confirmed',
        attendance: { present: true },
        erasedBy: 'retention',
      });
      expect(await item(registrationKeys.token(hashToken(a.manageToken)))).toBeUndefined();
      expect(await item(registrationKeys.token(hashToken(b.manageToken)))).toBeUndefined();
      expect(await item(registrationKeys.emailGuard(june.id, emailKey(bob.email)))).toBeUndefined();
      expect(JSON.stringify(await all())).not.toContain(anna.email);
      expect(countsOf(await all())).toEqual(before);
      // The trace: how many, when, by the retention period; no personal data.
      const [record] = await listErasures(t, '2027-12');
      expect(record).toMatchObject({ by: 'retention', scope: 'retention', anonymised: 3 });
      expect(JSON.stringify(record)).not.toContain('@');
    });

    it('applies a retention period shortened after registration on the next run', async () => {
      await arrange();
      await t.db.send(
        new UpdateCommand({
          TableName: t.tables.sessionsTable,
          Key: { pk: `PROGRAMME#${(await t.sessions.get(march.id))?.programmeId}`, sk: 'PROGRAMME' },
          UpdateExpression: 'SET retentionMonths = :m, retentionAfter = :a',
          ExpressionAttributeValues: { ':m': 1, ':a': 'session' },
        }),
      );
      t.clock.set(new Date('2027-04-04T00:00:00Z')); // a month after March's session; June not yet held

      const run = await runRetention(t);

      expect(run).toMatchObject({ sessionsChecked: 1, anonymised: 1 });
      expect((await t.registrations.listForSession(june.id)).every((r) => r.email !== '')).toBe(true);
    });
  });

  describe('erasure on request by an organiser', () => {
    it('erases every registration of the address, cancels the future ones and suppresses mail', async () => {
      // Arrange: the same person in a past and a future session, and someone waiting for the future seat
      const person = aRegistrationRequest({ organisation: 'GGD', neighbourhood: 'West' });
      const past = await registerForSession(t, march.id, person);
      const future = await registerForSession(t, june.id, { ...person, email: person.email.toUpperCase() });
      const waiting = await registerForSession(t, june.id, aRegistrationRequest());
      t.clock.set(new Date('2027-04-01T09:00:00Z'));

      // Act
      const record = await eraseOnRequest(t, 'organiser-sub-1', past.registration.id);

      // Assert: both anonymised, only the future one cancelled, its seat passed on
      expect(record).toMatchObject({
        by: 'organiser:organiser-sub-1',
        scope: 'address',
        anonymised: 2,
        cancelled: 1,
        suppressed: true,
      });
      expect([...record.registrationIds].sort()).toEqual([past.registration.id, future.registration.id].sort());
      expect(await t.registrations.get(march.id, past.registration.id)).toMatchObject({
        status: 'confirmed',
        name: '',
        email: '',
        neighbourhood: 'West',
      });
      expect(await t.registrations.get(june.id, future.registration.id)).toMatchObject({
        status: 'cancelled',
        email: '',
      });
      expect(await t.registrations.get(june.id, waiting.registration.id)).toMatchObject({ status: 'confirmed' });
      // No reminder can reach them: nothing live with an address is left for this person.
      const live = (await all()).filter((r) => r.status !== 'cancelled' && r.email !== '');
      expect(live.map((r) => r.id)).toEqual([waiting.registration.id]);
      // The suppression the mailer checks, keyed by the address hash.
      expect(await item(suppressionKey(emailKey(person.email)))).toMatchObject({
        type: 'suppression',
        reason: 'erased',
        since: '2027-04-01T09:00:00.000Z',
      });
      expect(await t.privacy.registrationsOfAddress(emailKey(person.email))).toEqual([]);
      // What the organiser sees afterwards: that it happened, by whom, not what.
      const [listed] = await listErasures(t, '2027-04');
      expect(listed).toEqual(record);
      expect(JSON.stringify(listed)).not.toMatch(/GGD|@|West/);
    });

    it('can erase one registration only, without suppressing the address', async () => {
      const person = aRegistrationRequest();
      const one = await registerForSession(t, march.id, person);
      const other = await registerForSession(t, june.id, person);

      const record = await eraseOnRequest(t, 'org', one.registration.id, 'registration');

      expect(record).toMatchObject({ scope: 'registration', anonymised: 1, suppressed: false });
      expect(await t.registrations.get(june.id, other.registration.id)).toMatchObject({ email: person.email });
      expect(await t.privacy.suppression(emailKey(person.email))).toBeNull();
    });

    it('lifts the erasure suppression when a registration consented after it is mailed, but not for older consent or a bounce', async () => {
      const person = aRegistrationRequest();
      const hash = emailKey(person.email);
      const suppressions = createSuppressionRepository(t.db, t.tables.registrationsTable);
      const first = await registerForSession(t, march.id, person);
      await eraseOnRequest(t, 'org', first.registration.id);
      expect(await t.privacy.suppression(hash)).toMatchObject({ reason: 'erased' });

      t.clock.advance(60_000);
      const again = await registerForSession(t, june.id, person);
      expect(again.registration).toMatchObject({ status: 'confirmed', email: person.email });
      // The registration itself costs no extra write: the suppression stands until the mailer asks.
      expect(await t.privacy.suppression(hash)).toMatchObject({ reason: 'erased' });
      // Consent from before the erasure (a registration the erasure raced with) stays held back.
      expect(await suppressions.isSuppressed(hash, first.registration.consentAt)).toBe(true);
      expect(await suppressions.isSuppressed(hash)).toBe(true);
      expect(await t.privacy.suppression(hash)).toMatchObject({ reason: 'erased' });
      // The new registration's consent lifts it, once; asking again finds nothing.
      expect(await suppressions.isSuppressed(hash, again.registration.consentAt)).toBe(false);
      expect(await t.privacy.suppression(hash)).toBeNull();
      expect(await suppressions.isSuppressed(hash, again.registration.consentAt)).toBe(false);

      // A suppression for another reason (the mail pipeline's bounces) is not lifted by consent.
      t.clock.advance(60_000);
      await suppressions.suppress(hash, 'bounce', t.clock.now());
      t.clock.advance(60_000);
      expect(await suppressions.isSuppressed(hash, t.clock.now().toISOString())).toBe(true);
      expect(await t.privacy.liftErasureSuppression(hash)).toBe(false);
      expect(await t.privacy.suppression(hash)).toMatchObject({ reason: 'bounce' });
    });

    it('answers not found for an unknown registration', async () => {
      await expect(eraseOnRequest(t, 'org', '00000000-0000-4000-8000-000000000000')).rejects.toMatchObject({
        what: 'registration',
      });
    });
  });
});
