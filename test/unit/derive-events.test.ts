import { describe, expect, it } from 'vitest';
import { catalogue, eventNames, mailJobNames, newEvent, parseEventDetail } from '../../shared/events/catalogue';
import { deriveEvents, type Image, MalformedImage } from '../../shared/events/derive';
import { routingRules } from '../../shared/events/routing';

const registration = (overrides: Image = {}): Image => ({
  pk: 'SESSION#s-1',
  sk: 'REG#r-1',
  type: 'registration',
  registrationId: 'r-1',
  id: 'r-1',
  sessionId: 's-1',
  status: 'confirmed',
  email: 'someone@example.org',
  name: 'Someone',
  ...overrides,
});

const session = (overrides: Image = {}): Image => ({
  pk: 'SESSION#s-1',
  sk: 'SESSION',
  type: 'session',
  id: 's-1',
  date: '2027-04-23',
  startTime: '16:00',
  endTime: '17:30',
  location: { name: 'Buurthuis', address: 'Straat 1' },
  status: 'scheduled',
  version: 1,
  confirmedCount: 3,
  waitlistCount: 0,
  waitlistSeq: 0,
  ...overrides,
});

const guard = (overrides: Image = {}): Image => ({
  pk: 'SESSION#s-1',
  sk: 'EMAIL#abc',
  type: 'email-guard',
  registrationId: 'r-1',
  sessionId: 's-1',
  ...overrides,
});

const names = (events: { name: string }[]) => events.map((e) => e.name);

