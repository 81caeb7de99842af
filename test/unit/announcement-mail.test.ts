import { describe, expect, it } from 'vitest';
import type { Announcement } from '../../shared/domain/announcement';
import { renderEmail } from '../../shared/domain/email/content';
import type { RawEmail } from '../../shared/domain/email/mime';
import type { Registration } from '../../shared/domain/model';
import { type DomainEvent, newEvent } from '../../shared/events/catalogue';
import type { BusEntry } from '../../shared/ports/event-publisher';
import type { MailerDeps } from '../../shared/usecases/mail/deps';
import { handleMailEvent } from '../../shared/usecases/mail/handle-mail-event';
import { anOrganiser, aProgramme, aRegistration, aSession } from '../support/builders';

/** The mailer's handling of organiser messages, over in-memory ports (no I/O). */

const session = aSession();
const anAnnouncement = (overrides: Partial<Announcement> = {}): Announcement => ({
  id: 'ann-1',
  sessionId: session.id,
  sessionVersion: session.version,
  subject: 'Neem je laptop mee',
  body: 'Beste deelnemers,\n\nNeem je laptop mee.',
  language: null,
  createdAt: '2027-02-01T10:00:00.000Z',
  createdBy: 'organiser-sub',
  ...overrides,
});

function fakeMailer(registrations: Registration[], announcement: Announcement | null, suppressed: string[] = []) {
  const published: BusEntry[] = [];
  const sent: RawEmail[] = [];
  const ledger = new Map<string, 'claimed' | 'sent'>();
  const deps: MailerDeps = {
    sessions: {
      get: async (id) => (id === session.id ? session : null),
      getProgramme: async () => aProgramme(),
    } as Partial<MailerDeps['sessions']> as MailerDeps['sessions'],
    registrations: {
      get: async (_s, id) => registrations.find((r) => r.id === id) ?? null,
      listForSession: async () => registrations,
      waitlistPosition: async () => null,
    } as Partial<MailerDeps['registrations']> as MailerDeps['registrations'],
    suppressions: {
      isSuppressed: async (hash) => suppressed.includes(hash),
    } as Partial<MailerDeps['suppressions']> as MailerDeps['suppressions'],
    ledger: {
      claim: async (id, entry) => {
        const key = `${id}/${entry}`;
        if (ledger.get(key) === 'sent') return 'already-sent';
        ledger.set(key, 'claimed');
        return 'claimed';
      },
      markSent: async (id, entry) => {
        ledger.set(`${id}/${entry}`, 'sent');
      },
      release: async (id, entry) => {
        ledger.delete(`${id}/${entry}`);
      },
    },
    announcements: {
      get: async (sessionId, id) =>
        announcement && announcement.sessionId === sessionId && announcement.id === id ? announcement : null,
    },
    sender: { sendRaw: async () => ({ messageId: `m-${sent.length}` }) },
    // The fan-out's jobs as entries: a job's queue body carries a bus entry's source, detail-type and detail.
    mailQueue: {
      sendBatch: async (entries) => {
        for (const { body } of entries) {
          const job = JSON.parse(body);
          published.push({
            source: job.source,
            detailType: job['detail-type'],
            detail: JSON.stringify(job.detail),
            time: new Date(job.time),
          });
        }
        return { failed: [] };
      },
    },
    render: renderEmail,
    compose: async (email) => {
      sent.push(email);
      return Buffer.from(email.subject);
    },
    clock: { now: () => new Date('2027-02-01T10:00:05Z') },
    links: { manage: (id) => `https://stadsgesprekken.example.org/manage/${id}` },
    organiser: anOrganiser(),
    uidDomain: 'stadsgesprekken.example.org',
  };
  return { deps, published, sent, ledger };
}

const posted = (announcementId = 'ann-1'): DomainEvent =>
  newEvent({ name: 'AnnouncementPosted', data: { sessionId: session.id, announcementId } }, 'ev-9', new Date(0));

