import { anonymousKinds } from '../../domain/email/templates/registry';
import type { Registration, Session } from '../../domain/model';
import { log } from '../../log';
import { applicable, reaches, scheduledApplicable } from './applicable';
import {
  DEFAULT_LEASE_MS,
  InconsistentData,
  type MailerDeps,
  MailInProgress,
  type MailJob,
  type MailOutcome,
} from './deps';
import { emailInputFor } from './email-input';

/** Kinds that carry the person link when the registrant has one (a programme registration). */
const WITH_PERSON_LINK = new Set<MailJob['kind']>(['registration-confirmed', 'registration-waitlisted']);

/** The person link of the registrant in the session's programme, for the kinds that show it. */
async function personLinkFor(
  deps: MailerDeps,
  kind: MailJob['kind'],
  reg: Registration,
  session: Session,
): Promise<string | null> {
  if (!deps.people || !deps.links.person || !WITH_PERSON_LINK.has(kind)) return null;
  const person = await deps.people.get(session.programmeId, reg.emailHash);
  return person ? deps.links.person(person.id) : null;
}

/**
 * One mail to one registrant, sent at most once per (registration, kind, occasion):
 * claim the ledger entry (a conditional write), send, mark it sent.
 *
 * The one window that remains: SES accepted the message, then this attempt died (timeout,
 * crash) before marking the entry sent. After the lease runs out a redelivery claims the entry
 * again and the registrant gets the mail twice. No ledger can close that window without SES
 * taking part in the transaction; the lease keeps it to crashes in the few milliseconds between
 * SES's answer and the ledger write. A send that fails for certain gives its claim back at once.
 */
export async function mailRegistrant(deps: MailerDeps, job: MailJob): Promise<MailOutcome> {
  const entry = `${job.kind}#${job.occasion}`;
  const reg = await deps.registrations.get(job.sessionId, job.registrationId);
  // An erased registration (privacy) has no one left to mail: as good as gone.
  if (!reg || reg.anonymisedAt) {
    log('info', 'mail skipped: registration gone', { registrationId: job.registrationId, kind: job.kind });
    return { result: 'skipped', why: 'registration-gone' };
  }
  if (job.announcement && !reaches(job.announcement, reg)) {
    log('info', 'mail skipped: the message is for another language', { registrationId: reg.id, kind: job.kind });
    return { result: 'skipped', why: 'not-applicable' };
  }
  const session = await deps.sessions.get(job.sessionId);
  if (!session) throw new InconsistentData(`session ${job.sessionId} of registration ${reg.id} not found`);
  const programme = await deps.sessions.getProgramme(session.programmeId);
  if (!programme) throw new InconsistentData(`programme ${session.programmeId} not found`);
  const stillApplies =
    job.kind === 'reminder' || job.kind === 'feedback-request'
      ? await scheduledApplicable(deps, job.kind, reg, session, programme)
      : applicable(job.kind, reg, session);
  if (!stillApplies) {
    log('info', 'mail skipped: no longer applicable', { registrationId: reg.id, kind: job.kind, status: reg.status });
    return { result: 'skipped', why: 'not-applicable' };
  }
  if (await deps.suppressions.isSuppressed(reg.emailHash, reg.consentAt)) {
    log('info', 'mail skipped: address suppressed', { registrationId: reg.id, kind: job.kind });
    return { result: 'skipped', why: 'suppressed' };
  }
  const waitlistPosition = await deps.registrations.waitlistPosition(reg);

  const now = deps.clock.now();
  const claim = await deps.ledger.claim(reg.id, entry, now, deps.leaseMs ?? DEFAULT_LEASE_MS);
  if (claim === 'already-sent') return { result: 'skipped', why: 'already-sent' };
  if (claim === 'in-progress') throw new MailInProgress(entry);

  let messageId: string;
  try {
    const person = await personLinkFor(deps, job.kind, reg, session);
    const content = deps.render(emailInputFor(deps, job, reg, session, programme, waitlistPosition, person));
    const raw = await deps.compose({
      from: { name: deps.organiser.name, address: deps.organiser.email },
      // No display name on mail to an unconfirmed address: it would be text the registrant typed.
      to: { name: anonymousKinds.has(job.kind) ? '' : reg.name, address: reg.email },
      subject: content.subject,
      text: content.text,
      html: content.html,
      ...(content.calendar ? { calendar: content.calendar } : {}),
      ...(content.checkInQr ? { checkInQr: content.checkInQr } : {}),
      headers: { 'X-Stadsgesprekken-Mail': `${reg.id}/${entry}` },
      date: now,
    });
    ({ messageId } = await deps.sender.sendRaw({ from: deps.organiser.email, to: reg.email, raw }));
  } catch (e) {
    await deps.ledger.release(reg.id, entry);
    throw e;
  }
  await deps.ledger.markSent(reg.id, entry, messageId, deps.clock.now());
  log('info', 'mail sent', { registrationId: reg.id, kind: job.kind, occasion: job.occasion, messageId });
  return { result: 'sent', messageId };
}
