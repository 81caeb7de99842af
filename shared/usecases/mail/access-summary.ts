import { renderAccessSummary } from '../../domain/email/access-summary';
import type { EventData } from '../../events/catalogue';
import { log } from '../../log';
import { sessionAccessNeeds } from '../organiser/access-needs';
import { DEFAULT_LEASE_MS, InconsistentData, type MailerDeps, MailInProgress, type MailOutcome } from './deps';

/** The ledger's key of mails about a session rather than to a registrant. */
export const sessionMailKey = (sessionId: string) => `SESSION#${sessionId}`;

/**
 * A session's "to arrange" summary to its organisers (`inclusion.organiserEmail`, else the sender
 * address), sent at most once per (session, occasion) through the same ledger as registrant mails:
 * a repeated job, a retried batch or a second firing finds the entry sent. Nothing goes when the
 * programme stopped asking access needs, or when nobody asked for anything.
 */
export async function mailAccessSummary(
  deps: MailerDeps,
  job: EventData<'AccessSummaryMailRequested'>,
): Promise<MailOutcome> {
  if (!deps.accessNeeds) throw new InconsistentData('the mailer has no access-needs store');
  const session = await deps.sessions.get(job.sessionId);
  if (!session) return { result: 'skipped', why: 'registration-gone' };
  const programme = await deps.sessions.getProgramme(session.programmeId);
  if (!programme) throw new InconsistentData(`programme ${session.programmeId} not found`);
  if (!programme.inclusion?.accessNeeds || session.status !== 'scheduled') {
    log('info', 'access summary skipped: not applicable', { sessionId: session.id });
    return { result: 'skipped', why: 'not-applicable' };
  }
  const summary = await sessionAccessNeeds(
    { sessions: deps.sessions, registrations: deps.registrations, accessNeeds: deps.accessNeeds, clock: deps.clock },
    session.id,
  );
  const lines = summary.needs.map((l) => ({
    need: l.need,
    label: l.label,
    count: l.count,
    arranged: l.arranged !== null,
    people: l.people,
  }));
  if (!lines.some((l) => l.count > 0)) {
    log('info', 'access summary skipped: nothing asked', { sessionId: session.id });
    return { result: 'skipped', why: 'not-applicable' };
  }
  const to = programme.inclusion.organiserEmail ?? deps.organiser.email;
  const key = sessionMailKey(session.id);
  const entry = `access-summary#${job.occasion}`;
  const now = deps.clock.now();
  const claim = await deps.ledger.claim(key, entry, now, deps.leaseMs ?? DEFAULT_LEASE_MS);
  if (claim === 'already-sent') return { result: 'skipped', why: 'already-sent' };
  if (claim === 'in-progress') throw new MailInProgress(entry);
  let messageId: string;
  try {
    const content = renderAccessSummary({
      session,
      language: 'nl',
      lines,
      ...(deps.links.consoleSession ? { consoleLink: deps.links.consoleSession(session.id) } : {}),
    });
    const raw = await deps.compose({
      from: { name: deps.organiser.name, address: deps.organiser.email },
      to: { name: deps.organiser.name, address: to },
      subject: content.subject,
      text: content.text,
      html: content.html,
      headers: { 'X-Stadsgesprekken-Mail': `${key}/${entry}` },
      date: now,
    });
    ({ messageId } = await deps.sender.sendRaw({ from: deps.organiser.email, to, raw }));
  } catch (e) {
    await deps.ledger.release(key, entry);
    throw e;
  }
  await deps.ledger.markSent(key, entry, messageId, deps.clock.now());
  log('info', 'access summary sent', { sessionId: session.id, occasion: job.occasion, messageId });
  return { result: 'sent', messageId };
}