describe('deriveEvents: registrations', () => {
  it('a new confirmed registration is RegistrationConfirmed, with ids only', () => {
    const events = deriveEvents('registrations', undefined, registration());
    expect(events).toEqual([{ name: 'RegistrationConfirmed', data: { registrationId: 'r-1', sessionId: 's-1' } }]);
    expect(JSON.stringify(events)).not.toContain('someone@example.org');
  });

  it('a new waitlisted registration is RegistrationWaitlisted', () => {
    expect(names(deriveEvents('registrations', undefined, registration({ status: 'waitlisted' })))).toEqual([
      'RegistrationWaitlisted',
    ]);
  });

  it('waitlisted → confirmed is RegistrationPromoted', () => {
    const events = deriveEvents(
      'registrations',
      registration({ status: 'waitlisted' }),
      registration({ status: 'confirmed' }),
    );
    expect(names(events)).toEqual(['RegistrationPromoted']);
  });

  it('waitlisted → offered is WaitlistOfferMade with the end; offered → confirmed is RegistrationPromoted', () => {
    const until = '2027-03-03T03:00:00.000Z';
    const made = deriveEvents(
      'registrations',
      registration({ status: 'waitlisted' }),
      registration({ status: 'offered', offerExpiresAt: until }),
    );
    expect(made).toEqual([{ name: 'WaitlistOfferMade', data: expect.objectContaining({ offerExpiresAt: until }) }]);
    const claimed = deriveEvents(
      'registrations',
      registration({ status: 'offered', offerExpiresAt: until }),
      registration({ status: 'confirmed', offerExpiresAt: until }),
    );
    expect(names(claimed)).toEqual(['RegistrationPromoted']);
    expect(() =>
      deriveEvents('registrations', registration({ status: 'waitlisted' }), registration({ status: 'offered' })),
    ).toThrow(/offerExpiresAt/);
  });

  it('offered → cancelled is WaitlistOfferLapsed when its time ran out, else RegistrationCancelled', () => {
    const lapsed = deriveEvents(
      'registrations',
      registration({ status: 'offered' }),
      registration({ status: 'cancelled', releasedBecause: 'offer-lapsed' }),
    );
    expect(names(lapsed)).toEqual(['WaitlistOfferLapsed']);
    const declined = deriveEvents(
      'registrations',
      registration({ status: 'offered' }),
      registration({ status: 'cancelled' }),
    );
    expect(names(declined)).toEqual(['RegistrationCancelled']);
  });

  it('confirmed or waitlisted → cancelled is RegistrationCancelled', () => {
    for (const before of ['confirmed', 'waitlisted']) {
      const events = deriveEvents(
        'registrations',
        registration({ status: before }),
        registration({ status: 'cancelled' }),
      );
      expect(names(events)).toEqual(['RegistrationCancelled']);
    }
  });

  it('a change that keeps the status (e.g. queue key, timestamps) and a deletion yield nothing', () => {
    expect(deriveEvents('registrations', registration(), registration({ updatedAt: 'x', queueKey: 'C#2' }))).toEqual(
      [],
    );
    expect(deriveEvents('registrations', registration(), undefined)).toEqual([]);
  });

  it('tokens, guards, ledger and suppression items yield nothing', () => {
    const token = { pk: 'TOKEN#h', sk: 'TOKEN', type: 'manage-token', registrationId: 'r-1', sessionId: 's-1' };
    expect(deriveEvents('registrations', undefined, token)).toEqual([]);
    expect(deriveEvents('registrations', undefined, guard())).toEqual([]);
    expect(deriveEvents('registrations', guard(), undefined)).toEqual([]);
    const ledger = { pk: 'MAIL#r-1', sk: 'registration-confirmed#once', type: 'mail-ledger', status: 'sent' };
    expect(deriveEvents('registrations', { ...ledger, status: 'pending' }, ledger)).toEqual([]);
    expect(
      deriveEvents('registrations', undefined, { pk: 'SUPPRESSED#h', sk: 'SUPPRESSION', type: 'suppression' }),
    ).toEqual([]);
  });

  it('a duplicate-attempt stamp on the email guard is DuplicateRegistrationAttempted', () => {
    const at = Date.parse('2027-01-15T10:00:00Z');
    const events = deriveEvents('registrations', guard(), guard({ lastDuplicateAttemptAt: at }));
    expect(events).toEqual([
      {
        name: 'DuplicateRegistrationAttempted',
        data: { registrationId: 'r-1', sessionId: 's-1', attemptedAt: '2027-01-15T10:00:00.000Z' },
      },
    ]);
    // The same stamp again (e.g. another attribute changed) is no new attempt.
    expect(
      deriveEvents('registrations', guard({ lastDuplicateAttemptAt: at }), guard({ lastDuplicateAttemptAt: at, x: 1 })),
    ).toEqual([]);
  });

  it('a person-link request is PersonLinkRequested once per window; its expiry (removal) is nothing', () => {
    const request = (requestedAt: string) => ({
      pk: 'PERSON_LINK_REQUEST#p-1#h-1',
      sk: 'REQUEST',
      type: 'person-link-request',
      programmeId: 'p-1',
      personHash: 'h-1',
      requestedAt,
    });
    const first = request('2027-01-15T10:00:00.000Z');
    expect(deriveEvents('registrations', undefined, first)).toEqual([
      {
        name: 'PersonLinkRequested',
        data: { programmeId: 'p-1', addressHash: 'h-1', requestedAt: '2027-01-15T10:00:00.000Z' },
      },
    ]);
    expect(deriveEvents('registrations', first, { ...first, x: 1 })).toEqual([]);
    expect(deriveEvents('registrations', first, request('2027-01-15T10:11:00.000Z'))).toHaveLength(1);
    expect(deriveEvents('registrations', first, undefined)).toEqual([]);
    expect(() => deriveEvents('registrations', undefined, { ...first, personHash: undefined })).toThrow(MalformedImage);
  });

  it('a registration image without ids is a poison record', () => {
    expect(() => deriveEvents('registrations', undefined, registration({ registrationId: 1, id: 2 }))).toThrow(
      MalformedImage,
    );
  });
});