const requestFor = (registrationId: string, announcementId = 'ann-1'): DomainEvent =>
  newEvent(
    {
      name: 'AnnouncementMailRequested',
      data: { registrationId, sessionId: session.id, announcementId, causationId: 'ev-9' },
    },
    `ev-9/${registrationId}`,
    new Date(0),
  );

const people = [
  aRegistration({ id: 'r-nl', language: 'nl', status: 'confirmed', emailHash: 'h-nl' }),
  aRegistration({ id: 'r-en', language: 'en', status: 'waitlisted', emailHash: 'h-en' }),
  aRegistration({ id: 'r-gone', language: 'en', status: 'cancelled', emailHash: 'h-gone' }),
  aRegistration({ id: 'r-erased', language: 'nl', status: 'confirmed', anonymisedAt: '2027-01-20T00:00:00Z' }),
];

describe('mailing an organiser message', () => {
  it('fans out one request per live registrant, with deterministic ids and ids only', async () => {
    const { deps, published } = fakeMailer(people, anAnnouncement());

    const outcome = await handleMailEvent(deps, posted());

    expect(outcome).toEqual({ result: 'fanned-out', requests: 2 });
    expect(published.map((e) => [e.source, e.detailType])).toEqual([
      ['stadsgesprekken.mailer', 'AnnouncementMailRequested'],
      ['stadsgesprekken.mailer', 'AnnouncementMailRequested'],
    ]);
    const details = published.map((e) => JSON.parse(e.detail));
    expect(details.map((d) => [d.metadata.eventId, d.data.registrationId])).toEqual([
      ['ev-9/r-nl', 'r-nl'],
      ['ev-9/r-en', 'r-en'],
    ]);
    expect(published.map((e) => e.detail).join()).not.toContain('laptop');
  });

  it('fans a language-bound message out only to registrants who chose that language', async () => {
    const { deps, published } = fakeMailer(people, anAnnouncement({ language: 'en' }));

    await handleMailEvent(deps, posted());

    expect(published.map((e) => JSON.parse(e.detail).data.registrationId)).toEqual(['r-en']);
  });

  it('sends nothing for a message that no longer exists', async () => {
    const { deps, published, sent } = fakeMailer(people, null);

    expect(await handleMailEvent(deps, posted())).toEqual({ result: 'skipped', why: 'not-applicable' });
    expect(await handleMailEvent(deps, requestFor('r-nl'))).toEqual({ result: 'skipped', why: 'not-applicable' });
    expect(published).toEqual([]);
    expect(sent).toEqual([]);
  });

  it('sends each registrant the message once, under the ledger entry announcement#<id>', async () => {
    const { deps, sent, ledger } = fakeMailer(people, anAnnouncement());

    const first = await handleMailEvent(deps, requestFor('r-nl'));
    const again = await handleMailEvent(deps, requestFor('r-nl'));

    expect(first).toEqual({ result: 'sent', messageId: 'm-1' });
    expect(again).toEqual({ result: 'skipped', why: 'already-sent' });
    expect(ledger.get('r-nl/announcement#ann-1')).toBe('sent');
    expect(sent).toHaveLength(1);
    expect(sent[0]?.subject).toBe('Neem je laptop mee');
    expect(sent[0]?.text).toContain('Neem je laptop mee.');
    expect(sent[0]?.calendar).toBeUndefined();
  });

  it('refuses a request for someone the message is not for: cancelled, erased, suppressed or another language', async () => {
    const { deps, sent } = fakeMailer(people, anAnnouncement({ language: 'nl' }), ['h-nl']);

    const outcomes = await Promise.all(
      ['r-gone', 'r-erased', 'r-nl', 'r-en'].map((id) => handleMailEvent(deps, requestFor(id))),
    );

    expect(outcomes).toEqual([
      { result: 'skipped', why: 'not-applicable' },
      { result: 'skipped', why: 'registration-gone' },
      { result: 'skipped', why: 'suppressed' },
      { result: 'skipped', why: 'not-applicable' },
    ]);
    expect(sent).toEqual([]);
  });
});