describe('deriveEvents: sessions', () => {
  it('a new session is SessionPublished; the programme item yields nothing', () => {
    expect(deriveEvents('sessions', undefined, session())).toEqual([
      { name: 'SessionPublished', data: { sessionId: 's-1', sessionVersion: 1 } },
    ]);
    expect(deriveEvents('sessions', undefined, { pk: 'PROGRAMME#p', sk: 'PROGRAMME', type: 'programme' })).toEqual([]);
  });

  it('a moved date is SessionRescheduled with the old and new timing', () => {
    const events = deriveEvents('sessions', session(), session({ date: '2027-04-30', version: 2 }));
    expect(events).toEqual([
      {
        name: 'SessionRescheduled',
        data: {
          sessionId: 's-1',
          sessionVersion: 2,
          previous: { date: '2027-04-23', startTime: '16:00', endTime: '17:30' },
          current: { date: '2027-04-30', startTime: '16:00', endTime: '17:30' },
        },
      },
    ]);
  });

  it('a moved start or end time is SessionRescheduled', () => {
    expect(names(deriveEvents('sessions', session(), session({ startTime: '15:00', version: 2 })))).toEqual([
      'SessionRescheduled',
    ]);
    expect(names(deriveEvents('sessions', session(), session({ endTime: '18:00', version: 2 })))).toEqual([
      'SessionRescheduled',
    ]);
  });

  it('a time that was to be decided and is now set is SessionTimeConfirmed (not also a reschedule)', () => {
    const before = session({ startTime: null, endTime: null });
    expect(names(deriveEvents('sessions', before, session({ version: 2 })))).toEqual(['SessionTimeConfirmed']);
    expect(names(deriveEvents('sessions', before, session({ version: 2, date: '2027-05-01' })))).toEqual([
      'SessionTimeConfirmed',
    ]);
  });

  it('a set, changed or removed location is SessionLocationChanged', () => {
    const changed = deriveEvents('sessions', session(), session({ location: { name: 'Bibliotheek' }, version: 2 }));
    expect(changed).toEqual([
      {
        name: 'SessionLocationChanged',
        data: {
          sessionId: 's-1',
          sessionVersion: 2,
          previous: { name: 'Buurthuis', address: 'Straat 1' },
          current: { name: 'Bibliotheek' },
        },
      },
    ]);
    expect(names(deriveEvents('sessions', session({ location: null }), session({ version: 2 })))).toEqual([
      'SessionLocationChanged',
    ]);
  });

  it('date and location moved together give both events', () => {
    const events = deriveEvents('sessions', session(), session({ date: '2027-05-07', location: null, version: 2 }));
    expect(names(events)).toEqual(['SessionRescheduled', 'SessionLocationChanged']);
  });

  it('status → cancelled is SessionCancelled alone, and nothing after that', () => {
    const cancelled = session({ status: 'cancelled', version: 2, date: '2027-05-07' });
    expect(deriveEvents('sessions', session(), cancelled)).toEqual([
      { name: 'SessionCancelled', data: { sessionId: 's-1', sessionVersion: 2 } },
    ]);
    expect(deriveEvents('sessions', cancelled, { ...cancelled, confirmedCount: 0 })).toEqual([]);
  });

  it('counter-only changes (seats, waiting list, tickets) yield no event', () => {
    const before = session();
    expect(deriveEvents('sessions', before, session({ confirmedCount: 4 }))).toEqual([]);
    expect(deriveEvents('sessions', before, session({ waitlistCount: 2, waitlistSeq: 7 }))).toEqual([]);
    expect(deriveEvents('sessions', before, session({ location: { name: 'Buurthuis', address: 'Straat 1' } }))).toEqual(
      [],
    );
  });
});

describe('deriveEvents: organiser messages (announcements)', () => {
  const announcement = (overrides: Image = {}): Image => ({
    pk: 'SESSION#s-1',
    sk: 'ANNOUNCEMENT#2027-03-01T10:00:00.000Z#a-1',
    type: 'announcement',
    id: 'a-1',
    sessionId: 's-1',
    sessionVersion: 2,
    subject: 'Neem je laptop mee',
    body: 'Beste deelnemer,\n\nNeem je laptop mee.',
    language: null,
    createdAt: '2027-03-01T10:00:00.000Z',
    createdBy: 'organiser-sub',
    ...overrides,
  });

  it('a new announcement is AnnouncementPosted, with ids only (no subject, body or author)', () => {
    const events = deriveEvents('sessions', undefined, announcement());

    expect(events).toEqual([{ name: 'AnnouncementPosted', data: { sessionId: 's-1', announcementId: 'a-1' } }]);
    const json = JSON.stringify(events);
    for (const text of ['laptop', 'organiser-sub', 'Beste']) expect(json).not.toContain(text);
  });

  it('a changed or removed announcement yields nothing: it is mailed once, when written', () => {
    expect(deriveEvents('sessions', announcement(), announcement({ subject: 'Anders' }))).toEqual([]);
    expect(deriveEvents('sessions', announcement(), undefined)).toEqual([]);
  });

  it('an announcement image without ids is a poison record', () => {
    expect(() => deriveEvents('sessions', undefined, announcement({ id: undefined }))).toThrow(MalformedImage);
    expect(() => deriveEvents('sessions', undefined, announcement({ sessionId: 42 }))).toThrow(MalformedImage);
  });

  it('the derived event passes the catalogue and is routed to the mail queue', () => {
    const [pending] = deriveEvents('sessions', undefined, announcement());
    if (!pending) throw new Error('no event');

    const event = newEvent(pending, 'ev-1', new Date(0));
    const detail = JSON.parse(JSON.stringify({ metadata: event.metadata, data: event.data }));

    expect(parseEventDetail('stadsgesprekken.sessions', 'AnnouncementPosted', detail)).toEqual(event);
    const routed = routingRules.filter((r) => r.eventPattern['detail-type'].includes('AnnouncementPosted'));
    expect(routed.map((r) => [r.eventPattern.source, r.target])).toEqual([
      [['stadsgesprekken.sessions'], 'mail-queue'],
    ]);
  });
});

describe('the catalogue and the routing rules', () => {
  it('every routed detail-type is in the catalogue with the right source', () => {
    const ours = routingRules.filter((r) => !r.eventPattern.source.includes('aws.ses'));
    for (const rule of ours) {
      for (const type of rule.eventPattern['detail-type']) {
        expect(eventNames).toContain(type);
        expect(rule.eventPattern.source).toContain(catalogue[type as keyof typeof catalogue].source);
      }
    }
    const ses = routingRules.filter((r) => r.eventPattern.source.includes('aws.ses'));
    expect(ses).toEqual([
      expect.objectContaining({
        eventPattern: { source: ['aws.ses'], 'detail-type': ['Email Bounced', 'Email Complaint Received'] },
        target: 'mail-queue',
      }),
    ]);
    expect(new Set(routingRules.map((r) => r.name)).size).toBe(routingRules.length);
    for (const r of routingRules) expect(r.name).toMatch(/^[a-z][a-z0-9-]*$/);
  });

  it('every mail-worthy event reaches the mail queue', () => {
    const mailed = new Set(
      routingRules.filter((r) => r.target === 'mail-queue').flatMap((r) => r.eventPattern['detail-type']),
    );
    // RegistrationHeld only plans a schedule; mail jobs (ScheduledMailRequested and the fan-outs'
    // requests) are put on the mail queue itself (SendMessageBatch), never on the bus, so no rule needs to carry them.
    const offBus = new Set<string>(['RegistrationHeld', ...mailJobNames]);
    for (const n of eventNames.filter((n) => !offBus.has(n))) expect(mailed.has(n)).toBe(true);
    expect(mailed.has('ScheduledMailRequested')).toBe(false);
  });

  it('round-trips an event through its detail and refuses a wrong version or data', () => {
    const e = newEvent(
      { name: 'RegistrationConfirmed', data: { registrationId: 'r', sessionId: 's' } },
      'id-0',
      new Date(0),
    );
    const detail = JSON.parse(JSON.stringify({ metadata: e.metadata, data: e.data }));
    expect(parseEventDetail('stadsgesprekken.registrations', 'RegistrationConfirmed', detail)).toEqual(e);
    expect(() =>
      parseEventDetail('stadsgesprekken.registrations', 'RegistrationConfirmed', {
        ...detail,
        metadata: { ...detail.metadata, version: 2 },
      }),
    ).toThrow(/version/);
    expect(() =>
      parseEventDetail('stadsgesprekken.registrations', 'RegistrationConfirmed', { ...detail, data: {} }),
    ).toThrow(/registrationId/);
    expect(() => parseEventDetail('stadsgesprekken.sessions', 'RegistrationConfirmed', detail)).toThrow(/source/);
  });
});
